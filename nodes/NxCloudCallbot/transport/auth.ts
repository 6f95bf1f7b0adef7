import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { refusePlanBody } from '../../shared/planBody';
import {
	NXCLOUD_AUTH_HEADERS,
	newRequestId,
	parseAlgorithm,
	signNxCloud,
	toWireBody,
	unixSeconds,
} from './signing';

/**
 * What the credential's authenticate does to every request of the NXCLOUD node (the credential
 * class is in credentials/NxCloudCallbotApi.credentials.ts; the signing itself in ./signing.ts).
 */

const AUTH_HEADER_NAMES = new Set(
	[...Object.values(NXCLOUD_AUTH_HEADERS), 'content-type'].map((name) => name.toLowerCase()),
);

/**
 * Signs one request: serializes the body once, signs that exact string and sends that same string.
 *
 * Does not change `requestOptions` (declarative pagination keeps editing the body object between
 * pages). Every call is a new request with a fresh requestID and createTs (the reference asks for a
 * fresh requestID even on retries). Called again on options it already signed (n8n does this when
 * retrying after a 401), it keeps the body string byte for byte, drops the old auth headers and
 * signs again, so there is exactly one valid set of auth headers.
 */
export function signNxCloudRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	// A body that is still a many-items plan is never signed or sent (a programming error).
	refusePlanBody(requestOptions, 'NXCLOUD');
	const uuid = String(credentials.uuid ?? '').trim();
	const secretKey = String(credentials.secretKey ?? '');
	const algorithm = parseAlgorithm(credentials.algorithm) ?? 'MD5';
	const method = String(requestOptions.method ?? 'GET').toUpperCase();
	const withoutBody = method === 'GET' || method === 'HEAD';

	const headers: IDataObject = {};
	for (const [name, value] of Object.entries(requestOptions.headers ?? {})) {
		if (!AUTH_HEADER_NAMES.has(name.toLowerCase())) headers[name] = value;
	}
	const requestID = newRequestId();
	const createTs = unixSeconds();

	const body = toWireBody(requestOptions.body, withoutBody);
	const sign = signNxCloud({ secretKey, body, createTs, requestID, uuid }, algorithm);

	const signed: IHttpRequestOptions = {
		...requestOptions,
		headers: {
			...headers,
			...(withoutBody ? {} : { 'Content-Type': 'application/json' }),
			[NXCLOUD_AUTH_HEADERS.requestID]: requestID,
			[NXCLOUD_AUTH_HEADERS.uuid]: uuid,
			[NXCLOUD_AUTH_HEADERS.createTs]: createTs,
			[NXCLOUD_AUTH_HEADERS.sign]: sign,
			[NXCLOUD_AUTH_HEADERS.algorithm]: algorithm,
		},
		body,
	};
	if (withoutBody) delete signed.body;
	return signed;
}

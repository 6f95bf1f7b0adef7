/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/** The documented request signature: checking a request's signed headers, signing answers. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { EmulatorResponse, ReceivedRequest } from '../http-server';
import { NX_RET, NxApiError, type NxAlgorithm } from './constants';
import type { NxStore } from './store';
import type { Obj } from './types';

function header(request: ReceivedRequest, name: string): string | undefined {
	const value = request.headers[name.toLowerCase()];
	const text = Array.isArray(value) ? value[0] : value;
	return text === undefined || text === '' ? undefined : text;
}

/** The documented signature, computed independently of the package's signing code (raw bytes). */
export function computeSign(
	algorithm: NxAlgorithm,
	secret: string,
	body: Buffer | string,
	createTs: string,
	requestID: string,
	uuid: string,
): string {
	return createHash(algorithm === 'SHA256' ? 'sha256' : 'md5')
		.update(
			Buffer.concat([
				Buffer.from(`${secret}&body=`, 'utf8'),
				typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
				Buffer.from(`&createTs=${createTs}&requestID=${requestID}&uuid=${uuid}`, 'utf8'),
			]),
		)
		.digest('hex')
		.toUpperCase();
}

function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/** Checks the signed headers; returns the algorithm the request was signed with. */
export function verifyAuth(nx: NxStore, request: ReceivedRequest): NxAlgorithm {
	if (header(request, 'content-encoding')) {
		// Emulator choice: the docs do not say whether the sign covers the compressed bytes.
		throw new NxApiError(NX_RET.parameterFormat, 'compressed request bodies are not supported');
	}
	const sign = header(request, 'sign');
	if (!sign) throw new NxApiError(NX_RET.signatureMissing, 'sign header is missing');
	// Header names are case-insensitive: `requestID` (documented) and `requestId` (vendor sample).
	for (const name of ['requestID', 'uuid', 'createTs']) {
		if (!header(request, name)) {
			throw new NxApiError(NX_RET.parameterMissing, `${name} header is missing`);
		}
	}
	const requestID = header(request, 'requestID')!;
	const uuid = header(request, 'uuid')!;
	const createTs = header(request, 'createTs')!;
	if (!/^\d{1,11}$/.test(createTs)) {
		throw new NxApiError(NX_RET.parameterFormat, 'createTs must be a Unix timestamp in seconds');
	}
	const skew = nx.options.maxClockSkewSeconds;
	if (skew !== undefined && Math.abs(nx.nowSeconds() - Number(createTs)) > skew) {
		throw new NxApiError(NX_RET.parameterValue, 'createTs is too far from the server time');
	}
	const algorithmHeader = header(request, 'algorithm');
	let algorithm: NxAlgorithm = 'MD5'; // documented: MD5 when the header is absent
	if (algorithmHeader !== undefined) {
		const upper = algorithmHeader.toUpperCase();
		if (upper !== 'MD5' && upper !== 'SHA256') {
			throw new NxApiError(NX_RET.parameterValue, 'algorithm must be MD5 or SHA256');
		}
		algorithm = upper;
	}
	if (uuid !== nx.uuid) throw new NxApiError(NX_RET.accountNotFound, 'account does not exist');
	if (algorithm !== nx.algorithm) {
		// Emulator choice: the docs do not say what happens when the header and the account disagree.
		throw new NxApiError(
			NX_RET.signatureIncorrect,
			`signature incorrect: this account signs with ${nx.algorithm}, the request used ${algorithm}`,
		);
	}
	const expected = computeSign(algorithm, nx.secret, request.rawBody, createTs, requestID, uuid);
	if (!sameText(expected, sign))
		throw new NxApiError(NX_RET.signatureIncorrect, 'signature incorrect');
	return algorithm;
}

/** Answers HTTP 200 with the JSON body, signed in the response headers (section 2.9). */
export function signedResponse(
	nx: NxStore,
	request: ReceivedRequest,
	body: Obj,
	algorithm: NxAlgorithm,
	mayGzip: boolean,
): EmulatorResponse {
	const text = JSON.stringify(body);
	const requestID = header(request, 'requestID') ?? '';
	const createTs = String(nx.nowSeconds());
	const headers: Record<string, string> = {
		'content-type': 'application/json; charset=utf-8',
		requestID,
		uuid: nx.uuid,
		createTs,
		sign: computeSign(algorithm, nx.secret, text, createTs, requestID, nx.uuid),
		algorithm,
	};
	if (mayGzip && /\bgzip\b/i.test(header(request, 'accept-encoding') ?? '')) {
		headers['content-encoding'] = 'gzip';
		return { status: 200, headers, body: gzipSync(Buffer.from(text, 'utf8')) };
	}
	return { status: 200, headers, body: text };
}

import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { safeEqual } from '../../shared/crypto';
import { headerValue, requestOf } from '../../shared/webhook/request';
import { parseAlgorithm, verifyNxCloudSignature } from '../transport/signing';

/**
 * The `createTs` header in Unix seconds, or undefined when it is not a whole number. The header is
 * documented as seconds; 13 digits are read as milliseconds (tolerated, not documented). The sign
 * covers the header as sent, whatever its unit.
 */
export function createTsSeconds(createTs: string): number | undefined {
	const text = createTs.trim();
	if (!/^\d{1,13}$/.test(text)) return undefined;
	const number = Number(text);
	return text.length === 13 ? number / 1000 : number;
}

export interface VerifiedCallback {
	createTs: string;
	requestID: string;
	uuid: string;
	secretKey: string;
}

/**
 * Checks the callback's signature over the raw bytes exactly as received. Returns why it fails (for
 * the log; the caller only ever sees 401), or the verified header values.
 */
export async function verify(
	ctx: IWebhookFunctions,
	options: IDataObject,
	maxAge: number,
	body: Buffer,
): Promise<{ problem: string } | VerifiedCallback> {
	const request = requestOf(ctx);
	const sign = headerValue(request, 'sign');
	const createTs = headerValue(request, 'createTs');
	const requestID = headerValue(request, 'requestID');
	const uuid = headerValue(request, 'uuid');
	if (!sign || !createTs || !requestID || !uuid) {
		return { problem: 'a signature header (sign, createTs, requestID or uuid) is missing' };
	}
	const seconds = createTsSeconds(createTs);
	if (seconds === undefined) return { problem: 'createTs is not Unix seconds' };
	if (maxAge > 0) {
		const skew = Math.abs(Date.now() / 1000 - seconds);
		if (skew > maxAge) {
			return { problem: `createTs is ${Math.round(skew)} s away from this server's clock` };
		}
	}

	const credentials = await ctx.getCredentials('nxCloudCallbotApi');
	const secretKey = String(credentials.secretKey ?? '');
	if (!secretKey) return { problem: 'the credential has no secret key' };
	if (options.checkUuid !== false && !safeEqual(uuid, String(credentials.uuid ?? '').trim())) {
		return { problem: 'the uuid header is not the credential UUID' };
	}
	const algorithm = parseAlgorithm(credentials.algorithm) ?? 'MD5';
	const matched = verifyNxCloudSignature(
		{ secretKey, body, createTs, requestID, uuid, sign },
		algorithm,
	);
	if (!matched) return { problem: `the sign does not match (algorithm ${algorithm})` };
	return { createTs, requestID, uuid, secretKey };
}

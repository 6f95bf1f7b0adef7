import { createHash, randomUUID } from 'crypto';
import { safeEqual } from '../../shared/crypto';

/**
 * Request signing of the NXCLOUD (NXTele) Callbot API v3 ("Callbot API authorization" page).
 *
 *   authRaw = secretKey + "&body=" + body + "&createTs=" + createTs + "&requestID=" + requestID + "&uuid=" + uuid
 *   sign    = UPPERCASE(hex(MD5(authRaw)))       algorithm MD5 (the default)
 *   sign    = UPPERCASE(hex(SHA256(authRaw)))    algorithm SHA256
 *
 * `body` is the exact request body sent on the wire, `createTs` is Unix seconds as a string, and
 * `createTs`, `requestID` and `uuid` are exactly the header values. Nothing is sorted, escaped or
 * URL-encoded; the string is hashed as UTF-8. NXCLOUD signs its callbacks the same way.
 *
 * Pure functions only: used by the credential, the nodes and the test emulator.
 */

export type NxCloudAlgorithm = 'MD5' | 'SHA256';

export const NXCLOUD_ALGORITHMS: readonly NxCloudAlgorithm[] = ['MD5', 'SHA256'];

/** Header names of the signed request, spelled as the API documents them. */
export const NXCLOUD_AUTH_HEADERS = {
	requestID: 'requestID',
	uuid: 'uuid',
	createTs: 'createTs',
	sign: 'sign',
	algorithm: 'algorithm',
} as const;

export interface NxCloudSigningInput {
	secretKey: string;
	/** The exact body: a string (hashed as UTF-8) or the raw bytes received. */
	body: string | Uint8Array;
	createTs: string;
	requestID: string;
	uuid: string;
}

/**
 * Reads an algorithm name tolerantly ("MD5", "md5", "SHA256", "sha-256"…).
 * Returns undefined for anything else.
 */
export function parseAlgorithm(value: unknown): NxCloudAlgorithm | undefined {
	const normalized = String(value ?? '')
		.trim()
		.toUpperCase()
		.replace(/[-_\s]/g, '');
	if (normalized === 'MD5') return 'MD5';
	if (normalized === 'SHA256') return 'SHA256';
	return undefined;
}

/** The part of the signed string before the body. */
function prefix(secretKey: string): string {
	return `${secretKey}&body=`;
}

/** The part of the signed string after the body. */
function suffix(input: Omit<NxCloudSigningInput, 'secretKey' | 'body'>): string {
	return `&createTs=${input.createTs}&requestID=${input.requestID}&uuid=${input.uuid}`;
}

/** The string to sign (authRaw), for a body given as a string. */
export function buildSigningString(input: NxCloudSigningInput & { body: string }): string {
	return `${prefix(input.secretKey)}${input.body}${suffix(input)}`;
}

/** Uppercase hex digest of the signed string, computed over the exact body bytes. */
export function signNxCloud(
	input: NxCloudSigningInput,
	algorithm: NxCloudAlgorithm = 'MD5',
): string {
	const hash = createHash(algorithm === 'SHA256' ? 'sha256' : 'md5');
	hash.update(prefix(input.secretKey), 'utf8');
	if (typeof input.body === 'string') hash.update(input.body, 'utf8');
	else hash.update(input.body);
	hash.update(suffix(input), 'utf8');
	return hash.digest('hex').toUpperCase();
}

/** Uppercase hex digest of any string (the documented digest step on its own). */
export function digestUpperHex(text: string, algorithm: NxCloudAlgorithm = 'MD5'): string {
	return createHash(algorithm === 'SHA256' ? 'sha256' : 'md5')
		.update(text, 'utf8')
		.digest('hex')
		.toUpperCase();
}

/**
 * Checks a received `sign` (requests or callbacks) over the raw body as received.
 * With `algorithm: 'auto'` both MD5 and SHA256 are tried (callbacks carry no algorithm header; the
 * length of `sign` tells them apart). Returns the algorithm that matched, or undefined.
 */
export function verifyNxCloudSignature(
	input: NxCloudSigningInput & { sign: string },
	algorithm: NxCloudAlgorithm | 'auto' = 'auto',
): NxCloudAlgorithm | undefined {
	const candidates = algorithm === 'auto' ? NXCLOUD_ALGORITHMS : [algorithm];
	for (const candidate of candidates) {
		if (safeEqual(signNxCloud(input, candidate), String(input.sign ?? ''))) return candidate;
	}
	return undefined;
}

/** A fresh request ID: 32 lowercase hex characters, like the vendor sample's `uuid4().hex`. */
export function newRequestId(): string {
	return randomUUID().replace(/-/g, '');
}

/** Unix time in whole seconds, as the string the `createTs` header carries. */
export function unixSeconds(milliseconds: number = Date.now()): string {
	return String(Math.floor(milliseconds / 1000));
}

function isJsonText(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

/**
 * The body string to sign and send for a request body as a node built it: serialized once with
 * JSON.stringify. A body that is already a string is kept as is (it was serialized before, e.g. by
 * a previous signing of the same request). `withoutBody` (GET/HEAD) gives the empty string; an absent
 * body of any other method gives "{}", as the API takes a JSON object everywhere.
 *
 * The result always matches the bytes n8n's HTTP client (axios, JSON content type) puts on the wire:
 * axios sends a JSON string trimmed and re-serializes a non-JSON string, so both are normalized here.
 */
export function toWireBody(body: unknown, withoutBody = false): string {
	if (withoutBody) return '';
	if (body === undefined || body === null || body === '') return '{}';
	if (body instanceof Uint8Array) return toWireBody(Buffer.from(body).toString('utf8'));
	if (typeof body === 'string') return isJsonText(body) ? body.trim() : JSON.stringify(body);
	return JSON.stringify(body);
}

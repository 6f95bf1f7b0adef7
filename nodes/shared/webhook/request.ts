import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/**
 * Reading the request n8n hands a webhook trigger: headers, query parameters, the content type and
 * the raw JSON body, parsed from the bytes received; and reading the parsed payload's fields.
 */

/**
 * The parts of n8n's express request a trigger reads. n8n keeps the raw bytes in `rawBody` when it
 * read them; `readRawBody()` (n8n's rawBodyReader middleware) reads them on demand when it did not.
 */
export interface WebhookRequest {
	headers: Record<string, string | string[] | undefined>;
	query?: Record<string, unknown>;
	rawBody?: Buffer;
	body?: unknown;
	readRawBody?: () => Promise<void>;
}

/** The parts of n8n's express response a trigger uses to answer by itself. */
export interface WebhookResponse {
	status(code: number): WebhookResponse;
	json(body: unknown): unknown;
	send(body: string): unknown;
}

export function requestOf(ctx: IWebhookFunctions): WebhookRequest {
	return ctx.getRequestObject() as unknown as WebhookRequest;
}

/** One header value (names are case-insensitive); undefined when absent or sent more than once. */
export function headerValue(request: WebhookRequest, name: string): string | undefined {
	const wanted = name.trim().toLowerCase();
	if (!wanted) return undefined;
	for (const [key, value] of Object.entries(request.headers ?? {})) {
		if (key.toLowerCase() !== wanted) continue;
		return typeof value === 'string' ? value : undefined;
	}
	return undefined;
}

/** One query parameter value; undefined when absent or given more than once. */
export function queryValue(request: WebhookRequest, name: string): string | undefined {
	const value = (request.query ?? {})[name];
	return typeof value === 'string' ? value : undefined;
}

export type ParsedBody =
	| { ok: true; value: IDataObject }
	| { ok: false; reason: 'empty' | 'malformed' | 'notObject' };

/**
 * Parses the raw bytes received (UTF-8, a leading BOM allowed) as one JSON object. Never the body
 * n8n parsed: what is used is exactly what was checked.
 */
export function parseJsonObject(raw: Buffer): ParsedBody {
	const text = raw.toString('utf8').replace(/^\uFEFF/, '');
	if (!text.trim()) return { ok: false, reason: 'empty' };
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { ok: false, reason: 'malformed' };
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return { ok: false, reason: 'notObject' };
	}
	return { ok: true, value: value as IDataObject };
}

// ---------------------------------------------------------------- content type and raw bytes

/**
 * Whether the Content-Type is JSON: `application/json` or `application/<anything>+json`, with no
 * charset or a UTF-8 one (JSON is UTF-8, RFC 8259). Anything else (no header, form posts,
 * multipart, text, another charset) is refused.
 */
export function isJsonContentType(header: string | string[] | undefined): boolean {
	if (typeof header !== 'string') return false;
	const [type, ...parameters] = header.split(';');
	const mediaType = type.trim().toLowerCase();
	if (
		mediaType !== 'application/json' &&
		!/^application\/[a-z0-9!#$&^_.-]+\+json$/.test(mediaType)
	) {
		return false;
	}
	for (const parameter of parameters) {
		const [name, ...rest] = parameter.split('=');
		if (name.trim().toLowerCase() !== 'charset') continue;
		const charset = rest
			.join('=')
			.trim()
			.replace(/^"(.*)"$/, '$1')
			.toLowerCase();
		if (charset !== 'utf-8' && charset !== 'utf8') return false;
	}
	return true;
}

/**
 * The raw bytes of a JSON delivery, exactly as received, or undefined when the delivery is not
 * JSON or n8n kept no raw bytes (it skips multipart bodies). When n8n did not read the body yet (it
 * reads it only for some content types), it is read here through n8n's own reader.
 */
export async function rawJsonBody(request: WebhookRequest): Promise<Buffer | undefined> {
	if (!isJsonContentType(headerValue(request, 'content-type'))) return undefined;
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') {
		await request.readRawBody();
	}
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
}

/** A string value of a payload field, or '' when it is not a string or number. */
export function textOf(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}

export function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

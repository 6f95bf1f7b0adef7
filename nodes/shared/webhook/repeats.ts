import { createHash } from 'crypto';
import type {
	IDataObject,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

/**
 * Helpers shared by the webhook trigger nodes: reading the request n8n hands over, answering it
 * directly (rejections), parsing the raw body, comparing secrets in constant time, and remembering
 * recent deliveries to drop repeats.
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

/**
 * Answers the request right away with `status` and a JSON body, and tells n8n that the node has
 * answered and that no workflow starts.
 */
export function answerAndStop(
	ctx: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	const res = ctx.getResponseObject() as unknown as WebhookResponse;
	res.status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * The last resort of a trigger's webhook(): logs the problem (never the request) and answers 500
 * when nothing was sent yet, so no error reaches n8n unhandled and no workflow starts.
 */
export function answerUnexpectedError(
	ctx: IWebhookFunctions,
	trigger: string,
	error: unknown,
): IWebhookResponseData {
	ctx.logger.error(
		`${trigger} could not handle a delivery: ${error instanceof Error ? error.message : String(error)}`,
	);
	try {
		const res = ctx.getResponseObject() as unknown as WebhookResponse & { headersSent?: boolean };
		if (!res.headersSent) res.status(500).json({ message: 'Internal error' });
	} catch (answerError) {
		ctx.logger.error(`${trigger} could not answer: ${(answerError as Error).message}`);
	}
	return { noWebhookResponse: true };
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

export const UNSUPPORTED_MEDIA_TYPE_MESSAGE =
	'Send the body as JSON with Content-Type: application/json (UTF-8)';

/**
 * Answers 500 to a delivery that cannot be checked because the trigger is misconfigured, and logs
 * the problem (the message must not contain a secret). Nothing starts.
 */
export function answerConfigurationError(
	ctx: IWebhookFunctions,
	trigger: string,
	problem: string,
	body: IDataObject,
): IWebhookResponseData {
	ctx.logger.error(`${trigger} refused a delivery because of its configuration: ${problem}`);
	return answerAndStop(ctx, 500, body);
}

export const BODY_ERRORS: Record<'empty' | 'malformed' | 'notObject', string> = {
	empty: 'The request body is empty',
	malformed: 'The request body is not valid JSON',
	notObject: 'The request body is not a JSON object',
};

export const REDACTED = '[redacted]';

/** One hex digit of a percent-escape, in either case. */
function hexDigitPattern(digit: string): string {
	return /[a-f]/i.test(digit) ? `[${digit.toLowerCase()}${digit.toUpperCase()}]` : digit;
}

/** A byte as a percent-escape, in any case, encoded once or more (`%2F`, `%2f`, `%252F`, …). */
function escapedBytePattern(byte: number): string {
	const hex = byte.toString(16).padStart(2, '0');
	return `%(?:25)*${hexDigitPattern(hex[0])}${hexDigitPattern(hex[1])}`;
}

/**
 * A pattern that finds a secret however a header value spells it: each character as is or
 * percent-encoded (its UTF-8 bytes, upper- or lowercase hex, encoded once or several times, any
 * mix of encoded and plain characters), a space also as `+`. This covers encodeURIComponent,
 * encodeURI, form encoding, proxies that encode more or fewer characters, and double encoding.
 */
function secretPattern(secret: string): string {
	let pattern = '';
	for (const char of secret) {
		const bytes = [...Buffer.from(char, 'utf8')];
		const alternatives = [
			char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
			bytes.map(escapedBytePattern).join(''),
		];
		if (char === ' ') alternatives.push('\\+');
		pattern += `(?:${alternatives.join('|')})`;
	}
	return pattern;
}

/** One regular expression that finds any of the secrets in any spelling, longest secret first. */
function secretMatcher(secrets: string[]): RegExp | undefined {
	const patterns = [...new Set(secrets.filter(Boolean))]
		.sort((a, b) => b.length - a.length)
		.map(secretPattern);
	return patterns.length ? new RegExp(patterns.join('|'), 'g') : undefined;
}

/** Percent-decodes a query parameter name, repeatedly and safely ('' when it is not valid). */
function decodedName(name: string): string {
	let current = name.replace(/\+/g, ' ');
	for (let round = 0; round < 5 && current.includes('%'); round++) {
		try {
			const next = decodeURIComponent(current);
			if (next === current) break;
			current = next;
		} catch {
			return '';
		}
	}
	return current;
}

/**
 * Replaces the value of every query parameter named in `names` (its name compared after
 * percent-decoding) in a URL-like text, wherever a `?`, `&` or `;` starts a parameter.
 */
function redactQueryParameters(value: string, names: Set<string>): string {
	if (!names.size) return value;
	return value.replace(/([?&;])([^=&;#?\s]+)=([^&;#\s]*)/g, (whole, start: string, name: string) =>
		names.has(decodedName(name)) ? `${start}${name}=${REDACTED}` : whole,
	);
}

/**
 * The request headers for the output: the ones named in `hide` (case-insensitive) say only
 * "[redacted]"; in every other header value, the value of a query parameter named in
 * `secretParameters` (e.g. `x-original-uri`, `x-forwarded-uri` or `referer` carrying `?secret=…`)
 * and every occurrence of a secret in any spelling (see `secretPattern`) read "[redacted]".
 */
export function outputHeaders(
	request: WebhookRequest,
	hide: string[] = [],
	secrets: string[] = [],
	secretParameters: string[] = [],
): IDataObject {
	const hidden = new Set(hide.map((name) => name.trim().toLowerCase()).filter(Boolean));
	const matcher = secretMatcher(secrets);
	const parameters = new Set(secretParameters.filter(Boolean));
	// The secret first: a secret with `&` or `#` would otherwise be cut where a parameter ends.
	const redact = (text: string) =>
		redactQueryParameters(matcher ? text.replace(matcher, REDACTED) : text, parameters);
	const headers: IDataObject = {};
	for (const [key, value] of Object.entries(request.headers ?? {})) {
		if (value === undefined) continue;
		if (hidden.has(key.toLowerCase())) {
			headers[key] = REDACTED;
			continue;
		}
		headers[key] = Array.isArray(value)
			? value.map((entry) => redact(String(entry)))
			: redact(String(value));
	}
	return headers;
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

// ---------------------------------------------------------------- repeated deliveries

/**
 * Recently seen delivery keys, per trigger node (scope), in memory of this n8n process only: a
 * restart forgets them, and separate processes (queue mode webhook processes, several mains) do
 * not share them.
 *
 * Each scope keeps its keys for the window, in arrival order, so the oldest are at the front and
 * pruning stops at the first key still inside the window. No timers: pruning happens when a
 * delivery arrives. Beyond `maxEntries` the oldest keys are forgotten first, except keys younger
 * than `protectSeconds` (the window a trigger must remember, e.g. NXCLOUD's replay window): those
 * are never forgotten early. A scope holds at most REPEAT_HARD_CEILING keys; when that many are all
 * protected, a new delivery is answered 'full' (the trigger refuses it) rather than forgetting one.
 */
const MAX_SCOPES = 1000;

interface Scope {
	keys: Map<string, number>;
	/** Until when the scope holds protected keys: a scope is not dropped for others before. */
	protectedUntil: number;
}

const seen = new Map<string, Scope>();

export interface RepeatWindow {
	windowSeconds: number;
	maxEntries: number;
	/** Keys younger than this are never forgotten to make room (at most `windowSeconds`). */
	protectSeconds?: number;
}

export const DEFAULT_REPEAT_WINDOW: RepeatWindow = { windowSeconds: 600, maxEntries: 1000 };

/** Upper bounds for the node options, so one node cannot hold an unbounded amount of memory. */
export const MAX_REPEAT_WINDOW_SECONDS = 7 * 24 * 3600;
export const MAX_REPEAT_ENTRIES = 100_000;

/**
 * The most keys one scope holds, protected ones included (64-character digests: about 14 MB). A
 * trigger that would need more refuses new deliveries (503) instead of forgetting.
 */
export const REPEAT_HARD_CEILING = 100_000;

export function repeatWindowFromOptions(options: IDataObject): RepeatWindow {
	const clamp = (value: unknown, fallback: number, max: number) => {
		const number = Math.floor(Number(value));
		return Number.isFinite(number) && number >= 1 ? Math.min(number, max) : fallback;
	};
	return {
		windowSeconds: clamp(
			options.repeatWindow,
			DEFAULT_REPEAT_WINDOW.windowSeconds,
			MAX_REPEAT_WINDOW_SECONDS,
		),
		maxEntries: clamp(
			options.repeatMaxEntries,
			DEFAULT_REPEAT_WINDOW.maxEntries,
			MAX_REPEAT_ENTRIES,
		),
	};
}

/** The memory scope of one trigger node: workflow, node and mode (test and production apart). */
export function repeatScope(ctx: IWebhookFunctions): string {
	const node = ctx.getNode();
	return [ctx.getWorkflow().id ?? '', node.id ?? node.name, ctx.getMode()].join('|');
}

/** What the repeat memory made of a delivery. */
export type RepeatCheck = 'new' | 'repeat' | 'full';

/**
 * Whether `key` was already seen in `scope` within the window ('repeat'); remembers it when not
 * ('new'), or, when the scope holds REPEAT_HARD_CEILING keys that are all protected, neither
 * remembers nor accepts it ('full'). A repeat does not renew the key's time, so the window counts
 * from the first delivery.
 */
export function checkDelivery(
	scope: string,
	key: string,
	{ windowSeconds, maxEntries, protectSeconds = 0 }: RepeatWindow,
	now: number = Date.now(),
): RepeatCheck {
	// Callers pass digests; anything longer is hashed so that a key never costs more than 64 bytes.
	if (key.length > 64) key = createHash('sha256').update(key, 'utf8').digest('hex');
	let entry = seen.get(scope);
	if (entry) {
		// Most recently used scope last, so the least recently used one goes first.
		seen.delete(scope);
	} else {
		entry = { keys: new Map(), protectedUntil: 0 };
		// Drop the least recently used scopes, but none that still holds protected keys.
		for (const [name, other] of seen) {
			if (seen.size < MAX_SCOPES) break;
			if (other.protectedUntil <= now) seen.delete(name);
		}
	}
	seen.set(scope, entry);
	const { keys } = entry;

	const oldest = now - windowSeconds * 1000;
	for (const [storedKey, time] of keys) {
		if (time > oldest) break;
		keys.delete(storedKey);
	}
	const time = keys.get(key);
	if (time !== undefined && time > oldest) return 'repeat';
	keys.delete(key);

	// Make room: the oldest first, but never a key still inside the protected window.
	const protectMs = Math.max(0, Math.min(protectSeconds, windowSeconds)) * 1000;
	const protectedSince = now - protectMs;
	for (const [storedKey, storedTime] of keys) {
		if (keys.size < maxEntries) break;
		if (protectMs > 0 && storedTime > protectedSince) break;
		keys.delete(storedKey);
	}
	if (keys.size >= REPEAT_HARD_CEILING) return 'full';
	keys.set(key, now);
	if (protectMs > 0) entry.protectedUntil = Math.max(entry.protectedUntil, now + protectMs);
	return 'new';
}

/**
 * Whether a delivery must not start the workflow because of the repeat memory: a repeat, or a
 * memory that is full of protected keys (see `checkDelivery`). Remembers a new key.
 */
export function isRepeat(
	scope: string,
	key: string,
	window: RepeatWindow,
	now: number = Date.now(),
): boolean {
	return checkDelivery(scope, key, window, now) !== 'new';
}

/**
 * The repeat options of a trigger's Options collection. `noun` is what the trigger receives
 * ("callback", "delivery"); `sameKeys` says which fields make two of them the same; `keptNote` is
 * added to the Remembered Deliveries description (e.g. what is never forgotten early).
 */
export function repeatOptions(
	noun: string,
	plural: string,
	sameKeys: string,
	keptNote = '',
): INodeProperties[] {
	return [
		{
			displayName: 'Drop Repeated Deliveries',
			name: 'dropRepeats',
			type: 'boolean',
			default: true,
			description: `Whether to acknowledge and ignore a ${noun} already received within the window (${sameKeys}). Remembered in the memory of this n8n process only.`,
		},
		{
			displayName: 'Remembered Deliveries',
			name: 'repeatMaxEntries',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_REPEAT_ENTRIES },
			default: 1000,
			description: `At most this many ${plural} are remembered for Drop Repeated Deliveries; the oldest are forgotten first${keptNote}`,
		},
		{
			displayName: 'Repeat Window (Seconds)',
			name: 'repeatWindow',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_REPEAT_WINDOW_SECONDS },
			default: 600,
			description: `How long a ${noun} is remembered for Drop Repeated Deliveries, counted from its first arrival`,
		},
	];
}

/** Options in alphabetical order, as n8n lists them. */
export function alphabetical(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** What a trigger made of an authenticated, parsed delivery. */
export interface ClassifiedDelivery {
	event: string;
	payload: IDataObject;
	/** The delivery's digest (deliveryDigest): the same delivery sent again has the same key. */
	deliveryKey: string;
}

export interface StartOptions {
	/** Header names whose value is a secret: shown as "[redacted]" in Include Headers. */
	hiddenHeaders?: string[];
	/** Secret values to redact wherever they appear in a header value, in any spelling. */
	secrets?: string[];
	/** Query parameter names whose value is redacted in any URL-like header value. */
	secretParameters?: string[];
	/**
	 * The repeat memory lasts at least this long (e.g. to cover a replay window), and keys younger
	 * than this are never forgotten to make room: when REPEAT_HARD_CEILING of them fill the memory,
	 * new deliveries are refused with 503 (fail closed) rather than a key forgotten.
	 */
	minRepeatWindowSeconds?: number;
	/** The trigger's name, for the log. */
	trigger?: string;
	/** The body of the 503 answer when the repeat memory is full. */
	busyBody?: IDataObject;
}

export const BUSY_MESSAGE = 'Too many deliveries to check for repeats: send again later';

/** The metadata fields a trigger adds to each output item. */
export const TRIGGER_METADATA_KEY = '_trigger';

/**
 * The output item: the payload as it is, with the trigger's metadata under `_trigger` and, for
 * the workflows written before, `event`, `receivedAt` and (Include Headers) `headers` at the top
 * level too. A payload field of the same name always wins: metadata never overwrites the payload.
 */
export function outputItem(payload: IDataObject, metadata: IDataObject): IDataObject {
	// Spread copies own properties as data properties (a "__proto__" key stays a plain key).
	const json: IDataObject = { ...payload };
	for (const name of ['event', 'receivedAt', 'headers']) {
		if (metadata[name] === undefined || Object.prototype.hasOwnProperty.call(json, name)) continue;
		json[name] = metadata[name];
	}
	if (!Object.prototype.hasOwnProperty.call(json, TRIGGER_METADATA_KEY)) {
		json[TRIGGER_METADATA_KEY] = metadata;
	}
	return json;
}

/**
 * The last steps of a trigger, after authentication and parsing: a delivery of an event that is
 * not selected, or a repeat (Drop Repeated Deliveries, on unless turned off), is acknowledged and
 * starts nothing; any other starts the workflow with one item (outputItem).
 */
export function startOrAcknowledge(
	ctx: IWebhookFunctions,
	delivery: ClassifiedDelivery,
	acknowledgement: IWebhookResponseData['webhookResponse'],
	startOptions: StartOptions = {},
): IWebhookResponseData {
	const events = ctx.getNodeParameter('events', []) as string[];
	if (!events.includes(delivery.event)) return { webhookResponse: acknowledgement };

	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const window = repeatWindowFromOptions(options);
	const minimum = startOptions.minRepeatWindowSeconds ?? 0;
	if (Number.isFinite(minimum) && minimum > 0) {
		const seconds = Math.min(Math.ceil(minimum), MAX_REPEAT_WINDOW_SECONDS);
		window.windowSeconds = Math.max(window.windowSeconds, seconds);
		window.protectSeconds = seconds;
	}
	if (options.dropRepeats !== false) {
		const check = checkDelivery(repeatScope(ctx), delivery.deliveryKey, window);
		if (check === 'repeat') return { webhookResponse: acknowledgement };
		if (check === 'full') {
			// Forgetting a delivery still inside the replay window would let its replay through.
			ctx.logger.error(
				`${startOptions.trigger ?? 'Trigger'} refused a delivery with 503: it already remembers ${REPEAT_HARD_CEILING} deliveries of the last ${window.protectSeconds} s, which cannot be forgotten before their replay window ends`,
			);
			return answerAndStop(ctx, 503, startOptions.busyBody ?? { message: BUSY_MESSAGE });
		}
	}

	const metadata: IDataObject = {
		event: delivery.event,
		receivedAt: new Date().toISOString(),
		deliveryKey: delivery.deliveryKey,
	};
	if (options.includeHeaders === true) {
		metadata.headers = outputHeaders(
			requestOf(ctx),
			startOptions.hiddenHeaders ?? [],
			startOptions.secrets ?? [],
			startOptions.secretParameters ?? [],
		);
	}
	const json = outputItem(delivery.payload, metadata);
	// When a workflow starts, n8n answers with the webhook description's `responseData` (by default
	// the text "firstEntryJson") rather than `webhookResponse`: send the acknowledgement ourselves.
	const res = ctx.getResponseObject() as unknown as WebhookResponse;
	if (typeof acknowledgement === 'string') res.status(200).send(acknowledgement);
	else res.status(200).json(acknowledgement);
	return { noWebhookResponse: true, workflowData: [[{ json }]] };
}

/** Forgets what a scope (or, without one, every scope) has seen. */
export function forgetDeliveries(scope?: string): void {
	if (scope === undefined) seen.clear();
	else seen.delete(scope);
}

/** How many keys a scope remembers (for tests). */
export function rememberedDeliveries(scope: string): number {
	return seen.get(scope)?.keys.size ?? 0;
}

/** The keys a scope remembers (for tests). */
export function rememberedKeys(scope: string): string[] {
	return [...(seen.get(scope)?.keys.keys() ?? [])];
}

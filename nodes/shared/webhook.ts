import { timingSafeEqual } from 'crypto';
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

/** The parts of n8n's express request a trigger reads. n8n keeps the raw bytes in `rawBody`. */
export interface WebhookRequest {
	headers: Record<string, string | string[] | undefined>;
	query?: Record<string, unknown>;
	rawBody?: Buffer;
	body?: unknown;
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

/**
 * Whether two strings are equal, compared in constant time. `timingSafeEqual` throws on inputs of
 * different lengths, hence the length check first (it only tells the length apart).
 */
export function safeEqual(provided: string, expected: string): boolean {
	const a = Buffer.from(provided, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	if (a.length !== b.length) return false;
	return timingSafeEqual(a, b);
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
 * Parses the request body as one JSON object, from the raw bytes when n8n kept them (it always
 * does for POST requests), otherwise from the body n8n parsed.
 */
export function parseJsonObject(request: WebhookRequest): ParsedBody {
	let text: string;
	if (Buffer.isBuffer(request.rawBody)) {
		text = request.rawBody.toString('utf8');
	} else if (typeof request.body === 'string') {
		text = request.body;
	} else if (
		typeof request.body === 'object' &&
		request.body !== null &&
		!Array.isArray(request.body) &&
		Object.keys(request.body).length > 0
	) {
		return { ok: true, value: request.body as IDataObject };
	} else {
		return { ok: false, reason: 'empty' };
	}
	text = text.replace(/^\uFEFF/, '');
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

export const BODY_ERRORS: Record<'empty' | 'malformed' | 'notObject', string> = {
	empty: 'The request body is empty',
	malformed: 'The request body is not valid JSON',
	notObject: 'The request body is not a JSON object',
};

/** The request headers for the output, without the ones named in `hide` (case-insensitive). */
export function outputHeaders(request: WebhookRequest, hide: string[] = []): IDataObject {
	const hidden = new Set(hide.map((name) => name.trim().toLowerCase()).filter(Boolean));
	const headers: IDataObject = {};
	for (const [key, value] of Object.entries(request.headers ?? {})) {
		if (value === undefined || hidden.has(key.toLowerCase())) continue;
		headers[key] = value;
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
 * Each scope keeps at most `maxEntries` keys, none older than the window. Keys are kept in arrival
 * order, so the oldest are at the front and pruning stops at the first key still inside the window.
 * No timers: pruning happens when a delivery arrives.
 */
const MAX_SCOPES = 1000;
const seen = new Map<string, Map<string, number>>();

export interface RepeatWindow {
	windowSeconds: number;
	maxEntries: number;
}

export const DEFAULT_REPEAT_WINDOW: RepeatWindow = { windowSeconds: 600, maxEntries: 1000 };

/** Upper bounds for the node options, so one node cannot hold an unbounded amount of memory. */
export const MAX_REPEAT_WINDOW_SECONDS = 7 * 24 * 3600;
export const MAX_REPEAT_ENTRIES = 100_000;

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

/**
 * Whether `key` was already seen in `scope` within the window; remembers it when not.
 * A repeat does not renew the key's time, so the window counts from the first delivery.
 */
export function isRepeat(
	scope: string,
	key: string,
	{ windowSeconds, maxEntries }: RepeatWindow,
	now: number = Date.now(),
): boolean {
	let keys = seen.get(scope);
	if (keys) {
		// Most recently used scope last, so the least recently used one goes first.
		seen.delete(scope);
	} else {
		keys = new Map();
		while (seen.size >= MAX_SCOPES) seen.delete(seen.keys().next().value as string);
	}
	seen.set(scope, keys);

	const oldest = now - windowSeconds * 1000;
	for (const [storedKey, time] of keys) {
		if (time > oldest) break;
		keys.delete(storedKey);
	}
	const time = keys.get(key);
	if (time !== undefined && time > oldest) return true;
	keys.delete(key);
	keys.set(key, now);
	while (keys.size > maxEntries) keys.delete(keys.keys().next().value as string);
	return false;
}

/**
 * The repeat options of a trigger's Options collection. `noun` is what the trigger receives
 * ("callback", "delivery"); `sameKeys` says which fields make two of them the same.
 */
export function repeatOptions(noun: string, plural: string, sameKeys: string): INodeProperties[] {
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
			description: `At most this many ${plural} are remembered for Drop Repeated Deliveries; the oldest are forgotten first`,
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
	/** The key that identifies repeats of the same delivery; undefined when there is none. */
	key?: string;
}

/**
 * The last steps of a trigger, after authentication and parsing: a delivery of an event that is
 * not selected, or a repeat (Drop Repeated Deliveries, on unless turned off), is acknowledged and
 * starts nothing; any other starts the workflow with the payload, `event`, `receivedAt` and, when
 * asked, the request headers without those named in `hiddenHeaders`.
 */
export function startOrAcknowledge(
	ctx: IWebhookFunctions,
	delivery: ClassifiedDelivery,
	acknowledgement: IWebhookResponseData['webhookResponse'],
	hiddenHeaders: string[] = [],
): IWebhookResponseData {
	const events = ctx.getNodeParameter('events', []) as string[];
	if (!events.includes(delivery.event)) return { webhookResponse: acknowledgement };

	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	if (
		options.dropRepeats !== false &&
		delivery.key !== undefined &&
		isRepeat(repeatScope(ctx), delivery.key, repeatWindowFromOptions(options))
	) {
		return { webhookResponse: acknowledgement };
	}

	const json: IDataObject = {
		...delivery.payload,
		event: delivery.event,
		receivedAt: new Date().toISOString(),
	};
	if (options.includeHeaders === true) json.headers = outputHeaders(requestOf(ctx), hiddenHeaders);
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
	return seen.get(scope)?.size ?? 0;
}

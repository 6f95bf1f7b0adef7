import {
	NodeApiError,
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { deriveIdempotencyKey } from '../../shared/idempotency';
import { nodeError, sendOmicall } from '../transport/request';

/**
 * Exactly once for the OMICall requests that dial and have no idempotency field of their own
 * (click-to-call, plain auto-call): n8n's Retry On Fail must never dial a number twice.
 *
 * Each item's request gets a key from `deriveIdempotencyKey`: the same on every Retry On Fail
 * attempt of the same execution, node, run and item. n8n retries a node inside the loop of
 * `WorkflowExecute.processRunExecutionData` (n8n-core execution-engine/workflow-execute.js, `for
 * (let tryIndex = 0; tryIndex < maxTries; tryIndex++)`), in the process that runs the execution
 * (in queue mode: the worker that took the job), so a map in this process sees every attempt.
 *
 * - A request that was answered with a success: a later attempt sends nothing and outputs the same
 *   answer again with `alreadyStarted: true` (Retry On Fail repeats the whole node, so the items
 *   that succeeded are run again when another item failed).
 * - A request sent without a definite answer (timeout, dropped connection, HTTP 5xx or 429): a
 *   later attempt sends nothing and fails, since OMICall may have dialed.
 * - A definite refusal (an OMICall error envelope, HTTP 4xx) or an input error: a later attempt
 *   sends, as nothing was dialed.
 *
 * What this cannot cover: a re-run from the executions list (a new execution ID, so a new key) and
 * an n8n process that restarts between attempts. docs/retries-and-duplicates.md says so.
 */

/** How long and how many keys are kept: Retry On Fail waits at most 5 s between at most 5 tries. */
export const DIAL_MEMORY = { maxEntries: 10_000, keepMs: 60 * 60 * 1000 };

type Attempt =
	| { state: 'sending' }
	| { state: 'unsure'; reason: string }
	| { state: 'done'; results: IDataObject[] };

const attempts = new Map<string, Attempt & { at: number }>();

/** Forgets every attempt (tests). */
export function forgetDialAttempts(): void {
	attempts.clear();
}

function remember(key: string, attempt: Attempt): void {
	const now = Date.now();
	attempts.delete(key);
	attempts.set(key, { ...attempt, at: now });
	// The map keeps insertion order: the oldest entries come first.
	for (const [oldKey, entry] of attempts) {
		if (attempts.size <= DIAL_MEMORY.maxEntries && now - entry.at < DIAL_MEMORY.keepMs) break;
		attempts.delete(oldKey);
	}
}

function lookup(key: string): Attempt | undefined {
	const entry = attempts.get(key);
	if (entry && Date.now() - entry.at >= DIAL_MEMORY.keepMs) {
		attempts.delete(key);
		return undefined;
	}
	return entry;
}

/**
 * Whether an error proves that OMICall did not take the request: our own input checks, an OMICall
 * error envelope (vendor code) or an HTTP 4xx answer other than 408 and 429. Anything else
 * (timeouts, dropped connections, HTTP 5xx, 429, unknown errors) leaves it open.
 */
export function isDefiniteRefusal(error: unknown): boolean {
	if (error instanceof NodeOperationError) return true;
	if (!(error instanceof NodeApiError)) return false;
	const status = String(error.httpCode ?? '');
	if (/^5\d\d$/.test(status) || status === '429' || status === '408') return false;
	if (error.context?.vendorCode) return true;
	return /^4\d\d$/.test(status);
}

function reasonOf(error: unknown): string {
	const status = (error as NodeApiError)?.httpCode;
	if (status) return `HTTP ${status}`;
	const message = String((error as Error)?.message ?? 'no answer');
	return message.slice(0, 120);
}

export interface DialRequest {
	/** Names the request in keys and messages, e.g. "Click-to-call". */
	label: string;
	/** Where to check whether the earlier attempt dialed, e.g. "call history for 0395187319". */
	check: string;
}

/**
 * The pagination function body of a dialing operation: sends its one request unless an earlier
 * attempt of the same execution, node, run and item sent it (see the header comment).
 */
export async function sendDialOnce(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	request: DialRequest,
): Promise<INodeExecutionData[]> {
	const key = deriveIdempotencyKey(ctx, `omicall-dial|${request.label}`);
	const itemIndex = ctx.getItemIndex();
	const earlier = lookup(key);
	if (earlier?.state === 'done') {
		return earlier.results.map((json) => ({
			json: { ...json, alreadyStarted: true },
			pairedItem: { item: itemIndex },
		}));
	}
	if (earlier) {
		const why =
			earlier.state === 'unsure'
				? `it got no definite answer (${earlier.reason})`
				: 'it has not been answered yet';
		throw new NodeOperationError(
			ctx.getNode(),
			`${request.label} of item ${itemIndex} not redialed: the earlier attempt may have reached OMICall`,
			{
				itemIndex,
				description: `An earlier attempt of this execution (n8n's Retry On Fail) sent this request and ${why}, so OMICall may have dialed already. The node does not send it again. Check the ${request.check} before you start it again (a new execution sends it).`,
			},
		);
	}
	remember(key, { state: 'sending' });
	let items: INodeExecutionData[];
	try {
		items = await sendOmicall(ctx, requestData);
	} catch (error) {
		if (isDefiniteRefusal(error)) attempts.delete(key);
		else remember(key, { state: 'unsure', reason: reasonOf(error) });
		throw nodeError(ctx, error);
	}
	remember(key, { state: 'done', results: items.map((item) => ({ ...item.json })) });
	return items.map((item) => ({ ...item, json: { ...item.json, alreadyStarted: false } }));
}

/**
 * The pagination function of a dialing operation: `sendDialOnce` with `check` made from the
 * request body the preSend built.
 */
export function paginateDialOnce(label: string, check: (body: IDataObject) => string) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const body = (requestData.options.body ?? {}) as IDataObject;
		return await sendDialOnce(this, requestData, { label, check: check(body) });
	};
}

import {
	NodeApiError,
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { sha256Hex } from '../../shared/crypto';
import { idempotencyKeyDeriver } from '../../shared/idempotency';
import { toolCallKey } from '../../shared/toolMode';
import { nodeError, sendOmicall } from '../transport/request';

/**
 * Exactly once for the OMICall requests that have no idempotency field of their own: the ones that
 * dial (Call → Click to Call, Auto-Call → Start by Phone / by Extension) and the CRM writes that
 * create something (Contact → Create, Create Many, Add Note; Ticket → Create). n8n's Retry On Fail
 * runs the whole node again, for every item, after any item failed; a request sent again would dial
 * a number twice or create a second contact, note or ticket.
 *
 * Each request gets a key: the same on every Retry On Fail attempt of the same execution, node, run
 * and item (`idempotencyKeyDeriver`), and, for the CRM writes, of the exact body (each Create Many
 * batch has its own). n8n retries a node inside the loop of `WorkflowExecute.processRunExecutionData`
 * (n8n-core execution-engine/workflow-execute.js, `for (let tryIndex = 0; tryIndex < maxTries;
 * tryIndex++)`), in the process that runs the execution (in queue mode: the worker that took the
 * job), so a map in this process sees every attempt.
 *
 * - Answered with a success: a later attempt sends nothing and outputs the same answer again
 *   (dialing requests mark it `alreadyStarted: true`; a first answer is `alreadyStarted: false`).
 * - Sent without a definite answer (timeout, dropped connection, HTTP 5xx, 408 or 429): a later
 *   attempt sends nothing and fails with an error that says how to check, since OMICall may have
 *   done it.
 * - A definite refusal (an OMICall error envelope, `payload: false`, HTTP 4xx but 408 and 429, an
 *   input error): a later attempt sends, as nothing was done.
 *
 * What this cannot cover: a re-run from the executions list (a new execution ID, so a new key) and
 * an n8n process that restarts between attempts. docs/retries-and-duplicates.md says so.
 */

/** How long and how many keys are kept: Retry On Fail waits at most 5 s between at most 5 tries. */
export const SEND_MEMORY = { maxEntries: 10_000, keepMs: 60 * 60 * 1000 };

type Attempt =
	| { state: 'sending' }
	| { state: 'unsure'; reason: string }
	| { state: 'done'; items: INodeExecutionData[] };

const attempts = new Map<string, Attempt & { at: number }>();

/** Forgets every attempt (tests). */
export function forgetSendAttempts(): void {
	attempts.clear();
}

function remember(key: string, attempt: Attempt): void {
	const now = Date.now();
	attempts.delete(key);
	attempts.set(key, { ...attempt, at: now });
	// The map keeps insertion order: the oldest entries come first.
	for (const [oldKey, entry] of attempts) {
		if (attempts.size <= SEND_MEMORY.maxEntries && now - entry.at < SEND_MEMORY.keepMs) break;
		attempts.delete(oldKey);
	}
}

function lookup(key: string): Attempt | undefined {
	const entry = attempts.get(key);
	if (entry && Date.now() - entry.at >= SEND_MEMORY.keepMs) {
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

/**
 * The earlier attempt's failure in a few words: its HTTP status, else its message (n8n's wording:
 * an error code such as ECONNRESET in a NodeOperationError's message would make n8n replace it).
 */
function reasonOf(error: unknown): string {
	const status = String((error as NodeApiError)?.httpCode ?? '');
	if (/^\d{3}$/.test(status)) return `HTTP ${status}`;
	const message = String((error as Error)?.message || 'no answer');
	return message.slice(0, 120);
}

/**
 * The key of one request of this node run: the same on every Retry On Fail attempt of the same
 * execution, node, run and item; with `body`, also of that exact body. As an AI Agent tool, n8n
 * runs each try of a tool call as a new run of the node (a new run index), so the key comes from
 * the execution and the tool call's parameter values instead (`toolCallKey`): the same on every try.
 */
export function onceKey(
	ctx: IExecuteSingleFunctions,
	scope: string,
	keyBy: { item: true } | { body: unknown },
	itemIndex = ctx.getItemIndex(),
): string {
	const part = 'body' in keyBy ? `|${sha256Hex(JSON.stringify(keyBy.body ?? null))}` : '';
	return idempotencyKeyDeriver(ctx)(`${scope}${part}`, 32, itemIndex, toolCallKey(ctx, itemIndex));
}

export interface SendOnceOptions {
	key: string;
	/** Names the request in the error of an earlier attempt, e.g. "Click-to-call of item 0". */
	what: string;
	/**
	 * `dial`: outputs `alreadyStarted` and says "not redialed"; `create`: outputs the answer as it
	 * is and says "was not sent again".
	 */
	kind: 'dial' | 'create';
	/** How to find out whether the earlier attempt did it (the end of the error's description). */
	howToCheck: string;
	/** The body to send instead of the request options' (Create Many's batches). */
	body?: unknown;
	/** Called when OMICall refused this very request for certain (it did nothing). */
	onRefused?: () => void;
}

function notSentAgain(
	ctx: IExecutePaginationFunctions,
	earlier: Exclude<Attempt, { state: 'done' }>,
	{ what, kind, howToCheck }: SendOnceOptions,
): NodeOperationError {
	const itemIndex = ctx.getItemIndex();
	const reason = earlier.state === 'unsure' ? earlier.reason : 'not answered yet';
	if (kind === 'create') {
		return new NodeOperationError(
			ctx.getNode(),
			`${what} was not sent again: an earlier attempt got no answer from OMICall (${reason})`,
			{
				itemIndex,
				description: `OMICall may have done it, and it has no idempotency key, so sending it again could create a duplicate. ${howToCheck}`,
			},
		);
	}
	const why =
		earlier.state === 'unsure'
			? `it got no definite answer (${reason})`
			: 'it has not been answered yet';
	return new NodeOperationError(
		ctx.getNode(),
		`${what} not redialed: the earlier attempt may have reached OMICall`,
		{
			itemIndex,
			description: `An earlier attempt of this execution (n8n's Retry On Fail) sent this request and ${why}, so OMICall may have dialed already. The node does not send it again. ${howToCheck}`,
		},
	);
}

/** Sends a request at most once per node run (see the header comment). */
export async function sendOnce(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	options: SendOnceOptions,
): Promise<INodeExecutionData[]> {
	const { key, kind, body } = options;
	const dial = kind === 'dial';
	const earlier = lookup(key);
	if (earlier?.state === 'done') {
		const itemIndex = ctx.getItemIndex();
		return earlier.items.map((item) =>
			dial
				? { json: { ...item.json, alreadyStarted: true }, pairedItem: { item: itemIndex } }
				: { ...item, json: { ...item.json } },
		);
	}
	if (earlier) throw notSentAgain(ctx, earlier, options);
	remember(key, { state: 'sending' });
	let items: INodeExecutionData[];
	try {
		const overrides = body === undefined ? {} : { body: body as IHttpRequestOptions['body'] };
		items = await sendOmicall(ctx, requestData, overrides);
	} catch (error) {
		// sendOmicall throws n8n's own error types (NodeApiError, NodeOperationError) only.
		const failure = nodeError(ctx, error);
		if (isDefiniteRefusal(failure)) {
			attempts.delete(key);
			options.onRefused?.();
		} else remember(key, { state: 'unsure', reason: reasonOf(failure) });
		throw failure;
	}
	remember(key, {
		state: 'done',
		items: items.map((item) => ({ ...item, json: { ...item.json } })),
	});
	return dial
		? items.map((item) => ({ ...item, json: { ...item.json, alreadyStarted: false } }))
		: items;
}

/** The pagination function of a create: `sendOnce` keyed by the item and its request body. */
export function sendOncePerRun(scope: string, label: string, howToCheck: string) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		return await sendOnce(this, requestData, {
			key: onceKey(this, scope, { body: requestData.options.body }),
			what: `${label} of item ${this.getItemIndex()}`,
			kind: 'create',
			howToCheck,
		});
	};
}

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
 * - A definite refusal (`isDefiniteRefusal`: our own input checks before the request, an OMICall
 *   error envelope whose code says it was not done, HTTP 4xx but 408, 425 and 429 with a JSON
 *   body): a later attempt sends, as nothing was done.
 * - Anything else is unsure (no code or OMICall's `Unknown`, an answer that is not JSON such as a
 *   proxy's HTML page, HTTP 5xx, 408, 425, 429, a timeout, a dropped connection): a later attempt
 *   sends nothing and fails with an error that says how to check, since OMICall may have done it.
 *
 * The memory is kept per node run (execution, node, run index; an AI Agent tool's calls share one
 * per execution and node): an entry is never forgotten while its run may still retry. A run's
 * memory goes whole when the run has been idle for `SEND_MEMORY.keepMs`, or for `idleMs` when the
 * process holds `maxTotal` entries. An item that cannot be remembered (its run already holds
 * `maxPerRun` entries, or the process `maxTotal` in runs not idle) fails before sending: nothing
 * is sent without protection.
 *
 * What this cannot cover: a re-run from the executions list (a new execution ID, so a new key) and
 * an n8n process that restarts between attempts. docs/retries-and-duplicates.md says so.
 */

/**
 * The limits of the memory, an object so that tests can lower them. Retry On Fail runs the node
 * again at most 5 s after an attempt ended (at most 5 tries), and every attempt touches its run's
 * memory, so a run idle for 10 minutes is over (unless one request of it hangs that long).
 */
export const SEND_MEMORY = {
	/** Requests one node run remembers: the item past it fails ("split the input"). */
	maxPerRun: 10_000,
	/** Requests the process remembers in all runs: past it, idle runs go first. */
	maxTotal: 50_000,
	/** A run untouched this long is dropped when the process holds `maxTotal` entries. */
	idleMs: 10 * 60 * 1000,
	/** A run untouched this long is dropped in any case. */
	keepMs: 60 * 60 * 1000,
};

type Attempt =
	| { state: 'sending' }
	| { state: 'unsure'; reason: string }
	| { state: 'done'; items: INodeExecutionData[] };

interface RunMemory {
	attempts: Map<string, Attempt>;
	touchedAt: number;
}

/** Each node run's attempts, by run, the least recently touched first. */
const runs = new Map<string, RunMemory>();

/** How many attempts the process remembers, in all runs. */
let total = 0;

/** Forgets every attempt (tests). */
export function forgetSendAttempts(): void {
	runs.clear();
	total = 0;
}

/** Drops the runs untouched for `ms` (the map is in touch order: the oldest come first). */
function dropRunsIdleFor(ms: number, now: number): void {
	for (const [id, run] of runs) {
		if (now - run.touchedAt < ms) break;
		runs.delete(id);
		total -= run.attempts.size;
	}
}

/** The run's memory, marked as touched now (and moved to the end of the touch order). */
function touchRun(id: string): RunMemory {
	const now = Date.now();
	dropRunsIdleFor(SEND_MEMORY.keepMs, now);
	const run = runs.get(id) ?? { attempts: new Map<string, Attempt>(), touchedAt: now };
	runs.delete(id);
	run.touchedAt = now;
	runs.set(id, run);
	return run;
}

/** Sets (`attempt`) or deletes (undefined) a key of a run, touching the run. */
function keep(runId: string, key: string, attempt?: Attempt): void {
	const { attempts } = touchRun(runId);
	const had = attempts.has(key);
	if (attempt) attempts.set(key, attempt);
	else attempts.delete(key);
	total += Number(attempts.has(key)) - Number(had);
}

/** Node run IDs by the run's execute data (one object per node run), read once per run. */
const runIds = new WeakMap<object, string>();

/**
 * The node run an attempt belongs to: execution, node and run index, as Retry On Fail keeps them.
 * An AI Agent runs each try of a tool call as a new run (see `toolCallKey`), so a tool's calls
 * share one memory per execution and node.
 */
function runIdOf(ctx: IExecuteSingleFunctions): string {
	const data = ctx.getExecuteData() as object | undefined;
	const known = data ? runIds.get(data) : undefined;
	if (known !== undefined) return known;
	const itemIndex = ctx.getItemIndex();
	const node = ctx.getNode();
	const run = toolCallKey(ctx, itemIndex)
		? 'tool'
		: String(ctx.evaluateExpression('{{ $runIndex }}', itemIndex) ?? 0);
	const id = [ctx.getExecutionId() ?? 'no-execution', node.id ?? node.name, run].join('|');
	if (data) runIds.set(data, id);
	return id;
}

/**
 * The OMICall codes that say a request was not done (REFERENCE §3.5, with `payload_false`, the
 * node's code for OMICall's `payload: false`). The token codes reach here only after the node
 * fetched a new token and OMICall refused it too. Left out, so unsure: `Unknown` ("unspecified
 * error"), `invite_error` ("the invitation failed"), `number_dnc` (per number in a success) and
 * any code OMICall does not document, `unknown_error` (an answer without a code) included.
 */
export const REFUSAL_CODES = new Set([
	...[
		'api_key_is_required api_key_invalid request_body_required',
		'token_expired auth_invalid tenant_disabled individual_package_expired service_package_customer_limit resource_not_found permission_denied rate_limit_exceeded invalid_phone_number source_contact_not_exists',
		'data_is_required tenant_invalid user_not_registered number_call_out_invalid extension_invalid user_busy do_not_call',
		'limit_service limit_word limit_word_session balance_is_not_enough',
		'full_name_is_required identify_info_invalid password_invalid role_is_required agent_exists limit_agent agent_uuid_exists',
		'limit_request_30_minute from_date_is_required to_date_is_required date_invalid date_is_too_long',
		'payload_false',
	].flatMap((codes) => codes.split(' ')),
	'Invalid request',
]);

/** HTTP 4xx statuses that do not say the server did nothing (timeout, too early, rate limit). */
const UNSURE_4XX = new Set(['408', '425', '429']);

/**
 * Whether an error proves that OMICall did not take the request: our own input checks
 * (NodeOperationError, raised before any request; `sendOnce` counts one raised after the request
 * as unsure), an OMICall error envelope with a code of REFUSAL_CODES, or an HTTP 4xx answer other
 * than 408, 425 and 429 whose body is JSON (OMICall's, not a proxy's page). Anything else
 * (unknown or missing codes, bodies that are not JSON, timeouts, dropped connections, HTTP 5xx)
 * leaves it open.
 */
export function isDefiniteRefusal(error: unknown): boolean {
	if (error instanceof NodeOperationError) return true;
	if (!(error instanceof NodeApiError)) return false;
	const status = String(error.httpCode ?? '');
	if (/^5\d\d$/.test(status) || UNSURE_4XX.has(status)) return false;
	const { vendorCode, data } = error.context ?? {};
	if (REFUSAL_CODES.has(String(vendorCode ?? ''))) return true;
	return /^4\d\d$/.test(status) && typeof data === 'object' && data !== null;
}

/**
 * The earlier attempt's failure in a few words: its HTTP status, else its message (n8n's wording:
 * an error code such as ECONNRESET in a NodeOperationError's message would make n8n replace it).
 */
function reasonOf(error: unknown): string {
	const status = String((error as NodeApiError)?.httpCode ?? '');
	const message = String((error as Error)?.message || 'no answer');
	if (/^2\d\d$/.test(status)) return `HTTP ${status}: ${message.slice(0, 100)}`;
	return /^\d{3}$/.test(status) ? `HTTP ${status}` : message.slice(0, 120);
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
			`${what} was not sent again: an earlier attempt got no definite answer from OMICall (${reason})`,
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

/** The error of an item the memory has no room for: not sent, as a retry could not tell it was. */
function noRoom(ctx: IExecutePaginationFunctions, what: string, full: 'run' | 'process') {
	const [perRun, limit] = [SEND_MEMORY.maxPerRun, SEND_MEMORY.maxTotal].map((n) =>
		n.toLocaleString('en-US'),
	);
	const holds =
		full === 'run'
			? `this run already holds ${perRun} requests`
			: `this n8n process already holds ${limit} requests of runs that may still be retried`;
	const message =
		full === 'run'
			? 'too many requests in one run for Retry On Fail protection; split the input'
			: 'too many requests in this n8n process for Retry On Fail protection';
	return new NodeOperationError(ctx.getNode(), `${what} was not sent: ${message}`, {
		itemIndex: ctx.getItemIndex(),
		description: `The node remembers every request it sends so that n8n's Retry On Fail never sends one twice, and ${holds}. Nothing was sent for this item. ${full === 'run' ? 'Split' : 'Run it again in a few minutes, or split'} the input into runs of at most ${perRun} items (e.g. with a Loop Over Items node).`,
	});
}

/** Throws `noRoom` when the run or the process cannot remember one more request. */
function checkRoom(ctx: IExecutePaginationFunctions, run: RunMemory, what: string): void {
	if (run.attempts.size >= SEND_MEMORY.maxPerRun) throw noRoom(ctx, what, 'run');
	if (total < SEND_MEMORY.maxTotal) return;
	dropRunsIdleFor(SEND_MEMORY.idleMs, Date.now());
	if (total >= SEND_MEMORY.maxTotal) throw noRoom(ctx, what, 'process');
}

/** Sends a request at most once per node run (see the header comment). */
export async function sendOnce(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	options: SendOnceOptions,
): Promise<INodeExecutionData[]> {
	const { key, kind, body, what } = options;
	const dial = kind === 'dial';
	const runId = runIdOf(ctx);
	const run = touchRun(runId);
	const earlier = run.attempts.get(key);
	if (earlier?.state === 'done') {
		const itemIndex = ctx.getItemIndex();
		return earlier.items.map((item) =>
			dial
				? { json: { ...item.json, alreadyStarted: true }, pairedItem: { item: itemIndex } }
				: { ...item, json: { ...item.json } },
		);
	}
	if (earlier) throw notSentAgain(ctx, earlier, options);
	checkRoom(ctx, run, what);
	keep(runId, key, { state: 'sending' });
	// Whether the request left: an error before it (our own checks) is a refusal whatever its type.
	let requested = false;
	const watched = Object.create(ctx, {
		makeRoutingRequest: {
			value: async (data: DeclarativeRestApiSettings.ResultOptions) => {
				requested = true;
				return await ctx.makeRoutingRequest(data);
			},
		},
	}) as IExecutePaginationFunctions;
	let items: INodeExecutionData[];
	try {
		const overrides = body === undefined ? {} : { body: body as IHttpRequestOptions['body'] };
		items = await sendOmicall(watched, requestData, overrides);
	} catch (error) {
		// sendOmicall throws n8n's own error types (NodeApiError, NodeOperationError) only.
		const failure = nodeError(ctx, error);
		const refused =
			!requested || (!(failure instanceof NodeOperationError) && isDefiniteRefusal(failure));
		if (refused) {
			keep(runId, key);
			options.onRefused?.();
		} else keep(runId, key, { state: 'unsure', reason: reasonOf(failure) });
		throw failure;
	}
	keep(runId, key, {
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

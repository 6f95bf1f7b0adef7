import {
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { sha256Hex } from '../../../../shared/crypto';
import { derivedIds } from '../../../../shared/plan';
import { DIAL_MEMORY, isDefiniteRefusal } from '../../../shared/dialGuard';
import { nodeError, sendOmicall } from '../../../transport/request';

/**
 * Exactly once for the OMICall CRM writes that create something (Contact → Create, Create Many,
 * Add Note; Ticket → Create). OMICall has no idempotency field for them: a request sent again
 * creates a second contact, note or ticket. n8n's Retry On Fail runs the whole node again, for
 * every item, after any item failed. So each request is remembered for the node run (workflow,
 * execution, node, run index, item and the exact body; the same on every Retry On Fail attempt):
 *
 * - answered with success: a later attempt outputs the same answer and sends nothing;
 * - refused by OMICall (an error code, `payload: false`, an HTTP 4xx but 408 and 429: the test of
 *   the dialing operations, `isDefiniteRefusal` in ../../../shared/dialGuard.ts): nothing was
 *   created, a later attempt sends it again;
 * - no definite answer (timeout, dropped connection, HTTP 5xx, 408, 429): OMICall may have created
 *   it. A later attempt does not send it blindly: it fails with an error that says so and how to
 *   check (the Partner ID and Partner Code of a contact find it with Contact → Get).
 *
 * The memory is this process's (a retry runs in the same process, see dialGuard.ts), with the
 * dialing operations' limits (DIAL_MEMORY). Keys are per body, so each Create Many batch has its
 * own. Not covered: a re-run from the executions list (another execution) and a restart.
 */

type Outcome =
	| { state: 'done'; items: INodeExecutionData[]; at: number }
	| { state: 'unknown'; reason: string; at: number };

const outcomes = new Map<string, Outcome>();

function remember(key: string, outcome: Outcome): void {
	outcomes.delete(key);
	outcomes.set(key, outcome);
	for (const [old, kept] of outcomes) {
		if (outcomes.size <= DIAL_MEMORY.maxEntries && Date.now() - kept.at < DIAL_MEMORY.keepMs) break;
		outcomes.delete(old);
	}
}

/** The key of one request of this node run (the same on every Retry On Fail attempt). */
export function onceKey(
	ctx: IExecutePaginationFunctions,
	scope: string,
	body: unknown,
	itemIndex = ctx.getItemIndex(),
): string {
	return derivedIds(ctx)(`${scope}|${sha256Hex(JSON.stringify(body ?? null))}`, 32, itemIndex, '');
}

/**
 * Sends a request that creates something at most once per node run (see above). `what` names it
 * in the error of an unanswered earlier attempt, e.g. `Contact of item 2`; `howToCheck` says how
 * to find out whether it was created.
 */
export async function sendOnce(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	{
		key,
		what,
		howToCheck,
		body,
	}: { key: string; what: string; howToCheck: string; body?: unknown },
): Promise<INodeExecutionData[]> {
	const known = outcomes.get(key);
	if (known?.state === 'done')
		return known.items.map((item) => ({ ...item, json: { ...item.json } }));
	if (known?.state === 'unknown') {
		throw new NodeOperationError(
			ctx.getNode(),
			`${what} was not sent again: an earlier attempt got no answer from OMICall (${known.reason})`,
			{
				itemIndex: ctx.getItemIndex(),
				description: `OMICall may have done it, and it has no idempotency key, so sending it again could create a duplicate. ${howToCheck}`,
			},
		);
	}
	try {
		const overrides = body === undefined ? {} : { body: body as IHttpRequestOptions['body'] };
		const items = await sendOmicall(ctx, requestData, overrides);
		remember(key, { state: 'done', items, at: Date.now() });
		return items;
	} catch (error) {
		// sendOmicall throws n8n's own error types (NodeApiError, NodeOperationError) only.
		const failure = nodeError(ctx, error);
		if (!isDefiniteRefusal(failure)) {
			const reason = failure.message || 'no answer';
			remember(key, { state: 'unknown', reason: reason.slice(0, 200), at: Date.now() });
		}
		throw failure;
	}
}

/** A pagination function that sends the item's request once per node run (see `sendOnce`). */
export function sendOncePerRun(scope: string, label: string, howToCheck: string) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		return await sendOnce(this, requestData, {
			key: onceKey(this, scope, requestData.options.body),
			what: `${label} of item ${this.getItemIndex()}`,
			howToCheck,
		});
	};
}

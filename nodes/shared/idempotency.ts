import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { sha256Hex } from './crypto';

/**
 * Idempotency keys: the IDs derived for campaigns, tasks and orders, so that a retry or a repeated
 * event never starts the same calls twice.
 */

/**
 * A key that is the same on every attempt of the same node run for the same item (so n8n's Retry
 * On Fail sends the same value), and different for another execution, node, run or item.
 * `itemIndex` names another item than the current one (e.g. in "one contact per input item" mode,
 * where the first item sends the request for all of them).
 *
 * With a user's `idempotencyKey` (the node's Idempotency Key option, e.g. a CRM event ID), the key
 * depends only on the workflow, the node, that key and `scope`: not on the execution, run or item,
 * so re-running a failed execution ("Retry" in the executions list), or the same event arriving
 * again, derives the same IDs, and the vendor refuses the second campaign, task or order.
 */
export function deriveIdempotencyKey(
	ctx: IExecuteSingleFunctions,
	scope: string,
	length = 24,
	itemIndex = ctx.getItemIndex(),
	idempotencyKey = '',
): string {
	return idempotencyKeyDeriver(ctx)(scope, length, itemIndex, idempotencyKey);
}

/** One key for a group of items' Idempotency Keys (e.g. the one campaign of many input items). */
export function combineIdempotencyKeys(keys: string[]): string {
	if (keys.length === 1) return keys[0];
	if (keys.some((key) => !key)) return '';
	return sha256Hex(JSON.stringify([...keys].sort()));
}

/** The Idempotency Key option of operations that start calls (read per item with `asText`). */
export const idempotencyKeyOption: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	placeholder: 'e.g. {{ $json.eventId }}',
	description:
		'A value that identifies what this call is for, e.g. the CRM event ID. The campaign, task and order IDs are derived from it, so the same event can never start a second campaign or dial a number twice, even when a failed execution is retried from the executions list. Leave empty to derive them from the execution (safe only for Retry On Fail).',
};

/**
 * `deriveIdempotencyKey` for many IDs of one node run: the run-level facts (workflow, node,
 * execution, run index) are read once, not once per ID (the run index is an expression).
 */
export function idempotencyKeyDeriver(
	ctx: IExecuteSingleFunctions,
): (scope: string, length: number, itemIndex: number, idempotencyKey: string) => string {
	// Read on first use: getNode() copies the node, and most items of a many-items run derive nothing.
	let workflowId: string | undefined;
	let nodeId: string | undefined;
	let runIndex: number | undefined;
	return (scope, length, itemIndex, idempotencyKey) => {
		if (nodeId === undefined) {
			const node = ctx.getNode();
			workflowId = ctx.getWorkflow().id ?? '';
			nodeId = node.id ?? node.name;
		}
		let source: string;
		if (idempotencyKey) {
			source = [workflowId, nodeId, 'key', idempotencyKey, scope].join('|');
		} else {
			runIndex ??= Number(ctx.evaluateExpression('{{ $runIndex }}', ctx.getItemIndex()) ?? 0);
			source = [
				workflowId,
				ctx.getExecutionId() ?? 'no-execution',
				nodeId,
				runIndex,
				itemIndex,
				scope,
			].join('|');
		}
		return `n8n${sha256Hex(source).slice(0, length)}`;
	};
}

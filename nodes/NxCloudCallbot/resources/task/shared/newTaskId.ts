import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { deriveIdempotencyKey } from '../../../../shared/idempotency';
import { checkedId } from '../../../shared/ids';
import { idempotencyKeyFor } from '../../../shared/numbersInput';

/** The "Task ID" option of the operations that create a task. */
export const newTaskIdOption: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	default: '',
	placeholder: 'e.g. crm-campaign-0001',
	description:
		'Your ID for the new task (userTaskID), unique in the account. Leave empty to derive one from the Idempotency Key, or else from the execution, node and item, so Retry On Fail cannot create the task twice.',
};

/**
 * The task ID of a new task: the user's own, or one derived from the Idempotency Key
 * (`idempotencyKey`, the key of all the items the task covers), or else from execution, node and
 * item.
 */
export function newTaskId(
	ctx: IExecuteSingleFunctions,
	itemIndex = ctx.getItemIndex(),
	idempotencyKey = idempotencyKeyFor(ctx, ctx.getItemIndex()),
): { userTaskID: string; derived: boolean } {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const own = checkedId(ctx, options.taskId, 'Task ID');
	if (own) return { userTaskID: own, derived: false };
	return {
		userTaskID: deriveIdempotencyKey(ctx, 'nxcloud.task', 29, itemIndex, idempotencyKey),
		derived: true,
	};
}

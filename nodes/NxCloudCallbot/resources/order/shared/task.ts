import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { inputError } from '../../../../shared/input';
import { parameterForItem } from '../../../../shared/items';
import { checkedId, locatorValue, TASK_ID_FIX } from '../../../shared/ids';

/** The task of one item, read for any item ("One Number per Input Item" mode). */
export function taskIdForItem(ctx: IExecuteSingleFunctions, itemIndex: number): string {
	const value = checkedId(
		ctx,
		locatorValue(parameterForItem(ctx, 'taskId', itemIndex, '')),
		'Task ID',
		itemIndex,
	);
	if (!value) inputError(ctx, 'Task ID', 'is empty', TASK_ID_FIX, itemIndex);
	return value;
}

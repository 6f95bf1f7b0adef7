import type { IDisplayOptions, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { inputError, optionalId } from '../../shared/input';
import { splitList } from '../../shared/lists';

/**
 * The Task ID field of operations on an existing task: a resource locator, From List (listTask,
 * `searchTasks` in ../methods/tasks.ts) or By ID. A plain text value (workflows saved before the
 * field was a locator, or set by an expression) is read as the ID.
 */
export function taskIdField(show: IDisplayOptions['show'], description?: string): INodeProperties {
	return {
		displayName: 'Task ID',
		name: 'taskId',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description:
			description ??
			'The task (your userTaskID, as given or derived when the task was created): pick it from the list or enter its ID',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a task...',
				typeOptions: { searchListMethod: 'searchTasks', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. n8n5f2c0e6a9b1d4c7e8f0a2b3c4d5e6',
			},
		],
		displayOptions: { show },
	};
}

/** The value of a resource locator (`{ __rl, mode, value }`), or the value itself. */
export function locatorValue(value: unknown): unknown {
	if (value !== null && typeof value === 'object' && '__rl' in value && 'value' in value) {
		return (value as { value: unknown }).value;
	}
	return value;
}

/**
 * The Task ID of Order → Get Many, Call → Get Many and Batch → Export, one entry for the three
 * (they define it the same way): n8n's routing engine resolves a parameter once per description
 * entry with its name, per item, whether the entry is displayed or not. Every resource has one
 * operation among Get Many and Export, so no other operation shows it. In the node it comes after
 * the Operation fields of Order, Call and Batch.
 */
export const readTaskIdField: INodeProperties = taskIdField({
	resource: ['order', 'call', 'batch'],
	operation: ['getAll', 'export'],
});

export const TASK_ID_FIX = 'Enter the ID of the task (userTaskID).';

/**
 * Longest userTaskID / orderID the node sends. NXCLOUD documents no maximum (it suggests UUIDs,
 * 32 hex characters); 64 is assumed [inferred] so that an ID that is clearly not an ID (e.g. a whole
 * JSON object mapped by mistake) is refused before anything is sent.
 */
export const MAX_ID_LENGTH = 64;

/**
 * An ID (userTaskID, orderID) as text: '' when empty; an input error naming the field and item when
 * it is an object or array, `.` or `..`, has control characters or is longer than MAX_ID_LENGTH.
 */
export function checkedId(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	itemIndex = ctx.getItemIndex(),
): string {
	const id = optionalId(ctx, value, label, 'Enter the ID as NXCLOUD knows it.', itemIndex);
	if (id.length > MAX_ID_LENGTH) {
		inputError(
			ctx,
			label,
			`is ${id.length} characters long`,
			`Use an ID of at most ${MAX_ID_LENGTH} characters, e.g. a UUID.`,
			itemIndex,
		);
	}
	return id;
}

/** The Task ID of operations on an existing task, or an input error when it is empty or not an ID. */
export function requiredTaskId(
	ctx: IExecuteSingleFunctions,
	itemIndex = ctx.getItemIndex(),
): string {
	const id = checkedId(ctx, ctx.getNodeParameter('taskId', '', { extractValue: true }), 'Task ID');
	if (!id) inputError(ctx, 'Task ID', 'is empty', TASK_ID_FIX, itemIndex);
	return id;
}

/**
 * A required ID parameter (e.g. the script template's sceneID): checked like every ID
 * (`checkedId`: not an object or list, not `..`, not too long), and not empty.
 */
export function requiredId(
	ctx: IExecuteSingleFunctions,
	name: string,
	label: string,
	fix: string,
): string {
	const id = checkedId(ctx, ctx.getNodeParameter(name, '', { extractValue: true }), label);
	if (!id) inputError(ctx, label, 'is empty', fix);
	return id;
}

/**
 * A list of IDs (comma- or newline-separated text, or an array): each checked like an ID, so an
 * object in the list is refused instead of being sent as "[object Object]".
 */
export function idList(ctx: IExecuteSingleFunctions, value: unknown, label: string): string[] {
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
		checkedId(ctx, value, label);
	}
	return (Array.isArray(value) ? value : splitList(value))
		.map((part) => checkedId(ctx, part, label))
		.filter((part) => part !== '');
}

import type { IDisplayOptions, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { asText, inputError, optionalId, toEpochMs } from '../../shared/input';

/** Every endpoint lives under this path (reference 4.0). */
export const NXCLOUD_API = '/callcentre/api/v3';

/** `productID` is always this constant. */
export const PRODUCT_ID = 'callbot';

/** Documented (listOrderDetail): at most 500 order IDs per request. Also used for stopOrder (undocumented there). */
export const MAX_ORDER_IDS_PER_REQUEST = 500;

/**
 * Numbers (callList entries) per createAndCall / addBatchCall / importBatchCall request. The API
 * documents no maximum, only retCode 4001 when there are too many, so by default (0, automatic) the
 * node starts with AUTO_NUMBERS_PER_REQUEST and halves a request refused with 4001 until NXCLOUD
 * accepts it (nodes/NxCloudCallbot/shared/orders.ts, sendGroup). A fixed size can be set per node.
 */
export const DEFAULT_NUMBERS_PER_REQUEST = 0;

/** The first request size of the automatic mode. */
export const AUTO_NUMBERS_PER_REQUEST = 2000;

/** The vendor code of a request with too many array elements. */
export const OVER_CAPACITY_CODE = 4001;

/** Page size for the list endpoints (the documented examples use 100; no maximum is documented). */
export const PAGE_SIZE = 100;

/** The documented task statuses (listTask). */
export const TASK_STATUSES: Array<{ name: string; value: number }> = [
	{ name: 'Pending Start', value: 1 },
	{ name: 'Running', value: 2 },
	{ name: 'Completed', value: 3 },
	{ name: 'Finished (Failed)', value: 4 },
	{ name: 'Paused', value: 5 },
];

export function taskStatusName(value: unknown): string | undefined {
	return TASK_STATUSES.find((status) => status.value === Number(value))?.name;
}

/** The Task ID field of operations on an existing task. */
export function taskIdField(show: IDisplayOptions['show'], description?: string): INodeProperties {
	return {
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. n8n5f2c0e6a9b1d4c7e8f0a2b3c4d5e6',
		description:
			description ??
			'Your ID of the task (userTaskID), as given or derived when the task was created',
		displayOptions: { show },
	};
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

/** Splits a comma- or newline-separated text (or passes an array through) into trimmed values. */
export function splitList(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	const parts = Array.isArray(value) ? value : String(value).split(/[,\n]/);
	return parts.map((part) => asText(part)).filter((part) => part !== '');
}

/** A comma-separated list of integers, or an input error naming the field. */
export function integerList(ctx: IExecuteSingleFunctions, value: unknown, label: string): number[] {
	return splitList(value).map((part) => {
		if (!/^-?\d+$/.test(part)) {
			inputError(
				ctx,
				label,
				`contains "${part}", which is not a whole number`,
				'Enter whole numbers separated by commas, e.g. 1, 2.',
			);
		}
		return Number(part);
	});
}

/** The text value of a required parameter, or an input error when it is empty. */
export function requiredText(
	ctx: IExecuteSingleFunctions,
	name: string,
	label: string,
	fix: string,
): string {
	const value = asText(ctx.getNodeParameter(name, ''));
	if (!value) inputError(ctx, label, 'is empty', fix);
	return value;
}

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

/** Whether a text is an http(s) URL. */
export function isHttpUrl(value: string): boolean {
	return /^https?:\/\/[^\s/]+\S*$/i.test(value);
}

/** A callback URL field's value: empty, or an http(s) URL. */
export function callbackUrl(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	itemIndex = ctx.getItemIndex(),
): string {
	const url = asText(value);
	if (url && !isHttpUrl(url)) {
		inputError(
			ctx,
			label,
			`"${url}" is not an http(s) URL`,
			'Enter a full URL such as https://example.com/nxcloud/order, or leave the field empty.',
			itemIndex,
		);
	}
	return url;
}

/** Unix seconds of a date filter, or an input error. */
export function filterSeconds(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const millis = toEpochMs(value, ctx.getTimezone());
	if (millis === undefined) {
		inputError(
			ctx,
			label,
			`"${String(value)}" is not a date`,
			'Pick a date and time, or remove the filter.',
		);
	}
	return Math.floor(millis / 1000);
}

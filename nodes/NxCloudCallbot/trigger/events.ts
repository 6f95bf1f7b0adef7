import type { IDataObject } from 'n8n-workflow';
import { isPlainObject, textOf } from '../../shared/webhook/request';

/**
 * The callbacks NXCLOUD posts (NXCLOUD pages Callbot-API-callCallback, -orderCallback, -taskCallback) and how to tell them apart when one URL
 * receives all three (8.7):
 * - `taskStat` / `taskStatus` and no `callInfoDetail` → task status callback (8.6);
 * - `callInfoDetail` (or `orderID`) → call callback (8.4) or order callback (8.5). They look the
 *   same, so the `kind` query parameter of the URL decides when it is there (`?kind=call`,
 *   `?kind=order`); otherwise `callbackType` 2 → order and 3 → call (the documented enum, call = 3
 *   inferred), a string `callbackType` → order (only the order page shows it as a string), and
 *   anything else → call.
 */
export type NxCloudEvent = 'callFinished' | 'orderCompleted' | 'taskStatusChanged' | 'other';

export const NXCLOUD_EVENT_OPTIONS: Array<{
	name: string;
	value: NxCloudEvent;
	description: string;
}> = [
	{
		name: 'Call Finished',
		value: 'callFinished',
		description: 'Call callback: sent after each call attempt (callCallbackUrl)',
	},
	{
		name: 'Order Completed',
		value: 'orderCompleted',
		description: 'Order callback: sent when an order has no more calls to make (orderCallbackUrl)',
	},
	{
		name: 'Other (Unrecognized Payload)',
		value: 'other',
		description: 'A signed callback that matches none of the above',
	},
	{
		name: 'Task Status Changed',
		value: 'taskStatusChanged',
		description: 'Task status callback: sent when a task changes status (taskCallbackUrl)',
	},
];

/** Values of the URL's `kind` query parameter. */
export const KIND_HINTS: Record<string, NxCloudEvent> = {
	call: 'callFinished',
	order: 'orderCompleted',
	task: 'taskStatusChanged',
};

export interface NxCloudDelivery {
	event: NxCloudEvent;
	/** The payload with `callbackType` as a number when it is one. */
	payload: IDataObject;
}

/** `callbackType` as a number ("1" and 1 alike); undefined when it is not an integer. */
export function callbackTypeNumber(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isInteger(value)) return value;
	if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
	return undefined;
}

export function classifyNxCloudCallback(body: IDataObject, kindHint?: string): NxCloudDelivery {
	const type = callbackTypeNumber(body.callbackType);
	const payload: IDataObject = type === undefined ? { ...body } : { ...body, callbackType: type };
	const hasDetail = body.callInfoDetail !== undefined && body.callInfoDetail !== null;
	const looksLikeTask =
		!hasDetail && (isPlainObject(body.taskStat) || body.taskStatus !== undefined);
	const looksLikeCallOrOrder = hasDetail || textOf(body.orderID) !== '';
	const hint =
		KIND_HINTS[
			String(kindHint ?? '')
				.trim()
				.toLowerCase()
		];

	let event: NxCloudEvent = 'other';
	if (looksLikeTask) {
		event = 'taskStatusChanged';
	} else if (looksLikeCallOrOrder) {
		if (hint === 'callFinished' || hint === 'orderCompleted') event = hint;
		else if (type === 2) event = 'orderCompleted';
		else if (type === 3) event = 'callFinished';
		else if (typeof body.callbackType === 'string') event = 'orderCompleted';
		else event = 'callFinished';
	}
	return { event, payload };
}

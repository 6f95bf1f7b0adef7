/** The callbacks NXCLOUD sends (call, order, task): their payloads, signed the documented way. */
import { computeSign } from './signing';
import { callInfoDetail, type NxStore } from './store';
import type { NxCall, NxCallbackKind, NxSignedCallback, Obj } from './types';

function callbackType(nx: NxStore, kind: NxCallbackKind): number | string {
	const types = nx.options.callbackTypes ?? { task: 1, order: 2, call: 3 };
	return types[kind];
}

/** Call callback payload (section 8.4) for a recorded call (default: the order's last call). */
export function callCallbackPayload(
	nx: NxStore,
	orderID: string,
	callID?: string,
	overrides: Obj = {},
): Obj {
	const order = nx.orders.get(orderID);
	if (!order) throw new Error(`No order ${orderID}`);
	const call = callID ? order.calls.find((c) => c.callID === callID) : order.calls.at(-1);
	if (!call) throw new Error(`Order ${orderID} has no call ${callID ?? ''}`);
	const task = nx.tasks.get(order.userTaskID)!;
	return {
		callbackType: callbackType(nx, 'call'),
		...nx.orderFields(order, task),
		callInfoDetail: callInfoDetail(call),
		...overrides,
	};
}

/** Order callback payload (section 8.5): its callInfoDetail has no callingNumber / lineAddress. */
export function orderCallbackPayload(nx: NxStore, orderID: string, overrides: Obj = {}): Obj {
	const order = nx.orders.get(orderID);
	if (!order) throw new Error(`No order ${orderID}`);
	const task = nx.tasks.get(order.userTaskID)!;
	const last = order.calls.at(-1);
	let detail: Partial<NxCall> | null = null;
	if (last) {
		detail = callInfoDetail(last);
		delete detail.callingNumber;
		delete detail.lineAddress;
	}
	return {
		callbackType: callbackType(nx, 'order'),
		...nx.orderFields(order, task),
		callInfoDetail: detail,
		...overrides,
	};
}

/** Task status callback payload (section 8.6); createTs is the task's creation time. */
export function taskCallbackPayload(nx: NxStore, userTaskID: string, overrides: Obj = {}): Obj {
	const task = nx.tasks.get(userTaskID);
	if (!task) throw new Error(`No task ${userTaskID}`);
	return {
		callbackType: callbackType(nx, 'task'),
		userTaskID: task.userTaskID,
		taskID: task.taskID,
		sceneID: task.sceneID,
		taskStatus: task.taskStatus,
		createTs: task.createTs,
		taskStat: nx.taskStat(task),
		...overrides,
	};
}

/**
 * A callback as NXCLOUD sends it: the body serialized once and signed with the account's secret and
 * configured algorithm over the exact body string; headers requestID, uuid, createTs, sign (no
 * algorithm header). A string payload is sent verbatim; an object without `callbackType` gets the
 * kind's default.
 */
export function signedCallback(
	nx: NxStore,
	kind: NxCallbackKind,
	payload: Obj | string,
): NxSignedCallback {
	const rawBody =
		typeof payload === 'string'
			? payload
			: JSON.stringify({
					...(payload.callbackType === undefined ? { callbackType: callbackType(nx, kind) } : {}),
					...payload,
				});
	const requestID = nx.newId();
	const createTs = String(nx.nowSeconds());
	return {
		kind,
		rawBody,
		headers: {
			'Content-Type': 'application/json',
			requestID,
			uuid: nx.uuid,
			createTs,
			sign: computeSign(nx.algorithm, nx.secret, rawBody, createTs, requestID, nx.uuid),
		},
	};
}

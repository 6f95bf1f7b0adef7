/**
 * Order and call endpoints: importing a callInfoList (used by the task endpoints), listCall,
 * listOrder, stopOrder, listOrderDetail, exportBatchCall.
 */
import { NX_MAX_ORDER_DETAIL_IDS, NX_RET, NxApiError } from './constants';
import { callInfoDetail, type NxStore } from './store';
import type { Handled, NxIntent, NxOrder, NxParam, NxTask, Obj } from './types';
import { field, inRange, integerArray, isObj, oneOf, paginate, stringArray } from './validate';

/** callInfoList: the callback URLs and the raw callList (items are checked one by one later). */
export function callInfoList(
	nx: NxStore,
	body: Obj,
	checkCapacity = true,
): {
	orderCallbackUrl: string;
	callCallbackUrl: string;
	callList: unknown[];
} {
	const info = field<Obj>(body, 'callInfoList', 'object', '');
	const p = 'callInfoList.';
	const orderCallbackUrl = field<string>(info, 'orderCallbackUrl', 'string', p);
	const callCallbackUrl = field<string>(info, 'callCallbackUrl', 'string', p);
	const callList = field<unknown[]>(info, 'callList', 'array', p);
	const max = nx.options.limits?.callList;
	if (checkCapacity && max !== undefined && callList.length > max) {
		throw new NxApiError(NX_RET.overCapacity, `callInfoList.callList has more than ${max} items`);
	}
	return { orderCallbackUrl, callCallbackUrl, callList };
}

/** Imports orders; bad items go to errList (retCode stays 0, as documented for partial success). */
export function importOrders(
	nx: NxStore,
	task: NxTask,
	info: { orderCallbackUrl: string; callCallbackUrl: string; callList: unknown[] },
): {
	totalCount: number;
	successCount: number;
	errList: Array<{ phone: string; errMsg: string }>;
} {
	const errList: Array<{ phone: string; errMsg: string }> = [];
	let successCount = 0;
	const seen = new Set<string>();
	for (const item of info.callList) {
		const phone = isObj(item) && typeof item.userPhone === 'string' ? item.userPhone : '';
		const problem = orderProblem(nx, item, seen);
		if (problem) {
			errList.push({ phone, errMsg: problem });
			continue;
		}
		const entry = item as Obj;
		const order: NxOrder = {
			orderID: entry.orderID as string,
			userTaskID: task.userTaskID,
			userPhone: entry.userPhone as string,
			userName: entry.userName as string,
			customerName: entry.customerName as string,
			other: entry.other as string,
			params: (entry.params as NxParam[]).map((param) => ({
				name: param.name,
				value: param.value,
			})),
			batchID: task.batchID,
			createTs: nx.nowSeconds(),
			finish: false,
			stopped: false,
			orderCallbackUrl: info.orderCallbackUrl,
			callCallbackUrl: info.callCallbackUrl,
			calls: [],
		};
		seen.add(order.orderID);
		nx.usedOrderIDs.add(order.orderID);
		nx.orders.set(order.orderID, order);
		successCount++;
	}
	task.orderCallbackUrl = info.orderCallbackUrl || task.orderCallbackUrl;
	task.callCallbackUrl = info.callCallbackUrl || task.callCallbackUrl;
	return { totalCount: info.callList.length, successCount, errList };
}

function orderProblem(nx: NxStore, item: unknown, seen: Set<string>): string | undefined {
	if (!isObj(item)) return 'the item must be an object';
	for (const key of ['orderID', 'userPhone', 'other', 'userName', 'customerName']) {
		if (item[key] === undefined || item[key] === null) return `${key} is missing`;
		if (typeof item[key] !== 'string') return `${key} must be a string`;
	}
	const orderID = item.orderID as string;
	if (!orderID.trim()) return 'orderID must not be empty';
	if (nx.orders.has(orderID) || nx.usedOrderIDs.has(orderID) || seen.has(orderID))
		return `orderID ${orderID} already exists`;
	if (!/^\d{6,20}$/.test(item.userPhone as string)) {
		return 'userPhone must be the number with its country code, digits only (no + or separators)';
	}
	if (!Array.isArray(item.params)) return 'params is missing';
	for (const [i, param] of item.params.entries()) {
		if (!isObj(param) || typeof param.name !== 'string' || typeof param.value !== 'string') {
			return `params[${i}] must have a string name and a string value`;
		}
	}
	return undefined;
}

/** Call filters shared by listCall and listOrder (each may be null). */
function callFilter(
	options: Obj,
	p: string,
): (call: NxOrder['calls'][number] | undefined) => boolean {
	const intentIDs = stringArray(options, 'intentID', p);
	const intentNames = stringArray(options, 'intentName', p);
	const intentTags = stringArray(options, 'intentTag', p);
	const intentLevels = integerArray(options, 'intentLevel', p);
	const callStatus = integerArray(options, 'callStatus', p);
	const turnTime = field<Obj>(options, 'turnTime', 'object', p, false);
	const callDuration = field<Obj>(options, 'callDuration', 'object', p, false);
	const active =
		!!intentIDs?.length ||
		!!intentNames?.length ||
		!!intentTags?.length ||
		!!intentLevels?.length ||
		!!callStatus?.length ||
		turnTime?.enable === true ||
		callDuration?.enable === true;
	return (call) => {
		if (!call) return !active;
		const hasIntent = (pick: (i: NxIntent) => string | number, wanted?: Array<string | number>) =>
			!wanted?.length || call.intents.some((i) => wanted.includes(pick(i)));
		return (
			hasIntent((i) => i.intentID, intentIDs) &&
			hasIntent((i) => i.intentName, intentNames) &&
			hasIntent((i) => i.intentTag, intentTags) &&
			hasIntent((i) => i.intentLevel, intentLevels) &&
			(!callStatus?.length || callStatus.includes(call.callStatus)) &&
			inRange(call.turnCount, turnTime) &&
			inRange(call.callDuration, callDuration)
		);
	};
}

/**
 * listCall: one row per call. The response is not documented; emulator choice: rows under
 * `callList`, each the order's fields plus the callInfoDetail fields, flat.
 */
export function listCall(nx: NxStore, body: Obj): Handled {
	nx.productID(body);
	const task = nx.task(body);
	const { page, size } = nx.pageArgs(body);
	const options = field<Obj>(body, 'options', 'object', '');
	const p = 'options.';
	const callIDs = stringArray(options, 'callID', p);
	const startTs = field<number>(options, 'startTs', 'integer', p, false);
	const endTs = field<number>(options, 'endTs', 'integer', p, false);
	const matches = callFilter(options, p);
	const rows = nx.ordersOf(task).flatMap((order) =>
		order.calls
			.filter((c) => !callIDs?.length || callIDs.includes(c.callID))
			.filter((c) => !startTs || c.callStartTs >= startTs)
			.filter((c) => !endTs || c.callStartTs <= endTs)
			.filter((c) => matches(c))
			.map((c) => ({ ...nx.orderFields(order, task), ...callInfoDetail(c) })),
	);
	return { body: { callList: paginate(rows, page, size), ...nx.bogusTotal() }, gzip: true };
}

/**
 * listOrder: one row per order with its last call. The response is not documented; emulator
 * choice: rows under `orderList`, each the order's fields plus `callInfoDetail` (null before the
 * first call). `finish`: 1 = finished orders, 0 = unfinished (meaning not documented).
 */
export function listOrder(nx: NxStore, body: Obj): Handled {
	nx.productID(body);
	const task = nx.task(body);
	const { page, size } = nx.pageArgs(body);
	const options = field<Obj>(body, 'options', 'object', '');
	const p = 'options.';
	const orderIDs = stringArray(options, 'orderID', p);
	const finish = field<number>(options, 'finish', 'integer', p, false);
	const matches = callFilter(options, p);
	const rows = nx
		.ordersOf(task)
		.filter((o) => !orderIDs?.length || orderIDs.includes(o.orderID))
		.filter(
			(o) => finish === undefined || (finish === 1 ? o.finish : finish === 0 ? !o.finish : true),
		)
		.filter((o) => matches(o.calls.at(-1)))
		.map((o) => {
			const last = o.calls.at(-1);
			return { ...nx.orderFields(o, task), callInfoDetail: last ? callInfoDetail(last) : null };
		});
	return { body: { orderList: paginate(rows, page, size), ...nx.bogusTotal() } };
}

export function stopOrder(nx: NxStore, body: Obj): Handled {
	nx.productID(body);
	const task = nx.task(body);
	const orderIDs = stringArray(body, 'orderIDs', '', true)!;
	const max = nx.options.limits?.orderIDs;
	if (max !== undefined && orderIDs.length > max) {
		throw new NxApiError(NX_RET.overCapacity, `orderIDs has more than ${max} items`);
	}
	const delCall = field<number>(body, 'delCall', 'integer', '', false);
	if (delCall !== undefined) oneOf(delCall, [0, 1], 'delCall');
	const errList: Array<{ orderID: string; errMsg: string }> = [];
	let successCount = 0;
	for (const orderID of orderIDs) {
		const order = nx.orders.get(orderID);
		if (!order || order.userTaskID !== task.userTaskID) {
			errList.push({ orderID, errMsg: 'order does not exist in this task' });
		} else if (order.finish) {
			errList.push({ orderID, errMsg: 'order is already finished' });
		} else {
			order.stopped = true;
			order.finish = true;
			if (delCall === 1 && !order.calls.length) nx.orders.delete(orderID);
			successCount++;
		}
	}
	return { body: { totalCount: orderIDs.length, successCount, errList } };
}

export function listOrderDetail(nx: NxStore, body: Obj): Handled {
	nx.productID(body);
	const task = nx.task(body);
	const ids = stringArray(body, 'orderList', '', true)!;
	if (ids.length > NX_MAX_ORDER_DETAIL_IDS) {
		throw new NxApiError(
			NX_RET.overCapacity,
			`orderList has more than ${NX_MAX_ORDER_DETAIL_IDS} items`,
		);
	}
	const orderDetailList = ids
		.map((id) => nx.orders.get(id))
		.filter((o): o is NxOrder => !!o && o.userTaskID === task.userTaskID)
		.map((o) => ({
			...nx.orderFields(o, task),
			callInfoDetailList: o.calls.map(callInfoDetail),
		}));
	return { body: { orderDetailList } };
}

/** The calls of the latest batch (the Chinese page title; the English page says "previous"). */
export function exportBatchCall(nx: NxStore, body: Obj): Handled {
	nx.productID(body);
	const task = nx.task(body);
	if (task.importInProgress) {
		throw new NxApiError(
			NX_RET.batchImportInProgress,
			'a batch import is in progress, try again later',
		);
	}
	const callList = nx
		.ordersOf(task)
		.filter((o) => o.batchID === task.batchID)
		.flatMap((o) =>
			o.calls.map((c) => ({
				orderID: o.orderID,
				userPhone: o.userPhone,
				other: o.other,
				callID: c.callID,
				callStatus: c.callStatus,
				callStartTs: c.callStartTs,
				intents: c.intents.map((i) => ({ ...i })),
			})),
		);
	return { body: { totalCount: callList.length, batchID: task.batchID, callList }, gzip: true };
}

/**
 * Task endpoints: ping, createAndCall, createTask, addBatchCall/importBatchCall, mgrTaskStatus,
 * updateTask, listTask.
 */
import { NX_RET, NX_TASK_STATUS, NxApiError } from './constants';
import { callInfoList, importOrders } from './orders';
import type { NxStore } from './store';
import type { Handled, Obj } from './types';
import {
	field,
	integerArray,
	isObj,
	numberList,
	oneOf,
	paginate,
	requireNonEmpty,
	stringArray,
} from './validate';

/**
 * taskCreateSetting. 'createAndCall': every documented field required. 'createTask': the vendor
 * example's fields (no maxCall/taskName/taskCallbackUrl; maxRingTime/routeID tolerated as missing;
 * `"dialAtUpHour "` typo and startupType 0 accepted). 'updateTask': everything optional.
 */
function taskSetting(setting: Obj, mode: 'createAndCall' | 'createTask' | 'updateTask'): Obj {
	const p = 'taskCreateSetting.';
	const all = mode === 'createAndCall';
	const base = mode !== 'updateTask';
	const s: Obj = { ...setting };
	if (mode === 'createTask' && s.dialAtUpHour === undefined && s['dialAtUpHour '] !== undefined) {
		s.dialAtUpHour = s['dialAtUpHour '];
		delete s['dialAtUpHour '];
	}
	field(s, 'strategyName', 'string', p, base);
	const startupType = field<number>(s, 'startupType', 'integer', p, base);
	if (startupType !== undefined) {
		oneOf(startupType, mode === 'createTask' ? [0, 1, 2, 3] : [1, 2, 3], `${p}startupType`);
	}
	const startupAt = field<number>(s, 'startupAt', 'integer', p, base);
	// updateTask checks this on the merged settings (a partial update may omit startupAt).
	if (base && startupType === 2 && !(startupAt > 0)) {
		throw new NxApiError(NX_RET.parameterValue, `${p}startupAt must be set when startupType is 2`);
	}
	const zoneSecond = field<number>(s, 'zoneSecond', 'integer', p, base);
	if (zoneSecond !== undefined && (zoneSecond < -12 * 3600 || zoneSecond > 14 * 3600)) {
		throw new NxApiError(NX_RET.parameterValue, `${p}zoneSecond must be a UTC offset in seconds`);
	}
	const weekDays = field<string>(s, 'dialAtWeekDay', 'string', p, base);
	if (weekDays !== undefined) numberList(weekDays, 1, 7, `${p}dialAtWeekDay`, false);
	const up = field<string>(s, 'dialAtUpHour', 'string', p, base);
	const down = field<string>(s, 'dialAtDownHour', 'string', p, base);
	const upHours = up === undefined ? undefined : numberList(up, 0, 23, `${p}dialAtUpHour`, true);
	const downHours =
		down === undefined ? undefined : numberList(down, 0, 23, `${p}dialAtDownHour`, true);
	if (upHours && downHours && !upHours.length && !downHours.length) {
		throw new NxApiError(
			NX_RET.parameterValue,
			`${p}dialAtUpHour and dialAtDownHour are both empty`,
		);
	}
	const maxRingTime = field<number>(s, 'maxRingTime', 'integer', p, all);
	if (maxRingTime !== undefined && maxRingTime < 0) {
		throw new NxApiError(NX_RET.parameterValue, `${p}maxRingTime must not be negative`);
	}
	field(s, 'routeID', 'string', p, all);
	const maxCall = field<number>(s, 'maxCall', 'integer', p, all);
	if (maxCall !== undefined && maxCall < 1) {
		throw new NxApiError(NX_RET.parameterValue, `${p}maxCall must be 1 or more`);
	}
	field(s, 'taskName', 'string', p, all);
	field(s, 'taskCallbackUrl', 'string', p, all);
	const manual = field<Obj>(s, 'manualCallSetting', 'object', p, false);
	if (manual) {
		const mp = `${p}manualCallSetting.`;
		field(manual, 'agentGroup', 'string', mp);
		oneOf(field<number>(manual, 'dispatchType', 'integer', mp), [0, 1, 3], `${mp}dispatchType`);
		field(manual, 'ratioCallRate', 'number', mp);
		field(manual, 'predictCallRate', 'number', mp);
	}
	return s;
}

/**
 * funcFlag. smsFuncFlag items are read with either spelling, smsID/intentID (createAndCall,
 * updateTask) or smsId/intentId (createTask example).
 */
function funcFlag(flags: Obj, mode: 'createAndCall' | 'createTask' | 'updateTask'): Obj {
	const p = 'funcFlag.';
	const base = mode !== 'updateTask';
	for (const key of ['taskKeep', 'roundRedial', 'wholeTTS', 'smsEnable'])
		field(flags, key, 'boolean', p, base);
	field(flags, 'phoneEncrypt', 'boolean', p, mode === 'createAndCall');
	const rules = field<unknown[]>(flags, 'smsFuncFlag', 'array', p, mode === 'createAndCall');
	(rules ?? []).forEach((rule, i) => {
		const rp = `${p}smsFuncFlag[${i}].`;
		if (!isObj(rule))
			throw new NxApiError(NX_RET.parameterFormat, `${rp.slice(0, -1)} must be an object`);
		field(rule, rule.smsID !== undefined ? 'smsID' : 'smsId', 'string', rp);
		stringArray(rule, rule.intentID !== undefined ? 'intentID' : 'intentId', rp, true);
		stringArray(rule, 'intentName', rp, true);
	});
	return flags;
}

export function ping(nx: NxStore, body: Obj): Handled {
	const data = field<string>(body, 'data', 'string', '');
	return {
		body: { data, timestamp: nx.nowSeconds(), code: 0, msg: 'success', reqId: nx.newId() },
	};
}

export function createAndCall(nx: NxStore, body: Obj): Handled {
	nx.productID(body);
	const userTaskID = nx.newUserTaskID(body);
	requireNonEmpty(field<string>(body, 'sceneID', 'string', ''), 'sceneID');
	const setting = taskSetting(field<Obj>(body, 'taskCreateSetting', 'object', ''), 'createAndCall');
	const flags = funcFlag(field<Obj>(body, 'funcFlag', 'object', ''), 'createAndCall');
	const info = callInfoList(nx, body);
	const task = nx.newTask(body, setting, flags, setting.startupType as number);
	task.taskCallbackUrl = setting.taskCallbackUrl as string;
	nx.tasks.set(userTaskID, task);
	return { body: { taskID: task.taskID, ...importOrders(nx, task, info) } };
}

export function createTask(nx: NxStore, body: Obj): Handled {
	nx.productID(body);
	const userTaskID = nx.newUserTaskID(body);
	requireNonEmpty(field<string>(body, 'sceneID', 'string', ''), 'sceneID');
	const setting = taskSetting(field<Obj>(body, 'taskCreateSetting', 'object', ''), 'createTask');
	// The docs do not mark funcFlag required here; when present, it is checked.
	const flagsIn = field<Obj>(body, 'funcFlag', 'object', '', false);
	const flags = flagsIn ? funcFlag(flagsIn, 'createTask') : {};
	const taskCallbackUrl = field<string>(body, 'taskCallbackUrl', 'string', '', false);
	const orderCallbackUrl = field<string>(body, 'orderCallbackUrl', 'string', '', false);
	const account = field<string>(body, 'account', 'string', '', false);
	const other = field<string>(body, 'other', 'string', '', false);
	const task = nx.newTask(body, setting, flags, setting.startupType as number);
	task.taskCallbackUrl = taskCallbackUrl ?? (setting.taskCallbackUrl as string | undefined) ?? '';
	task.orderCallbackUrl = orderCallbackUrl ?? '';
	task.account = account;
	task.other = other;
	nx.tasks.set(userTaskID, task);
	return { body: { taskID: task.taskID } };
}

/** addBatchCall adds to the current batch; importBatchCall starts a new batch (replace = true). */
export function addBatchCall(nx: NxStore, body: Obj, replace: boolean): Handled {
	nx.productID(body);
	const task = nx.task(body);
	const max = nx.options.limits?.callList;
	const info = callInfoList(nx, body, !nx.overCapacityAfterPartial);
	if (replace && task.importInProgress) {
		throw new NxApiError(
			NX_RET.batchImportInProgress,
			'a batch import is in progress, try again later',
		);
	}
	if (
		task.taskStatus === NX_TASK_STATUS.completed ||
		task.taskStatus === NX_TASK_STATUS.finishedFailed
	) {
		throw new NxApiError(NX_RET.generalError, `task ${task.userTaskID} is finished`);
	}
	if (replace) {
		// Documented: undialed numbers of the previous batch are deleted, dialed ones are kept.
		nx.deleteUndialed(task);
		task.batchSeq++;
		task.batchID = `${task.batchID.replace(/-\d+$/, '')}-${task.batchSeq}`;
	}
	if (max !== undefined && info.callList.length > max) {
		// overCapacityAfterPartial: the first `max` numbers are taken, then 4001.
		importOrders(nx, task, { ...info, callList: info.callList.slice(0, max) });
		throw new NxApiError(NX_RET.overCapacity, `callInfoList.callList has more than ${max} items`);
	}
	return { body: { taskID: task.taskID, ...importOrders(nx, task, info) } };
}

export function mgrTaskStatus(nx: NxStore, body: Obj): Handled {
	nx.productID(body);
	const task = nx.task(body);
	const operate = oneOf(
		field<number>(body, 'taskOperate', 'integer', ''),
		[1, 2, 3],
		'taskOperate',
	);
	const delCall = field<number>(body, 'delCall', 'integer', '', false);
	if (delCall !== undefined) oneOf(delCall, [0, 1], 'delCall');
	const final =
		task.taskStatus === NX_TASK_STATUS.completed ||
		task.taskStatus === NX_TASK_STATUS.finishedFailed;
	if (final && operate !== 3) {
		throw new NxApiError(NX_RET.generalError, `task ${task.userTaskID} is finished`);
	}
	if (operate === 1) task.taskStatus = NX_TASK_STATUS.running;
	if (operate === 2) task.taskStatus = NX_TASK_STATUS.paused;
	if (operate === 3 && !final) task.taskStatus = NX_TASK_STATUS.completed;
	if (delCall === 1) nx.deleteUndialed(task);
	return { body: { taskID: task.taskID, taskStatus: task.taskStatus } };
}

export function updateTask(nx: NxStore, body: Obj): Handled {
	nx.productID(body);
	const task = nx.task(body);
	if (
		task.taskStatus !== NX_TASK_STATUS.pendingStart &&
		task.taskStatus !== NX_TASK_STATUS.paused
	) {
		// Documented rule; the code is an emulator choice.
		throw new NxApiError(NX_RET.generalError, 'only paused or not-started tasks can be updated');
	}
	const sceneID = field<string>(body, 'sceneID', 'string', '', false);
	const settingIn = field<Obj>(body, 'taskCreateSetting', 'object', '', false);
	const flagsIn = field<Obj>(body, 'funcFlag', 'object', '', false);
	const setting = settingIn ? taskSetting(settingIn, 'updateTask') : undefined;
	const flags = flagsIn ? funcFlag(flagsIn, 'updateTask') : undefined;
	const merged = { ...task.taskCreateSetting, ...(setting ?? {}) };
	if (merged.startupType === 2 && !((merged.startupAt as number) > 0)) {
		throw new NxApiError(
			NX_RET.parameterValue,
			'taskCreateSetting.startupAt must be set when startupType is 2',
		);
	}
	if (sceneID) task.sceneID = sceneID;
	task.taskCreateSetting = merged;
	if (flags) task.funcFlag = { ...task.funcFlag, ...flags };
	if (typeof setting?.taskCallbackUrl === 'string') task.taskCallbackUrl = setting.taskCallbackUrl;
	return { body: { taskID: task.taskID } };
}

export function listTask(nx: NxStore, body: Obj): Handled {
	nx.productID(body);
	const { page, size } = nx.pageArgs(body);
	const q = field<Obj>(body, 'queryConditions', 'object', '');
	const p = 'queryConditions.';
	const statuses = integerArray(q, 'taskStatus', p);
	const names = stringArray(q, 'taskName', p);
	const sceneID = field<string>(q, 'sceneID', 'string', p, false);
	const ids = stringArray(q, 'userTaskID', p);
	const startTs = field<number>(q, 'startTs', 'integer', p, false);
	const endTs = field<number>(q, 'endTs', 'integer', p, false);
	const rows = [...nx.tasks.values()]
		.filter((t) => !statuses?.length || statuses.includes(t.taskStatus))
		.filter((t) => !names?.length || names.includes(String(t.taskCreateSetting.taskName ?? '')))
		.filter((t) => !sceneID || t.sceneID === sceneID)
		.filter((t) => !ids?.length || ids.includes(t.userTaskID))
		.filter((t) => !startTs || t.createTs >= startTs)
		.filter((t) => !endTs || t.createTs <= endTs)
		.map((t) => ({
			userTaskID: t.userTaskID,
			taskID: t.taskID,
			sceneID: t.sceneID,
			taskStatus: t.taskStatus,
			createTs: t.createTs,
			taskStat: nx.taskStat(t),
		}));
	// Emulator choice: no total field (the docs show none); clients page until a short page.
	if (nx.listQuirks.endless) {
		const made = Array.from({ length: size }, (_, i) => ({ userTaskID: `endless-${page}-${i}` }));
		return { body: { taskData: made, ...nx.bogusTotal() } };
	}
	return { body: { taskData: paginate(rows, page, size), ...nx.bogusTotal() } };
}

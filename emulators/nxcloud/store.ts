/** The emulator's state (account, tasks, orders) and the pieces every endpoint uses. */
import { randomBytes } from 'node:crypto';
import { NX_RET, NX_TASK_STATUS, NxApiError, type NxAlgorithm } from './constants';
import type { NxCall, NxCloudEmulatorOptions, NxListQuirks, NxOrder, NxTask, Obj } from './types';
import { field, requireNonEmpty, round2 } from './validate';

export class NxStore {
	readonly tasks = new Map<string, NxTask>();
	readonly orders = new Map<string, NxOrder>();
	readonly uuid: string;
	readonly secret: string;
	readonly algorithm: NxAlgorithm;
	sequence = 1000;
	/**
	 * Order IDs ever imported, also of orders deleted since (importBatchCall, delCall). Emulator
	 * choice (the stricter reading of "orderID must be globally unique"): an ID once used is refused
	 * as "already exists" forever, even after its order was deleted.
	 */
	readonly usedOrderIDs = new Set<string>();
	/** See `NxListQuirks`. */
	listQuirks: NxListQuirks = {};
	/** See `NxCloudEmulator.overCapacityAfterPartial`. */
	overCapacityAfterPartial = false;

	constructor(readonly options: NxCloudEmulatorOptions) {
		this.uuid = options.uuid;
		this.secret = options.secret;
		this.algorithm = options.algorithm ?? 'MD5';
	}

	nowSeconds(): number {
		return Math.floor((this.options.now?.() ?? Date.now()) / 1000);
	}

	newId(): string {
		return randomBytes(16).toString('hex');
	}

	// ---------------------------------------------------------------- validation shared by endpoints

	bogusTotal(): Obj {
		return this.listQuirks.total === undefined ? {} : { total: this.listQuirks.total };
	}

	productID(body: Obj): void {
		const productID = field<string>(body, 'productID', 'string', '');
		if (productID !== 'callbot')
			throw new NxApiError(NX_RET.parameterValue, 'productID must be "callbot"');
	}

	task(body: Obj): NxTask {
		const userTaskID = requireNonEmpty(
			field<string>(body, 'userTaskID', 'string', ''),
			'userTaskID',
		);
		const task = this.tasks.get(userTaskID);
		// Emulator choice of code: the docs list no "not found" code.
		if (!task) throw new NxApiError(NX_RET.parameterValue, `task ${userTaskID} does not exist`);
		return task;
	}

	pageArgs(body: Obj): { page: number; size: number } {
		const page = field<number>(body, 'page', 'integer', '');
		const size = field<number>(body, 'size', 'integer', '');
		if (page < 1) throw new NxApiError(NX_RET.parameterValue, 'page must be 1 or more');
		if (this.listQuirks.ignorePage) return { page: 1, size };
		if (size < 1) throw new NxApiError(NX_RET.parameterValue, 'size must be 1 or more');
		const max = this.options.limits?.pageSize;
		if (max !== undefined && size > max) {
			throw new NxApiError(NX_RET.parameterValue, `size must be at most ${max}`);
		}
		return { page, size };
	}

	newTask(body: Obj, setting: Obj, flags: Obj, startupType: number): NxTask {
		this.sequence++;
		return {
			userTaskID: body.userTaskID as string,
			taskID: `T${this.sequence}`,
			sceneID: body.sceneID as string,
			taskStatus: startupType === 3 ? NX_TASK_STATUS.running : NX_TASK_STATUS.pendingStart,
			createTs: this.nowSeconds(),
			taskCreateSetting: setting,
			funcFlag: flags,
			taskCallbackUrl: '',
			orderCallbackUrl: '',
			callCallbackUrl: '',
			batchID: `B${this.sequence}-1`,
			batchSeq: 1,
			importInProgress: false,
		};
	}

	newUserTaskID(body: Obj): string {
		const userTaskID = requireNonEmpty(
			field<string>(body, 'userTaskID', 'string', ''),
			'userTaskID',
		);
		if (this.tasks.has(userTaskID)) {
			throw new NxApiError(NX_RET.parameterValue, `userTaskID ${userTaskID} already exists`);
		}
		return userTaskID;
	}

	/** Orders of a task that have not been dialed yet (deleted by delCall = 1 and by a new import). */
	deleteUndialed(task: NxTask): void {
		for (const order of this.ordersOf(task)) {
			if (!order.calls.length && !order.finish) this.orders.delete(order.orderID);
		}
	}

	ordersOf(task: NxTask): NxOrder[] {
		return [...this.orders.values()].filter((o) => o.userTaskID === task.userTaskID);
	}

	taskStat(task: NxTask): Obj {
		const orders = this.ordersOf(task);
		const calls = orders.flatMap((o) => o.calls);
		const answeredCalls = calls.filter((c) => c.callAnswerTs > 0).length;
		const finishOrderCount = orders.filter((o) => o.finish).length;
		return {
			answerOrderCount: orders.filter((o) => o.calls.some((c) => c.callAnswerTs > 0)).length,
			finishOrderCount,
			totalOrderCount: orders.length,
			finishRate: orders.length ? round2(finishOrderCount / orders.length) : 0,
			totalAnswerCall: answeredCalls,
			totalCall: calls.length,
			answerRate: calls.length ? round2(answeredCalls / calls.length) : 0,
		};
	}

	orderFields(order: NxOrder, task: NxTask): Obj {
		return {
			orderID: order.orderID,
			userPhone: order.userPhone,
			userName: order.userName,
			sceneID: task.sceneID,
			userTaskID: task.userTaskID,
			taskID: task.taskID,
			finish: order.finish,
			other: order.other,
		};
	}

	// ---------------------------------------------------------------- simulation controls

	/**
	 * Records one call for an order, as the dialer would. Defaults: an answered 60-second call that
	 * finishes the order. `callStatus` and the other enum values are opaque placeholders.
	 */
	simulateCall(
		orderID: string,
		call: Partial<NxCall> & { turnCount?: number } = {},
		options: { finish?: boolean } = {},
	): NxCall {
		const order = this.orders.get(orderID);
		if (!order) throw new Error(`No order ${orderID}`);
		if (order.stopped) throw new Error(`Order ${orderID} was stopped`);
		this.sequence++;
		const start = call.callStartTs ?? this.nowSeconds();
		const duration = call.callDuration ?? 60;
		const answered = call.callAnswerTs ?? start + 5;
		const record: NxOrder['calls'][number] = {
			callID: `c-${this.sequence}`,
			callingNumber: '8675500000000',
			lineAddress: '10.0.0.1',
			callStatus: 1,
			callStartTs: start,
			callAnswerTs: answered,
			callEndTs: (answered || start) + duration,
			callDuration: duration,
			callAudioUrl: `https://recordings.example.com/c-${this.sequence}.wav`,
			hangupCause: 'NORMAL_CLEARING',
			termSipCode: '200',
			intents: [],
			sms: [],
			agent: {
				agentName: '',
				agentGroup: '',
				agentCallStatus: 0,
				agentCallElapsed: 0,
				agentLabel: '',
				manualCallStart: 0,
				manualCallAnswer: 0,
				manualCallEnd: 0,
				manualHangupBy: 0,
			},
			params: order.params.map((p) => ({ ...p })),
			recordDetail: [],
			turnCount: 3,
			...call,
		};
		order.calls.push(record);
		order.finish = options.finish ?? true;
		return callInfoDetail(record);
	}
}

/** The documented callInfoDetail fields of a stored call. */
export function callInfoDetail(call: NxCall & { turnCount?: number }): NxCall {
	const detail: NxCall & { turnCount?: number } = structuredClone(call);
	delete detail.turnCount;
	return detail;
}

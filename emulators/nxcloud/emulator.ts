/**
 * NXCLOUD (NXTele) Callbot API v3 emulator ("aibot External API v3.0", host nxbot.nxcloud.com).
 *
 * Emulates every v3 endpoint under /callcentre/api/v3/ (ping, createAndCall, createTask, addBatchCall,
 * importBatchCall, mgrTaskStatus, updateTask, listTask, listCall, listOrder, stopOrder,
 * listOrderDetail, exportBatchCall) with tasks, orders and calls kept in memory.
 *
 * Like the real service it:
 * - checks the signed headers of every request (requestID, uuid, createTs, sign, algorithm) and
 *   recomputes the sign over the raw bytes received, with its own copy of the documented formula;
 * - answers HTTP 200 with `retCode`/`retMsg`/`responseID` (ping: `code`/`msg`/`reqId`) and the
 *   documented codes: 6001 sign missing, 6002 unknown account, 6 wrong sign, 2/3/4 bad input,
 *   4001 too many array elements, 1001 batch import in progress;
 * - signs its responses and, on request, its callbacks (call, order, task) the documented way.
 *
 * Where the API docs are silent (response shapes of the list endpoints, undocumented limits, which
 * error code a missing header gets…) the emulator makes a plausible choice, marked "emulator choice".
 * The dialer itself is simulated: `simulateCall()` records a call for an order.
 *
 * The class (this file) holds the request pipeline, faults and test controls; the state is in
 * store.ts, the endpoints in tasks.ts and orders.ts, the signature in signing.ts, the callbacks in
 * callbacks.ts.
 */
import { EmulatorServer, type EmulatorResponse, type ReceivedRequest } from '../http-server';
import {
	callCallbackPayload,
	orderCallbackPayload,
	signedCallback,
	taskCallbackPayload,
} from './callbacks';
import { NX_RET, NXCLOUD_API_PATH, NxApiError, type NxAlgorithm } from './constants';
import { exportBatchCall, listCall, listOrder, listOrderDetail, stopOrder } from './orders';
import { signedResponse, verifyAuth } from './signing';
import { NxStore } from './store';
import {
	addBatchCall,
	createAndCall,
	createTask,
	listTask,
	mgrTaskStatus,
	ping,
	updateTask,
} from './tasks';
import type {
	Handled,
	NxCall,
	NxCallbackKind,
	NxCloudEmulatorOptions,
	NxFault,
	NxListQuirks,
	NxOrder,
	NxSignedCallback,
	NxTask,
	Obj,
} from './types';
import { isObj } from './validate';

/**
 * In-memory NXCLOUD Callbot API v3. Extends EmulatorServer: `received`, `requests()` and `failNext()`
 * work as usual (failNext answers before any signature check).
 */
export class NxCloudEmulator extends EmulatorServer {
	/** Tasks, orders and the account; the endpoints (tasks.ts, orders.ts) work on it. */
	private readonly store: NxStore;
	readonly tasks: Map<string, NxTask>;
	readonly orders: Map<string, NxOrder>;
	/** Callbacks sent with `sendCallback`, in order. */
	readonly callbacksSent: Array<
		NxSignedCallback & { url: string; status: number; responseBody: string }
	> = [];

	readonly uuid: string;
	readonly secret: string;
	readonly algorithm: NxAlgorithm;
	/** Faults to inject, by position (1-based) of the API request counted from `failAt`. */
	private faults: Array<{ at: number; kind: NxFault; endpoint?: string }> = [];
	private requestCount = 0;

	/** Knobs for the list endpoints (see `NxListQuirks`). */
	get listQuirks(): NxListQuirks {
		return this.store.listQuirks;
	}

	set listQuirks(quirks: NxListQuirks) {
		this.store.listQuirks = quirks;
	}

	constructor(options: NxCloudEmulatorOptions) {
		super();
		this.store = new NxStore(options);
		this.tasks = this.store.tasks;
		this.orders = this.store.orders;
		this.uuid = this.store.uuid;
		this.secret = this.store.secret;
		this.algorithm = this.store.algorithm;
		const nx = this.store;

		this.endpoint('ping', (body) => ping(nx, body), 'ping');
		this.endpoint('createAndCall', (body) => createAndCall(nx, body));
		this.endpoint('createTask', (body) => createTask(nx, body));
		this.endpoint('addBatchCall', (body) => addBatchCall(nx, body, false));
		this.endpoint('importBatchCall', (body) => addBatchCall(nx, body, true));
		this.endpoint('mgrTaskStatus', (body) => mgrTaskStatus(nx, body));
		this.endpoint('updateTask', (body) => updateTask(nx, body));
		this.endpoint('listTask', (body) => listTask(nx, body));
		this.endpoint('listCall', (body) => listCall(nx, body));
		this.endpoint('listOrder', (body) => listOrder(nx, body));
		this.endpoint('stopOrder', (body) => stopOrder(nx, body));
		this.endpoint('listOrderDetail', (body) => listOrderDetail(nx, body));
		this.endpoint('exportBatchCall', (body) => exportBatchCall(nx, body));
	}

	/** Full URL of an endpoint, e.g. endpointUrl('ping'). */
	endpointUrl(name: string): string {
		return `${this.url}${NXCLOUD_API_PATH}/${name}`;
	}

	/**
	 * Injects a fault into the request at `position` (1 = the next API request; with `endpoint`, the
	 * next request to that endpoint), once. Several faults may be queued.
	 */
	failAt(position: number, kind: NxFault, endpoint?: string): void {
		if (!this.faults.length) {
			this.requestCount = 0;
			this.endpointCounts.clear();
		}
		this.faults.push({ at: position, kind, endpoint });
	}

	private readonly endpointCounts = new Map<string, number>();

	/** The fault to inject into this request, if any (each fires once). */
	private takeFault(endpoint: string): NxFault | undefined {
		this.requestCount++;
		const count = (this.endpointCounts.get(endpoint) ?? 0) + 1;
		this.endpointCounts.set(endpoint, count);
		const index = this.faults.findIndex((fault) =>
			fault.endpoint
				? fault.endpoint === endpoint && fault.at === count
				: fault.at === this.requestCount,
		);
		if (index < 0) return undefined;
		return this.faults.splice(index, 1)[0].kind;
	}

	/**
	 * How many numbers one callList may carry before the emulator answers retCode 4001 (the real
	 * limit is not documented); undefined for no limit. Changes `limits.callList` of the options.
	 */
	setCallListCapacity(max: number | undefined): void {
		this.store.options.limits = { ...this.store.options.limits, callList: max };
	}

	/**
	 * While set, a too-long callList of addBatchCall or importBatchCall is partly taken before the
	 * 4001: the request does its work (importBatchCall replaces the batch) on the first `capacity`
	 * numbers, then answers retCode 4001. Models the reading the reference leaves open (default:
	 * a 4001 takes nothing). Cleared by `reset`.
	 */
	get overCapacityAfterPartial(): boolean {
		return this.store.overCapacityAfterPartial;
	}

	set overCapacityAfterPartial(partial: boolean) {
		this.store.overCapacityAfterPartial = partial;
	}

	/** Clears tasks, orders, recorded requests, sent callbacks, faults and quirks. */
	reset(): void {
		this.overCapacityAfterPartial = false;
		this.tasks.clear();
		this.orders.clear();
		this.store.usedOrderIDs.clear();
		this.faults = [];
		this.listQuirks = {};
		this.callbacksSent.length = 0;
		this.clearReceived();
	}

	// ---------------------------------------------------------------- request pipeline

	private endpoint(
		name: string,
		handler: (body: Obj) => Handled,
		envelope: 'standard' | 'ping' = 'standard',
	) {
		this.route('POST', `${NXCLOUD_API_PATH}/${name}`, (request) => {
			const fault = this.takeFault(name);
			if (fault === 'http503') return { status: 503, body: 'Service Unavailable' };
			const codes = {
				busy: NX_RET.busy,
				maintenance: NX_RET.maintenance,
				internal: NX_RET.internalError,
			};
			if (fault === 'busy' || fault === 'maintenance' || fault === 'internal') {
				const body = {
					retCode: codes[fault],
					retMsg: `fault: ${fault}`,
					responseID: this.store.newId(),
				};
				return signedResponse(this.store, request, body, this.algorithm, false);
			}
			const response = this.dispatch(request, handler, envelope);
			// The work is done, then the connection is closed without an answer.
			if (fault === 'drop') return { ...response, drop: true };
			return response;
		});
	}

	private dispatch(
		request: ReceivedRequest,
		handler: (body: Obj) => Handled,
		envelope: 'standard' | 'ping',
	): EmulatorResponse {
		let algorithm = this.algorithm;
		try {
			algorithm = verifyAuth(this.store, request);
			const handled = handler(this.parseBody(request));
			const body =
				envelope === 'ping'
					? handled.body
					: {
							retCode: NX_RET.success,
							retMsg: 'success',
							responseID: this.store.newId(),
							...handled.body,
						};
			return signedResponse(this.store, request, body, algorithm, handled.gzip === true);
		} catch (error) {
			if (!(error instanceof NxApiError)) {
				return {
					status: 500,
					body: { error: error instanceof Error ? error.message : String(error) },
				};
			}
			const pingStyle = envelope === 'ping' && this.store.options.pingErrorEnvelope !== 'standard';
			const body = pingStyle
				? { code: error.retCode, msg: error.message, reqId: this.store.newId() }
				: { retCode: error.retCode, retMsg: error.message, responseID: this.store.newId() };
			return signedResponse(this.store, request, body, algorithm, false);
		}
	}

	private parseBody(request: ReceivedRequest): Obj {
		let body: unknown;
		try {
			body = JSON.parse(request.rawBody.toString('utf8'));
		} catch {
			body = undefined;
		}
		if (!isObj(body))
			throw new NxApiError(NX_RET.parameterFormat, 'the body must be a JSON object');
		return body;
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
		return this.store.simulateCall(orderID, call, options);
	}

	/** Sets a task's status directly (e.g. to 4, finished with failure). */
	setTaskStatus(userTaskID: string, taskStatus: number): void {
		const task = this.tasks.get(userTaskID);
		if (!task) throw new Error(`No task ${userTaskID}`);
		task.taskStatus = taskStatus;
	}

	/** While set, importBatchCall and exportBatchCall of the task answer retCode 1001. */
	setBatchImportInProgress(userTaskID: string, inProgress: boolean): void {
		const task = this.tasks.get(userTaskID);
		if (!task) throw new Error(`No task ${userTaskID}`);
		task.importInProgress = inProgress;
	}

	// ---------------------------------------------------------------- callbacks

	/** Call callback payload (section 8.4) for a recorded call (default: the order's last call). */
	callCallbackPayload(orderID: string, callID?: string, overrides: Obj = {}): Obj {
		return callCallbackPayload(this.store, orderID, callID, overrides);
	}

	/** Order callback payload (section 8.5): its callInfoDetail has no callingNumber / lineAddress. */
	orderCallbackPayload(orderID: string, overrides: Obj = {}): Obj {
		return orderCallbackPayload(this.store, orderID, overrides);
	}

	/** Task status callback payload (section 8.6); createTs is the task's creation time. */
	taskCallbackPayload(userTaskID: string, overrides: Obj = {}): Obj {
		return taskCallbackPayload(this.store, userTaskID, overrides);
	}

	/**
	 * A callback as NXCLOUD sends it (see callbacks.ts): the body serialized once and signed over the
	 * exact body string.
	 */
	signedCallback(kind: NxCallbackKind, payload: Obj | string): NxSignedCallback {
		return signedCallback(this.store, kind, payload);
	}

	/** POSTs a signed callback to a URL (e.g. an n8n webhook) and records it in `callbacksSent`. */
	async sendCallback(
		kind: NxCallbackKind,
		url: string,
		payload: Obj | string,
	): Promise<{ status: number; body: string }> {
		const callback = this.signedCallback(kind, payload);
		const response = await fetch(url, {
			method: 'POST',
			headers: callback.headers,
			body: callback.rawBody,
		});
		const body = await response.text();
		this.callbacksSent.push({ ...callback, url, status: response.status, responseBody: body });
		return { status: response.status, body };
	}
}

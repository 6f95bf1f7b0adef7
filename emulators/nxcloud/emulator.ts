/* eslint-disable @n8n/community-nodes/no-restricted-imports */
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
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { EmulatorServer, type EmulatorResponse, type ReceivedRequest } from '../http-server';

export const NXCLOUD_API_PATH = '/callcentre/api/v3';

export type NxAlgorithm = 'MD5' | 'SHA256';

/** The documented `retCode` values. */
export const NX_RET = {
	success: 0,
	generalError: 1,
	parameterMissing: 2,
	parameterFormat: 3,
	parameterValue: 4,
	overCapacity: 4001,
	maintenance: 5,
	internalError: 5001,
	signatureIncorrect: 6,
	signatureMissing: 6001,
	accountNotFound: 6002,
	noPermission: 6003,
	busy: 7,
	batchImportInProgress: 1001,
} as const;

/** Task status values (listTask). */
export const NX_TASK_STATUS = {
	pendingStart: 1,
	running: 2,
	completed: 3,
	finishedFailed: 4,
	paused: 5,
} as const;

/** The only documented limit: listOrderDetail takes at most 500 order IDs. */
export const NX_MAX_ORDER_DETAIL_IDS = 500;

export interface NxCloudEmulatorOptions {
	/** Account UUID (Developer → Developer authorization). */
	uuid: string;
	/** Account secret key. */
	secret: string;
	/** Algorithm configured for the account; signs responses and callbacks. Default MD5. */
	algorithm?: NxAlgorithm;
	/**
	 * Limits the docs leave open; exceeding one gives retCode 4001 (pageSize: retCode 4).
	 * Emulator choice: none by default.
	 */
	limits?: { callList?: number; orderIDs?: number; pageSize?: number };
	/** Reject a createTs further than this from the emulator's clock (retCode 4). Default: not checked. */
	maxClockSkewSeconds?: number;
	/**
	 * Envelope of ping's error answers, which the docs do not show: 'ping' (`code`/`msg`/`reqId`,
	 * default) or 'standard' (`retCode`/`retMsg`/`responseID`).
	 */
	pingErrorEnvelope?: 'ping' | 'standard';
	/** `callbackType` put into callback payloads built here. Default: task 1, order 2, call 3. */
	callbackTypes?: { call: number | string; order: number | string; task: number | string };
	/** Clock in milliseconds (default Date.now). */
	now?: () => number;
}

export interface NxParam {
	name: string;
	value: string;
}

export interface NxIntent {
	intentID: string;
	intentTag: string;
	intentName: string;
	intentLevel: number;
}

export interface NxAgent {
	agentName: string;
	agentGroup: string;
	agentCallStatus: number;
	agentCallElapsed: number;
	agentLabel: string;
	manualCallStart: number;
	manualCallAnswer: number;
	manualCallEnd: number;
	manualHangupBy: number;
}

/** One dial attempt, as `callInfoDetail` in callbacks and list answers. */
export interface NxCall {
	callID: string;
	callingNumber: string;
	lineAddress: string;
	/** Opaque: the call-status enum is not documented. */
	callStatus: number;
	callStartTs: number;
	callAnswerTs: number;
	callEndTs: number;
	callDuration: number;
	callAudioUrl: string;
	hangupCause: string;
	termSipCode: string;
	intents: NxIntent[];
	sms: Array<{ smsSendTs: number; sysMessageID: string; smsContent: string }>;
	agent: NxAgent;
	params: NxParam[];
	/** Structure not documented (dialogue transcript, probably). */
	recordDetail: unknown[];
}

export interface NxOrder {
	orderID: string;
	userTaskID: string;
	userPhone: string;
	userName: string;
	customerName: string;
	other: string;
	params: NxParam[];
	batchID: string;
	createTs: number;
	finish: boolean;
	stopped: boolean;
	orderCallbackUrl: string;
	callCallbackUrl: string;
	calls: Array<NxCall & { turnCount: number }>;
}

export interface NxTask {
	userTaskID: string;
	taskID: string;
	sceneID: string;
	taskStatus: number;
	createTs: number;
	taskCreateSetting: Record<string, unknown>;
	funcFlag: Record<string, unknown>;
	taskCallbackUrl: string;
	orderCallbackUrl: string;
	callCallbackUrl: string;
	batchID: string;
	batchSeq: number;
	importInProgress: boolean;
	/** Fields only createTask carries (meaning not documented). */
	account?: string;
	other?: string;
}

export type NxCallbackKind = 'call' | 'order' | 'task';

export interface NxSignedCallback {
	kind: NxCallbackKind;
	/** Headers NXCLOUD sends: requestID, uuid, createTs, sign (no algorithm header) and Content-Type. */
	headers: Record<string, string>;
	/** The exact body string that was signed and is sent. */
	rawBody: string;
}

/**
 * A fault injected by `failAt`: 'http503' answers HTTP 503 without doing the work; 'busy',
 * 'maintenance' and 'internal' answer retCode 7, 5 and 5001 without doing the work; 'drop' does the
 * work and then drops the connection
 * without an answer (the client cannot know whether it happened).
 */
export type NxFault = 'http503' | 'busy' | 'maintenance' | 'internal' | 'drop';

/** Header that tells the server to drop the connection instead of answering (see `start`). */
const DROP_HEADER = 'x-nx-emulator-drop';

type Obj = Record<string, unknown>;
type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

/** A documented API error: answered with HTTP 200 and this retCode. */
export class NxApiError extends Error {
	constructor(
		readonly retCode: number,
		message: string,
	) {
		super(message);
	}
}

function isObj(value: unknown): value is Obj {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasKind(value: unknown, kind: Kind): boolean {
	switch (kind) {
		case 'string':
			return typeof value === 'string';
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value);
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'boolean':
			return typeof value === 'boolean';
		case 'object':
			return isObj(value);
		case 'array':
			return Array.isArray(value);
	}
}

/** Reads a field: retCode 2 when a required one is missing (or null), 3 when its type is wrong. */
function field<T = unknown>(obj: Obj, key: string, kind: Kind, path: string, required = true): T {
	const value = obj[key];
	if (value === undefined || value === null) {
		if (required) throw new NxApiError(NX_RET.parameterMissing, `${path}${key} is missing`);
		return undefined as T;
	}
	if (!hasKind(value, kind)) {
		throw new NxApiError(NX_RET.parameterFormat, `${path}${key} must be ${article(kind)}`);
	}
	return value as T;
}

function article(kind: Kind): string {
	return kind === 'integer' || kind === 'object' || kind === 'array' ? `an ${kind}` : `a ${kind}`;
}

function requireNonEmpty(value: string, name: string): string {
	if (!value.trim()) throw new NxApiError(NX_RET.parameterValue, `${name} must not be empty`);
	return value;
}

function oneOf(value: number, allowed: readonly number[], name: string): number {
	if (!allowed.includes(value)) {
		throw new NxApiError(NX_RET.parameterValue, `${name} must be one of ${allowed.join(', ')}`);
	}
	return value;
}

function stringArray(obj: Obj, key: string, path: string, required = false): string[] | undefined {
	const value = field<unknown[]>(obj, key, 'array', path, required);
	if (value === undefined) return undefined;
	if (!value.every((v) => typeof v === 'string')) {
		throw new NxApiError(NX_RET.parameterFormat, `${path}${key} must be an array of strings`);
	}
	return value as string[];
}

function integerArray(obj: Obj, key: string, path: string): number[] | undefined {
	const value = field<unknown[]>(obj, key, 'array', path, false);
	if (value === undefined) return undefined;
	if (!value.every((v) => hasKind(v, 'integer'))) {
		throw new NxApiError(NX_RET.parameterFormat, `${path}${key} must be an array of integers`);
	}
	return value as number[];
}

/** A comma-separated list of integers within [min, max] ("1,2,3"). */
function numberList(value: string, min: number, max: number, name: string, allowEmpty: boolean) {
	const parts = value
		.split(',')
		.map((p) => p.trim())
		.filter((p) => p !== '');
	if (!parts.length && !allowEmpty) {
		throw new NxApiError(NX_RET.parameterValue, `${name} must list at least one value`);
	}
	for (const part of parts) {
		const n = Number(part);
		if (!/^\d+$/.test(part) || n < min || n > max) {
			throw new NxApiError(
				NX_RET.parameterValue,
				`${name} must be comma-separated integers from ${min} to ${max}`,
			);
		}
	}
	return parts.map(Number);
}

function round2(value: number): number {
	return Math.round(value * 100) / 100;
}

function header(request: ReceivedRequest, name: string): string | undefined {
	const value = request.headers[name.toLowerCase()];
	const text = Array.isArray(value) ? value[0] : value;
	return text === undefined || text === '' ? undefined : text;
}

/** The documented signature, computed independently of the package's signing code (raw bytes). */
function computeSign(
	algorithm: NxAlgorithm,
	secret: string,
	body: Buffer | string,
	createTs: string,
	requestID: string,
	uuid: string,
): string {
	return createHash(algorithm === 'SHA256' ? 'sha256' : 'md5')
		.update(
			Buffer.concat([
				Buffer.from(`${secret}&body=`, 'utf8'),
				typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
				Buffer.from(`&createTs=${createTs}&requestID=${requestID}&uuid=${uuid}`, 'utf8'),
			]),
		)
		.digest('hex')
		.toUpperCase();
}

function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/** A range filter `{gt, lt, enable}` of listCall/listOrder: 0 (or absent) means no bound. */
function inRange(value: number, filter: unknown): boolean {
	if (!isObj(filter) || filter.enable !== true) return true;
	const gt = Number(filter.gt ?? 0);
	const lt = Number(filter.lt ?? 0);
	if (gt > 0 && !(value > gt)) return false;
	if (lt > 0 && !(value < lt)) return false;
	return true;
}

function paginate<T>(rows: T[], page: number, size: number): T[] {
	return rows.slice((page - 1) * size, page * size);
}

interface Handled {
	body: Obj;
	/** listCall and exportBatchCall may gzip their answer on Accept-Encoding: gzip. */
	gzip?: boolean;
}

/**
 * In-memory NXCLOUD Callbot API v3. Extends EmulatorServer: `received`, `requests()` and `failNext()`
 * work as usual (failNext answers before any signature check).
 */
export class NxCloudEmulator extends EmulatorServer {
	readonly tasks = new Map<string, NxTask>();
	readonly orders = new Map<string, NxOrder>();
	/** Callbacks sent with `sendCallback`, in order. */
	readonly callbacksSent: Array<
		NxSignedCallback & { url: string; status: number; responseBody: string }
	> = [];

	readonly uuid: string;
	readonly secret: string;
	readonly algorithm: NxAlgorithm;
	private readonly options: NxCloudEmulatorOptions;
	private sequence = 1000;
	/**
	 * Order IDs ever imported, also of orders deleted since (importBatchCall, delCall). Emulator
	 * choice (the stricter reading of "orderID must be globally unique"): an ID once used is refused
	 * as "already exists" forever, even after its order was deleted.
	 */
	private readonly usedOrderIDs = new Set<string>();
	/** Faults to inject, by position (1-based) of the API request counted from `failAt`. */
	private faults: Array<{ at: number; kind: NxFault; endpoint?: string }> = [];
	private requestCount = 0;
	/**
	 * Knobs for the list endpoints (listTask, listCall, listOrder): `ignorePage` answers page 1
	 * whatever page is asked for (a server that ignores `page`); `total` adds a bogus `total` field;
	 * `endless` makes listTask answer every page with `size` new made-up tasks.
	 */
	listQuirks: { ignorePage?: boolean; total?: number; endless?: boolean } = {};

	constructor(options: NxCloudEmulatorOptions) {
		super();
		this.options = options;
		this.uuid = options.uuid;
		this.secret = options.secret;
		this.algorithm = options.algorithm ?? 'MD5';

		this.endpoint('ping', (body) => this.ping(body), 'ping');
		this.endpoint('createAndCall', (body) => this.createAndCall(body));
		this.endpoint('createTask', (body) => this.createTask(body));
		this.endpoint('addBatchCall', (body) => this.addBatchCall(body, false));
		this.endpoint('importBatchCall', (body) => this.addBatchCall(body, true));
		this.endpoint('mgrTaskStatus', (body) => this.mgrTaskStatus(body));
		this.endpoint('updateTask', (body) => this.updateTask(body));
		this.endpoint('listTask', (body) => this.listTask(body));
		this.endpoint('listCall', (body) => this.listCall(body));
		this.endpoint('listOrder', (body) => this.listOrder(body));
		this.endpoint('stopOrder', (body) => this.stopOrder(body));
		this.endpoint('listOrderDetail', (body) => this.listOrderDetail(body));
		this.endpoint('exportBatchCall', (body) => this.exportBatchCall(body));
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

	/** Starts the server; a response carrying the drop header is answered by closing the socket. */
	override async start(port = 0, host = '127.0.0.1'): Promise<string> {
		const url = await super.start(port, host);
		const server = (this as unknown as { server?: Server }).server;
		server?.prependListener('request', (request, response) => {
			const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => unknown;
			response.writeHead = ((status: number, headers?: Record<string, string>) => {
				if (headers?.[DROP_HEADER]) {
					request.socket.destroy();
					response.end = (() => response) as never;
					return response;
				}
				return writeHead(status, headers);
			}) as never;
		});
		return url;
	}

	/** Clears tasks, orders, recorded requests, sent callbacks, faults and quirks. */
	/**
	 * How many numbers one callList may carry before the emulator answers retCode 4001 (the real
	 * limit is not documented); undefined for no limit. Changes `limits.callList` of the options.
	 */
	setCallListCapacity(max: number | undefined): void {
		this.options.limits = { ...this.options.limits, callList: max };
	}

	/**
	 * While set, a too-long callList of addBatchCall or importBatchCall is partly taken before the
	 * 4001: the request does its work (importBatchCall replaces the batch) on the first `capacity`
	 * numbers, then answers retCode 4001. Models the reading the reference leaves open (default:
	 * a 4001 takes nothing). Cleared by `reset`.
	 */
	overCapacityAfterPartial = false;

	reset(): void {
		this.overCapacityAfterPartial = false;
		this.tasks.clear();
		this.orders.clear();
		this.usedOrderIDs.clear();
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
				const body = { retCode: codes[fault], retMsg: `fault: ${fault}`, responseID: this.newId() };
				return this.respond(request, body, this.algorithm, false);
			}
			const response = this.dispatch(request, handler, envelope);
			if (fault === 'drop')
				return { ...response, headers: { ...response.headers, [DROP_HEADER]: '1' } };
			return response;
		});
	}

	private nowSeconds(): number {
		return Math.floor((this.options.now?.() ?? Date.now()) / 1000);
	}

	private newId(): string {
		return randomBytes(16).toString('hex');
	}

	private dispatch(
		request: ReceivedRequest,
		handler: (body: Obj) => Handled,
		envelope: 'standard' | 'ping',
	): EmulatorResponse {
		let algorithm = this.algorithm;
		try {
			algorithm = this.verifyAuth(request);
			const handled = handler(this.parseBody(request));
			const body =
				envelope === 'ping'
					? handled.body
					: {
							retCode: NX_RET.success,
							retMsg: 'success',
							responseID: this.newId(),
							...handled.body,
						};
			return this.respond(request, body, algorithm, handled.gzip === true);
		} catch (error) {
			if (!(error instanceof NxApiError)) {
				return {
					status: 500,
					body: { error: error instanceof Error ? error.message : String(error) },
				};
			}
			const pingStyle = envelope === 'ping' && this.options.pingErrorEnvelope !== 'standard';
			const body = pingStyle
				? { code: error.retCode, msg: error.message, reqId: this.newId() }
				: { retCode: error.retCode, retMsg: error.message, responseID: this.newId() };
			return this.respond(request, body, algorithm, false);
		}
	}

	/** Checks the signed headers; returns the algorithm the request was signed with. */
	private verifyAuth(request: ReceivedRequest): NxAlgorithm {
		if (header(request, 'content-encoding')) {
			// Emulator choice: the docs do not say whether the sign covers the compressed bytes.
			throw new NxApiError(NX_RET.parameterFormat, 'compressed request bodies are not supported');
		}
		const sign = header(request, 'sign');
		if (!sign) throw new NxApiError(NX_RET.signatureMissing, 'sign header is missing');
		// Header names are case-insensitive: `requestID` (documented) and `requestId` (vendor sample).
		for (const name of ['requestID', 'uuid', 'createTs']) {
			if (!header(request, name)) {
				throw new NxApiError(NX_RET.parameterMissing, `${name} header is missing`);
			}
		}
		const requestID = header(request, 'requestID')!;
		const uuid = header(request, 'uuid')!;
		const createTs = header(request, 'createTs')!;
		if (!/^\d{1,11}$/.test(createTs)) {
			throw new NxApiError(NX_RET.parameterFormat, 'createTs must be a Unix timestamp in seconds');
		}
		const skew = this.options.maxClockSkewSeconds;
		if (skew !== undefined && Math.abs(this.nowSeconds() - Number(createTs)) > skew) {
			throw new NxApiError(NX_RET.parameterValue, 'createTs is too far from the server time');
		}
		const algorithmHeader = header(request, 'algorithm');
		let algorithm: NxAlgorithm = 'MD5'; // documented: MD5 when the header is absent
		if (algorithmHeader !== undefined) {
			const upper = algorithmHeader.toUpperCase();
			if (upper !== 'MD5' && upper !== 'SHA256') {
				throw new NxApiError(NX_RET.parameterValue, 'algorithm must be MD5 or SHA256');
			}
			algorithm = upper;
		}
		if (uuid !== this.uuid) throw new NxApiError(NX_RET.accountNotFound, 'account does not exist');
		if (algorithm !== this.algorithm) {
			// Emulator choice: the docs do not say what happens when the header and the account disagree.
			throw new NxApiError(
				NX_RET.signatureIncorrect,
				`signature incorrect: this account signs with ${this.algorithm}, the request used ${algorithm}`,
			);
		}
		const expected = computeSign(
			algorithm,
			this.secret,
			request.rawBody,
			createTs,
			requestID,
			uuid,
		);
		if (!sameText(expected, sign))
			throw new NxApiError(NX_RET.signatureIncorrect, 'signature incorrect');
		return algorithm;
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

	/** Answers HTTP 200 with the JSON body, signed in the response headers (section 2.9). */
	private respond(
		request: ReceivedRequest,
		body: Obj,
		algorithm: NxAlgorithm,
		mayGzip: boolean,
	): EmulatorResponse {
		const text = JSON.stringify(body);
		const requestID = header(request, 'requestID') ?? '';
		const createTs = String(this.nowSeconds());
		const headers: Record<string, string> = {
			'content-type': 'application/json; charset=utf-8',
			requestID,
			uuid: this.uuid,
			createTs,
			sign: computeSign(algorithm, this.secret, text, createTs, requestID, this.uuid),
			algorithm,
		};
		if (mayGzip && /\bgzip\b/i.test(header(request, 'accept-encoding') ?? '')) {
			headers['content-encoding'] = 'gzip';
			return { status: 200, headers, body: gzipSync(Buffer.from(text, 'utf8')) };
		}
		return { status: 200, headers, body: text };
	}

	// ---------------------------------------------------------------- validation shared by endpoints

	private bogusTotal(): Obj {
		return this.listQuirks.total === undefined ? {} : { total: this.listQuirks.total };
	}

	private productID(body: Obj): void {
		const productID = field<string>(body, 'productID', 'string', '');
		if (productID !== 'callbot')
			throw new NxApiError(NX_RET.parameterValue, 'productID must be "callbot"');
	}

	private task(body: Obj): NxTask {
		const userTaskID = requireNonEmpty(
			field<string>(body, 'userTaskID', 'string', ''),
			'userTaskID',
		);
		const task = this.tasks.get(userTaskID);
		// Emulator choice of code: the docs list no "not found" code.
		if (!task) throw new NxApiError(NX_RET.parameterValue, `task ${userTaskID} does not exist`);
		return task;
	}

	private pageArgs(body: Obj): { page: number; size: number } {
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

	/**
	 * taskCreateSetting. 'createAndCall': every documented field required. 'createTask': the vendor
	 * example's fields (no maxCall/taskName/taskCallbackUrl; maxRingTime/routeID tolerated as missing;
	 * `"dialAtUpHour "` typo and startupType 0 accepted). 'updateTask': everything optional.
	 */
	private taskSetting(setting: Obj, mode: 'createAndCall' | 'createTask' | 'updateTask'): Obj {
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
			throw new NxApiError(
				NX_RET.parameterValue,
				`${p}startupAt must be set when startupType is 2`,
			);
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
	private funcFlag(flags: Obj, mode: 'createAndCall' | 'createTask' | 'updateTask'): Obj {
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

	/** callInfoList: the callback URLs and the raw callList (items are checked one by one later). */
	private callInfoList(
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
		const max = this.options.limits?.callList;
		if (checkCapacity && max !== undefined && callList.length > max) {
			throw new NxApiError(NX_RET.overCapacity, `callInfoList.callList has more than ${max} items`);
		}
		return { orderCallbackUrl, callCallbackUrl, callList };
	}

	/** Imports orders; bad items go to errList (retCode stays 0, as documented for partial success). */
	private importOrders(
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
			const problem = this.orderProblem(item, seen);
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
				createTs: this.nowSeconds(),
				finish: false,
				stopped: false,
				orderCallbackUrl: info.orderCallbackUrl,
				callCallbackUrl: info.callCallbackUrl,
				calls: [],
			};
			seen.add(order.orderID);
			this.usedOrderIDs.add(order.orderID);
			this.orders.set(order.orderID, order);
			successCount++;
		}
		task.orderCallbackUrl = info.orderCallbackUrl || task.orderCallbackUrl;
		task.callCallbackUrl = info.callCallbackUrl || task.callCallbackUrl;
		return { totalCount: info.callList.length, successCount, errList };
	}

	private orderProblem(item: unknown, seen: Set<string>): string | undefined {
		if (!isObj(item)) return 'the item must be an object';
		for (const key of ['orderID', 'userPhone', 'other', 'userName', 'customerName']) {
			if (item[key] === undefined || item[key] === null) return `${key} is missing`;
			if (typeof item[key] !== 'string') return `${key} must be a string`;
		}
		const orderID = item.orderID as string;
		if (!orderID.trim()) return 'orderID must not be empty';
		if (this.orders.has(orderID) || this.usedOrderIDs.has(orderID) || seen.has(orderID))
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

	private newTask(body: Obj, setting: Obj, flags: Obj, startupType: number): NxTask {
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

	private newUserTaskID(body: Obj): string {
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
	private deleteUndialed(task: NxTask): void {
		for (const order of this.ordersOf(task)) {
			if (!order.calls.length && !order.finish) this.orders.delete(order.orderID);
		}
	}

	private ordersOf(task: NxTask): NxOrder[] {
		return [...this.orders.values()].filter((o) => o.userTaskID === task.userTaskID);
	}

	private taskStat(task: NxTask): Obj {
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

	// ---------------------------------------------------------------- endpoints

	private ping(body: Obj): Handled {
		const data = field<string>(body, 'data', 'string', '');
		return {
			body: { data, timestamp: this.nowSeconds(), code: 0, msg: 'success', reqId: this.newId() },
		};
	}

	private createAndCall(body: Obj): Handled {
		this.productID(body);
		const userTaskID = this.newUserTaskID(body);
		requireNonEmpty(field<string>(body, 'sceneID', 'string', ''), 'sceneID');
		const setting = this.taskSetting(
			field<Obj>(body, 'taskCreateSetting', 'object', ''),
			'createAndCall',
		);
		const flags = this.funcFlag(field<Obj>(body, 'funcFlag', 'object', ''), 'createAndCall');
		const info = this.callInfoList(body);
		const task = this.newTask(body, setting, flags, setting.startupType as number);
		task.taskCallbackUrl = setting.taskCallbackUrl as string;
		this.tasks.set(userTaskID, task);
		return { body: { taskID: task.taskID, ...this.importOrders(task, info) } };
	}

	private createTask(body: Obj): Handled {
		this.productID(body);
		const userTaskID = this.newUserTaskID(body);
		requireNonEmpty(field<string>(body, 'sceneID', 'string', ''), 'sceneID');
		const setting = this.taskSetting(
			field<Obj>(body, 'taskCreateSetting', 'object', ''),
			'createTask',
		);
		// The docs do not mark funcFlag required here; when present, it is checked.
		const flagsIn = field<Obj>(body, 'funcFlag', 'object', '', false);
		const flags = flagsIn ? this.funcFlag(flagsIn, 'createTask') : {};
		const taskCallbackUrl = field<string>(body, 'taskCallbackUrl', 'string', '', false);
		const orderCallbackUrl = field<string>(body, 'orderCallbackUrl', 'string', '', false);
		const account = field<string>(body, 'account', 'string', '', false);
		const other = field<string>(body, 'other', 'string', '', false);
		const task = this.newTask(body, setting, flags, setting.startupType as number);
		task.taskCallbackUrl = taskCallbackUrl ?? (setting.taskCallbackUrl as string | undefined) ?? '';
		task.orderCallbackUrl = orderCallbackUrl ?? '';
		task.account = account;
		task.other = other;
		this.tasks.set(userTaskID, task);
		return { body: { taskID: task.taskID } };
	}

	/** addBatchCall adds to the current batch; importBatchCall starts a new batch (replace = true). */
	private addBatchCall(body: Obj, replace: boolean): Handled {
		this.productID(body);
		const task = this.task(body);
		const max = this.options.limits?.callList;
		const info = this.callInfoList(body, !this.overCapacityAfterPartial);
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
			this.deleteUndialed(task);
			task.batchSeq++;
			task.batchID = `${task.batchID.replace(/-\d+$/, '')}-${task.batchSeq}`;
		}
		if (max !== undefined && info.callList.length > max) {
			// overCapacityAfterPartial: the first `max` numbers are taken, then 4001.
			this.importOrders(task, { ...info, callList: info.callList.slice(0, max) });
			throw new NxApiError(NX_RET.overCapacity, `callInfoList.callList has more than ${max} items`);
		}
		return { body: { taskID: task.taskID, ...this.importOrders(task, info) } };
	}

	private mgrTaskStatus(body: Obj): Handled {
		this.productID(body);
		const task = this.task(body);
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
		if (delCall === 1) this.deleteUndialed(task);
		return { body: { taskID: task.taskID, taskStatus: task.taskStatus } };
	}

	private updateTask(body: Obj): Handled {
		this.productID(body);
		const task = this.task(body);
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
		const setting = settingIn ? this.taskSetting(settingIn, 'updateTask') : undefined;
		const flags = flagsIn ? this.funcFlag(flagsIn, 'updateTask') : undefined;
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
		if (typeof setting?.taskCallbackUrl === 'string')
			task.taskCallbackUrl = setting.taskCallbackUrl;
		return { body: { taskID: task.taskID } };
	}

	private listTask(body: Obj): Handled {
		this.productID(body);
		const { page, size } = this.pageArgs(body);
		const q = field<Obj>(body, 'queryConditions', 'object', '');
		const p = 'queryConditions.';
		const statuses = integerArray(q, 'taskStatus', p);
		const names = stringArray(q, 'taskName', p);
		const sceneID = field<string>(q, 'sceneID', 'string', p, false);
		const ids = stringArray(q, 'userTaskID', p);
		const startTs = field<number>(q, 'startTs', 'integer', p, false);
		const endTs = field<number>(q, 'endTs', 'integer', p, false);
		const rows = [...this.tasks.values()]
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
				taskStat: this.taskStat(t),
			}));
		// Emulator choice: no total field (the docs show none); clients page until a short page.
		if (this.listQuirks.endless) {
			const made = Array.from({ length: size }, (_, i) => ({ userTaskID: `endless-${page}-${i}` }));
			return { body: { taskData: made, ...this.bogusTotal() } };
		}
		return { body: { taskData: paginate(rows, page, size), ...this.bogusTotal() } };
	}

	/** Call filters shared by listCall and listOrder (each may be null). */
	private callFilter(
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

	private orderFields(order: NxOrder, task: NxTask): Obj {
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

	/**
	 * listCall: one row per call. The response is not documented; emulator choice: rows under
	 * `callList`, each the order's fields plus the callInfoDetail fields, flat.
	 */
	private listCall(body: Obj): Handled {
		this.productID(body);
		const task = this.task(body);
		const { page, size } = this.pageArgs(body);
		const options = field<Obj>(body, 'options', 'object', '');
		const p = 'options.';
		const callIDs = stringArray(options, 'callID', p);
		const startTs = field<number>(options, 'startTs', 'integer', p, false);
		const endTs = field<number>(options, 'endTs', 'integer', p, false);
		const matches = this.callFilter(options, p);
		const rows = this.ordersOf(task).flatMap((order) =>
			order.calls
				.filter((c) => !callIDs?.length || callIDs.includes(c.callID))
				.filter((c) => !startTs || c.callStartTs >= startTs)
				.filter((c) => !endTs || c.callStartTs <= endTs)
				.filter((c) => matches(c))
				.map((c) => ({ ...this.orderFields(order, task), ...callInfoDetail(c) })),
		);
		return { body: { callList: paginate(rows, page, size), ...this.bogusTotal() }, gzip: true };
	}

	/**
	 * listOrder: one row per order with its last call. The response is not documented; emulator
	 * choice: rows under `orderList`, each the order's fields plus `callInfoDetail` (null before the
	 * first call). `finish`: 1 = finished orders, 0 = unfinished (meaning not documented).
	 */
	private listOrder(body: Obj): Handled {
		this.productID(body);
		const task = this.task(body);
		const { page, size } = this.pageArgs(body);
		const options = field<Obj>(body, 'options', 'object', '');
		const p = 'options.';
		const orderIDs = stringArray(options, 'orderID', p);
		const finish = field<number>(options, 'finish', 'integer', p, false);
		const matches = this.callFilter(options, p);
		const rows = this.ordersOf(task)
			.filter((o) => !orderIDs?.length || orderIDs.includes(o.orderID))
			.filter(
				(o) => finish === undefined || (finish === 1 ? o.finish : finish === 0 ? !o.finish : true),
			)
			.filter((o) => matches(o.calls.at(-1)))
			.map((o) => {
				const last = o.calls.at(-1);
				return { ...this.orderFields(o, task), callInfoDetail: last ? callInfoDetail(last) : null };
			});
		return { body: { orderList: paginate(rows, page, size), ...this.bogusTotal() } };
	}

	private stopOrder(body: Obj): Handled {
		this.productID(body);
		const task = this.task(body);
		const orderIDs = stringArray(body, 'orderIDs', '', true)!;
		const max = this.options.limits?.orderIDs;
		if (max !== undefined && orderIDs.length > max) {
			throw new NxApiError(NX_RET.overCapacity, `orderIDs has more than ${max} items`);
		}
		const delCall = field<number>(body, 'delCall', 'integer', '', false);
		if (delCall !== undefined) oneOf(delCall, [0, 1], 'delCall');
		const errList: Array<{ orderID: string; errMsg: string }> = [];
		let successCount = 0;
		for (const orderID of orderIDs) {
			const order = this.orders.get(orderID);
			if (!order || order.userTaskID !== task.userTaskID) {
				errList.push({ orderID, errMsg: 'order does not exist in this task' });
			} else if (order.finish) {
				errList.push({ orderID, errMsg: 'order is already finished' });
			} else {
				order.stopped = true;
				order.finish = true;
				if (delCall === 1 && !order.calls.length) this.orders.delete(orderID);
				successCount++;
			}
		}
		return { body: { totalCount: orderIDs.length, successCount, errList } };
	}

	private listOrderDetail(body: Obj): Handled {
		this.productID(body);
		const task = this.task(body);
		const ids = stringArray(body, 'orderList', '', true)!;
		if (ids.length > NX_MAX_ORDER_DETAIL_IDS) {
			throw new NxApiError(
				NX_RET.overCapacity,
				`orderList has more than ${NX_MAX_ORDER_DETAIL_IDS} items`,
			);
		}
		const orderDetailList = ids
			.map((id) => this.orders.get(id))
			.filter((o): o is NxOrder => !!o && o.userTaskID === task.userTaskID)
			.map((o) => ({
				...this.orderFields(o, task),
				callInfoDetailList: o.calls.map(callInfoDetail),
			}));
		return { body: { orderDetailList } };
	}

	/** The calls of the latest batch (the Chinese page title; the English page says "previous"). */
	private exportBatchCall(body: Obj): Handled {
		this.productID(body);
		const task = this.task(body);
		if (task.importInProgress) {
			throw new NxApiError(
				NX_RET.batchImportInProgress,
				'a batch import is in progress, try again later',
			);
		}
		const callList = this.ordersOf(task)
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

	private callbackType(kind: NxCallbackKind): number | string {
		const types = this.options.callbackTypes ?? { task: 1, order: 2, call: 3 };
		return types[kind];
	}

	/** Call callback payload (section 8.4) for a recorded call (default: the order's last call). */
	callCallbackPayload(orderID: string, callID?: string, overrides: Obj = {}): Obj {
		const order = this.orders.get(orderID);
		if (!order) throw new Error(`No order ${orderID}`);
		const call = callID ? order.calls.find((c) => c.callID === callID) : order.calls.at(-1);
		if (!call) throw new Error(`Order ${orderID} has no call ${callID ?? ''}`);
		const task = this.tasks.get(order.userTaskID)!;
		return {
			callbackType: this.callbackType('call'),
			...this.orderFields(order, task),
			callInfoDetail: callInfoDetail(call),
			...overrides,
		};
	}

	/** Order callback payload (section 8.5): its callInfoDetail has no callingNumber / lineAddress. */
	orderCallbackPayload(orderID: string, overrides: Obj = {}): Obj {
		const order = this.orders.get(orderID);
		if (!order) throw new Error(`No order ${orderID}`);
		const task = this.tasks.get(order.userTaskID)!;
		const last = order.calls.at(-1);
		let detail: Partial<NxCall> | null = null;
		if (last) {
			detail = callInfoDetail(last);
			delete detail.callingNumber;
			delete detail.lineAddress;
		}
		return {
			callbackType: this.callbackType('order'),
			...this.orderFields(order, task),
			callInfoDetail: detail,
			...overrides,
		};
	}

	/** Task status callback payload (section 8.6); createTs is the task's creation time. */
	taskCallbackPayload(userTaskID: string, overrides: Obj = {}): Obj {
		const task = this.tasks.get(userTaskID);
		if (!task) throw new Error(`No task ${userTaskID}`);
		return {
			callbackType: this.callbackType('task'),
			userTaskID: task.userTaskID,
			taskID: task.taskID,
			sceneID: task.sceneID,
			taskStatus: task.taskStatus,
			createTs: task.createTs,
			taskStat: this.taskStat(task),
			...overrides,
		};
	}

	/**
	 * A callback as NXCLOUD sends it: the body serialized once and signed with the account's secret and
	 * configured algorithm over the exact body string; headers requestID, uuid, createTs, sign (no
	 * algorithm header). A string payload is sent verbatim; an object without `callbackType` gets the
	 * kind's default.
	 */
	signedCallback(kind: NxCallbackKind, payload: Obj | string): NxSignedCallback {
		const rawBody =
			typeof payload === 'string'
				? payload
				: JSON.stringify({
						...(payload.callbackType === undefined
							? { callbackType: this.callbackType(kind) }
							: {}),
						...payload,
					});
		const requestID = this.newId();
		const createTs = String(this.nowSeconds());
		return {
			kind,
			rawBody,
			headers: {
				'Content-Type': 'application/json',
				requestID,
				uuid: this.uuid,
				createTs,
				sign: computeSign(this.algorithm, this.secret, rawBody, createTs, requestID, this.uuid),
			},
		};
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

/** The documented callInfoDetail fields of a stored call. */
function callInfoDetail(call: NxCall & { turnCount?: number }): NxCall {
	const detail: NxCall & { turnCount?: number } = structuredClone(call);
	delete detail.turnCount;
	return detail;
}

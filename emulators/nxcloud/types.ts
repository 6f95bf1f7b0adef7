/** Options of the emulator and the shapes of what it stores (tasks, orders, calls, callbacks). */
import type { NxAlgorithm } from './constants';

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

export type Obj = Record<string, unknown>;

/** What an endpoint answers (the envelope's retCode/retMsg/responseID are added around it). */
export interface Handled {
	body: Obj;
	/** listCall and exportBatchCall may gzip their answer on Accept-Encoding: gzip. */
	gzip?: boolean;
}

/**
 * Knobs for the list endpoints (listTask, listCall, listOrder): `ignorePage` answers page 1
 * whatever page is asked for (a server that ignores `page`); `total` adds a bogus `total` field;
 * `endless` makes listTask answer every page with `size` new made-up tasks.
 */
export interface NxListQuirks {
	ignorePage?: boolean;
	total?: number;
	endless?: boolean;
}

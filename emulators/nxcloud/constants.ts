/** The API's paths, documented codes and limits, and the documented-error type. */
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

/** A documented API error: answered with HTTP 200 and this retCode. */
export class NxApiError extends Error {
	constructor(
		readonly retCode: number,
		message: string,
	) {
		super(message);
	}
}

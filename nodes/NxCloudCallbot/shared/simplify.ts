import { simplifyOutput, simplifyProperties } from '../../shared/toolMode';

/**
 * Simplify of the NXCLOUD lists: one toggle for Task → Get Many, Call → Get Many, Order → Get Many,
 * Order → Get Details and Batch → Export (placed last in the node, after their other fields), and
 * the fields each keeps.
 */
export const nxSimplifyFields = simplifyProperties({
	resource: ['task', 'call', 'order', 'batch'],
	operation: ['getAll', 'getDetails', 'export'],
});

/** A task of listTask: its ID, name, status and progress (not the platform IDs). */
export const TASK_FIELDS = [
	'userTaskID',
	'taskName',
	'taskStatus',
	'taskStatusName',
	'createTs',
	'taskStat.totalOrderCount',
	'taskStat.finishOrderCount',
	'taskStat.answerOrderCount',
	'taskStat.answerRate',
];

/** What a call says: its status, times, duration, recording, hang-up cause and intents. */
const CALL_DETAIL = [
	'callID',
	'callStatus',
	'callStartTs',
	'callAnswerTs',
	'callEndTs',
	'callDuration',
	'callAudioUrl',
	'hangupCause',
	'intents',
];

/**
 * A call or order row (listCall, listOrder, listOrderDetail, exportBatchCall): the order's fields
 * and its call's. The shape of listCall and listOrder rows is not documented [inferred], so the call
 * fields are kept flat, inside `callInfoDetail` and inside each entry of `callInfoDetailList`.
 */
export const CALL_ROW_FIELDS = [
	'userTaskID',
	'batchID',
	'orderID',
	'userPhone',
	'userName',
	'other',
	'finish',
	'found',
	...CALL_DETAIL,
	...CALL_DETAIL.map((field) => `callInfoDetail.${field}`),
	...CALL_DETAIL.map((field) => `callInfoDetailList.${field}`),
];

export const simplifyTasks = simplifyOutput(TASK_FIELDS);
export const simplifyCallRows = simplifyOutput(CALL_ROW_FIELDS);

// Re-exports for importers outside this change (nodes/NxCloudCallbot/shared/orders.ts,
// resources/order/*, transport/request.ts). The constants are in ./constants, the ID fields and
// checks in ./ids, the other input checks in ./checks, splitList in nodes/shared/lists.
export {
	AUTO_NUMBERS_PER_REQUEST,
	DEFAULT_NUMBERS_PER_REQUEST,
	MAX_ORDER_IDS_PER_REQUEST,
	NXCLOUD_API,
	OVER_CAPACITY_CODE,
	PRODUCT_ID,
} from './constants';
export { checkedId, readTaskIdField, requiredTaskId, TASK_ID_FIX, taskIdField } from './ids';
export { callbackUrl } from './checks';
export { splitList } from '../../shared/lists';

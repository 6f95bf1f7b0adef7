/** `productID` is always this constant. */
export const PRODUCT_ID = 'callbot';

/** Documented (listOrderDetail): at most 500 order IDs per request. Also used for stopOrder (undocumented there). */
export const MAX_ORDER_IDS_PER_REQUEST = 500;

/**
 * Numbers (callList entries) per createAndCall / addBatchCall / importBatchCall request. The API
 * documents no maximum, only retCode 4001 when there are too many, so by default (0, automatic) the
 * node starts with AUTO_NUMBERS_PER_REQUEST and halves a request refused with 4001 until NXCLOUD
 * accepts it (nodes/NxCloudCallbot/shared/orderSending.ts, sendGroup). A fixed size can be set per node.
 */
export const DEFAULT_NUMBERS_PER_REQUEST = 0;

/** The first request size of the automatic mode. */
export const AUTO_NUMBERS_PER_REQUEST = 2000;

/** The vendor code of a request with too many array elements. */
export const OVER_CAPACITY_CODE = 4001;

import { prepareAddOrders } from './shared/numbers';

// Order → Add: its fields are Replace Latest Batch's too (./shared/numbers.ts).

/** Plans addBatchCall for the numbers, grouped by task. */
export const prepareAdd = prepareAddOrders('add');

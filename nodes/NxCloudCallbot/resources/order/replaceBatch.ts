import { prepareAddOrders } from './shared/numbers';

// Order → Replace Latest Batch: its fields are Add's too (./shared/numbers.ts).

/**
 * Plans importBatchCall for the first request of each task (the numbers of its previous batch not
 * dialed yet are deleted), addBatchCall for the rest.
 */
export const prepareReplaceBatch = prepareAddOrders('replace');

import { prepareTaskStatus } from './shared/statusChange';

/**
 * Task → Start: mgrTaskStatus with taskOperate 1. Its fields (Task ID, Delete Undialed Numbers) are
 * shared with the other status changes (`taskStatusDescription`).
 */
export const prepareStartTask = prepareTaskStatus(1);

import { prepareTaskStatus } from './shared/statusChange';

/**
 * Task → Finish: mgrTaskStatus with taskOperate 3. Its fields (Task ID, Delete Undialed Numbers) are
 * shared with the other status changes (`taskStatusDescription`).
 */
export const prepareFinishTask = prepareTaskStatus(3);

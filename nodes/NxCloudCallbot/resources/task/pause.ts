import { prepareTaskStatus } from './shared/statusChange';

/**
 * Task → Pause: mgrTaskStatus with taskOperate 2. Its fields (Task ID, Delete Undialed Numbers) are
 * shared with the other status changes (`taskStatusDescription`).
 */
export const preparePauseTask = prepareTaskStatus(2);

/** OMICall API section 4.x EXTENDED endpoints (crm): routes to come (issue 13). */
import type { SecuredRoute } from './state';

/** This section's in-memory state. */
export interface CrmState {
	/** Requests this section accepted, newest last (for tests). */
	accepted: Array<{ path: string; body: unknown }>;
}

export function createCrmState(): CrmState {
	return { accepted: [] };
}

/** Registers this section's endpoints. */
export function crmRoutes(_state: CrmState, _secured: SecuredRoute): void {}

/** OMICall API section 4.x EXTENDED endpoints (extended-calls): routes to come (issue 13). */
import type { SecuredRoute } from './state';

/** This section's in-memory state. */
export interface ExtendedCallsState {
	/** Requests this section accepted, newest last (for tests). */
	accepted: Array<{ path: string; body: unknown }>;
}

export function createExtendedCallsState(): ExtendedCallsState {
	return { accepted: [] };
}

/** Registers this section's endpoints. */
export function extendedCallsRoutes(_state: ExtendedCallsState, _secured: SecuredRoute): void {}

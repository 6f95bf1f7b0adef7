/** OMICall API section 4.x EXTENDED endpoints (pbx): routes to come (issue 13). */
import type { SecuredRoute } from './state';

/** This section's in-memory state. */
export interface PbxState {
	/** Requests this section accepted, newest last (for tests). */
	accepted: Array<{ path: string; body: unknown }>;
}

export function createPbxState(): PbxState {
	return { accepted: [] };
}

/** Registers this section's endpoints. */
export function pbxRoutes(_state: PbxState, _secured: SecuredRoute): void {}

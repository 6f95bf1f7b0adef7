import { ApplicationError, type IHttpRequestOptions } from 'n8n-workflow';

/**
 * A many-items plan carried as the body of the request options (`withPlan` in ./plan.ts), told
 * apart from a body to send. On its own, without the plan code, so that each vendor's transport can
 * refuse a plan body in the credential's `authenticate` (nodes/Omicall/transport/auth.ts,
 * nodes/NxCloudCallbot/transport/auth.ts), the one step every request of both nodes passes.
 */

/** The key of the plan in a plan body: `{ [PLAN_BODY_KEY]: plan }`. */
export const PLAN_BODY_KEY = 'itemsPlan';

/** Whether a request body is a plan (`withPlan`), which the pagination function replaces. */
export function isPlanBody(body: unknown): body is Record<typeof PLAN_BODY_KEY, unknown> {
	return body !== null && typeof body === 'object' && PLAN_BODY_KEY in body;
}

/**
 * Stops a request whose body is still a plan, before it is signed or sent: the operation's
 * pagination function (or its `paginate: true`) is missing, so n8n's routing engine would send the
 * plan itself (every contact of the run, error objects, IDs) instead of the bodies built from it.
 * A programming error, never the user's input.
 */
export function refusePlanBody(requestOptions: IHttpRequestOptions, vendor: string): void {
	if (!isPlanBody(requestOptions.body)) return;
	const target = `${String(requestOptions.method ?? 'GET')} ${String(requestOptions.url ?? '')}`;
	throw new ApplicationError(
		`Programming error: the ${vendor} request ${target} carries a many-items plan as its body. The plan is for the operation's pagination function, which sends the real bodies; this operation has none (or lacks paginate: true). Nothing was sent.`,
	);
}

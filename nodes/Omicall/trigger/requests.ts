import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { omicallRequest } from '../transport/direct';

/**
 * The OMICall requests of the registration: list, register and destroy the call webhooks, through
 * the package's one request helper outside the routing engine (`omicallRequest`).
 */

export interface OmicallHook {
	type: string;
	url: string;
	events: string[] | null;
}

/**
 * How long each registration request may take before activation or deactivation fails (30 s, as
 * every request of this package). A setting rather than a constant so that tests can shorten it.
 */
export const registrationSettings = { timeoutMs: 30_000 };

const REGISTRATION = {
	purpose: 'to manage the call webhooks',
	whenTimedOut:
		'The webhook registration was not changed or only partly: activate again later. Deactivating puts back what was registered before.',
};

export async function listHooks(ctx: IHookFunctions): Promise<OmicallHook[]> {
	const payload = await omicallRequest(ctx, 'GET', '/api/webhooks/list', {
		...REGISTRATION,
		timeoutMs: registrationSettings.timeoutMs,
	});
	const hooks = Array.isArray(payload) ? (payload as IDataObject[]) : [];
	return hooks
		.filter((hook) => typeof hook === 'object' && hook !== null)
		.map((hook) => ({
			type: String(hook.type ?? ''),
			url: String(hook.url ?? ''),
			events: Array.isArray(hook.events) ? (hook.events as string[]) : null,
		}));
}

export async function register(
	ctx: IHookFunctions,
	url: string,
	events: string[] | null,
): Promise<void> {
	await omicallRequest(ctx, 'POST', '/api/webhooks/register', {
		...REGISTRATION,
		timeoutMs: registrationSettings.timeoutMs,
		body: { webhook: { type: 'call', url, events } },
	});
}

export async function destroy(ctx: IHookFunctions, hookType: string): Promise<void> {
	await omicallRequest(ctx, 'POST', '/api/webhooks/destroy', {
		...REGISTRATION,
		timeoutMs: registrationSettings.timeoutMs,
		qs: { hook_type: hookType },
	});
}

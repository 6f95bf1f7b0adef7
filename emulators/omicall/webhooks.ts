/**
 * OMICall API section 4.5: webhook management (EXTENDED; the documented body is wrapped in
 * "webhook").
 */
import { failA, ok, type Json } from './answers';
import type { OmicallState, SecuredRoute } from './state';

/** Registers the webhook-management endpoints. */
export function webhookRoutes(emulator: OmicallState, secured: SecuredRoute): void {
	secured('GET', '/api/webhooks/list', () => ok(emulator.webhooks));
	secured('POST', '/api/webhooks/register', (request) => {
		const body = (request.body ?? {}) as Json;
		const hook = ((body.webhook as Json) ?? body) as Json;
		if (!hook.url || !['call', 'contact'].includes(String(hook.type)))
			return failA('data_is_required', 'webhook.type and webhook.url are required');
		const events = Array.isArray(hook.events) ? hook.events : null;
		const type = hook.type === 'call' && events ? 'call_event' : hook.type;
		emulator.webhooks = emulator.webhooks.filter((w) => w.type !== type);
		emulator.webhooks.push({ url: hook.url, type, status: 'actived', events, headers: [] });
		return ok(true);
	});
	secured('POST', '/api/webhooks/destroy', (request) => {
		const hookType = String(request.query.hook_type ?? '');
		if (!['call', 'contact', 'call_event'].includes(hookType))
			return failA('data_is_required', 'hook_type is required');
		// emulator: destroying "call" removes both the CDR and the call-event registration.
		emulator.webhooks = emulator.webhooks.filter(
			(w) => !(w.type === hookType || (hookType === 'call' && w.type === 'call_event')),
		);
		return ok(true);
	});
}

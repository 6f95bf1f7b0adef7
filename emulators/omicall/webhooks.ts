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
		// The documented body is wrapped in "webhook"; OMICall's own client sends it flat, and
		// whether the server takes that is not documented. emulator: only the wrapped form.
		const hook = body.webhook as Json | undefined;
		if (!hook || typeof hook !== 'object' || Array.isArray(hook))
			return failA('data_is_required', 'webhook is required');
		if (
			typeof hook.url !== 'string' ||
			!hook.url ||
			!['call', 'contact'].includes(String(hook.type))
		)
			return failA('data_is_required', 'webhook.type and webhook.url are required');
		// HTTPS is required by the dashboard and OMICall's own client; emulator: the API takes any
		// URL (the trigger's tests register local http addresses).
		const known = ['ringing', 'answered', 'hangup'];
		if (
			hook.events !== undefined &&
			hook.events !== null &&
			!(Array.isArray(hook.events) && hook.events.every((event) => known.includes(String(event))))
		)
			return failA('data_is_required', 'webhook.events must be null or a list of call events');
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

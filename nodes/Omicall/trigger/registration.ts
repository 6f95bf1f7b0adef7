import type { IHookFunctions } from 'n8n-workflow';
import { REGISTERED_CALL_STATES } from './events';
import { destroy, listHooks, register, type OmicallHook } from './requests';
import {
	CALL_TYPES,
	STATIC_KEY,
	savedRegistration,
	toSaved,
	type SavedHook,
	type SavedRegistration,
} from './saved';
import {
	querySecret,
	registrationEnabled,
	urlToRegister,
	wantedHooks,
	withSecret,
	withoutQuery,
} from './settings';

/**
 * Automatic registration of the call webhooks (OMICall page Webhooks): `GET /api/webhooks/list`,
 * `POST /api/webhooks/register` (body wrapped in `webhook`), `POST /api/webhooks/destroy?hook_type=`.
 *
 * OMICall keeps one webhook per type: `call` (end-of-call CDR, registered with `events: null`) and
 * `call_event` (live events, registered as type `call` with an `events` list). Registering replaces
 * what was there, so activation remembers what restoring the previous registrations needs in the
 * workflow's static data, and deactivation puts them back. Static data is stored in the workflow,
 * unencrypted: no URL with a query string, a fragment or user info (where other integrations keep
 * their secrets) is stored, and such a registration is not restored (a warning says so).
 */

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	if (!registrationEnabled(this)) return true;
	const wanted = wantedHooks(this);
	if (!wanted.length) return true;
	let url: string;
	try {
		url = await urlToRegister(this);
	} catch (error) {
		// Let create() report the configuration problem.
		this.logger.debug(`OMICall Trigger: ${(error as Error).message}`);
		return false;
	}
	const hooks = await listHooks(this);
	return wanted.every((w) => hooks.some((h) => h.type === w.listType && h.url === url));
}

export async function create(this: IHookFunctions): Promise<boolean> {
	if (!registrationEnabled(this)) return true;
	const wanted = wantedHooks(this);
	if (!wanted.length) return true;
	const url = await urlToRegister(this);
	const own = withoutQuery(url);
	const hooks = await listHooks(this);
	const saved = savedRegistration(this);
	const previous =
		saved && saved.url === own
			? saved.previous
			: hooks
					.filter((h) => CALL_TYPES.includes(h.type) && withoutQuery(h.url) !== own)
					.map((h) => toSaved(this, h));
	for (const hook of previous) {
		if (hook.origin !== undefined) {
			this.logger.warn(
				`OMICall Trigger: registering replaces the OMICall ${hook.type} webhook to ${hook.origin}. Its URL carries a query string (often a secret), which n8n does not store, so it will not be put back on deactivation: register it again in OMICall then.`,
			);
		}
	}
	// Saved before registering, so that a failure half-way can still be undone on deactivation.
	const registration: SavedRegistration = { url: own, previous };
	this.getWorkflowStaticData('node')[STATIC_KEY] = registration;
	for (const hook of wanted) await register(this, url, hook.events);
	return true;
}

/** The URL to register again for a saved registration; undefined when it cannot be restored. */
async function restoreUrl(ctx: IHookFunctions, hook: SavedHook): Promise<string | undefined> {
	if (hook.url) return hook.url;
	if (hook.ownUrl) {
		try {
			const { name, secret } = await querySecret(ctx);
			return withSecret(hook.ownUrl, name, secret);
		} catch {
			return undefined;
		}
	}
	return undefined;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const saved = savedRegistration(this);
	if (!saved) return true;
	const isOurs = (hook: OmicallHook) => withoutQuery(hook.url) === saved.url;

	let hooks = await listHooks(this);
	if (hooks.some(isOurs)) {
		// The documented hook_type values are call and contact; "call" is expected to cover the
		// live events too. If our call_event registration survives it, try hook_type=call_event.
		await destroy(this, 'call');
		hooks = await listHooks(this);
		if (hooks.some(isOurs)) {
			try {
				await destroy(this, 'call_event');
			} catch (error) {
				this.logger.warn(
					`OMICall Trigger: removing the call-event webhook failed: ${(error as Error).message}`,
				);
			}
			hooks = await listHooks(this);
		}
	}

	// Put back what was registered before activation, unless someone else registered since.
	for (const hook of saved.previous) {
		if (hooks.some((h) => h.type === hook.type && !isOurs(h))) continue;
		const url = await restoreUrl(this, hook);
		if (url === undefined) {
			this.logger.warn(
				`OMICall Trigger: the OMICall ${hook.type} webhook that was registered before${hook.origin ? ` (to ${hook.origin})` : ''} is not put back, as n8n did not store its URL. Register it again under Configuration → Enterprise → Integration → WEBHOOK.`,
			);
			continue;
		}
		const events = hook.type === 'call_event' ? (hook.events ?? [...REGISTERED_CALL_STATES]) : null;
		await register(this, url, events);
	}
	hooks = await listHooks(this);
	if (hooks.some(isOurs)) {
		this.logger.warn(
			'OMICall Trigger: a webhook pointing to this workflow is still registered in OMICall. Remove it under Configuration → Enterprise → Integration → WEBHOOK.',
		);
	}
	delete this.getWorkflowStaticData('node')[STATIC_KEY];
	return true;
}

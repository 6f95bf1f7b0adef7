import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type IHttpRequestMethods,
	type JsonObject,
} from 'n8n-workflow';
import { OMICALL_ERRORS, isOmicallSuccess, omicallErrorCode } from '../transport/errors';
import { TOKEN_REFUSED_CODES, requestOmicallWithTokenRetry } from '../transport/request';
import { REGISTERED_CALL_STATES, type OmicallEvent } from './events';
import { secretSettings } from './secret';

/**
 * Automatic registration of the call webhooks (REFERENCE 4.5): `GET /api/webhooks/list`,
 * `POST /api/webhooks/register` (body wrapped in `webhook`), `POST /api/webhooks/destroy?hook_type=`.
 *
 * OMICall keeps one webhook per type: `call` (end-of-call CDR, registered with `events: null`) and
 * `call_event` (live events, registered as type `call` with an `events` list). Registering replaces
 * what was there, so activation remembers what restoring the previous registrations needs in the
 * workflow's static data, and deactivation puts them back. Static data is stored in the workflow,
 * unencrypted: no URL with a query string, a fragment or user info (where other integrations keep
 * their secrets) is stored, and such a registration is not restored (a warning says so).
 */

export interface OmicallHook {
	type: string;
	url: string;
	events: string[] | null;
}

/** What restoring one previous registration needs. */
interface SavedHook {
	type: string;
	events: string[] | null;
	/** The URL to register again: only a URL without query, fragment or user info. */
	url?: string;
	/**
	 * This trigger's own URL in the other mode (test or production), stored without its query: the
	 * secret is added back from the current settings when it is restored.
	 */
	ownUrl?: string;
	/** Scheme and host only, to name a registration that cannot be restored in the warning. */
	origin?: string;
}

interface SavedRegistration {
	/** This trigger's URL without its query (the query carries the secret). */
	url: string;
	/** What restoring the registrations there before activation needs. */
	previous: SavedHook[];
}

const STATIC_KEY = 'omicallWebhookRegistration';
const CALL_TYPES = ['call', 'call_event'];

/**
 * How long each registration request may take before activation or deactivation fails (30 s, as
 * every request of this package). A setting rather than a constant so that tests can shorten it.
 */
export const registrationSettings = { timeoutMs: 30_000 };

interface WantedHook {
	listType: 'call' | 'call_event';
	events: string[] | null;
}

function withoutQuery(url: string): string {
	return url.split('#')[0].split('?')[0].replace(/\/+$/, '');
}

function registrationEnabled(ctx: IHookFunctions): boolean {
	return ctx.getNodeParameter('registerWebhook', false) === true;
}

/** The call webhooks the selected events need. */
function wantedHooks(ctx: IHookFunctions): WantedHook[] {
	const events = ctx.getNodeParameter('events', []) as OmicallEvent[];
	const wanted: WantedHook[] = [];
	if (events.includes('callEnded')) wanted.push({ listType: 'call', events: null });
	if (events.includes('callState')) {
		wanted.push({ listType: 'call_event', events: [...REGISTERED_CALL_STATES] });
	}
	return wanted;
}

/** `base` with the secret in its query. */
function withSecret(base: string, name: string, secret: string): string {
	const url = new URL(base);
	url.searchParams.set(name, secret);
	return url.toString();
}

/** The secret's query parameter name and value; throws when the secret is not in the query. */
async function querySecret(ctx: IHookFunctions): Promise<{ name: string; secret: string }> {
	const { location, name, secret } = await secretSettings(ctx);
	if (location !== 'query' || !name || !secret) {
		throw new NodeOperationError(
			ctx.getNode(),
			'Automatic registration needs the secret in the URL query',
			{
				description:
					'OMICall cannot add headers to call webhooks. Set Secret Location to Query Parameter and fill in Query Parameter Name and Secret (in the OMICall Webhook Secret credential from node version 2 on).',
			},
		);
	}
	return { name, secret };
}

/** The URL to register: the trigger's URL with the secret in the query. */
async function urlToRegister(ctx: IHookFunctions): Promise<string> {
	const { name, secret } = await querySecret(ctx);
	const base = ctx.getNodeWebhookUrl('default');
	if (!base) throw new NodeOperationError(ctx.getNode(), 'n8n did not provide a webhook URL');
	return withSecret(base, name, secret);
}

/** The path that ends both URLs of this trigger (production and test): /<webhookId>/<path>. */
function ownPathSuffix(ctx: IHookFunctions): string | undefined {
	const webhookId = ctx.getNode().webhookId;
	return webhookId ? `/${webhookId}/webhook` : undefined;
}

/** What restoring `hook` needs, without storing any query string. */
function toSaved(ctx: IHookFunctions, hook: OmicallHook): SavedHook {
	const saved: SavedHook = { type: hook.type, events: hook.events };
	let url: URL;
	try {
		url = new URL(hook.url);
	} catch {
		return saved;
	}
	const suffix = ownPathSuffix(ctx);
	if (suffix && url.pathname.replace(/\/+$/, '').endsWith(suffix)) {
		saved.ownUrl = withoutQuery(hook.url);
	} else if (!url.search && !url.hash && !url.username && !url.password) {
		saved.url = url.toString();
	} else {
		saved.origin = url.origin;
	}
	return saved;
}

/** Whether a request error is the timeout (axios' ECONNABORTED, as n8n reports it or not). */
function isTimeout(error: unknown): boolean {
	const candidate = error as {
		code?: unknown;
		message?: unknown;
		messages?: unknown;
		cause?: { code?: unknown; message?: unknown };
	};
	const texts = [
		candidate?.code,
		candidate?.message,
		candidate?.cause?.code,
		candidate?.cause?.message,
		...(Array.isArray(candidate?.messages) ? candidate.messages : []),
	].map((text) => String(text ?? ''));
	return texts.some((text) =>
		/ECONNABORTED|ETIMEDOUT|timeout of \d+ms exceeded|connection was aborted/i.test(text),
	);
}

async function omicallRequest(
	ctx: IHookFunctions,
	method: IHttpRequestMethods,
	path: string,
	options: { qs?: IDataObject; body?: IDataObject } = {},
): Promise<IDataObject> {
	const credentials = await ctx.getCredentials('omicallApi');
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	const timeout = registrationSettings.timeoutMs;
	let response: IDataObject;
	let retried: boolean;
	try {
		// A token refused inside an HTTP 200 (token_expired, auth_invalid) is replaced once.
		({ body: response, retried } = await requestOmicallWithTokenRetry(ctx, {
			method,
			url: `${baseUrl}${path}`,
			qs: options.qs,
			body: options.body,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
			timeout,
		}));
	} catch (error) {
		if (isTimeout(error)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`OMICall did not answer ${method} ${path} within ${timeout / 1000} s`,
				{
					description:
						'The webhook registration was not changed or only partly: activate again later. Deactivating puts back what was registered before.',
				},
			);
		}
		// n8n already reports request failures as NodeApiError, which is returned as it is.
		throw new NodeApiError(ctx.getNode(), error as JsonObject);
	}
	if (!isOmicallSuccess(response)) {
		const code = omicallErrorCode(response ?? {});
		if (retried && TOKEN_REFUSED_CODES.includes(code)) {
			throw new NodeApiError(ctx.getNode(), (response ?? {}) as JsonObject, {
				message: `OMICall refused the access token (${code}), also a new one fetched just before`,
				description: `While calling ${method} ${path} to manage the call webhooks, the trigger fetched a new token from /api/auth and retried once, and OMICall refused that token too. Check that the API key in the OMICall API credential is current and that the Base URL is the OMICall host of your tenant.`,
			});
		}
		const meaning = OMICALL_ERRORS[code];
		throw new NodeApiError(ctx.getNode(), (response ?? {}) as JsonObject, {
			message: `OMICall error ${code}${meaning ? `: ${meaning}` : ''}`,
			description: `While calling ${method} ${path} to manage the call webhooks`,
		});
	}
	return response;
}

export async function listHooks(ctx: IHookFunctions): Promise<OmicallHook[]> {
	const response = await omicallRequest(ctx, 'GET', '/api/webhooks/list');
	const payload = Array.isArray(response.payload) ? (response.payload as IDataObject[]) : [];
	return payload
		.filter((hook) => typeof hook === 'object' && hook !== null)
		.map((hook) => ({
			type: String(hook.type ?? ''),
			url: String(hook.url ?? ''),
			events: Array.isArray(hook.events) ? (hook.events as string[]) : null,
		}));
}

async function register(ctx: IHookFunctions, url: string, events: string[] | null): Promise<void> {
	await omicallRequest(ctx, 'POST', '/api/webhooks/register', {
		body: { webhook: { type: 'call', url, events } },
	});
}

async function destroy(ctx: IHookFunctions, hookType: string): Promise<void> {
	await omicallRequest(ctx, 'POST', '/api/webhooks/destroy', { qs: { hook_type: hookType } });
}

/**
 * One saved hook, cleaned by the rules of `toSaved`: data saved by earlier versions kept other
 * integrations' URLs whole (with their query secrets) in `url`, and URLs may have been edited.
 */
function sanitizeSaved(ctx: IHookFunctions, entry: unknown): SavedHook | undefined {
	if (typeof entry !== 'object' || entry === null) return undefined;
	const hook = entry as Record<string, unknown>;
	if (typeof hook.type !== 'string' || !CALL_TYPES.includes(hook.type)) return undefined;
	const events =
		Array.isArray(hook.events) && hook.events.every((event) => typeof event === 'string')
			? (hook.events as string[])
			: null;
	const url = typeof hook.url === 'string' ? hook.url : hook.ownUrl;
	if (typeof url === 'string' && url) return toSaved(ctx, { type: hook.type, url, events });
	const saved: SavedHook = { type: hook.type, events };
	if (typeof hook.origin === 'string') {
		try {
			saved.origin = new URL(hook.origin).origin;
		} catch {
			// Not a URL: nothing to name in the warning.
		}
	}
	return saved;
}

/**
 * What activation saved, cleaned (see `sanitizeSaved`) and written back cleaned, so that nothing
 * an earlier version stored with a secret stays in the workflow or is registered again.
 */
function savedRegistration(ctx: IHookFunctions): SavedRegistration | undefined {
	const staticData = ctx.getWorkflowStaticData('node');
	const saved = staticData[STATIC_KEY] as SavedRegistration | undefined;
	if (!saved || typeof saved.url !== 'string' || !Array.isArray(saved.previous)) return undefined;
	const clean: SavedRegistration = {
		url: withoutQuery(saved.url),
		previous: saved.previous
			.map((hook) => sanitizeSaved(ctx, hook))
			.filter((hook): hook is SavedHook => hook !== undefined),
	};
	if (JSON.stringify(clean) !== JSON.stringify(saved)) staticData[STATIC_KEY] = clean;
	return clean;
}

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

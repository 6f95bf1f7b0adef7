import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type IHttpRequestMethods,
	type JsonObject,
} from 'n8n-workflow';
import { OMICALL_ERRORS, isOmicallSuccess, omicallErrorCode } from '../Omicall/shared/errors';
import { REGISTERED_CALL_STATES, type OmicallEvent } from './events';

/**
 * Automatic registration of the call webhooks (REFERENCE 4.5): `GET /api/webhooks/list`,
 * `POST /api/webhooks/register` (body wrapped in `webhook`), `POST /api/webhooks/destroy?hook_type=`.
 *
 * OMICall keeps one webhook per type: `call` (end-of-call CDR, registered with `events: null`) and
 * `call_event` (live events, registered as type `call` with an `events` list). Registering replaces
 * what was there, so activation remembers the previous registrations in the workflow's static data
 * and deactivation puts them back.
 */

export interface OmicallHook {
	type: string;
	url: string;
	events: string[] | null;
}

interface SavedRegistration {
	/** This trigger's URL without its query (the query carries the secret). */
	url: string;
	/** The registrations that were there before activation, to restore on deactivation. */
	previous: OmicallHook[];
}

const STATIC_KEY = 'omicallWebhookRegistration';
const CALL_TYPES = ['call', 'call_event'];

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

/** The URL to register: the trigger's URL with the secret in the query. */
function urlToRegister(ctx: IHookFunctions): string {
	const location = ctx.getNodeParameter('secretLocation', 'query');
	const name = String(ctx.getNodeParameter('queryParameterName', 'secret') ?? '').trim();
	const secret = String(ctx.getNodeParameter('secret', '') ?? '');
	if (location !== 'query' || !name || !secret) {
		throw new NodeOperationError(
			ctx.getNode(),
			'Automatic registration needs the secret in the URL query',
			{
				description:
					'OMICall cannot add headers to call webhooks. Set Secret Location to Query Parameter and fill in Query Parameter Name and Secret.',
			},
		);
	}
	const base = ctx.getNodeWebhookUrl('default');
	if (!base) throw new NodeOperationError(ctx.getNode(), 'n8n did not provide a webhook URL');
	const url = new URL(base);
	url.searchParams.set(name, secret);
	return url.toString();
}

async function omicallRequest(
	ctx: IHookFunctions,
	method: IHttpRequestMethods,
	path: string,
	options: { qs?: IDataObject; body?: IDataObject } = {},
): Promise<IDataObject> {
	const credentials = await ctx.getCredentials('omicallApi');
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'omicallApi', {
		method,
		url: `${baseUrl}${path}`,
		qs: options.qs,
		body: options.body,
		headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		json: true,
	})) as IDataObject;
	if (!isOmicallSuccess(response)) {
		const code = omicallErrorCode(response ?? {});
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

function savedRegistration(ctx: IHookFunctions): SavedRegistration | undefined {
	const saved = ctx.getWorkflowStaticData('node')[STATIC_KEY] as SavedRegistration | undefined;
	return saved && typeof saved.url === 'string' ? saved : undefined;
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	if (!registrationEnabled(this)) return true;
	const wanted = wantedHooks(this);
	if (!wanted.length) return true;
	let url: string;
	try {
		url = urlToRegister(this);
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
	const url = urlToRegister(this);
	const own = withoutQuery(url);
	const hooks = await listHooks(this);
	const saved = savedRegistration(this);
	const previous =
		saved && saved.url === own
			? saved.previous
			: hooks.filter((h) => CALL_TYPES.includes(h.type) && withoutQuery(h.url) !== own);
	// Saved before registering, so that a failure half-way can still be undone on deactivation.
	const registration: SavedRegistration = { url: own, previous };
	this.getWorkflowStaticData('node')[STATIC_KEY] = registration;
	for (const hook of wanted) await register(this, url, hook.events);
	return true;
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
		const events = hook.type === 'call_event' ? (hook.events ?? [...REGISTERED_CALL_STATES]) : null;
		await register(this, hook.url, events);
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

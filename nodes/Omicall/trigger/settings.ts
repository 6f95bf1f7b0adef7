import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';
import { REGISTERED_CALL_STATES, type OmicallEvent } from './events';
import { secretSettings } from './secret';

/**
 * What the node's settings ask the registration for: whether to register, which call webhooks, and
 * the URL to register (the trigger's URL with the secret in its query).
 */

export interface WantedHook {
	listType: 'call' | 'call_event';
	events: string[] | null;
}

export function withoutQuery(url: string): string {
	return url.split('#')[0].split('?')[0].replace(/\/+$/, '');
}

export function registrationEnabled(ctx: IHookFunctions): boolean {
	return ctx.getNodeParameter('registerWebhook', false) === true;
}

/** The call webhooks the selected events need. */
export function wantedHooks(ctx: IHookFunctions): WantedHook[] {
	const events = ctx.getNodeParameter('events', []) as OmicallEvent[];
	const wanted: WantedHook[] = [];
	if (events.includes('callEnded')) wanted.push({ listType: 'call', events: null });
	if (events.includes('callState')) {
		wanted.push({ listType: 'call_event', events: [...REGISTERED_CALL_STATES] });
	}
	return wanted;
}

/** `base` with the secret in its query. */
export function withSecret(base: string, name: string, secret: string): string {
	const url = new URL(base);
	url.searchParams.set(name, secret);
	return url.toString();
}

/** The secret's query parameter name and value; throws when the secret is not in the query. */
export async function querySecret(ctx: IHookFunctions): Promise<{ name: string; secret: string }> {
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
export async function urlToRegister(ctx: IHookFunctions): Promise<string> {
	const { name, secret } = await querySecret(ctx);
	const base = ctx.getNodeWebhookUrl('default');
	if (!base) throw new NodeOperationError(ctx.getNode(), 'n8n did not provide a webhook URL');
	return withSecret(base, name, secret);
}

/** The path that ends both URLs of this trigger (production and test): /<webhookId>/<path>. */
export function ownPathSuffix(ctx: IHookFunctions): string | undefined {
	const webhookId = ctx.getNode().webhookId;
	return webhookId ? `/${webhookId}/webhook` : undefined;
}

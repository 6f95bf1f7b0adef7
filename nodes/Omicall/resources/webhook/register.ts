import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { asText, inputError } from '../../../shared/input';

const show = { resource: ['webhook'], operation: ['register'] };

export const CALL_EVENTS = ['ringing', 'answered', 'hangup'];

export const webhookRegisterDescription: INodeProperties[] = [
	{
		displayName:
			'OMICall keeps one webhook per type: registering replaces the one there, e.g. the webhook an active OMICall Trigger registered, and that workflow stops receiving calls',
		name: 'replaceNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Type',
		name: 'hookType',
		type: 'options',
		noDataExpression: true,
		default: 'call',
		options: [
			{
				name: 'Call Records (End of Call)',
				value: 'call',
				description: 'One request per finished call with its record (CDR)',
			},
			{
				name: 'Call Events (Live)',
				value: 'call_event',
				description: 'Ringing, answered and hangup events while calls happen',
			},
			{
				name: 'Contacts',
				value: 'contact',
				description: 'Contact changes (the payload is not documented)',
			},
		],
		description:
			'Which webhook to register. It replaces the one of the same type, also the one an OMICall Trigger node registered.',
		displayOptions: { show },
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/omicall/cdr',
		description: 'The HTTPS address OMICall sends the events to',
		displayOptions: { show },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		default: ['ringing', 'answered', 'hangup'],
		options: CALL_EVENTS.map((event) => ({
			name: event[0].toUpperCase() + event.slice(1),
			value: event,
		})),
		description: 'The live call events to receive',
		displayOptions: { show: { ...show, hookType: ['call_event'] } },
	},
];

/**
 * The URL as an error message may show it: origin and path only. The query (where the OMICall
 * Trigger's secret is), the fragment and a user or password before `@` are left out.
 */
function shownUrl(url: string, parsed: URL | undefined): string {
	const shown = parsed
		? `${parsed.origin === 'null' ? parsed.protocol : parsed.origin}${parsed.pathname}`
		: url.split(/[?#]/)[0].replace(/^([^/]*\/\/)?[^/]*@/, '$1');
	return shown.trim().slice(0, 80);
}

/**
 * Checks the URL (HTTPS, as OMICall's dashboard and its own client require) and sends the
 * documented body, wrapped in `webhook`: live call events are registered as type `call` with an
 * `events` list, end-of-call records as type `call` with `events: null`.
 */
export async function prepareWebhookRegister(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const hookType = asText(this.getNodeParameter('hookType', 'call'));
	const raw = this.getNodeParameter('url', '');
	const fix = 'Enter the full HTTPS address, e.g. https://example.com/omicall/cdr.';
	if (raw !== null && typeof raw === 'object') inputError(this, 'URL', 'is not text', fix);
	const url = asText(raw);
	if (!url) inputError(this, 'URL', 'is empty', fix);
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (!parsed || /\s/.test(url)) {
		const spaces = /\s/.test(url) ? ' (it contains a space)' : '';
		inputError(this, 'URL', `"${shownUrl(url, parsed)}" is not a URL${spaces}`, fix);
	}
	if (parsed.protocol !== 'https:')
		inputError(this, 'URL', 'is not an HTTPS address', `OMICall only sends to HTTPS. ${fix}`);
	const webhook: IDataObject = { type: hookType === 'contact' ? 'contact' : 'call', url };
	if (hookType === 'call_event') {
		const events = this.getNodeParameter('events', []) as unknown;
		const list = Array.isArray(events) ? events.map(asText) : [];
		if (!list.length || list.some((event) => !CALL_EVENTS.includes(event))) {
			inputError(this, 'Events', 'must be some of ringing, answered, hangup', 'Pick events.');
		}
		webhook.events = list;
	} else if (hookType === 'call') {
		webhook.events = null;
	} else if (hookType !== 'contact') {
		inputError(this, 'Type', `"${hookType}" is not a webhook type`, 'Choose a type.');
	}
	return { ...requestOptions, body: { webhook } };
}

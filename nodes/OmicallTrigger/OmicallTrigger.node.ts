import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import {
	BODY_ERRORS,
	alphabetical,
	answerAndStop,
	answerUnexpectedError,
	headerValue,
	parseJsonObject,
	queryValue,
	repeatOptions,
	requestOf,
	safeEqual,
	startOrAcknowledge,
} from '../shared/webhook';
import { OMICALL_EVENT_OPTIONS, classifyOmicallDelivery } from './events';
import { checkExists, create, remove } from './registration';

/** OMICall documents no reply body; it waits at most 2 seconds. */
const ACKNOWLEDGEMENT: IDataObject = {};

const UNAUTHORIZED: IDataObject = { message: 'Unauthorized' };

async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = requestOf(this);

	// 1. The shared secret (OMICall signs nothing): anything without it starts nothing.
	const location = this.getNodeParameter('secretLocation', 'query') as string;
	const expected = String(this.getNodeParameter('secret', '') ?? '');
	let secretHeader = '';
	let provided: string | undefined;
	if (location === 'header') {
		secretHeader = String(this.getNodeParameter('headerName', '') ?? '').trim();
		provided = headerValue(request, secretHeader);
	} else {
		const name = String(this.getNodeParameter('queryParameterName', 'secret') ?? '').trim();
		provided = name ? queryValue(request, name) : undefined;
	}
	if (!expected || provided === undefined || !safeEqual(provided, expected)) {
		return answerAndStop(this, 401, UNAUTHORIZED);
	}

	// 2. One JSON object.
	const parsed = parseJsonObject(request);
	if (!parsed.ok) return answerAndStop(this, 400, { message: BODY_ERRORS[parsed.reason] });

	// 3. Which event; unselected events and repeats start nothing.
	return startOrAcknowledge(
		this,
		classifyOmicallDelivery(parsed.value),
		ACKNOWLEDGEMENT,
		secretHeader ? [secretHeader] : [],
	);
}

export class OmicallTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OMICall Trigger',
		name: 'omicallTrigger',
		icon: { light: 'file:../../icons/omicall.svg', dark: 'file:../../icons/omicall.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description:
			'Starts the workflow when OMICall posts a call record, a call event, a chat message or a transfer result',
		defaults: { name: 'OMICall Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'omicallApi',
				required: true,
				displayOptions: { show: { registerWebhook: [true] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		eventTriggerDescription: 'Waiting for OMICall to post to the Test URL',
		activationMessage:
			'OMICall can now post to the Production URL. Unless it is registered automatically, paste it (with the secret) into OMICall.',
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: OMICALL_EVENT_OPTIONS,
				default: ['callEnded'],
				description:
					'Deliveries that start the workflow. Others are answered with 200 and start nothing.',
			},
			{
				displayName: 'Secret Location',
				name: 'secretLocation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Query Parameter',
						value: 'query',
						description: 'The secret is part of the URL given to OMICall. Works for every webhook.',
					},
					{
						name: 'Header',
						value: 'header',
						description:
							'OMICall sends the secret in a header. Only the conversation transfer callback can carry headers.',
					},
				],
				default: 'query',
				description:
					'OMICall does not sign its webhooks, so every delivery must carry this shared secret. Anything without it is refused with 401.',
			},
			{
				displayName: 'Query Parameter Name',
				name: 'queryParameterName',
				type: 'string',
				default: 'secret',
				placeholder: 'e.g. secret',
				description: 'Name of the URL query parameter that carries the secret',
				displayOptions: { show: { secretLocation: ['query'] } },
			},
			{
				displayName: 'Header Name',
				name: 'headerName',
				type: 'string',
				default: 'x-omicall-secret',
				placeholder: 'e.g. x-omicall-secret',
				description:
					'Header that carries the secret. Set the same header under Result Callback Headers of the OMICall node (Conversation → Transfer).',
				displayOptions: { show: { secretLocation: ['header'] } },
			},
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				required: true,
				default: '',
				description:
					'A long random value (e.g. 32 characters or more). Deliveries are accepted only when they carry exactly this value.',
			},
			{
				displayName: 'Register Webhook Automatically',
				name: 'registerWebhook',
				type: 'boolean',
				default: false,
				description:
					'Whether to register this URL (with the secret) in OMICall for the selected call events on activation, and restore the previous registration on deactivation. Needs an OMICall credential. OMICall keeps one call webhook per type, so this replaces the one set in OMICall until the workflow is deactivated.',
				displayOptions: { show: { secretLocation: ['query'] } },
			},
			{
				displayName:
					'Copy the Production URL above, add ?secret=YOUR_SECRET (the query parameter name and secret set here), and paste it in OMICall: Configuration → Enterprise → Integration → WEBHOOK. OMICall needs an HTTPS URL. For transfer results, use it as the Result Callback URL of the OMICall node (Conversation → Transfer).',
				name: 'setupNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registerWebhook: [false] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: alphabetical([
					...repeatOptions(
						'delivery',
						'deliveries',
						'same transaction_id for a call record, call_uuid and state for a call event, message uuid or _id for a chat message, requestId for a transfer result',
					),
					{
						displayName: 'Include Headers',
						name: 'includeHeaders',
						type: 'boolean',
						default: false,
						description:
							'Whether to add the request headers to the output (without the secret header)',
					},
				]),
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		try {
			return await receive.call(this);
		} catch (error) {
			return answerUnexpectedError(this, 'OMICall Trigger', error);
		}
	}
}

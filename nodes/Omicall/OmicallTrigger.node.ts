import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { deliveryDigest } from '../shared/crypto';
import {
	BODY_ERRORS,
	UNSUPPORTED_MEDIA_TYPE_MESSAGE,
	answerAndStop,
	answerUnexpectedError,
} from '../shared/webhook/answers';
import { alphabetical, repeatOptions } from '../shared/webhook/options';
import { parseJsonObject, rawJsonBody, requestOf } from '../shared/webhook/request';
import { startOrAcknowledge } from '../shared/webhook/start';
import { OMICALL_EVENT_OPTIONS, classifyOmicallDelivery } from './trigger/events';
import { checkExists, create, remove } from './trigger/registration';
import { carriesSecret, secretSettings, testSecretCredential } from './trigger/secret';

/** OMICall documents no reply body; it waits at most 2 seconds. */
const ACKNOWLEDGEMENT: IDataObject = {};

const UNAUTHORIZED: IDataObject = { message: 'Unauthorized' };

const V1 = { '@version': [1] };
const V2 = { '@version': [2] };

async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = requestOf(this);

	// 1. A JSON body, as the raw bytes received (n8n keeps none for multipart bodies).
	const raw = await rawJsonBody(request);
	if (raw === undefined) {
		return answerAndStop(this, 415, { message: UNSUPPORTED_MEDIA_TYPE_MESSAGE });
	}

	// 2. The shared secret (OMICall signs nothing): anything without it starts nothing.
	const settings = await secretSettings(this);
	if (!carriesSecret(request, settings)) return answerAndStop(this, 401, UNAUTHORIZED);
	const { location, name, secret } = settings;

	// 3. One JSON object, parsed from those bytes.
	const parsed = parseJsonObject(raw);
	if (!parsed.ok) return answerAndStop(this, 400, { message: BODY_ERRORS[parsed.reason] });

	// 4. Which event; unselected events and repeats (the same bytes again) start nothing.
	const classified = classifyOmicallDelivery(parsed.value);
	return startOrAcknowledge(
		this,
		{
			event: classified.event,
			payload: classified.payload,
			deliveryKey: deliveryDigest(['omicall', raw]),
		},
		ACKNOWLEDGEMENT,
		{
			hiddenHeaders: location === 'header' ? [name] : [],
			secrets: [secret],
			secretParameters: location === 'query' ? [name] : [],
		},
	);
}

export class OmicallTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OMICall Trigger',
		name: 'omicallTrigger',
		icon: { light: 'file:../../icons/omicall.svg', dark: 'file:../../icons/omicall.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description:
			// n8n's node panel shows the trigger's description for the merged OMICall entry (action
			// and trigger: editor-ui useActionsGeneration, generateMergedNodesAndActions), so it
			// describes the app as well as this trigger.
			'OMICall (ViHAT) AI callbot and call center. This trigger starts a workflow when OMICall posts a call record, a call event, a chat message or a transfer result',
		defaults: { name: 'OMICall Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'omicallWebhookApi',
				required: true,
				testedBy: 'testSecretCredential',
				displayOptions: { show: V2 },
			},
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
				displayOptions: { show: V1 },
			},
			{
				displayName: 'Query Parameter Name',
				name: 'queryParameterName',
				type: 'string',
				default: 'secret',
				placeholder: 'e.g. secret',
				description: 'Name of the URL query parameter that carries the secret',
				displayOptions: { show: { ...V1, secretLocation: ['query'] } },
			},
			{
				displayName: 'Header Name',
				name: 'headerName',
				type: 'string',
				default: 'x-omicall-secret',
				placeholder: 'e.g. x-omicall-secret',
				description:
					'Header that carries the secret. Set the same header under Result Callback Headers of the OMICall node (Conversation → Transfer).',
				displayOptions: { show: { ...V1, secretLocation: ['header'] } },
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
				displayOptions: { show: V1 },
			},
			{
				displayName: 'Register Webhook Automatically',
				name: 'registerWebhook',
				type: 'boolean',
				default: false,
				description:
					'Whether to register this URL (with the secret in its query) in OMICall for the selected call events on activation, and remove it on deactivation. Needs an OMICall API credential. OMICall keeps one call webhook per type, so this replaces the one set in OMICall; on deactivation the previous one is put back only when its URL has no query string (see docs/security.md).',
				displayOptions: { hide: { secretLocation: ['header'] } },
			},
			{
				displayName:
					'Copy the Production URL above, add ?secret=YOUR_SECRET (the query parameter name and secret set here), and paste it in OMICall: Configuration → Enterprise → Integration → WEBHOOK. OMICall needs an HTTPS URL. For transfer results, use it as the Result Callback URL of the OMICall node (Conversation → Transfer).',
				name: 'setupNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { ...V1, registerWebhook: [false] } },
			},
			{
				displayName:
					'Copy the Production URL above, add the secret of the OMICall Webhook Secret credential as its query parameter (e.g. ?secret=YOUR_SECRET), and paste it in OMICall: Configuration → Enterprise → Integration → WEBHOOK. OMICall needs an HTTPS URL. For transfer results, use it as the Result Callback URL of the OMICall node (Conversation → Transfer), or send the secret in the header the credential names.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { ...V2, registerWebhook: [false] } },
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
						'the same delivery: exactly the same body. A record re-sent with new data, e.g. a recording URL, is a new delivery.',
					),
					{
						displayName: 'Include Headers',
						name: 'includeHeaders',
						type: 'boolean',
						default: false,
						description:
							'Whether to add the request headers to the output (under _trigger.headers, and as headers when the payload has no such field), with the secret redacted',
					},
				]),
			},
		],
	};

	methods = {
		credentialTest: { testSecretCredential },
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

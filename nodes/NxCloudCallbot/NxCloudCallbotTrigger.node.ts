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
	BUSY_MESSAGE,
	UNSUPPORTED_MEDIA_TYPE_MESSAGE,
	answerAndStop,
	answerConfigurationError,
	answerUnexpectedError,
} from '../shared/webhook/answers';
import { alphabetical, repeatOptions } from '../shared/webhook/options';
import { REPEAT_HARD_CEILING } from '../shared/webhook/repeats';
import { parseJsonObject, queryValue, rawJsonBody, requestOf } from '../shared/webhook/request';
import { startOrAcknowledge } from '../shared/webhook/start';
import { NXCLOUD_EVENT_OPTIONS, classifyNxCloudCallback } from './trigger/events';
import {
	DEFAULT_MAX_AGE_SECONDS,
	DEFAULT_REPLY,
	replyBody,
	toleranceSeconds,
} from './trigger/options';
import { verify } from './trigger/verify';

const UNAUTHORIZED: IDataObject = { retCode: 6, retMsg: 'signature verification failed' };

const TRIGGER = 'NXCLOUD Callbot Trigger';

async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = requestOf(this);
	const options = this.getNodeParameter('options', {}) as IDataObject;

	// 1. A tolerance that is not a number of seconds refuses everything (only 0 turns it off).
	const maxAge = toleranceSeconds(options.maxAge);
	if (maxAge === undefined) {
		return answerConfigurationError(
			this,
			TRIGGER,
			'Timestamp Tolerance (Seconds) must be a number of seconds, 0 or more (0 turns the check off)',
			{ retCode: 5001, retMsg: 'trigger configuration error' },
		);
	}

	// 2. A JSON body, as raw bytes: the sign covers exactly those.
	const raw = await rawJsonBody(request);
	if (raw === undefined) {
		return answerAndStop(this, 415, { retCode: 3, retMsg: UNSUPPORTED_MEDIA_TYPE_MESSAGE });
	}

	// 3. The signature, before anything in the body is looked at.
	const verified = await verify(this, options, maxAge, raw);
	if ('problem' in verified) {
		this.logger.warn(`${TRIGGER} refused a callback with 401: ${verified.problem}`);
		return answerAndStop(this, 401, UNAUTHORIZED);
	}

	// 4. One JSON object, parsed from the verified bytes.
	const parsed = parseJsonObject(raw);
	if (!parsed.ok) {
		return answerAndStop(this, 400, { retCode: 3, retMsg: BODY_ERRORS[parsed.reason] });
	}

	// 5. Which callback; unselected events and repeats start nothing. A repeat is the same signed
	// delivery (requestID, createTs, uuid and body): the unsigned ?kind= plays no part in it.
	const classified = classifyNxCloudCallback(parsed.value, queryValue(request, 'kind'));
	return startOrAcknowledge(
		this,
		{
			event: classified.event,
			payload: classified.payload,
			deliveryKey: deliveryDigest([
				'nxcloud',
				verified.uuid,
				verified.requestID,
				verified.createTs,
				raw,
			]),
		},
		replyBody(options),
		{
			secrets: [verified.secretKey],
			// A replay is accepted while its createTs is within the tolerance, on either side of the
			// first arrival: remember deliveries at least that long.
			minRepeatWindowSeconds: maxAge > 0 ? 2 * maxAge : 0,
			trigger: TRIGGER,
			busyBody: { retCode: 7, retMsg: BUSY_MESSAGE },
		},
	);
}

export class NxCloudCallbotTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NXCLOUD Callbot Trigger',
		name: 'nxCloudCallbotTrigger',
		icon: { light: 'file:../../icons/nxcloud.svg', dark: 'file:../../icons/nxcloud.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description:
			// n8n's node panel shows the trigger's description for the merged NXCLOUD Callbot entry
			// (action and trigger: editor-ui useActionsGeneration, generateMergedNodesAndActions), so
			// it describes the app as well as this trigger.
			'NXCLOUD (NXTele) AI callbot. This trigger starts a workflow when NXCLOUD posts a signed call, order or task callback',
		defaults: { name: 'NXCLOUD Callbot Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nxCloudCallbotApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		eventTriggerDescription: 'Waiting for NXCLOUD to post a callback to the Test URL',
		activationMessage:
			'NXCLOUD can now post callbacks to the Production URL. Give it as the callback URL of your tasks.',
		properties: [
			{
				displayName:
					'Give the Production URL above as the callback URL when creating tasks: callCallbackUrl (add ?kind=call), orderCallbackUrl (add ?kind=order) and taskCallbackUrl (add ?kind=task). Every callback must be JSON (Content-Type: application/json, otherwise 415) and carry a valid sign made with the secret key and algorithm of the credential (otherwise 401).',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: NXCLOUD_EVENT_OPTIONS,
				default: ['callFinished', 'orderCompleted', 'taskStatusChanged'],
				description:
					'Callbacks that start the workflow. Others are answered with the reply body and start nothing.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: alphabetical([
					{
						displayName: 'Check Account UUID',
						name: 'checkUuid',
						type: 'boolean',
						default: true,
						description:
							'Whether to refuse callbacks whose uuid header is not the UUID of the credential. NXCLOUD describes this header only as "provided by the callee"; turn this off if valid callbacks are refused.',
					},
					{
						displayName: 'Include Headers',
						name: 'includeHeaders',
						type: 'boolean',
						default: false,
						description:
							'Whether to add the request headers to the output (under _trigger.headers, and as headers when the payload has no such field)',
					},
					...repeatOptions(
						'callback',
						'callbacks',
						'the same signed delivery: same requestID, createTs, uuid and body. A callback re-sent with a new requestID is a new delivery.',
						`, except those received within twice the Timestamp Tolerance (a replay of them would still pass the clock check). When ${REPEAT_HARD_CEILING.toLocaleString('en-US')} such callbacks fill the memory, new ones are refused with 503 until older ones leave the window.`,
					),
					{
						displayName: 'Reply Body',
						name: 'replyBody',
						type: 'json',
						default: DEFAULT_REPLY,
						description:
							'Body of the 200 answer to accepted callbacks. NXCLOUD does not document what it expects; this default is an inference.',
					},
					{
						displayName: 'Timestamp Tolerance (Seconds)',
						name: 'maxAge',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_MAX_AGE_SECONDS,
						description:
							'Refuse callbacks whose createTs header is further than this from the clock of the n8n server, so that a captured callback cannot be replayed later. Only 0 turns the check off; a value that is not a number of seconds (e.g. negative) refuses every callback.',
					},
				]),
			},
		],
	};

	/**
	 * NXCLOUD has no API to register callback URLs: they are given per task (callCallbackUrl,
	 * orderCallbackUrl, taskCallbackUrl), so there is nothing to create or remove.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		try {
			return await receive.call(this);
		} catch (error) {
			return answerUnexpectedError(this, TRIGGER, error);
		}
	}
}

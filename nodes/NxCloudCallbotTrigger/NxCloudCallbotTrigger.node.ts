import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { parseAlgorithm, verifyNxCloudSignature } from '../NxCloudCallbot/shared/signing';
import {
	BODY_ERRORS,
	alphabetical,
	answerAndStop,
	answerUnexpectedError,
	headerValue,
	isPlainObject,
	parseJsonObject,
	queryValue,
	repeatOptions,
	requestOf,
	safeEqual,
	startOrAcknowledge,
} from '../shared/webhook';
import { NXCLOUD_EVENT_OPTIONS, classifyNxCloudCallback } from './events';

/** The reply the reference recommends (section 8.3, inferred: the docs specify none). */
export const DEFAULT_REPLY = '{"retCode":0,"retMsg":"success"}';

export const DEFAULT_MAX_AGE_SECONDS = 300;

const UNAUTHORIZED: IDataObject = { retCode: 6, retMsg: 'signature verification failed' };

/**
 * The reply body option: an object (from an expression) as it is, text as JSON when it parses,
 * otherwise as the text given.
 */
function replyBody(options: IDataObject): IDataObject | string {
	if (isPlainObject(options.replyBody)) return options.replyBody;
	const text = typeof options.replyBody === 'string' ? options.replyBody : DEFAULT_REPLY;
	try {
		const value = JSON.parse(text) as unknown;
		if (typeof value === 'object' && value !== null) return value as IDataObject;
	} catch {
		// Not JSON: sent as plain text below.
	}
	return text;
}

/**
 * Why a callback fails verification (for the log; the caller only ever sees 401), or undefined
 * when it passes. The sign is recomputed over the raw body bytes exactly as received.
 */
async function verificationProblem(
	ctx: IWebhookFunctions,
	options: IDataObject,
): Promise<string | undefined> {
	const request = requestOf(ctx);
	const sign = headerValue(request, 'sign');
	const createTs = headerValue(request, 'createTs');
	const requestID = headerValue(request, 'requestID');
	const uuid = headerValue(request, 'uuid');
	if (!sign || !createTs || !requestID || !uuid) {
		return 'a signature header (sign, createTs, requestID or uuid) is missing';
	}
	if (!/^\d{1,12}$/.test(createTs.trim())) return 'createTs is not Unix seconds';

	const maxAge = options.maxAge === undefined ? DEFAULT_MAX_AGE_SECONDS : Number(options.maxAge);
	if (Number.isFinite(maxAge) && maxAge > 0) {
		const skew = Math.abs(Date.now() / 1000 - Number(createTs.trim()));
		if (skew > maxAge) return `createTs is ${Math.round(skew)} s away from this server's clock`;
	}

	const credentials = await ctx.getCredentials('nxCloudCallbotApi');
	const secretKey = String(credentials.secretKey ?? '');
	if (!secretKey) return 'the credential has no secret key';
	if (options.checkUuid !== false && !safeEqual(uuid, String(credentials.uuid ?? '').trim())) {
		return 'the uuid header is not the credential UUID';
	}
	const algorithm = parseAlgorithm(credentials.algorithm) ?? 'MD5';
	const body = Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.alloc(0);
	const matched = verifyNxCloudSignature(
		{ secretKey, body, createTs, requestID, uuid, sign },
		algorithm,
	);
	return matched ? undefined : `the sign does not match (algorithm ${algorithm})`;
}

async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = requestOf(this);
	const options = this.getNodeParameter('options', {}) as IDataObject;

	// 1. The signature, before anything in the body is looked at.
	const problem = await verificationProblem(this, options);
	if (problem !== undefined) {
		this.logger.warn(`NXCLOUD Callbot Trigger refused a callback with 401: ${problem}`);
		return answerAndStop(this, 401, UNAUTHORIZED);
	}

	// 2. One JSON object.
	const parsed = parseJsonObject(request);
	if (!parsed.ok) {
		return answerAndStop(this, 400, { retCode: 3, retMsg: BODY_ERRORS[parsed.reason] });
	}

	// 3. Which callback; unselected events and repeats start nothing.
	return startOrAcknowledge(
		this,
		classifyNxCloudCallback(parsed.value, queryValue(request, 'kind')),
		replyBody(options),
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
			'Starts the workflow when the NXCLOUD callbot posts a signed call, order or task callback',
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
					'Give the Production URL above as the callback URL when creating tasks: callCallbackUrl (add ?kind=call), orderCallbackUrl (add ?kind=order) and taskCallbackUrl (add ?kind=task). Every callback must carry a valid sign made with the secret key and algorithm of the credential; others are refused with 401.',
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
						description: 'Whether to add the request headers to the output',
					},
					...repeatOptions(
						'callback',
						'callbacks',
						'same callID for a call callback, orderID for an order callback, userTaskID and taskStatus for a task callback',
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
							'Refuse callbacks whose createTs header is further than this from the clock of the n8n server, so that a captured callback cannot be replayed later. 0 turns the check off.',
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
			return answerUnexpectedError(this, 'NXCLOUD Callbot Trigger', error);
		}
	}
}

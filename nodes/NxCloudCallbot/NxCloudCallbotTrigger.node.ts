import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { parseAlgorithm, verifyNxCloudSignature } from './transport/signing';
import {
	BODY_ERRORS,
	UNSUPPORTED_MEDIA_TYPE_MESSAGE,
	alphabetical,
	answerAndStop,
	answerConfigurationError,
	answerUnexpectedError,
	headerValue,
	isPlainObject,
	parseJsonObject,
	queryValue,
	rawJsonBody,
	repeatOptions,
	requestOf,
	startOrAcknowledge,
	BUSY_MESSAGE,
	REPEAT_HARD_CEILING,
} from '../shared/webhook';
import { deliveryDigest, safeEqual } from '../shared/crypto';
import { NXCLOUD_EVENT_OPTIONS, classifyNxCloudCallback } from './trigger/events';

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

const TRIGGER = 'NXCLOUD Callbot Trigger';

/**
 * The Timestamp Tolerance option in seconds: the default when it is not set, 0 (off) only when it
 * is exactly 0, and undefined when it is not a number of seconds (negative, NaN, text): such a
 * tolerance refuses every callback rather than turning the replay window off.
 */
export function toleranceSeconds(value: unknown): number | undefined {
	if (value === undefined) return DEFAULT_MAX_AGE_SECONDS;
	let number: number;
	if (typeof value === 'number') number = value;
	else if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) number = Number(value);
	else return undefined;
	return Number.isFinite(number) && number >= 0 ? number : undefined;
}

/**
 * The `createTs` header in Unix seconds, or undefined when it is not a whole number. The header is
 * documented as seconds; 13 digits are read as milliseconds (tolerated, not documented). The sign
 * covers the header as sent, whatever its unit.
 */
export function createTsSeconds(createTs: string): number | undefined {
	const text = createTs.trim();
	if (!/^\d{1,13}$/.test(text)) return undefined;
	const number = Number(text);
	return text.length === 13 ? number / 1000 : number;
}

interface VerifiedCallback {
	createTs: string;
	requestID: string;
	uuid: string;
	secretKey: string;
}

/**
 * Checks the callback's signature over the raw bytes exactly as received. Returns why it fails (for
 * the log; the caller only ever sees 401), or the verified header values.
 */
async function verify(
	ctx: IWebhookFunctions,
	options: IDataObject,
	maxAge: number,
	body: Buffer,
): Promise<{ problem: string } | VerifiedCallback> {
	const request = requestOf(ctx);
	const sign = headerValue(request, 'sign');
	const createTs = headerValue(request, 'createTs');
	const requestID = headerValue(request, 'requestID');
	const uuid = headerValue(request, 'uuid');
	if (!sign || !createTs || !requestID || !uuid) {
		return { problem: 'a signature header (sign, createTs, requestID or uuid) is missing' };
	}
	const seconds = createTsSeconds(createTs);
	if (seconds === undefined) return { problem: 'createTs is not Unix seconds' };
	if (maxAge > 0) {
		const skew = Math.abs(Date.now() / 1000 - seconds);
		if (skew > maxAge) {
			return { problem: `createTs is ${Math.round(skew)} s away from this server's clock` };
		}
	}

	const credentials = await ctx.getCredentials('nxCloudCallbotApi');
	const secretKey = String(credentials.secretKey ?? '');
	if (!secretKey) return { problem: 'the credential has no secret key' };
	if (options.checkUuid !== false && !safeEqual(uuid, String(credentials.uuid ?? '').trim())) {
		return { problem: 'the uuid header is not the credential UUID' };
	}
	const algorithm = parseAlgorithm(credentials.algorithm) ?? 'MD5';
	const matched = verifyNxCloudSignature(
		{ secretKey, body, createTs, requestID, uuid, sign },
		algorithm,
	);
	if (!matched) return { problem: `the sign does not match (algorithm ${algorithm})` };
	return { createTs, requestID, uuid, secretKey };
}

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

import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import {
	asText,
	deriveIdempotencyKey,
	inputError,
	normalizePhone,
	toEpochMs,
} from '../../../shared/input';
import { perItemFields, inputItemCount, resolveForItem } from '../../../shared/items';
import { scriptLocator } from '../../shared/descriptions';

const show = { resource: ['campaign'], operation: ['start'] };

const variablesField: INodeProperties = {
	displayName: 'Script Variables',
	name: 'variables',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Variable',
	default: {},
	description: "Values for the script's variables, such as the customer's name",
	options: [
		{
			displayName: 'Variable',
			name: 'variable',
			values: [
				{
					displayName: 'Name or ID',
					name: 'name',
					type: 'options',
					typeOptions: {
						loadOptionsMethod: 'getScriptVariables',
						loadOptionsDependsOn: ['script.value'],
					},
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. Trần Văn Tiến',
				},
			],
		},
	],
};

const contactFields: INodeProperties[] = [
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 0395187319',
		description: 'Customer phone number, national (0…) or international (84…) form',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. name@email.com',
		default: '',
	},
	{
		displayName: 'External Contact Code',
		name: 'externalContactCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. CRM-000123',
		description: 'ID of the contact in your own CRM',
	},
	variablesField,
];

/** Names of the contact fields in "One Contact per Input Item" mode. */
const ITEM_FIELD_NAMES: Record<string, string> = {
	phone: 'contactPhone',
	email: 'contactEmail',
	externalContactCode: 'contactExternalCode',
	variables: 'contactVariables',
};

export const campaignStartDescription: INodeProperties[] = [
	{ ...scriptLocator, displayOptions: { show } },
	{
		displayName: 'Hotline',
		name: 'hotline',
		type: 'string',
		default: '',
		placeholder: 'e.g. 842899990338',
		description:
			'Hotline or SIP number that places the calls (cid). Leave empty for on-net calling.',
		displayOptions: { show },
	},
	{
		displayName: 'Contacts Source',
		name: 'contactsSource',
		type: 'options',
		noDataExpression: true,
		default: 'items',
		displayOptions: { show },
		options: [
			{
				name: 'One Contact per Input Item',
				value: 'items',
				description:
					'Start one campaign for all input items; map each item to a contact with expressions',
			},
			{
				name: 'Define Below',
				value: 'define',
				description: 'Start one campaign per input item, with the contacts listed below',
			},
			{
				name: 'JSON Array',
				value: 'json',
				description:
					'Start one campaign per input item, with the contacts in a JSON array (e.g. from a CRM webhook)',
			},
		],
		routing: {
			send: { paginate: '={{ $value === "items" }}' },
			operations: { pagination: oneRequestForAllItems },
		},
	},
	...perItemFields(contactFields, ITEM_FIELD_NAMES, { ...show, contactsSource: ['items'] }),
	{
		displayName: 'Contacts',
		name: 'contacts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Contact',
		default: {},
		displayOptions: { show: { ...show, contactsSource: ['define'] } },
		options: [{ displayName: 'Contact', name: 'contact', values: contactFields }],
	},
	{
		displayName: 'Contacts (JSON)',
		name: 'contactsJson',
		type: 'json',
		default:
			'[\n  {\n    "phone": "0395187319",\n    "mapping_variables": { "full_name": "Trần Văn Tiến" }\n  }\n]',
		description:
			'Array of contacts: <code>phone</code> (required), <code>email</code>, <code>ext_contact_code</code> and <code>mapping_variables</code> (object of script variable → value). <code>externalContactCode</code> and <code>variables</code> are accepted too.',
		displayOptions: { show: { ...show, contactsSource: ['json'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Auto Pause',
				name: 'autoPause',
				type: 'boolean',
				default: false,
				description:
					'Whether the campaign pauses itself when no agent is available (only for scripts that hand calls to an internal group)',
			},
			{
				displayName: 'Calls per Round',
				name: 'callsPerRound',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 15,
				description: 'Number of calls placed per round (num_per_call)',
			},
			{
				displayName: 'Campaign Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Nhắc lịch hẹn tháng 5',
			},
			{
				displayName: 'Deduplication Session ID',
				name: 'extSessionId',
				type: 'string',
				default: '',
				placeholder: 'e.g. crm-campaign-0001',
				description:
					'Your own session ID (ext_session_id). OMICall refuses a second campaign with the same ID. When empty, the node derives one from the execution, node and item, so Retry On Fail never starts the same campaign twice.',
			},
			{
				displayName: 'Retries',
				name: 'retries',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'How often to redial a contact that does not answer (num_retry)',
			},
			{
				displayName: 'Seconds Between Retries',
				name: 'secondsBetweenRetries',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Wait before a redial (distance_retry; OMICall does not state the unit, seconds assumed)',
			},
			{
				displayName: 'Seconds Between Rounds',
				name: 'secondsBetweenRounds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 30,
				description: 'Wait between rounds of calls (distance_per_call)',
			},
			{
				displayName: 'Speed',
				name: 'speed',
				type: 'number',
				typeOptions: { minValue: -3, maxValue: 3 },
				default: 0,
				description: 'Text-to-speech reading speed, from -3 (slowest) to 3 (fastest)',
			},
			{
				displayName: 'Start Time',
				name: 'startTime',
				type: 'dateTime',
				default: '',
				description:
					'When the campaign starts (sent as send_time in milliseconds). Empty starts it now.',
			},
			{
				displayName: 'Voice',
				name: 'voice',
				type: 'options',
				default: 'northern_female_ngocanh',
				options: [
					{ name: 'Hồng Anh (Southern Female)', value: 'southern_female_honganh' },
					{ name: 'Ngọc Anh (Northern Female)', value: 'northern_female_ngocanh' },
					{ name: 'Tiến Huy (Southern Male)', value: 'southern_male_tienhuy' },
				],
				description: 'Text-to-speech voice',
			},
		],
	},
];

/**
 * In "One Contact per Input Item" mode the first item sends the one request for all items, and the
 * other items send nothing: their contacts are already in that request.
 */
export async function oneRequestForAllItems(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	if (this.getItemIndex() > 0) return [];
	return await this.makeRoutingRequest(requestData);
}

interface ContactInput {
	phone?: unknown;
	email?: unknown;
	externalContactCode?: unknown;
	variables?: { variable?: Array<{ name?: unknown; value?: unknown }> };
}

function contactFromFields(
	ctx: IExecuteSingleFunctions,
	input: ContactInput,
	itemIndex: number,
	label: string,
): IDataObject {
	const mapping: IDataObject = {};
	for (const variable of input.variables?.variable ?? []) {
		const name = asText(variable.name);
		if (!name) {
			inputError(
				ctx,
				`${label} script variable`,
				'has no name',
				'Choose the variable from the list or remove the empty row.',
				itemIndex,
			);
		}
		mapping[name] =
			variable.value === undefined || variable.value === null ? '' : String(variable.value);
	}
	return checkContact(
		ctx,
		{
			phone: input.phone as string,
			email: input.email as string,
			ext_contact_code: input.externalContactCode as string,
			mapping_variables: mapping,
		},
		itemIndex,
		label,
	);
}

function checkContact(
	ctx: IExecuteSingleFunctions,
	contact: IDataObject,
	itemIndex: number,
	label: string,
): IDataObject {
	const phone = normalizePhone(contact.phone);
	if (!phone) {
		const given =
			contact.phone === undefined || contact.phone === null || contact.phone === ''
				? 'is empty'
				: `"${String(contact.phone)}" is not a valid phone number`;
		inputError(
			ctx,
			`${label} phone`,
			given,
			'Use 8 to 15 digits, e.g. 0395187319 or 84395187319; spaces, dots, dashes and a leading + are removed.',
			itemIndex,
		);
	}
	const email = asText(contact.email);
	if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
		inputError(
			ctx,
			`${label} email`,
			`"${email}" is not a valid email address`,
			'Fix the address or leave the field empty.',
			itemIndex,
		);
	}
	const result: IDataObject = { phone };
	if (email) result.email = email;
	const code = asText(contact.ext_contact_code);
	if (code) result.ext_contact_code = code;
	const mapping = contact.mapping_variables;
	if (mapping && typeof mapping === 'object' && Object.keys(mapping).length)
		result.mapping_variables = mapping;
	return result;
}

function contactsFromJson(ctx: IExecuteSingleFunctions): IDataObject[] {
	const itemIndex = ctx.getItemIndex();
	let value = ctx.getNodeParameter('contactsJson', []) as unknown;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			inputError(
				ctx,
				'Contacts (JSON)',
				'is not valid JSON',
				'Enter a JSON array of contacts, e.g. [{"phone": "0395187319"}].',
			);
		}
	}
	if (value && !Array.isArray(value) && typeof value === 'object') value = [value];
	if (!Array.isArray(value)) {
		inputError(
			ctx,
			'Contacts (JSON)',
			'is not an array',
			'Enter a JSON array of contacts, e.g. [{"phone": "0395187319"}].',
		);
	}
	return value.map((entry, index) => {
		const raw = (
			typeof entry === 'object' && entry !== null ? entry : { phone: entry }
		) as IDataObject;
		return checkContact(
			ctx,
			{
				phone: raw.phone,
				email: raw.email,
				ext_contact_code: raw.ext_contact_code ?? raw.externalContactCode,
				mapping_variables: (raw.mapping_variables ?? raw.variables) as IDataObject,
			},
			itemIndex,
			`Contact ${index + 1}:`,
		);
	});
}

function collectContacts(ctx: IExecuteSingleFunctions): IDataObject[] {
	const source = ctx.getNodeParameter('contactsSource', 'items') as string;
	if (source === 'json') return contactsFromJson(ctx);
	if (source === 'define') {
		const rows =
			(ctx.getNodeParameter('contacts', {}) as { contact?: ContactInput[] }).contact ?? [];
		return rows.map((row, index) =>
			contactFromFields(ctx, row, ctx.getItemIndex(), `Contact ${index + 1}:`),
		);
	}
	// One contact per input item: resolve the contact fields for every item.
	const raw = ctx.getNode().parameters;
	const count = inputItemCount(ctx);
	const contacts: IDataObject[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const fields = resolveForItem(
			ctx,
			{
				phone: raw.contactPhone,
				email: raw.contactEmail,
				externalContactCode: raw.contactExternalCode,
				variables: raw.contactVariables,
			},
			itemIndex,
		) as ContactInput;
		contacts.push(contactFromFields(ctx, fields, itemIndex, 'Contact'));
	}
	return contacts;
}

/** The ext_session_id of this campaign: the user's own, or one derived from execution, node and item. */
export function campaignSessionId(ctx: IExecuteSingleFunctions): string {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const own = asText(options.extSessionId);
	return own || deriveIdempotencyKey(ctx, 'omicall.campaign.start');
}

/** Checks the input and builds the execute_by_phone request. */
export async function prepareStartCampaign(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const source = this.getNodeParameter('contactsSource', 'items') as string;
	// In "one contact per input item" mode only the first item sends the request.
	if (source === 'items' && this.getItemIndex() > 0) return requestOptions;

	const scriptId = asText(this.getNodeParameter('script', '', { extractValue: true }));
	if (!scriptId)
		inputError(this, 'Script', 'is empty', 'Choose a script from the list or enter its ID.');
	const contacts = collectContacts(this);
	if (!contacts.length) {
		inputError(this, 'Contacts', 'is empty', 'Add at least one contact with a phone number.');
	}
	const cid = asText(this.getNodeParameter('hotline', ''));
	const options = this.getNodeParameter('options', {}) as IDataObject;

	const body: IDataObject = { bot_script_id: scriptId, cid, contact_info: contacts };
	if (options.name) body.name = options.name;
	if (options.voice) body.voice = options.voice;
	if (options.speed !== undefined) body.speed = options.speed;
	if (options.retries !== undefined) body.num_retry = options.retries;
	if (options.callsPerRound !== undefined) body.num_per_call = options.callsPerRound;
	if (options.secondsBetweenRounds !== undefined)
		body.distance_per_call = options.secondsBetweenRounds;
	if (options.secondsBetweenRetries !== undefined)
		body.distance_retry = options.secondsBetweenRetries;
	if (options.autoPause !== undefined) body.auto_pause = options.autoPause;
	if (options.startTime !== undefined && options.startTime !== '') {
		const sendTime = toEpochMs(options.startTime, this.getTimezone());
		if (sendTime === undefined) {
			inputError(
				this,
				'Start Time',
				`"${String(options.startTime)}" is not a date`,
				'Pick a date and time, or clear the option to start now.',
			);
		}
		body.send_time = sendTime;
	}
	body.ext_session_id = campaignSessionId(this);

	return { ...requestOptions, qs: { ...(requestOptions.qs ?? {}), cid }, body };
}

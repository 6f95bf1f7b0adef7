import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	asText,
	combineIdempotencyKeys,
	deriveIdempotencyKey,
	idempotencyKeyOption,
	inputError,
	normalizePhone,
	phoneKey,
	stripPhoneFormatting,
	toEpochMs,
} from '../../../shared/input';
import {
	collectionRows,
	contactsFields,
	contactsSourceField,
	contactsSourceOf,
	duplicateNumbersField,
	itemContact,
	listedContacts,
	parametersOf,
	variablesField,
	type ContactInput,
	type ContactsEditor,
	type Get,
	type JsonContactsSpec,
} from '../../../shared/contacts';
import {
	keepFirstOfEachNumber,
	numbersOfOtherItems,
	planForItems,
	readItemsOnce,
} from '../../../shared/plan';
import { scriptLocator } from '../../shared/descriptions';
import { idText, nodeError, sendOmicall } from '../../transport/request';
import { omicallErrorCode } from '../../transport/errors';

const show = { resource: ['campaign'], operation: ['start'] };

/**
 * Allowed ranges of the numeric options. OMICall documents only the speed range (-3 to 3); the
 * others are our own generous bounds, so that a mistyped value (a phone number in Retries) is
 * caught before a campaign starts.
 */
export const LIMITS = {
	speed: { min: -3, max: 3, integer: false, label: 'Speed' },
	retries: { min: 0, max: 10, integer: true, label: 'Retries' },
	callsPerRound: { min: 1, max: 500, integer: true, label: 'Calls per Round' },
	secondsBetweenRounds: { min: 0, max: 86_400, integer: true, label: 'Seconds Between Rounds' },
	secondsBetweenRetries: { min: 0, max: 86_400, integer: true, label: 'Seconds Between Retries' },
};

const VOICES = ['northern_female_ngocanh', 'southern_female_honganh', 'southern_male_tienhuy'];

/** The fields of one contact: a Define Below row, or (renamed) the fields of each input item. */
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
	variablesField({
		description: "Values for the script's variables, such as the customer's name",
		nameField: {
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
		valuePlaceholder: 'e.g. Trần Văn Tiến',
	}),
];

/** Names of the contact fields in "One Contact per Input Item" mode. */
const ITEM_FIELD_NAMES: Record<string, string> = {
	phone: 'contactPhone',
	email: 'contactEmail',
	externalContactCode: 'contactExternalCode',
	variables: 'contactVariables',
};

/** What an item's contact field gives when the node does not have it. */
const ITEM_FIELD_FALLBACKS = { phone: '', email: '', externalContactCode: '', variables: {} };

const CONTACTS: ContactsEditor = {
	fields: contactFields,
	itemFieldNames: ITEM_FIELD_NAMES,
	list: { displayName: 'Contacts', placeholder: 'Add Contact', entryName: 'Contact' },
	json: {
		displayName: 'Contacts (JSON)',
		default:
			'[\n  {\n    "phone": "0395187319",\n    "mapping_variables": { "full_name": "Trần Văn Tiến" }\n  }\n]',
		description:
			'Array of contacts: <code>phone</code> (required), <code>email</code>, <code>ext_contact_code</code> and <code>mapping_variables</code> (object of script variable → value). <code>externalContactCode</code> and <code>variables</code> are accepted too.',
	},
};

/** How the JSON Array field is read: OMICall's keys, and the names of the contact fields too. */
const JSON_CONTACTS: JsonContactsSpec = {
	label: 'Contacts (JSON)',
	fix: 'Enter a JSON array of contacts, e.g. [{"phone": "0395187319"}].',
	aliases: {
		phone: ['phone'],
		email: ['email'],
		externalContactCode: ['ext_contact_code', 'externalContactCode'],
		variables: ['mapping_variables', 'variables'],
	},
	bareField: 'phone',
	listIsBare: true,
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
	contactsSourceField(show, {
		displayName: 'Contacts Source',
		itemsName: 'One Contact per Input Item',
		itemsDescription:
			'Start one campaign for all input items; map each item to a contact with expressions',
		defineDescription: 'Start one campaign per input item, with the contacts listed below',
		jsonDescription:
			'Start one campaign per input item, with the contacts in a JSON array (e.g. from a CRM webhook)',
	}),
	...contactsFields(CONTACTS, show),
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
				typeOptions: { minValue: 1, maxValue: LIMITS.callsPerRound.max },
				default: 15,
				description: `Number of calls placed per round (num_per_call), 1 to ${LIMITS.callsPerRound.max}`,
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
					'Your own session ID (ext_session_id). OMICall refuses a second campaign with the same ID. When empty, the node derives one from the Idempotency Key, or else from the execution, node and item, so Retry On Fail never starts the same campaign twice.',
			},
			duplicateNumbersField({
				description:
					'What to do when the same phone number (in any spelling, e.g. 0912345678 and +84 912 345 678) is given more than once in this run',
				callOnceDescription:
					'Send the number once; each repeat gets an output item with skipped: true and the item it repeats',
				errorDescription: 'Start nothing and name the items that give the same number',
			}),
			idempotencyKeyOption,
			{
				displayName: 'Retries',
				name: 'retries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: LIMITS.retries.max },
				default: 0,
				description: `How often to redial a contact that does not answer (num_retry), 0 to ${LIMITS.retries.max}`,
			},
			{
				displayName: 'Seconds Between Retries',
				name: 'secondsBetweenRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: LIMITS.secondsBetweenRetries.max },
				default: 0,
				description:
					'Wait before a redial (distance_retry; OMICall does not state the unit, seconds assumed), at most one day',
			},
			{
				displayName: 'Seconds Between Rounds',
				name: 'secondsBetweenRounds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: LIMITS.secondsBetweenRounds.max },
				default: 30,
				description: 'Wait between rounds of calls (distance_per_call), at most one day',
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
					'When the campaign starts (sent as send_time in milliseconds). Empty starts it now; a time already past is refused.',
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

/** A text field that must not be an object (e.g. an expression that picked a whole record). */
function textField(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	fix: string,
	itemIndex: number,
): string {
	if (value !== null && typeof value === 'object') {
		inputError(
			ctx,
			label,
			`is ${Array.isArray(value) ? 'a list' : 'an object'}, not text`,
			fix,
			itemIndex,
		);
	}
	return asText(value);
}

function checkNumber(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	limit: (typeof LIMITS)[keyof typeof LIMITS],
	itemIndex: number,
): number {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value)
				: Number.NaN;
	const range = `Use ${limit.integer ? 'a whole number' : 'a number'} from ${limit.min} to ${limit.max}.`;
	if (!Number.isFinite(number)) {
		inputError(ctx, limit.label, `"${String(value)}" is not a number`, range, itemIndex);
	}
	if (limit.integer && !Number.isInteger(number)) {
		inputError(ctx, limit.label, `${number} is not a whole number`, range, itemIndex);
	}
	if (number < limit.min || number > limit.max) {
		inputError(ctx, limit.label, `${number} is out of range`, range, itemIndex);
	}
	return number;
}

function checkContact(
	ctx: IExecuteSingleFunctions,
	contact: IDataObject,
	itemIndex: number,
	label: string,
): IDataObject {
	const phone = normalizePhone(
		contact.phone !== null && typeof contact.phone === 'object' ? undefined : contact.phone,
	);
	if (!phone) {
		const given =
			contact.phone === undefined || contact.phone === null || contact.phone === ''
				? 'is empty'
				: typeof contact.phone === 'object'
					? 'is an object, not a phone number'
					: `"${String(contact.phone)}" is not a valid phone number`;
		inputError(
			ctx,
			`${label} phone`,
			given,
			'Use 8 to 15 digits, e.g. 0395187319 or 84395187319; spaces, dots, dashes and a leading + are removed.',
			itemIndex,
		);
	}
	const email = textField(
		ctx,
		contact.email,
		`${label} email`,
		'Give the email as text.',
		itemIndex,
	);
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
	const code = textField(
		ctx,
		contact.ext_contact_code,
		`${label} external contact code`,
		'Give the CRM contact ID as text.',
		itemIndex,
	);
	if (code) result.ext_contact_code = code;
	const mapping = contact.mapping_variables;
	if (mapping !== undefined && mapping !== null && mapping !== '') {
		if (typeof mapping !== 'object' || Array.isArray(mapping)) {
			inputError(
				ctx,
				`${label} script variables (mapping_variables)`,
				`are ${Array.isArray(mapping) ? 'a list' : 'not an object'}`,
				'Give them as an object of variable code → value, e.g. {"full_name": "Trần Văn Tiến"}.',
				itemIndex,
			);
		}
		const values: IDataObject = {};
		for (const [name, value] of Object.entries(mapping as IDataObject)) {
			values[name] = textField(
				ctx,
				value,
				`${label} script variable "${name}"`,
				'Give each variable a text value.',
				itemIndex,
			);
		}
		if (Object.keys(values).length) result.mapping_variables = values;
	}
	return result;
}

function contactFromFields(
	ctx: IExecuteSingleFunctions,
	input: ContactInput,
	itemIndex: number,
	label: string,
): IDataObject {
	const mapping: IDataObject = {};
	for (const variable of collectionRows<{ name?: unknown; value?: unknown }>(
		input.variables,
		'variable',
	)) {
		const name = textField(
			ctx,
			variable.name,
			`${label} script variable name`,
			'Choose the variable from the list.',
			itemIndex,
		);
		if (!name) {
			inputError(
				ctx,
				`${label} script variable`,
				'has no name',
				'Choose the variable from the list or remove the empty row.',
				itemIndex,
			);
		}
		mapping[name] = variable.value === undefined || variable.value === null ? '' : variable.value;
	}
	return checkContact(
		ctx,
		{
			phone: input.phone,
			email: input.email,
			ext_contact_code: input.externalContactCode,
			mapping_variables: mapping,
		} as IDataObject,
		itemIndex,
		label,
	);
}

/** One contact row of an item (Define Below, JSON Array): its label and how to read and check it. */
interface Row {
	position: number;
	label: string;
	read: () => IDataObject;
}

function rowsOf(ctx: IExecuteSingleFunctions, get: Get, itemIndex: number, source: string): Row[] {
	return listedContacts(ctx, get, itemIndex, source, JSON_CONTACTS).map((input, index) => {
		const label = `Contact ${index + 1}:`;
		return {
			position: index + 1,
			label,
			read: () =>
				source === 'define'
					? contactFromFields(ctx, input, itemIndex, label)
					: // JSON Array: the script variables are an object of variable → value.
						checkContact(
							ctx,
							{
								phone: input.phone,
								email: input.email,
								ext_contact_code: input.externalContactCode,
								mapping_variables: input.variables,
							} as IDataObject,
							itemIndex,
							label,
						),
		};
	});
}

interface Settings {
	/** The campaign fields of the body, without contacts and ext_session_id. */
	body: IDataObject;
	cid: string;
	ownSessionId: string;
	idempotencyKey: string;
	duplicateNumbers: 'callOnce' | 'error';
}

/** Checks and reads the campaign settings of an item: script, hotline and options. */
function readSettings(ctx: IExecuteSingleFunctions, get: Get, itemIndex: number): Settings {
	const script = get('script', '');
	const scriptId = idText(
		ctx,
		script !== null && typeof script === 'object' && '__rl' in script
			? (script as IDataObject).value
			: script,
		'Script',
		'Choose a script from the list or enter its ID.',
		itemIndex,
	);
	const hotline = get('hotline', '');
	if (hotline !== null && typeof hotline === 'object') {
		inputError(
			ctx,
			'Hotline',
			'is an object, not a number',
			'Enter the hotline number, or leave it empty for on-net calling.',
			itemIndex,
		);
	}
	const cid = stripPhoneFormatting(hotline);
	if (cid && !/^\+?\d{2,15}$/.test(cid)) {
		inputError(
			ctx,
			'Hotline',
			`"${cid.slice(0, 40)}" is not a phone number`,
			'Enter the hotline or SIP number in digits, e.g. 842899990338, or leave it empty for on-net calling.',
			itemIndex,
		);
	}
	const rawOptions = get('options', {});
	const options = (
		rawOptions && typeof rawOptions === 'object' && !Array.isArray(rawOptions) ? rawOptions : {}
	) as IDataObject;
	const given = (name: string) =>
		options[name] !== undefined && options[name] !== null && options[name] !== '';

	const body: IDataObject = { bot_script_id: scriptId, cid: cid.replace(/^\+/, '') };
	const name = textField(ctx, options.name, 'Campaign Name', 'Give the name as text.', itemIndex);
	if (name) body.name = name;
	if (given('voice')) {
		if (!VOICES.includes(String(options.voice))) {
			inputError(
				ctx,
				'Voice',
				`"${String(options.voice)}" is not a voice of OMICall`,
				`Choose one of: ${VOICES.join(', ')}.`,
				itemIndex,
			);
		}
		body.voice = options.voice;
	}
	const numeric: Array<[keyof typeof LIMITS, string]> = [
		['speed', 'speed'],
		['retries', 'num_retry'],
		['callsPerRound', 'num_per_call'],
		['secondsBetweenRounds', 'distance_per_call'],
		['secondsBetweenRetries', 'distance_retry'],
	];
	for (const [option, field] of numeric) {
		if (given(option)) body[field] = checkNumber(ctx, options[option], LIMITS[option], itemIndex);
	}
	if (given('autoPause')) {
		const value = options.autoPause;
		if (value !== true && value !== false && value !== 'true' && value !== 'false') {
			inputError(
				ctx,
				'Auto Pause',
				`"${String(value)}" is not true or false`,
				'Turn the option on or off.',
				itemIndex,
			);
		}
		body.auto_pause = value === true || value === 'true';
	}
	if (given('startTime')) {
		const sendTime = toEpochMs(options.startTime, ctx.getTimezone());
		if (sendTime === undefined) {
			inputError(
				ctx,
				'Start Time',
				`"${String(options.startTime)}" is not a date`,
				'Pick a date and time, or clear the option to start now.',
				itemIndex,
			);
		}
		const now = Date.now();
		if (sendTime < now) {
			inputError(
				ctx,
				'Start Time',
				`(${new Date(sendTime).toISOString()}) is already past: it is now ${new Date(now).toISOString()}`,
				'Pick a time in the future, or clear the option to start the campaign now.',
				itemIndex,
			);
		}
		body.send_time = sendTime;
	}
	const duplicateNumbers = given('duplicateNumbers')
		? String(options.duplicateNumbers)
		: 'callOnce';
	if (duplicateNumbers !== 'callOnce' && duplicateNumbers !== 'error') {
		inputError(
			ctx,
			'Duplicate Numbers',
			`"${duplicateNumbers}" is not an option`,
			'Choose Call Once or Stop with an Error.',
			itemIndex,
		);
	}
	return {
		body,
		cid: body.cid as string,
		ownSessionId: textField(
			ctx,
			options.extSessionId,
			'Deduplication Session ID',
			'Give the session ID as text.',
			itemIndex,
		),
		idempotencyKey: textField(
			ctx,
			options.idempotencyKey,
			'Idempotency Key',
			'Map the key to a text value, e.g. the event ID.',
			itemIndex,
		),
		duplicateNumbers,
	};
}

/** What an item sends (the campaign, when it has contacts) and outputs besides the campaign. */
interface CampaignPlan {
	/** The execute_by_phone body; undefined when every contact was left out. */
	body?: IDataObject;
	sessionId: string;
	/** The input items whose contacts are in the campaign. */
	paired: Array<{ item: number }>;
	/** Output items for left-out duplicates and (with Continue On Fail) bad contact rows. */
	extra: INodeExecutionData[];
}

const plans = new WeakMap<object, CampaignPlan>();

function skippedItem(
	itemIndex: number,
	duplicateOfItem: number,
	phone: unknown,
	contact?: number,
): INodeExecutionData {
	const json: IDataObject = {
		skipped: true,
		reason: 'duplicate',
		duplicateOfItem,
		phone: phone as string,
	};
	if (contact !== undefined) json.contact = contact;
	return { json, pairedItem: { item: itemIndex } };
}

const DUPLICATE_FIX =
	'Remove the repeated number, or set Options → Duplicate Numbers to Call Once to send it once.';

/** "One Contact per Input Item": the first valid item sends one campaign for all valid items. */
function planForAllItems(ctx: IExecuteSingleFunctions): CampaignPlan | undefined {
	const read = (itemIndex: number) => {
		const get = parametersOf(ctx, itemIndex);
		const contact = contactFromFields(
			ctx,
			itemContact(get, ITEM_FIELD_NAMES, ITEM_FIELD_FALLBACKS),
			itemIndex,
			'Contact',
		);
		const options = get('options', {}) as IDataObject;
		const key = textField(
			ctx,
			options?.idempotencyKey,
			'Idempotency Key',
			'Map the key to a text value, e.g. the event ID.',
			itemIndex,
		);
		return { contact, key };
	};
	// Every item's fields are read once per run; the first valid item gets them all.
	const plan = planForItems(ctx, 'omicall.campaign', read);
	if (!plan.leader) return undefined;
	const own = ctx.getItemIndex();
	let settings: ReturnType<typeof readSettings>;
	let kept: ReturnType<typeof keepFirstOfEachNumber<(typeof plan.entries)[number]>>;
	try {
		// The campaign settings are the leader's (they may be per-item expressions).
		settings = readSettings(ctx, parametersOf(ctx, own), own);
		const duplicateNumbers = settings.duplicateNumbers;
		kept = keepFirstOfEachNumber(
			plan.entries,
			(entry) => ({ phone: entry.value.contact.phone, itemIndex: entry.itemIndex }),
			duplicateNumbers,
			(entry, first) =>
				inputError(
					ctx,
					'Contact phone',
					`"${String(entry.value.contact.phone)}" is the same number as item ${first}`,
					DUPLICATE_FIX,
					entry.itemIndex,
				),
		);
	} catch (error) {
		// The campaign of all items cannot be planned. With Continue On Fail, every item it covers
		// gets its own error item (not only the leader, while the others vanish); nothing is sent.
		if (plan.entries.length <= 1 || !ctx.continueOnFail()) throw nodeError(ctx, error);
		const failure = error as { message?: string; description?: string | null };
		return {
			sessionId: '',
			paired: [],
			extra: plan.entries.map((entry) => ({
				json: {
					error: failure.message ?? 'The campaign could not be planned',
					...(failure.description ? { errorDescription: failure.description } : {}),
				},
				pairedItem: { item: entry.itemIndex },
			})),
		};
	}
	const { kept: included, repeats } = kept;
	const extra = repeats.map(({ entry, duplicateOfItem }) =>
		skippedItem(entry.itemIndex, duplicateOfItem, entry.value.contact.phone),
	);
	const sessionId =
		settings.ownSessionId ||
		deriveIdempotencyKey(
			ctx,
			'omicall.campaign.start',
			24,
			own,
			combineIdempotencyKeys(included.map((entry) => entry.value.key)),
		);
	return {
		body: {
			...settings.body,
			contact_info: included.map((entry) => entry.value.contact),
			ext_session_id: sessionId,
		},
		sessionId,
		paired: included.map((entry) => ({ item: entry.itemIndex })),
		extra,
	};
}

/**
 * The numbers an item sends (Define Below, JSON Array), to find repeats across items. Throws when
 * that item cannot send (its own error stops it): then its numbers count for no other item. With
 * Continue On Fail a bad contact row is left out and the item sends the others.
 */
function numbersOfItem(ctx: IExecuteSingleFunctions, itemIndex: number, source: string): string[] {
	const continueOnFail = ctx.continueOnFail();
	const get = parametersOf(ctx, itemIndex);
	readSettings(ctx, get, itemIndex);
	const keys: string[] = [];
	for (const row of rowsOf(ctx, get, itemIndex, source)) {
		try {
			keys.push(phoneKey(row.read().phone));
		} catch (error) {
			if (!continueOnFail) throw nodeError(ctx, error);
		}
	}
	return keys;
}

/** "Define Below" and "JSON Array": each item starts its own campaign with its contacts. */
function planForOneItem(ctx: IExecuteSingleFunctions, source: string): CampaignPlan {
	const own = ctx.getItemIndex();
	const get = parametersOf(ctx, own);
	const settings = readSettings(ctx, get, own);
	const rows = rowsOf(ctx, get, own, source);
	if (!rows.length) {
		inputError(ctx, 'Contacts', 'is empty', 'Add at least one contact with a phone number.', own);
	}
	// Numbers of other items that are sent (see numbersOfOtherItems): earlier items win with Call
	// Once; with Stop with an Error, a number that any other item also gives stops both items before
	// either sends. Every item's numbers are read once per run.
	const numbers = readItemsOnce(ctx, `omicall.numbers.${source}`, (itemIndex) =>
		numbersOfItem(ctx, itemIndex, source),
	);
	const others = numbersOfOtherItems(numbers, own, settings.duplicateNumbers);
	const continueOnFail = ctx.continueOnFail();
	const mine = new Map<string, Row>();
	const contacts: IDataObject[] = [];
	const extra: INodeExecutionData[] = [];
	for (const row of rows) {
		let contact: IDataObject;
		try {
			contact = row.read();
		} catch (error) {
			if (!continueOnFail) throw nodeError(ctx, error);
			extra.push({ json: {}, error: error as NodeOperationError, pairedItem: { item: own } });
			continue;
		}
		const key = phoneKey(contact.phone);
		const other = others.get(key);
		const earlier = mine.get(key);
		if (other === undefined && earlier === undefined) {
			mine.set(key, row);
			contacts.push(contact);
		} else if (settings.duplicateNumbers === 'error') {
			inputError(
				ctx,
				`${row.label} phone`,
				other !== undefined
					? `"${String(contact.phone)}" is the same number as in item ${other}`
					: `"${String(contact.phone)}" is the same number as ${earlier!.label.replace(/:$/, '')}`,
				DUPLICATE_FIX,
				own,
			);
		} else {
			extra.push(skippedItem(own, other ?? own, contact.phone, row.position));
		}
	}
	const sessionId =
		settings.ownSessionId ||
		deriveIdempotencyKey(ctx, 'omicall.campaign.start', 24, own, settings.idempotencyKey);
	return {
		body: contacts.length
			? { ...settings.body, contact_info: contacts, ext_session_id: sessionId }
			: undefined,
		sessionId,
		paired: [{ item: own }],
		extra,
	};
}

/** Checks the input and plans the execute_by_phone request of this item (if it sends one). */
export async function prepareStartCampaign(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const source = contactsSourceOf(this);
	const plan = source === 'items' ? planForAllItems(this) : planForOneItem(this, source);
	if (!plan) return requestOptions;
	const options: IHttpRequestOptions = {
		...requestOptions,
		qs: { ...(requestOptions.qs ?? {}), cid: (plan.body?.cid as string) ?? '' },
		body: plan.body ?? {},
	};
	plans.set(options, plan);
	return options;
}

/**
 * Error items of a campaign that could not be started (Continue On Fail): one per input item it
 * covered, with the session ID (a re-run with the same Idempotency Key or Deduplication Session ID
 * cannot start it twice, in case OMICall did start it and the answer was lost).
 */
function failedCampaignItems(
	plan: CampaignPlan,
	error: { message?: string; description?: string | null },
): INodeExecutionData[] {
	return plan.paired.map((paired) => ({
		json: {
			error: error.message ?? 'The campaign could not be started',
			...(error.description ? { errorDescription: error.description } : {}),
			ext_session_id: plan.sessionId,
		},
		pairedItem: paired,
	}));
}

/**
 * Whether OMICall refused the campaign because its ext_session_id was used before. The code is
 * not documented, so any code or message that names the session and says it exists (or is a
 * duplicate, or already used) counts.
 */
function isRepeatedSession(error: unknown): boolean {
	const context = (error as { context?: IDataObject })?.context ?? {};
	const response = ((error as { errorResponse?: IDataObject })?.errorResponse ?? {}) as IDataObject;
	const texts = [String(context.vendorCode ?? ''), omicallErrorCode(response)];
	const payload = response.payload as IDataObject | undefined;
	if (payload && typeof payload.message === 'string') texts.push(payload.message);
	return texts.some((text) => /session/i.test(text) && /exist|duplicat|already|used/i.test(text));
}

/**
 * Sends the campaign of this item (items that send nothing give no output), and outputs it with
 * the left-out duplicates and bad rows. When OMICall refuses the ext_session_id as used before,
 * the campaign was started earlier (by a lost attempt that Retry On Fail repeated, or an earlier
 * run with the same Idempotency Key): the output says so, without an autocall_id, which OMICall
 * does not return for it.
 */
export async function startCampaign(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const plan = plans.get(requestData.options);
	if (!plan) return [];
	const output: INodeExecutionData[] = [];
	if (plan.body) {
		try {
			const [answer] = await sendOmicall(this, requestData);
			output.push({
				json: { ...(answer?.json ?? {}), ext_session_id: plan.sessionId, alreadyStarted: false },
				pairedItem: plan.paired,
			});
		} catch (error) {
			if (!isRepeatedSession(error)) {
				const failure = nodeError(this, error);
				if (!this.continueOnFail()) throw failure;
				// Continue On Fail: every input item the campaign covered gets its own error item, and
				// the left-out duplicates and bad rows are output as planned; no item vanishes.
				return [...failedCampaignItems(plan, failure), ...plan.extra];
			}
			const code = String((error as { context?: IDataObject }).context?.vendorCode ?? '');
			output.push({
				json: {
					alreadyStarted: true,
					ext_session_id: plan.sessionId,
					autocall_id: null,
					bot_script_id: plan.body.bot_script_id as string,
					vendorCode: code,
					message: `OMICall refused ext_session_id ${plan.sessionId} as already used (${code}): a campaign with this session ID was started before, by an earlier attempt of this node or an earlier run with the same Idempotency Key. No second campaign was started. OMICall does not return the earlier campaign's autocall_id.`,
				},
				pairedItem: plan.paired,
			});
		}
	}
	output.push(...plan.extra);
	return output;
}

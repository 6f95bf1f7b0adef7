import type {
	NodeApiError,
	NodeOperationError,
	DeclarativeRestApiSettings,
	IDataObject,
	IDisplayOptions,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import {
	asText,
	combineIdempotencyKeys,
	idempotencyKeyOption,
	inputError,
	phoneKey,
	stripPhoneFormatting,
} from '../../shared/input';
import {
	contactsFields,
	contactsSourceField as sharedContactsSourceField,
	contactsSourceOf,
	duplicateNumbersField,
	itemContact,
	listedContacts,
	resolvedParametersOf,
	variablesField,
	type ContactInput,
	type ContactsEditor,
	type JsonContactsSpec,
} from '../../shared/contacts';
import { groupBy, parameterForItem } from '../../shared/items';
import {
	chunk,
	derivedIds,
	keepFirstOfEachNumber,
	numbersOfOtherItems,
	planForItems,
	readItemsOnce,
} from '../../shared/plan';
import {
	AUTO_NUMBERS_PER_REQUEST,
	callbackUrl,
	checkedId,
	DEFAULT_NUMBERS_PER_REQUEST,
	MAX_ORDER_IDS_PER_REQUEST,
	OVER_CAPACITY_CODE,
	PRODUCT_ID,
} from './descriptions';
import { asNodeError, vendorCodeOf } from '../transport/errors';
import { findRows } from '../transport/output';
import {
	callEndpoint,
	compact,
	recallPlan,
	rememberPlan,
	type NxEndpoint,
} from '../transport/request';

/**
 * Orders (one phone number each) for createAndCall, addBatchCall and importBatchCall: the contact
 * fields, the three ways to give them (one per input item, listed in the node, a JSON array), the
 * checks, the split into requests and the output (one item per order).
 */

type Show = IDisplayOptions['show'];

// ------------------------------------------------------------------ fields

const contactFields: INodeProperties[] = [
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 84912345678',
		description:
			'Number with its country code (userPhone), e.g. 84912345678. Spaces, dots, dashes, brackets and a leading + or 00 are removed.',
	},
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '',
		placeholder: 'e.g. crm-order-0001',
		description:
			'Your ID of this order (orderID), unique across all tasks. Leave empty to derive one from the Idempotency Key option, or else from the execution, node and item, so a retry cannot add the number twice.',
	},
	{
		displayName: 'Pass-Through Data',
		name: 'other',
		type: 'string',
		default: '',
		placeholder: 'e.g. CRM-000123',
		description:
			'Any text NXCLOUD returns unchanged in callbacks and lists (other), e.g. your CRM ID',
	},
	{
		displayName: 'User Name',
		name: 'userName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Nguyễn Văn An',
	},
	{
		displayName: 'Customer Name',
		name: 'customerName',
		type: 'string',
		default: '',
		placeholder: 'e.g. ACME Co., Ltd.',
	},
	variablesField({
		description:
			"Values for the script template's variables (params), e.g. the customer's name. If the template has variables, give all of them.",
		nameField: {
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. name',
			description: 'Variable name as set in NXCLOUD: Script Management → Variable settings',
		},
		valuePlaceholder: 'e.g. Nguyễn Văn An',
	}),
];

/** Names of the contact fields in "One Number per Input Item" mode. */
const ITEM_FIELD_NAMES: Record<string, string> = {
	phone: 'contactPhone',
	orderId: 'contactOrderId',
	other: 'contactOther',
	userName: 'contactUserName',
	customerName: 'contactCustomerName',
	variables: 'contactVariables',
};

const NUMBERS: ContactsEditor = {
	fields: contactFields,
	itemFieldNames: ITEM_FIELD_NAMES,
	list: { displayName: 'Numbers', placeholder: 'Add Number', entryName: 'Number' },
	json: {
		displayName: 'Numbers (JSON)',
		default:
			'[\n  {\n    "userPhone": "84912345678",\n    "other": "CRM-000123",\n    "params": [{ "name": "name", "value": "Nguyễn Văn An" }]\n  }\n]',
		description:
			'Array of numbers: <code>userPhone</code> (or <code>phone</code>, required), <code>orderID</code>, <code>other</code>, <code>userName</code>, <code>customerName</code> and <code>params</code> (array of name/value pairs, or an object of variable → value)',
	},
};

/** How the JSON Array field is read: NXCLOUD's keys (callList), and the names of the contact fields too. */
const JSON_NUMBERS: JsonContactsSpec = {
	label: 'Numbers (JSON)',
	fix: 'Enter a JSON array of numbers, e.g. [{"userPhone": "84912345678"}].',
	aliases: {
		phone: ['userPhone', 'phone'],
		orderId: ['orderID', 'orderId'],
		other: ['other'],
		userName: ['userName'],
		customerName: ['customerName'],
		variables: ['params', 'variables'],
	},
	bareField: 'phone',
	listIsBare: false,
};

/** The order callback URLs (callInfoList). */
export function orderCallbackFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Order Callback URL',
			name: 'orderCallbackUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://n8n.example.com/webhook/nxcloud/order',
			description:
				'Where NXCLOUD posts the result of each order when it is complete (orderCallbackUrl), e.g. the URL of an NXCLOUD Callbot Trigger. Leave empty for no order callbacks.',
			displayOptions: { show },
		},
		{
			displayName: 'Call Callback URL',
			name: 'callCallbackUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://n8n.example.com/webhook/nxcloud/call',
			description:
				'Where NXCLOUD posts the result of every call (callCallbackUrl). Leave empty for no call callbacks.',
			displayOptions: { show },
		},
	];
}

/** The "Numbers Source" of one operation; `manyItemsDescription` says what the
 * "One Number per Input Item" mode does for it. */
export function contactsSourceField(
	show: Show,
	manyItemsDescription: string,
	perItemDescription: string,
): INodeProperties {
	return sharedContactsSourceField(show, {
		displayName: 'Numbers Source',
		itemsName: 'One Number per Input Item',
		itemsDescription: manyItemsDescription,
		defineDescription: `${perItemDescription}, with the numbers listed below`,
		jsonDescription: `${perItemDescription}, with the numbers in a JSON array (e.g. from a CRM webhook)`,
	});
}

/** The operations that send numbers: Task → Create and Call, Order → Add and Replace Latest Batch. */
const NUMBERS_OPERATIONS: Show = {
	resource: ['task', 'order'],
	operation: ['createAndCall', 'add', 'replaceBatch'],
};

/**
 * The callback URLs and contact fields of every operation that sends numbers, defined ONCE for all
 * of them: n8n's routing engine evaluates every parameter once per description entry with its name,
 * per item, whether it is shown or not, so one entry per name keeps a 10,000-item run from reading
 * each contact field once per operation. Names are unchanged (existing workflows keep working).
 * Place after the operations' "Numbers Source" fields (the UI shows them in description order).
 */
export const numbersFields: INodeProperties[] = [
	...orderCallbackFields(NUMBERS_OPERATIONS),
	...contactsFields(NUMBERS, NUMBERS_OPERATIONS),
];

/** Options of operations that send numbers. */
const numbersOptionsUnsorted: INodeProperties[] = [
	duplicateNumbersField({
		description:
			'What to do when the same number (in any spelling) is given more than once in one run, in the same or different input items',
		callOnceDescription:
			'Send the number once; each repeat gets an output item with skipped: true and the item of the first',
		errorDescription: 'Stop before anything is sent, naming both items',
	}),
	idempotencyKeyOption,
	{
		displayName: 'Country Code for National Numbers',
		name: 'countryCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. 84',
		description:
			'Turns numbers written with a leading 0 into international form, e.g. 0912345678 → 84912345678. Leave empty to reject such numbers.',
	},
	{
		displayName: 'Numbers per Request',
		name: 'numbersPerRequest',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_NUMBERS_PER_REQUEST,
		description:
			'How many numbers one request carries (callList); more numbers go to the same task in further requests (addBatchCall). NXCLOUD documents no maximum. 0 finds it out: the first request carries up to 2,000 numbers, a request NXCLOUD refuses as too large (code 4001) is split in half and sent again, and the size it settles on is in the output (numbersPerRequest).',
	},
];

/** Options of operations that send numbers, in alphabetical order. */
export const numbersOptions: INodeProperties[] = [...numbersOptionsUnsorted].sort((a, b) =>
	a.displayName.localeCompare(b.displayName),
);

// ------------------------------------------------------------------ reading and checking

export interface OrderEntry {
	itemIndex: number;
	/** The task of the order (operations on an existing task). */
	taskId: string;
	order: IDataObject;
	/**
	 * Whether the node derived the order ID (then only an earlier attempt of this run, or an earlier
	 * run with the same Idempotency Key, can have used it).
	 */
	derivedOrderId: boolean;
	/** The item's Idempotency Key ('' when not set). */
	idempotencyKey: string;
}

/** A number left out because the same number came earlier in this run ("Call Once"). */
export interface SkippedEntry {
	itemIndex: number;
	taskId: string;
	phone: string;
	duplicateOfItem: number;
}

/** The orders of one plan: those to send, the repeats left out, the key of the whole set. */
export interface OrderSet {
	entries: OrderEntry[];
	skipped: SkippedEntry[];
	/** One Idempotency Key for all the items of the set ('' unless every item has one). */
	idempotencyKey: string;
	/** The input items the set covers. */
	itemIndexes: number[];
	/** An error of the whole set, kept for planSet (Continue On Fail, many items). */
	failure?: unknown;
}

/** The Idempotency Key option of an item, as text ('' when not set). */
export function idempotencyKeyFor(ctx: IExecuteSingleFunctions, itemIndex: number): string {
	const options = parameterForItem(ctx, 'options', itemIndex, {}) as IDataObject | undefined;
	const value = options?.idempotencyKey;
	if (value !== null && typeof value === 'object') {
		inputError(
			ctx,
			'Idempotency Key',
			'is an object, not a text',
			'Map one value that identifies the event, e.g. {{ $json.eventId }}.',
			itemIndex,
		);
	}
	return asText(value);
}

/** The "Duplicate Numbers" option. */
function duplicateNumbersOption(ctx: IExecuteSingleFunctions): 'callOnce' | 'error' {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return options.duplicateNumbers === 'error' ? 'error' : 'callOnce';
}

/** The country code option as digits ('' when not set). */
function countryCodeOption(ctx: IExecuteSingleFunctions): string {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const code = asText(options.countryCode).replace(/^\+/, '');
	if (code && !/^\d{1,4}$/.test(code)) {
		inputError(
			ctx,
			'Country Code for National Numbers',
			`"${code}" is not a country code`,
			'Enter the digits of the country code, e.g. 84 for Vietnam or 86 for China.',
		);
	}
	return code;
}

/**
 * `userPhone`: country code + number, digits only. Formatting and a leading + or 00 are removed; a
 * national number (leading 0) gets the country code option, or is rejected.
 */
export function toUserPhone(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	countryCode: string,
	label: string,
	itemIndex: number,
): string {
	const stripped = stripPhoneFormatting(value);
	if (!stripped)
		inputError(
			ctx,
			label,
			'is empty',
			'Enter the number with its country code, e.g. 84912345678.',
			itemIndex,
		);
	let digits: string;
	if (stripped.startsWith('+')) digits = stripped.slice(1);
	else if (stripped.startsWith('00')) digits = stripped.slice(2);
	else if (stripped.startsWith('0')) {
		if (!countryCode) {
			inputError(
				ctx,
				label,
				`"${String(value)}" has no country code`,
				'Write the number with its country code and without the leading 0 (e.g. 84912345678), or set the option Country Code for National Numbers.',
				itemIndex,
			);
		}
		digits = countryCode + stripped.slice(1);
	} else digits = stripped;
	if (!/^[1-9]\d{7,14}$/.test(digits)) {
		inputError(
			ctx,
			label,
			`"${String(value)}" is not a valid phone number`,
			'Use the country code and the number, 8 to 15 digits in all, e.g. 84912345678.',
			itemIndex,
		);
	}
	return digits;
}

function toParams(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): IDataObject[] {
	if (value === undefined || value === null || value === '') return [];
	let rows: unknown[];
	if (Array.isArray(value)) rows = value;
	else if (typeof value === 'object' && Array.isArray((value as IDataObject).variable)) {
		rows = (value as IDataObject).variable as unknown[];
	} else if (typeof value === 'object') {
		if ('variable' in (value as IDataObject)) rows = [];
		else rows = Object.entries(value as IDataObject).map(([name, v]) => ({ name, value: v }));
	} else {
		inputError(
			ctx,
			label,
			'is not a list of variables',
			'Give name/value pairs, e.g. [{"name": "name", "value": "An"}].',
			itemIndex,
		);
	}
	return rows.map((row) => {
		const entry = (row ?? {}) as IDataObject;
		const name = asText(entry.name);
		if (!name) {
			inputError(
				ctx,
				label,
				'has a variable without a name',
				'Enter the variable name or remove the empty row.',
				itemIndex,
			);
		}
		const raw = entry.value;
		const text =
			raw === undefined || raw === null
				? ''
				: typeof raw === 'object'
					? JSON.stringify(raw)
					: String(raw);
		return { name, value: text };
	});
}

/** One callList entry from the contact fields, checked. */
function toOrder(
	ctx: IExecuteSingleFunctions,
	input: ContactInput,
	countryCode: string,
	label: string,
	itemIndex: number,
	derivedOrderId: (userPhone: string) => string,
): { order: IDataObject; derivedOrderId: boolean } {
	const userPhone = toUserPhone(ctx, input.phone, countryCode, `${label}Phone`, itemIndex);
	const ownId = checkedId(ctx, input.orderId, `${label}Order ID`, itemIndex);
	const order = {
		orderID: ownId || derivedOrderId(userPhone),
		userPhone,
		other: asText(input.other),
		userName: asText(input.userName),
		customerName: asText(input.customerName),
		params: toParams(ctx, input.variables, `${label}Script Variables`, itemIndex),
	};
	return { order, derivedOrderId: !ownId };
}

/**
 * Derives order IDs: 32 characters, the same on every Retry On Fail attempt; with the item's
 * Idempotency Key, the same on every run with that key. The scope is the number itself (its
 * `phoneKey`), never its position in a list: a re-run with the same key and a list in another order,
 * or with a number added in front, derives the same ID for the same number, and a new ID for a new
 * number. Within one run a number is sent once ("Duplicate Numbers"), so (key, number) is unique.
 * The run-level facts are read once per plan (see ../../shared/plan.ts).
 */
type OrderIdDeriver = (
	userPhone: string,
	itemIndex: number,
	idempotencyKey: string,
	countryCode: string,
) => string;

function orderIdDeriver(ctx: IExecuteSingleFunctions): OrderIdDeriver {
	const derive = derivedIds(ctx);
	return (userPhone, itemIndex, idempotencyKey, countryCode) =>
		derive(
			`nxcloud.order.${phoneKey(userPhone, countryCode || '84')}`,
			29,
			itemIndex,
			idempotencyKey,
		);
}

/**
 * The orders of one item in the "Define Below" and "JSON Array" modes, read for any item of the run
 * and checked (an input error naming the item and the number when one is not valid: then the item
 * sends nothing).
 */
function itemOrders(
	ctx: IExecuteSingleFunctions,
	source: string,
	countryCode: string,
	itemIndex: number,
	deriveOrderId: OrderIdDeriver,
	taskIdFor?: (itemIndex: number) => string,
): OrderEntry[] {
	const taskId = taskIdFor ? taskIdFor(itemIndex) : '';
	const idempotencyKey = idempotencyKeyFor(ctx, itemIndex);
	const inputs = listedContacts(
		ctx,
		resolvedParametersOf(ctx, itemIndex),
		itemIndex,
		source,
		JSON_NUMBERS,
	);
	if (!inputs.length) {
		inputError(ctx, 'Numbers', 'is empty', 'Add at least one phone number.', itemIndex);
	}
	return inputs.map((input, index) => ({
		itemIndex,
		taskId,
		idempotencyKey,
		...toOrder(ctx, input, countryCode, `Number ${index + 1}: `, itemIndex, (userPhone) =>
			deriveOrderId(userPhone, itemIndex, idempotencyKey, countryCode),
		),
	}));
}

/**
 * The orders of this item, or undefined when this item sends nothing ("One Number per Input Item"
 * mode, not the leading item). `taskIdFor` reads each item's task (operations on existing tasks).
 * The same number given twice in the run (in any spelling, in the same or another item) is sent
 * once, the repeats are listed in `skipped`; or, with "Duplicate Numbers: Stop with an Error", an
 * error names both items before anything is sent.
 */
export function collectOrders(
	ctx: IExecuteSingleFunctions,
	taskIdFor?: (itemIndex: number) => string,
): OrderSet | undefined {
	const source = contactsSourceOf(ctx);
	const countryCode = countryCodeOption(ctx);
	const deriveOrderId = orderIdDeriver(ctx);
	let entries: OrderEntry[];
	let setKey: string;
	let heldByOthers = new Map<string, number>();
	if (source === 'items') {
		// Every item's fields are read once per run; the first valid item gets them all.
		const plan = planForItems(ctx, 'nxcloud.orders', (itemIndex) => {
			const taskId = taskIdFor ? taskIdFor(itemIndex) : '';
			const idempotencyKey = idempotencyKeyFor(ctx, itemIndex);
			const fields = itemContact(resolvedParametersOf(ctx, itemIndex), ITEM_FIELD_NAMES);
			const read = toOrder(ctx, fields, countryCode, '', itemIndex, (userPhone) =>
				deriveOrderId(userPhone, itemIndex, idempotencyKey, countryCode),
			);
			return { itemIndex, taskId, idempotencyKey, ...read };
		});
		if (!plan.leader) return undefined;
		entries = plan.entries.map((entry) => entry.value);
		setKey = combineIdempotencyKeys(entries.map((entry) => entry.idempotencyKey));
	} else {
		// Every item sends its own orders; every item's orders are read and checked once per run
		// (to find a number that an earlier item sends), and this item takes its own.
		const readings = readItemsOnce(ctx, `nxcloud.orders.${source}`, (itemIndex) =>
			itemOrders(ctx, source, countryCode, itemIndex, deriveOrderId, taskIdFor),
		);
		const mine = readings[ctx.getItemIndex()];
		if (!mine.ok) throw asNodeError(ctx.getNode(), mine.error, ctx.getItemIndex());
		entries = mine.value;
		setKey = entries[0]?.idempotencyKey ?? '';
		heldByOthers = numbersOfOtherItems(
			readings.map((reading) =>
				reading.ok
					? {
							ok: true,
							value: reading.value.map((entry) =>
								phoneKey(entry.order.userPhone, countryCode || '84'),
							),
						}
					: reading,
			),
			ctx.getItemIndex(),
			duplicateNumbersOption(ctx),
		);
	}
	if (!entries.length) {
		inputError(ctx, 'Numbers', 'is empty', 'Add at least one phone number.');
	}
	const itemIndexes = [...new Set(entries.map((entry) => entry.itemIndex))];
	try {
		return {
			...checkSet(ctx, countryCode, entries, heldByOthers),
			idempotencyKey: setKey,
			itemIndexes,
		};
	} catch (error) {
		if (itemIndexes.length <= 1 || !ctx.continueOnFail())
			throw asNodeError(ctx.getNode(), error, ctx.getItemIndex());
		return { entries: [], skipped: [], idempotencyKey: setKey, itemIndexes, failure: error };
	}
}

/** The checks of a whole set of orders: repeated numbers, then order IDs used twice. */
function checkSet(
	ctx: IExecuteSingleFunctions,
	countryCode: string,
	entries: OrderEntry[],
	heldByOthers: Map<string, number>,
): { entries: OrderEntry[]; skipped: SkippedEntry[] } {
	const { kept, skipped } = dropDuplicates(ctx, countryCode, entries, heldByOthers);
	const seen = new Map<string, OrderEntry>();
	for (const entry of kept) {
		const orderID = String(entry.order.orderID);
		const first = seen.get(orderID);
		if (first !== undefined) {
			const sameKey = entry.derivedOrderId && first.derivedOrderId && entry.idempotencyKey;
			inputError(
				ctx,
				'Order ID',
				`"${orderID}" is used twice (also by item ${first.itemIndex})`,
				sameKey
					? `Items ${first.itemIndex} and ${entry.itemIndex} have the same Idempotency Key; give each item its own key (e.g. the CRM event ID and the contact ID).`
					: 'Order IDs must be unique: leave the field empty to derive them, or fix the duplicates.',
				entry.itemIndex,
			);
		}
		seen.set(orderID, entry);
	}
	return { entries: kept, skipped };
}

/**
 * Plans a set of orders with `build` (the task-level checks and the plan). With Continue On Fail, an
 * error of a set that covers several input items (one task for all of them) gives each of those
 * items an error item, instead of only the leading item while the others vanish.
 */
export function planSet(
	ctx: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	orders: OrderSet,
	build: () => IHttpRequestOptions,
): IHttpRequestOptions {
	try {
		if (orders.failure) throw orders.failure;
		return build();
	} catch (error) {
		if (orders.itemIndexes.length <= 1 || !ctx.continueOnFail())
			throw asNodeError(ctx.getNode(), error, ctx.getItemIndex());
		const plan: ImportPlan = {
			kind: 'add',
			numbersPerRequest: 1,
			groups: [],
			skipped: [],
			failure: { error, itemIndexes: orders.itemIndexes },
		};
		return rememberPlan({ ...requestOptions }, plan);
	}
}

/**
 * Leaves out numbers given earlier in the run ("Call Once"), or stops naming both items ("Stop with
 * an Error"). `heldByOthers` holds the numbers other items send (Define Below, JSON Array: see
 * `numbersOfOtherItems`), each with its item.
 */
function dropDuplicates(
	ctx: IExecuteSingleFunctions,
	countryCode: string,
	entries: OrderEntry[],
	heldByOthers: Map<string, number>,
): { kept: OrderEntry[]; skipped: SkippedEntry[] } {
	const { kept, repeats } = keepFirstOfEachNumber(
		entries,
		(entry) => ({ phone: entry.order.userPhone, itemIndex: entry.itemIndex }),
		duplicateNumbersOption(ctx),
		(entry, first) =>
			inputError(
				ctx,
				'Phone',
				`${String(entry.order.userPhone)} is given twice (items ${Math.min(first, entry.itemIndex)} and ${Math.max(first, entry.itemIndex)})`,
				'Remove the repeated number, or set the option Duplicate Numbers to Call Once.',
				Math.max(first, entry.itemIndex),
			),
		countryCode || '84',
		new Map(heldByOthers),
	);
	const skipped = repeats.map(
		({ entry, duplicateOfItem }): SkippedEntry => ({
			itemIndex: entry.itemIndex,
			taskId: entry.taskId,
			phone: String(entry.order.userPhone),
			duplicateOfItem,
		}),
	);
	return { kept, skipped };
}

/** "Numbers per Request" option: a fixed size, or 0 for the automatic mode. */
export function numbersPerRequest(ctx: IExecuteSingleFunctions): number {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const value = Number(options.numbersPerRequest ?? DEFAULT_NUMBERS_PER_REQUEST);
	if (!Number.isInteger(value) || value < 0) {
		inputError(
			ctx,
			'Numbers per Request',
			`"${String(options.numbersPerRequest)}" is not a whole number of at least 0`,
			'Enter how many numbers one request carries, e.g. 500, or 0 to let the node find it out.',
		);
	}
	return value;
}

/** The order and call callback URLs of this item. */
export function orderCallbacks(ctx: IExecuteSingleFunctions): {
	orderCallbackUrl: string;
	callCallbackUrl: string;
} {
	return {
		orderCallbackUrl: callbackUrl(
			ctx,
			ctx.getNodeParameter('orderCallbackUrl', ''),
			'Order Callback URL',
		),
		callCallbackUrl: callbackUrl(
			ctx,
			ctx.getNodeParameter('callCallbackUrl', ''),
			'Call Callback URL',
		),
	};
}

// ------------------------------------------------------------------ sending

export type ImportKind = 'createAndCall' | 'add' | 'replace';

export interface ImportGroup {
	userTaskID: string;
	/** Whether the node derived the task ID (then a retry may resume an earlier attempt's task). */
	derivedTaskId: boolean;
	/** createAndCall: the body without its callList. */
	createBody?: IDataObject;
	orderCallbackUrl: string;
	callCallbackUrl: string;
	entries: OrderEntry[];
}

export interface ImportPlan {
	kind: ImportKind;
	/** Numbers per request: a fixed size, or 0 (automatic: see sendGroup). */
	numbersPerRequest: number;
	groups: ImportGroup[];
	/** Repeats of numbers sent once ("Duplicate Numbers: Call Once"), each with an output item. */
	skipped: SkippedEntry[];
	/** An input error of the whole set (Continue On Fail): nothing is sent, each item gets it. */
	failure?: { error: unknown; itemIndexes: number[] };
}

/** Stores the plan and returns request options whose body is the first request's. */
export function planImport(
	requestOptions: IHttpRequestOptions,
	plan: ImportPlan,
): IHttpRequestOptions {
	const group = plan.groups[0];
	if (!group) return rememberPlan({ ...requestOptions }, plan);
	const callInfoList = {
		orderCallbackUrl: group.orderCallbackUrl,
		callCallbackUrl: group.callCallbackUrl,
		callList: group.entries
			.slice(0, plan.numbersPerRequest || AUTO_NUMBERS_PER_REQUEST)
			.map((entry) => entry.order),
	};
	const body = group.createBody
		? { ...group.createBody, callInfoList }
		: { productID: PRODUCT_ID, userTaskID: group.userTaskID, callInfoList };
	return rememberPlan({ ...requestOptions, body }, plan);
}

/** Groups orders by their task. */
export function groupsByTask(
	entries: OrderEntry[],
	callbacks: { orderCallbackUrl: string; callCallbackUrl: string },
): ImportGroup[] {
	return groupBy(entries, (entry) => entry.taskId).map(({ key, entries: grouped }) => ({
		userTaskID: key,
		derivedTaskId: false,
		...callbacks,
		entries: grouped,
	}));
}

function digitsOf(value: unknown): string {
	return String(value ?? '').replace(/\D/g, '');
}

interface OrderResult {
	entry?: OrderEntry;
	item: INodeExecutionData;
}

/** The output fields of an order (without its script variables). */
function orderFields(entry: OrderEntry): IDataObject {
	const order = { ...entry.order };
	delete order.params;
	return order;
}

/**
 * One output item per order of a request: whether it was imported, and the reason when it was not
 * (errList entries, matched by orderID when given, otherwise by phone). errList entries that match
 * no order are output as they are, so none is lost.
 */
function orderResults(
	entries: OrderEntry[],
	answer: IDataObject,
	userTaskID: string,
	taskID: unknown,
): OrderResult[] {
	const errList = (Array.isArray(answer.errList) ? answer.errList : []) as IDataObject[];
	const rejected = new Map<OrderEntry, IDataObject>();
	const unmatched: IDataObject[] = [];
	for (const error of errList) {
		const open = entries.filter((entry) => !rejected.has(entry));
		const orderID = asText(error.orderID ?? error.orderId);
		const phone = digitsOf(error.phone ?? error.userPhone);
		const target =
			(orderID ? open.find((entry) => entry.order.orderID === orderID) : undefined) ??
			(phone ? open.find((entry) => entry.order.userPhone === phone) : undefined);
		if (target) rejected.set(target, error);
		else unmatched.push(error);
	}
	const base = { userTaskID, taskID: taskID as string | undefined };
	const results: OrderResult[] = entries.map((entry) => {
		const error = rejected.get(entry);
		return {
			entry,
			item: {
				json: compact({
					...base,
					...orderFields(entry),
					imported: !error,
					errMsg: error ? String(error.errMsg ?? error.msg ?? error.message ?? '') : undefined,
					responseID: answer.responseID as string | undefined,
				}),
				pairedItem: { item: entry.itemIndex },
			},
		};
	});
	for (const error of unmatched) {
		results.push({
			item: {
				json: compact({
					...base,
					imported: false,
					...error,
					responseID: answer.responseID as string | undefined,
				}),
				pairedItem: { item: entries[0].itemIndex },
			},
		});
	}
	return results;
}

/**
 * The given order IDs that exist in the task, each with its number (listOrderDetail, 500 IDs per
 * request).
 */
async function existingOrders(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	userTaskID: string,
	orderIDs: string[],
): Promise<Map<string, string>> {
	const found = new Map<string, string>();
	for (const part of chunk(orderIDs, MAX_ORDER_IDS_PER_REQUEST)) {
		const answer = await callEndpoint(ctx, requestData, 'listOrderDetail', {
			productID: PRODUCT_ID,
			userTaskID,
			orderList: part,
		});
		for (const row of findRows(answer, ['orderDetailList'])) {
			const orderID = asText(row.orderID);
			if (part.includes(orderID)) found.set(orderID, digitsOf(row.userPhone ?? row.phone));
		}
	}
	return found;
}

/**
 * Whether an order found in the task is this entry's: the same order ID and the same number. Only
 * then is it proof that the number was imported (by an earlier attempt, Retry On Fail, or an
 * earlier run with the same IDs); an order ID that exists with another number is someone else's,
 * and this number was not imported.
 */
function isSameOrder(found: Map<string, string>, entry: OrderEntry): boolean {
	const phone = found.get(String(entry.order.orderID));
	return phone !== undefined && phone === digitsOf(entry.order.userPhone);
}

/**
 * After a retry (Retry On Fail) of an attempt whose answer was lost, or a re-run with the same IDs
 * (Idempotency Key, or your own Order IDs), NXCLOUD rejects the numbers sent before as duplicates of
 * their order IDs. Every rejected order is looked up (listOrderDetail): one found in the task with
 * the same number was imported before and is reported so; any other stays not imported, with
 * NXCLOUD's reason. If the lookup fails, the error is thrown (the orders' fate is unknown).
 */
async function confirmEarlierImports(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	userTaskID: string,
	doubtful: OrderResult[],
): Promise<void> {
	if (!doubtful.length) return;
	const found = await existingOrders(
		ctx,
		requestData,
		userTaskID,
		doubtful.map((result) => String(result.entry!.order.orderID)),
	);
	for (const result of doubtful) {
		if (!isSameOrder(found, result.entry!)) continue;
		const json = result.item.json;
		json.imported = true;
		json.alreadyImported = true;
		delete json.errMsg;
	}
}

/**
 * Orders NXCLOUD did not reject but did not count as imported either (successCount too low): those
 * not found in the task with their number are reported as not imported.
 */
async function confirmClaimedImports(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	userTaskID: string,
	claimed: OrderResult[],
	successCount: number,
): Promise<void> {
	if (!claimed.length) return;
	const found = await existingOrders(
		ctx,
		requestData,
		userTaskID,
		claimed.map((result) => String(result.entry!.order.orderID)),
	);
	for (const result of claimed) {
		if (isSameOrder(found, result.entry!)) continue;
		const json = result.item.json;
		json.imported = false;
		json.errMsg = `NXCLOUD counted ${successCount} of ${claimed.length} numbers as imported without naming the others, and this order is not in the task`;
	}
}

/** An order found in the task before anything was sent: imported by an earlier attempt or run. */
function alreadyImported(entry: OrderEntry, userTaskID: string): OrderResult {
	return {
		entry,
		item: {
			json: { userTaskID, ...orderFields(entry), imported: true, alreadyImported: true },
			pairedItem: { item: entry.itemIndex },
		},
	};
}

/** Codes a createAndCall for an already existing task may plausibly get (not documented). */
const TASK_EXISTS_CODES = [1, 4];

/** What sending one task's numbers came to: the results, and the error that stopped it. */
interface GroupOutcome {
	group: ImportGroup;
	results: OrderResult[];
	/** The orders not (known to be) imported when an error stopped the group. */
	failed: OrderEntry[];
	error?: unknown;
}

/** The first request of a task's numbers, resuming an earlier attempt's task if it exists. */
async function sendFirst(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	group: ImportGroup,
	endpoint: NxEndpoint,
	callInfoList: IDataObject,
): Promise<IDataObject> {
	const addBody = { productID: PRODUCT_ID, userTaskID: group.userTaskID, callInfoList };
	if (endpoint !== 'createAndCall') return await callEndpoint(ctx, requestData, endpoint, addBody);
	try {
		return await callEndpoint(ctx, requestData, endpoint, { ...group.createBody, callInfoList });
	} catch (error) {
		const code = vendorCodeOf(error);
		if (!group.derivedTaskId || code === undefined || !TASK_EXISTS_CODES.includes(code))
			throw asNodeError(ctx.getNode(), error, ctx.getItemIndex());
		// A retry (Retry On Fail) of an attempt whose answer was lost, or a re-run with the same
		// Idempotency Key: the derived task ID already exists, so the numbers are added to it. If the
		// task does not exist (an input error), the createAndCall error was the real one.
		try {
			return await callEndpoint(ctx, requestData, 'addBatchCall', addBody);
		} catch (resumeError) {
			const resumeCode = vendorCodeOf(resumeError);
			throw asNodeError(
				ctx.getNode(),
				resumeCode !== undefined && TASK_EXISTS_CODES.includes(resumeCode) ? error : resumeError,
				ctx.getItemIndex(),
			);
		}
	}
}

/**
 * Sends one task's numbers in requests of at most "Numbers per Request": the operation's own first
 * (createAndCall, addBatchCall or importBatchCall), then addBatchCall (never importBatchCall again,
 * which would delete the undialed numbers just sent). Before importBatchCall, every order ID is
 * looked up: if an earlier attempt (Retry On Fail) or run (same IDs) already replaced the batch,
 * only the missing numbers are added. An error stops the group; what was imported until
 * then is in the outcome.
 */
async function sendGroup(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	plan: ImportPlan,
	group: ImportGroup,
	size: RequestSize,
): Promise<GroupOutcome> {
	const results: OrderResult[] = [];
	let pending = group.entries;
	let doubtful: OrderResult[] = [];
	/** The results of the current request that needed no confirmation. */
	let settled: OrderResult[] = [];
	let taskID: unknown;
	try {
		let endpoint: NxEndpoint =
			plan.kind === 'createAndCall'
				? 'createAndCall'
				: plan.kind === 'replace'
					? 'importBatchCall'
					: 'addBatchCall';
		if (plan.kind === 'replace') {
			// Every order ID is looked up, derived or your own: one found in the task with the same
			// number means an earlier attempt (Retry On Fail) or run already replaced the batch, so
			// importBatchCall is not sent again (it would delete the numbers that attempt imported);
			// only the missing numbers are added.
			const found = await existingOrders(
				ctx,
				requestData,
				group.userTaskID,
				group.entries.map((entry) => String(entry.order.orderID)),
			);
			const earlier = new Set(pending.filter((entry) => isSameOrder(found, entry)));
			if (earlier.size) {
				results.push(...[...earlier].map((entry) => alreadyImported(entry, group.userTaskID)));
				pending = pending.filter((entry) => !earlier.has(entry));
				endpoint = 'addBatchCall';
			}
		}
		while (pending.length) {
			const entries = pending.slice(0, size.current);
			const callInfoList = {
				orderCallbackUrl: group.orderCallbackUrl,
				callCallbackUrl: group.callCallbackUrl,
				callList: entries.map((entry) => entry.order),
			};
			let answer: IDataObject;
			try {
				answer = await sendFirst(ctx, requestData, group, endpoint, callInfoList);
			} catch (error) {
				// Automatic size: NXCLOUD refused the request as too large (4001); the same numbers go
				// again in two halves, the rest at the new size. Our reading is that a 4001 takes
				// nothing. A repeated addBatchCall or createAndCall would be safe anyway (NXCLOUD rejects
				// order IDs it has, and they are confirmed), but a second importBatchCall would delete
				// what the first one took: so after a 4001 on importBatchCall, the refused orders are
				// looked up; if any was taken, the batch was replaced, the taken ones are reported as
				// imported and the rest is added (addBatchCall).
				if (!size.automatic || entries.length <= 1 || vendorCodeOf(error) !== OVER_CAPACITY_CODE)
					throw asNodeError(ctx.getNode(), error, ctx.getItemIndex());
				size.current = Math.ceil(entries.length / 2);
				if (endpoint === 'importBatchCall') {
					const found = await existingOrders(
						ctx,
						requestData,
						group.userTaskID,
						entries.map((entry) => String(entry.order.orderID)),
					);
					const taken = new Set(entries.filter((entry) => isSameOrder(found, entry)));
					if (taken.size) {
						results.push(...[...taken].map((entry) => alreadyImported(entry, group.userTaskID)));
						pending = pending.filter((entry) => !taken.has(entry));
						endpoint = 'addBatchCall';
					}
				}
				continue;
			}
			endpoint = 'addBatchCall';
			taskID = answer.taskID ?? taskID;
			const chunkResults = orderResults(entries, answer, group.userTaskID, taskID);
			const rejected = chunkResults.filter(
				(result) => result.entry && result.item.json.imported === false,
			);
			const claimed = chunkResults.filter(
				(result) => result.entry && result.item.json.imported === true,
			);
			// successCount lower than the orders not in errList: some orders NXCLOUD neither imported
			// nor reported. Each is looked up rather than reported as imported.
			const successCount = Number(answer.successCount);
			const unconfirmed =
				answer.successCount !== undefined &&
				Number.isInteger(successCount) &&
				successCount < claimed.length
					? claimed
					: [];
			doubtful = [...rejected, ...unconfirmed];
			const doubtfulSet = new Set(doubtful);
			settled = chunkResults.filter((result) => !doubtfulSet.has(result));
			pending = pending.slice(entries.length);
			await confirmEarlierImports(ctx, requestData, group.userTaskID, rejected);
			await confirmClaimedImports(ctx, requestData, group.userTaskID, unconfirmed, successCount);
			// In the order of the request (the confirmed ones in their place).
			results.push(...chunkResults);
			doubtful = [];
			settled = [];
		}
		return { group, results, failed: [] };
	} catch (error) {
		results.push(...settled);
		const failed = [...doubtful.map((result) => result.entry!), ...pending];
		return { group, results, failed, error };
	}
}

/**
 * The request size of a run: fixed, or automatic (starts at AUTO_NUMBERS_PER_REQUEST, halved on
 * every 4001, kept for the following requests and tasks of the run).
 */
interface RequestSize {
	automatic: boolean;
	current: number;
}

/** How many numbers of a group NXCLOUD accepted (imported now or before). */
function acceptedCount(outcome: GroupOutcome): number {
	return outcome.results.filter((result) => result.item.json.imported === true).length;
}

/**
 * The error of a partial import, saying which task, how many numbers were accepted and how to
 * resume without dialing them again.
 */
function partialImportError(
	ctx: IExecutePaginationFunctions,
	outcomes: GroupOutcome[],
	failedOutcome: GroupOutcome,
	size: RequestSize,
): NodeApiError | NodeOperationError {
	const error = asNodeError(ctx.getNode(), failedOutcome.error, ctx.getItemIndex());
	const accepted = outcomes.map(
		(outcome) =>
			`task ${outcome.group.userTaskID}: ${acceptedCount(outcome)} of ${outcome.group.entries.length} numbers accepted`,
	);
	error.description = [
		error.description,
		`Before this error NXCLOUD confirmed: ${accepted.join('; ')}. The accepted numbers will be dialed; the request that failed may have been carried out too.`,
		size.automatic && vendorCodeOf(failedOutcome.error) === OVER_CAPACITY_CODE
			? 'NXCLOUD refused even a request with one number as too large (4001).'
			: undefined,
		'Retry On Fail resends the same task and order IDs, so accepted numbers are not added twice.',
		`Re-running the execution later adds only the missing numbers if this run had the option Idempotency Key set (the same key derives the same IDs); otherwise leave out the accepted numbers (Order → Get Many on task ${failedOutcome.group.userTaskID} lists them) or they are dialed again.`,
	]
		.filter(Boolean)
		.join(' ');
	return error;
}

/** Output items of a group stopped by an error (Continue On Fail): one per order not imported. */
function failedItems(outcome: GroupOutcome): INodeExecutionData[] {
	const error = outcome.error as { message?: string; description?: string | null };
	const message = error?.message ?? String(outcome.error);
	return outcome.failed.map((entry) => ({
		json: compact({
			userTaskID: outcome.group.userTaskID,
			...orderFields(entry),
			imported: false,
			error: message,
			errorDescription: error?.description ?? undefined,
		}),
		pairedItem: { item: entry.itemIndex },
	}));
}

/** Output items of the repeats left out ("Duplicate Numbers: Call Once"). */
function skippedItems(skipped: SkippedEntry[]): INodeExecutionData[] {
	return skipped.map((entry) => ({
		json: compact({
			userTaskID: entry.taskId || undefined,
			phone: entry.phone,
			skipped: true,
			reason: 'duplicate',
			duplicateOfItem: entry.duplicateOfItem,
		}),
		pairedItem: { item: entry.itemIndex },
	}));
}

/**
 * Pagination function of the operations that send numbers: each task's numbers in requests of at
 * most "Numbers per Request" (see sendGroup). When a request fails, with Continue On Fail the
 * numbers accepted until then are output as imported and the others as error items, each paired
 * to its input item; without it, the error says how many numbers each task accepted.
 */
export async function sendOrders(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const plan = recallPlan<ImportPlan>(requestData.options);
	if (!plan) return [];
	if (plan.failure) {
		const error = plan.failure.error as { message?: string; description?: string | null };
		return plan.failure.itemIndexes.map((item) => ({
			json: compact({
				error: error?.message ?? String(plan.failure!.error),
				errorDescription: error?.description ?? undefined,
			}),
			pairedItem: { item },
		}));
	}
	const results: INodeExecutionData[] = skippedItems(plan.skipped);
	const orderItems: INodeExecutionData[] = [];
	const outcomes: GroupOutcome[] = [];
	const continueOnFail = this.continueOnFail();
	const size: RequestSize = {
		automatic: !plan.numbersPerRequest,
		current: plan.numbersPerRequest || AUTO_NUMBERS_PER_REQUEST,
	};
	for (const group of plan.groups) {
		const outcome = await sendGroup(this, requestData, plan, group, size);
		outcomes.push(outcome);
		orderItems.push(...outcome.results.map((result) => result.item));
		if (!outcome.error) continue;
		if (!continueOnFail) throw partialImportError(this, outcomes, outcome, size);
		orderItems.push(...failedItems(outcome));
	}
	// The automatic mode reports the size it settled on with every order.
	if (size.automatic) for (const item of orderItems) item.json.numbersPerRequest = size.current;
	return [...results, ...orderItems];
}

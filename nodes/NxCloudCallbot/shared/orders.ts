import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IDisplayOptions,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { asText, deriveIdempotencyKey, inputError, stripPhoneFormatting } from '../../shared/input';
import { perItemFields, chunk, groupBy, parameterForItem, planForItems } from '../../shared/items';
import {
	callbackUrl,
	DEFAULT_NUMBERS_PER_REQUEST,
	MAX_ORDER_IDS_PER_REQUEST,
	PRODUCT_ID,
} from './descriptions';
import { vendorCodeOf } from './errors';
import { findRows } from './output';
import { callEndpoint, compact, recallPlan, rememberPlan } from './plans';

/**
 * Orders (one phone number each) for createAndCall, addBatchCall and importBatchCall: the contact
 * fields, the three ways to give them (one per input item, listed in the node, a JSON array), the
 * checks, the split into requests and the output (one item per order).
 */

type Show = IDisplayOptions['show'];

// ------------------------------------------------------------------ fields

const variablesField: INodeProperties = {
	displayName: 'Script Variables',
	name: 'variables',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Variable',
	default: {},
	description:
		"Values for the script template's variables (params), e.g. the customer's name. If the template has variables, give all of them.",
	options: [
		{
			displayName: 'Variable',
			name: 'variable',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. name',
					description: 'Variable name as set in NXCLOUD: Script Management → Variable settings',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. Nguyễn Văn An',
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
			'Your ID of this order (orderID), unique across all tasks. Leave empty to derive one from the execution, node and item, so Retry On Fail cannot add the number twice.',
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
	variablesField,
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

/**
 * The contacts source and the contact fields. `manyItemsDescription` says what the
 * "One Number per Input Item" mode does for this operation.
 */
export function contactsFields(
	show: Show,
	manyItemsDescription: string,
	perItemDescription: string,
): INodeProperties[] {
	return [
		{
			displayName: 'Numbers Source',
			name: 'contactsSource',
			type: 'options',
			noDataExpression: true,
			default: 'items',
			displayOptions: { show },
			options: [
				{
					name: 'One Number per Input Item',
					value: 'items',
					description: manyItemsDescription,
				},
				{
					name: 'Define Below',
					value: 'define',
					description: `${perItemDescription}, with the numbers listed below`,
				},
				{
					name: 'JSON Array',
					value: 'json',
					description: `${perItemDescription}, with the numbers in a JSON array (e.g. from a CRM webhook)`,
				},
			],
		},
		...perItemFields(contactFields, ITEM_FIELD_NAMES, { ...show, contactsSource: ['items'] }),
		{
			displayName: 'Numbers',
			name: 'contacts',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Number',
			default: {},
			displayOptions: { show: { ...show, contactsSource: ['define'] } },
			options: [{ displayName: 'Number', name: 'contact', values: contactFields }],
		},
		{
			displayName: 'Numbers (JSON)',
			name: 'contactsJson',
			type: 'json',
			default:
				'[\n  {\n    "userPhone": "84912345678",\n    "other": "CRM-000123",\n    "params": [{ "name": "name", "value": "Nguyễn Văn An" }]\n  }\n]',
			description:
				'Array of numbers: <code>userPhone</code> (or <code>phone</code>, required), <code>orderID</code>, <code>other</code>, <code>userName</code>, <code>customerName</code> and <code>params</code> (array of name/value pairs, or an object of variable → value)',
			displayOptions: { show: { ...show, contactsSource: ['json'] } },
		},
	];
}

/** Options of operations that send numbers. */
export const numbersOptions: INodeProperties[] = [
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
		typeOptions: { minValue: 1 },
		default: DEFAULT_NUMBERS_PER_REQUEST,
		description:
			'How many numbers one request carries (callList). NXCLOUD documents no maximum and answers code 4001 when a request has too many; 500 is the safe default. More numbers are sent to the same task in further requests (addBatchCall).',
	},
];

// ------------------------------------------------------------------ reading and checking

export interface OrderEntry {
	itemIndex: number;
	/** The task of the order (operations on an existing task). */
	taskId: string;
	order: IDataObject;
	/** Whether the node derived the order ID (then only an earlier attempt of this run can have used it). */
	derivedOrderId: boolean;
}

interface ContactInput {
	phone?: unknown;
	orderId?: unknown;
	other?: unknown;
	userName?: unknown;
	customerName?: unknown;
	variables?: unknown;
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
	derivedOrderId: () => string,
): { order: IDataObject; derivedOrderId: boolean } {
	const userPhone = toUserPhone(ctx, input.phone, countryCode, `${label}Phone`, itemIndex);
	const ownId = asText(input.orderId);
	const order = {
		orderID: ownId || derivedOrderId(),
		userPhone,
		other: asText(input.other),
		userName: asText(input.userName),
		customerName: asText(input.customerName),
		params: toParams(ctx, input.variables, `${label}Script Variables`, itemIndex),
	};
	return { order, derivedOrderId: !ownId };
}

/** A derived order ID: 32 characters, the same on every Retry On Fail attempt. */
function deriveOrderId(ctx: IExecuteSingleFunctions, scope: string, itemIndex: number): string {
	return deriveIdempotencyKey(ctx, scope, 29, itemIndex);
}

function contactsFromJson(
	ctx: IExecuteSingleFunctions,
	countryCode: string,
): Array<{ order: IDataObject; derivedOrderId: boolean }> {
	const itemIndex = ctx.getItemIndex();
	let value = ctx.getNodeParameter('contactsJson', []) as unknown;
	const fix = 'Enter a JSON array of numbers, e.g. [{"userPhone": "84912345678"}].';
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			inputError(ctx, 'Numbers (JSON)', 'is not valid JSON', fix);
		}
	}
	if (value && !Array.isArray(value) && typeof value === 'object') value = [value];
	if (!Array.isArray(value)) inputError(ctx, 'Numbers (JSON)', 'is not an array', fix);
	return value.map((entry, index) => {
		const raw = (
			typeof entry === 'object' && entry !== null ? entry : { userPhone: entry }
		) as IDataObject;
		return toOrder(
			ctx,
			{
				phone: raw.userPhone ?? raw.phone,
				orderId: raw.orderID ?? raw.orderId,
				other: raw.other,
				userName: raw.userName,
				customerName: raw.customerName,
				variables: raw.params ?? raw.variables,
			},
			countryCode,
			`Number ${index + 1}: `,
			itemIndex,
			() => deriveOrderId(ctx, `nxcloud.order.${index}`, itemIndex),
		);
	});
}

/**
 * The orders of this item, or undefined when this item sends nothing ("One Number per Input Item"
 * mode, not the leading item). `taskIdFor` reads each item's task (operations on existing tasks).
 */
export function collectOrders(
	ctx: IExecuteSingleFunctions,
	taskIdFor?: (itemIndex: number) => string,
): OrderEntry[] | undefined {
	const source = asText(ctx.getNodeParameter('contactsSource', 'items')) || 'items';
	const countryCode = countryCodeOption(ctx);
	let entries: OrderEntry[];
	if (source === 'items') {
		const plan = planForItems(ctx, (itemIndex) => {
			const taskId = taskIdFor ? taskIdFor(itemIndex) : '';
			const fields: Record<string, unknown> = {};
			for (const [field, name] of Object.entries(ITEM_FIELD_NAMES)) {
				fields[field] = parameterForItem(ctx, name, itemIndex);
			}
			const read = toOrder(ctx, fields as ContactInput, countryCode, '', itemIndex, () =>
				deriveOrderId(ctx, 'nxcloud.order', itemIndex),
			);
			return { itemIndex, taskId, ...read };
		});
		if (!plan.leader) return undefined;
		entries = plan.entries.map((entry) => entry.value);
	} else {
		const itemIndex = ctx.getItemIndex();
		const taskId = taskIdFor ? taskIdFor(itemIndex) : '';
		let orders: Array<{ order: IDataObject; derivedOrderId: boolean }>;
		if (source === 'json') orders = contactsFromJson(ctx, countryCode);
		else {
			const rows =
				(ctx.getNodeParameter('contacts', {}) as { contact?: ContactInput[] }).contact ?? [];
			orders = rows.map((row, index) =>
				toOrder(ctx, row, countryCode, `Number ${index + 1}: `, itemIndex, () =>
					deriveOrderId(ctx, `nxcloud.order.${index}`, itemIndex),
				),
			);
		}
		entries = orders.map((read) => ({ itemIndex, taskId, ...read }));
	}
	if (!entries.length) {
		inputError(ctx, 'Numbers', 'is empty', 'Add at least one phone number.');
	}
	const seen = new Map<string, number>();
	for (const entry of entries) {
		const orderID = String(entry.order.orderID);
		const first = seen.get(orderID);
		if (first !== undefined) {
			inputError(
				ctx,
				'Order ID',
				`"${orderID}" is used twice (also by item ${first})`,
				'Order IDs must be unique: leave the field empty to derive them, or fix the duplicates.',
				entry.itemIndex,
			);
		}
		seen.set(orderID, entry.itemIndex);
	}
	return entries;
}

/** "Numbers per Request" option. */
export function numbersPerRequest(ctx: IExecuteSingleFunctions): number {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const value = Number(options.numbersPerRequest ?? DEFAULT_NUMBERS_PER_REQUEST);
	if (!Number.isInteger(value) || value < 1) {
		inputError(
			ctx,
			'Numbers per Request',
			`"${String(options.numbersPerRequest)}" is not a whole number of at least 1`,
			`Enter how many numbers one request carries, e.g. ${DEFAULT_NUMBERS_PER_REQUEST}.`,
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
	numbersPerRequest: number;
	groups: ImportGroup[];
}

/** Stores the plan and returns request options whose body is the first request's. */
export function planImport(
	requestOptions: IHttpRequestOptions,
	plan: ImportPlan,
): IHttpRequestOptions {
	const group = plan.groups[0];
	const callInfoList = {
		orderCallbackUrl: group.orderCallbackUrl,
		callCallbackUrl: group.callCallbackUrl,
		callList: group.entries.slice(0, plan.numbersPerRequest).map((entry) => entry.order),
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
		const order = { ...entry.order };
		delete order.params;
		return {
			entry,
			item: {
				json: compact({
					...base,
					...order,
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
 * After a retry (Retry On Fail) of an attempt whose answer was lost, NXCLOUD rejects the numbers the
 * lost attempt imported as duplicates of their order IDs. A derived order ID can only exist if an
 * earlier attempt of this same node run sent it, so rejected orders with derived IDs are looked up
 * (listOrderDetail, 500 per request): those found were imported, by the earlier attempt. The
 * lookup is best effort: if it fails, that is logged and the rejections are reported as NXCLOUD
 * gave them.
 */
async function confirmEarlierImports(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	userTaskID: string,
	results: OrderResult[],
): Promise<void> {
	const doubtful = results.filter(
		(result) => result.entry?.derivedOrderId && result.item.json.imported === false,
	);
	for (const part of chunk(doubtful, MAX_ORDER_IDS_PER_REQUEST)) {
		let found: Set<string>;
		try {
			const answer = await callEndpoint(ctx, requestData, 'listOrderDetail', {
				productID: PRODUCT_ID,
				userTaskID,
				orderList: part.map((result) => String(result.entry!.order.orderID)),
			});
			found = new Set(findRows(answer, ['orderDetailList']).map((row) => asText(row.orderID)));
		} catch (error) {
			ctx.logger.warn(
				`NXCLOUD Callbot: could not check whether an earlier attempt imported ${part.length} rejected orders of task ${userTaskID}; they are reported as rejected: ${(error as Error).message}`,
			);
			return;
		}
		for (const result of part) {
			const json = result.item.json;
			if (!found.has(String(json.orderID))) continue;
			json.imported = true;
			json.alreadyImported = true;
			delete json.errMsg;
		}
	}
}

/** Adds to an error what was already sent before it, so a partial import is not a surprise. */
function withProgress(error: unknown, sent: number, total: number, userTaskID: string): Error {
	if (sent > 0 && error && typeof error === 'object') {
		const target = error as { description?: string | null };
		target.description = [
			target.description,
			`${sent} of ${total} numbers had already been sent to task ${userTaskID} in earlier requests. Retry On Fail sends the same task and order IDs again, so they are not added twice.`,
		]
			.filter(Boolean)
			.join(' ');
	}
	return error as Error;
}

/** Codes a createAndCall for an already existing task may plausibly get (not documented). */
const TASK_EXISTS_CODES = [1, 4];

async function sendGroup(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	plan: ImportPlan,
	group: ImportGroup,
): Promise<INodeExecutionData[]> {
	const chunks = chunk(group.entries, plan.numbersPerRequest);
	const results: OrderResult[] = [];
	let taskID: unknown;
	let sent = 0;
	for (const [index, entries] of chunks.entries()) {
		const callInfoList = {
			orderCallbackUrl: group.orderCallbackUrl,
			callCallbackUrl: group.callCallbackUrl,
			callList: entries.map((entry) => entry.order),
		};
		const addBody: IDataObject = {
			productID: PRODUCT_ID,
			userTaskID: group.userTaskID,
			callInfoList,
		};
		let endpoint = 'addBatchCall';
		let body = addBody;
		if (index === 0 && plan.kind === 'createAndCall') {
			endpoint = 'createAndCall';
			body = { ...group.createBody, callInfoList };
		} else if (index === 0 && plan.kind === 'replace') {
			endpoint = 'importBatchCall';
		}
		let answer: IDataObject;
		try {
			answer = await callEndpoint(ctx, requestData, endpoint, body);
		} catch (error) {
			const code = vendorCodeOf(error);
			const mayResume =
				endpoint === 'createAndCall' &&
				group.derivedTaskId &&
				code !== undefined &&
				TASK_EXISTS_CODES.includes(code);
			if (!mayResume) throw withProgress(error, sent, group.entries.length, group.userTaskID);
			// A retry (Retry On Fail) of an attempt whose answer was lost: the derived task ID already
			// exists, so the numbers are added to it instead. If that fails too, the task did not exist.
			let resumed: IDataObject | undefined;
			try {
				resumed = await callEndpoint(ctx, requestData, 'addBatchCall', addBody);
			} catch {
				resumed = undefined;
			}
			if (!resumed) throw withProgress(error, 0, group.entries.length, group.userTaskID);
			answer = resumed;
		}
		taskID = answer.taskID ?? taskID;
		results.push(...orderResults(entries, answer, group.userTaskID, taskID));
		sent += entries.length;
	}
	await confirmEarlierImports(ctx, requestData, group.userTaskID, results);
	return results.map((result) => result.item);
}

/**
 * Pagination function of the operations that send numbers: splits each task's numbers into
 * requests of at most "Numbers per Request". The first request is the operation's own
 * (createAndCall, addBatchCall or importBatchCall); further ones are addBatchCall to the same task
 * (never importBatchCall, which would delete the undialed numbers just sent).
 */
export async function sendOrders(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const plan = recallPlan<ImportPlan>(requestData.options);
	if (!plan) return [];
	const results: INodeExecutionData[] = [];
	for (const group of plan.groups)
		results.push(...(await sendGroup(this, requestData, plan, group)));
	return results;
}

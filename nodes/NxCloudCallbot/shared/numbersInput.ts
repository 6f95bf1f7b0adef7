import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import type { ComplianceSettings } from '../../shared/compliance/guard';
import { asText, inputError } from '../../shared/input';
import { parameterForItem } from '../../shared/items';
import { toolCallKey } from '../../shared/toolMode';
import {
	itemContact,
	listedContacts,
	resolvedParametersOf,
	type JsonContactsSpec,
} from '../../shared/contacts';
import { toOrder, type OrderIdDeriver } from './callListEntry';
import { callbackUrl } from './checks';
import { DEFAULT_NUMBERS_PER_REQUEST } from './constants';
import { ITEM_FIELD_NAMES } from './numbersFields';

/**
 * Reading and checking the numbers of any item of a run (the fields of ./numbersFields.ts): each
 * item's orders (one callList entry each, ./callListEntry.ts) with their task and Idempotency Key,
 * and the Options that shape the whole set (Duplicate Numbers, Country Code, Numbers per Request)
 * and the callback URLs.
 */

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
	/** The item's Decree 91 settings (./advertising.ts). */
	compliance?: ComplianceSettings;
	/** The campaign the 24-hour log keeps an advertising number under (set when it is screened). */
	campaign?: string;
}

/** A number left out because the same number came earlier in this run ("Call Once"). */
export interface SkippedEntry {
	itemIndex: number;
	taskId: string;
	phone: string;
	duplicateOfItem: number;
}

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

/**
 * The Idempotency Key option of an item, as text; when it is not set and the node is an AI Agent
 * tool, the tool call's key (`toolCallKey`), else ''.
 */
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
	return asText(value) || toolCallKey(ctx, itemIndex);
}

/** The "Duplicate Numbers" option. */
export function duplicateNumbersOption(ctx: IExecuteSingleFunctions): 'callOnce' | 'error' {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return options.duplicateNumbers === 'error' ? 'error' : 'callOnce';
}

/** The country code option as digits ('' when not set). */
export function countryCodeOption(ctx: IExecuteSingleFunctions): string {
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
 * The order of one item in the "One Number per Input Item" mode, read for any item of the run and
 * checked (an input error naming the item when it is not valid).
 */
export function itemOrder(
	ctx: IExecuteSingleFunctions,
	countryCode: string,
	itemIndex: number,
	deriveOrderId: OrderIdDeriver,
	taskIdFor?: (itemIndex: number) => string,
): OrderEntry {
	const taskId = taskIdFor ? taskIdFor(itemIndex) : '';
	const idempotencyKey = idempotencyKeyFor(ctx, itemIndex);
	const fields = itemContact(resolvedParametersOf(ctx, itemIndex), ITEM_FIELD_NAMES);
	const read = toOrder(ctx, fields, countryCode, '', itemIndex, (userPhone) =>
		deriveOrderId(userPhone, itemIndex, idempotencyKey, countryCode),
	);
	return { itemIndex, taskId, idempotencyKey, ...read };
}

/**
 * The orders of one item in the "Define Below" and "JSON Array" modes, read for any item of the run
 * and checked (an input error naming the item and the number when one is not valid: then the item
 * sends nothing).
 */
export function itemOrders(
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

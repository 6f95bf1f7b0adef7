import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { idempotencyKeyOption } from '../../shared/idempotency';
import {
	contactsFields,
	contactsSourceField as sharedContactsSourceField,
	duplicateNumbersField,
	variablesField,
	type ContactsEditor,
} from '../../shared/contacts';
import { DEFAULT_NUMBERS_PER_REQUEST } from './constants';

/**
 * The editor fields of the operations that send numbers (orders, one phone number each): Task →
 * Create and Call, Order → Add and Replace Latest Batch. The contact fields, the three ways to give
 * them (one per input item, listed in the node, a JSON array), the callback URLs and the Options.
 * Reading them: ./numbersInput.ts.
 */

type Show = IDisplayOptions['show'];

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
		placeholder: 'e.g. Nguyen Van An',
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
		valuePlaceholder: 'e.g. Nguyen Van An',
	}),
];

/** Names of the contact fields in "One Number per Input Item" mode. */
export const ITEM_FIELD_NAMES: Record<string, string> = {
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
			'[\n  {\n    "userPhone": "84912345678",\n    "other": "CRM-000123",\n    "params": [{ "name": "name", "value": "Nguyen Van An" }]\n  }\n]',
		description:
			'Array of numbers: <code>userPhone</code> (or <code>phone</code>, required), <code>orderID</code>, <code>other</code>, <code>userName</code>, <code>customerName</code> and <code>params</code> (array of name/value pairs, or an object of variable → value)',
	},
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

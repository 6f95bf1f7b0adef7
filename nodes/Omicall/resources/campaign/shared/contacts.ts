import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { inputError, normalizePhone } from '../../../../shared/input';
import {
	collectionRows,
	itemContact,
	listedContacts,
	variablesField,
	type ContactInput,
	type ContactsEditor,
	type Get,
	type JsonContactsSpec,
} from '../../../../shared/contacts';
import { textField } from './checks';

/**
 * The contacts of Campaign → Start: OMICall's contact fields and JSON keys for the shared contacts
 * module (nodes/shared/contacts.ts), and how each contact becomes a checked contact_info entry.
 */

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
		valuePlaceholder: 'e.g. Tran Van Tien',
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

export const CONTACTS: ContactsEditor = {
	fields: contactFields,
	itemFieldNames: ITEM_FIELD_NAMES,
	list: { displayName: 'Contacts', placeholder: 'Add Contact', entryName: 'Contact' },
	json: {
		displayName: 'Contacts (JSON)',
		default:
			'[\n  {\n    "phone": "0395187319",\n    "mapping_variables": { "full_name": "Tran Van Tien" }\n  }\n]',
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
				'Give them as an object of variable code → value, e.g. {"full_name": "Tran Van Tien"}.',
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

export function contactFromFields(
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
export interface Row {
	position: number;
	label: string;
	read: () => IDataObject;
}

export function rowsOf(
	ctx: IExecuteSingleFunctions,
	get: Get,
	itemIndex: number,
	source: string,
): Row[] {
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

/** The contact of an item in "One Contact per Input Item" mode, checked. */
export function itemContactOf(
	ctx: IExecuteSingleFunctions,
	get: Get,
	itemIndex: number,
): IDataObject {
	return contactFromFields(
		ctx,
		itemContact(get, ITEM_FIELD_NAMES, ITEM_FIELD_FALLBACKS),
		itemIndex,
		'Contact',
	);
}

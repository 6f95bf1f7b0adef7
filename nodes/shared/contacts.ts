import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { asText, inputError } from './input';
import { parameterForItem, perItemFields } from './items';

/**
 * The contacts of the operations that call many numbers (OMICall Campaign → Start; NXCLOUD Task →
 * Create and Call, Order → Add and Replace Latest Batch), for both vendors: the three ways to give
 * them ("Contacts Source" / "Numbers Source"), their fields in the editor, and reading them for any
 * item of a run. What each vendor makes of a contact (OMICall's contact_info entry, NXCLOUD's
 * callList order with its userPhone) and how it checks it stays with the vendor; this module hands
 * it the contact as given, with the vendor's own field names.
 *
 * The three sources:
 * - `items` (One Contact / Number per Input Item): every input item is one contact, its fields are
 *   top-level parameters renamed with the vendor's item field names (`perItemFields`).
 * - `define` (Define Below): every input item lists its contacts in the `contacts` fixedCollection.
 * - `json` (JSON Array): every input item gives its contacts in the `contactsJson` field.
 */

export type ContactsSource = 'items' | 'define' | 'json';

type Show = IDisplayOptions['show'];

// ------------------------------------------------------------------ fields

/** The texts of a vendor's Script Variables field. */
export interface VariablesTexts {
	description: string;
	/** The field that names a variable (a dropdown for OMICall, a text for NXCLOUD). */
	nameField: INodeProperties;
	valuePlaceholder: string;
}

/** The Script Variables of one contact: rows of variable name and value. */
export function variablesField(texts: VariablesTexts): INodeProperties {
	return {
		displayName: 'Script Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		description: texts.description,
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					texts.nameField,
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: texts.valuePlaceholder,
					},
				],
			},
		],
	};
}

/** The texts of a vendor's source field: its name, the first option's name, each option's description. */
export interface SourceTexts {
	displayName: string;
	itemsName: string;
	itemsDescription: string;
	defineDescription: string;
	jsonDescription: string;
}

/** The source of the contacts of one operation (parameter `contactsSource`). */
export function contactsSourceField(show: Show, texts: SourceTexts): INodeProperties {
	return {
		displayName: texts.displayName,
		name: 'contactsSource',
		type: 'options',
		noDataExpression: true,
		default: 'items',
		displayOptions: { show },
		options: [
			{ name: texts.itemsName, value: 'items', description: texts.itemsDescription },
			{ name: 'Define Below', value: 'define', description: texts.defineDescription },
			{ name: 'JSON Array', value: 'json', description: texts.jsonDescription },
		],
	};
}

/** A vendor's contact fields and the texts of the lists that hold them. */
export interface ContactsEditor {
	/** The fields of one contact (a Define Below row; renamed per item for One per Input Item). */
	fields: INodeProperties[];
	/** Contact field name → its parameter name in the One per Input Item mode. */
	itemFieldNames: Record<string, string>;
	/** The Define Below list (`contacts`): its name, its Add button, the name of one entry. */
	list: { displayName: string; placeholder: string; entryName: string };
	/** The JSON Array field (`contactsJson`). */
	json: { displayName: string; default: string; description: string };
}

/**
 * The contact fields of the three sources, in editor order: the per-item fields (source `items`),
 * the Define Below list (`define`), the JSON Array field (`json`). Place after the source field.
 */
export function contactsFields(editor: ContactsEditor, show: Show): INodeProperties[] {
	const jsonDefault = editor.json.default;
	return [
		...perItemFields(editor.fields, editor.itemFieldNames, { ...show, contactsSource: ['items'] }),
		{
			displayName: editor.list.displayName,
			name: 'contacts',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: editor.list.placeholder,
			default: {},
			displayOptions: { show: { ...show, contactsSource: ['define'] } },
			options: [{ displayName: editor.list.entryName, name: 'contact', values: editor.fields }],
		},
		{
			displayName: editor.json.displayName,
			name: 'contactsJson',
			type: 'json',
			default: jsonDefault,
			description: editor.json.description,
			displayOptions: { show: { ...show, contactsSource: ['json'] } },
		},
	];
}

/** The texts of a vendor's "Duplicate Numbers" option. */
export interface DuplicateNumbersTexts {
	description: string;
	callOnceDescription: string;
	errorDescription: string;
}

/**
 * The "Duplicate Numbers" option: what a run does with a number given twice (values as
 * `DuplicateNumbers` in ./plan.ts; the vendor reads and applies it).
 */
export function duplicateNumbersField(texts: DuplicateNumbersTexts): INodeProperties {
	return {
		displayName: 'Duplicate Numbers',
		name: 'duplicateNumbers',
		type: 'options',
		default: 'callOnce',
		description: texts.description,
		options: [
			{ name: 'Call Once', value: 'callOnce', description: texts.callOnceDescription },
			{ name: 'Stop with an Error', value: 'error', description: texts.errorDescription },
		],
	};
}

// ------------------------------------------------------------------ reading

/** One contact as given, by the vendor's contact field names (e.g. phone, email, variables). */
export type ContactInput = Record<string, unknown>;

/** Reads a parameter of one item (`fallback` when the node does not have it). */
export type Get = (name: string, fallback?: unknown) => unknown;

/** The parameters of an item: the current item's through n8n, another item's resolved for it. */
export function parametersOf(ctx: IExecuteSingleFunctions, itemIndex: number): Get {
	if (itemIndex === ctx.getItemIndex()) {
		return (name, fallback) => ctx.getNodeParameter(name, fallback);
	}
	return (name, fallback) => parameterForItem(ctx, name, itemIndex, fallback);
}

/** The parameters of an item, every item's (the current one's too) resolved by the node. */
export function resolvedParametersOf(ctx: IExecuteSingleFunctions, itemIndex: number): Get {
	return (name, fallback) => parameterForItem(ctx, name, itemIndex, fallback);
}

/** The source of the contacts of this node run ('items' when not set). */
export function contactsSourceOf(ctx: IExecuteSingleFunctions): ContactsSource {
	return (asText(ctx.getNodeParameter('contactsSource', 'items')) || 'items') as ContactsSource;
}

/** The rows of a fixedCollection value (`{ [name]: [...] }`), [] when it has none. */
export function collectionRows<T = IDataObject>(value: unknown, name: string): T[] {
	const rows = (value as IDataObject | null | undefined)?.[name];
	return Array.isArray(rows) ? (rows as T[]) : [];
}

/**
 * The contact of an item in the One per Input Item mode: each contact field read from its
 * per-item parameter (`itemFieldNames`), with the vendor's `fallbacks` for parameters not set.
 */
export function itemContact(
	get: Get,
	itemFieldNames: Record<string, string>,
	fallbacks: ContactInput = {},
): ContactInput {
	const contact: ContactInput = {};
	for (const [field, name] of Object.entries(itemFieldNames)) {
		contact[field] = get(name, fallbacks[field]);
	}
	return contact;
}

/** How a vendor reads its JSON Array field. */
export interface JsonContactsSpec {
	/** The field's name in errors, e.g. 'Contacts (JSON)'. */
	label: string;
	/** How to fix a value that is not a JSON array. */
	fix: string;
	/** Contact field name → the JSON keys that give it, the first set one wins. */
	aliases: Record<string, string[]>;
	/** The contact field that an entry which is not an object gives (e.g. a bare phone number). */
	bareField: string;
	/**
	 * Whether an entry that is a list counts as a bare value (OMICall: then its check says it is not
	 * a phone number) rather than as an object without known keys (NXCLOUD: no phone given).
	 */
	listIsBare: boolean;
}

/** The entries of a JSON Array field (a JSON text or a value) as contacts, by the vendor's names. */
export function jsonContacts(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	itemIndex: number,
	spec: JsonContactsSpec,
): ContactInput[] {
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			inputError(ctx, spec.label, 'is not valid JSON', spec.fix, itemIndex);
		}
	}
	if (value && !Array.isArray(value) && typeof value === 'object') value = [value];
	if (!Array.isArray(value)) inputError(ctx, spec.label, 'is not an array', spec.fix, itemIndex);
	return (value as unknown[]).map((entry) => {
		if (typeof entry !== 'object' || entry === null || (spec.listIsBare && Array.isArray(entry))) {
			return { [spec.bareField]: entry };
		}
		const raw = entry as IDataObject;
		const contact: ContactInput = {};
		for (const [field, keys] of Object.entries(spec.aliases)) {
			contact[field] = keys.reduce<unknown>((found, key) => found ?? raw[key], undefined);
		}
		return contact;
	});
}

/**
 * The contacts one item lists (Define Below, JSON Array), as given: not checked, in their order.
 * `define` reads the `contacts` list, `json` the `contactsJson` field.
 */
export function listedContacts(
	ctx: IExecuteSingleFunctions,
	get: Get,
	itemIndex: number,
	source: string,
	json: JsonContactsSpec,
): ContactInput[] {
	if (source === 'json') return jsonContacts(ctx, get('contactsJson', []), itemIndex, json);
	return collectionRows<ContactInput | null>(get('contacts', {}), 'contact').map(
		(row) => row ?? {},
	);
}

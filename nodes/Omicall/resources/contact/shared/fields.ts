import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { asText, inputError } from '../../../../shared/input';
import { splitList } from '../../../../shared/lists';
import { birthdayText, checkedPhone } from './values';
import { checkedEmail } from '../../../shared/checks';

/**
 * The fields of one OMICall contact (Create, Create Many, Update) and the vendor body made of
 * them. OMICall's spellings (reference §4.8 "Contacts"): `fullName` in camelCase in a snake_case
 * API, `more_infomation` (sic), `refId`/`refCode`, `user_owner_email`, `birthday` as dd/MM/yyyy,
 * `phones`/`emails` as `{data, value|type, valueType}`. The editor shows n8n-style names; this
 * module maps them.
 */

const KINDS = [
	{ name: 'Personal', value: 'personal', label: 'Cá nhân' },
	{ name: 'Home', value: 'home', label: 'Nhà' },
	{ name: 'Office', value: 'office', label: 'Công ty' },
];

function entriesField(
	name: 'phones' | 'emails',
	displayName: string,
	valueName: string,
	placeholder: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${valueName}`,
		default: {},
		options: [
			{
				displayName: valueName,
				name: 'entry',
				values: [
					{
						displayName: valueName,
						name: 'value',
						type: 'string',
						default: '',
						placeholder,
					},
					{
						displayName: 'Kind',
						name: 'kind',
						type: 'options',
						default: 'personal',
						options: KINDS.map(({ name: kindName, value }) => ({ name: kindName, value })),
						description:
							'Sent as both value and type (OMICall documents both spellings), with its Vietnamese label as valueType',
					},
				],
			},
		],
	};
}

export const phonesField = entriesField('phones', 'Phones', 'Phone', 'e.g. 0912345678');
export const emailsField = entriesField('emails', 'Emails', 'Email', 'e.g. name@example.com');

/** The optional contact fields, as options of a collection (Additional Fields, Update Fields). */
export const contactOptionalFields: INodeProperties[] = [
	{
		displayName: 'Address',
		name: 'address',
		type: 'string',
		default: '',
		placeholder: 'e.g. 12 Nguyen Hue, District 1, Ho Chi Minh City',
	},
	{
		displayName: 'Birthday',
		name: 'birthday',
		type: 'dateTime',
		default: '',
		description: 'Sent as dd/MM/yyyy in the workflow time zone; text already in dd/MM/yyyy is kept',
	},
	{
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Custom Field',
		default: {},
		description: 'Custom fields of the contact (more_infomation, sic)',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Label',
						name: 'label',
						type: 'string',
						default: '',
						placeholder: 'e.g. Membership tier',
						description: 'The name of the field (value_type)',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. Gold',
						description: 'The value (display_value)',
					},
				],
			},
		],
	},
	emailsField,
	{
		displayName: 'Gender',
		name: 'gender',
		type: 'options',
		default: 'other',
		options: [
			{ name: 'Female', value: 'female' },
			{ name: 'Male', value: 'male' },
			{ name: 'Other', value: 'other' },
		],
	},
	{
		displayName: 'Job Title',
		name: 'jobTitle',
		type: 'string',
		default: '',
		placeholder: 'e.g. Director',
	},
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. VIP customer',
	},
	{
		displayName: 'Owner Email',
		name: 'ownerEmail',
		type: 'string',
		default: '',
		placeholder: 'e.g. agent@example.com',
		description: 'Email of the agent in charge of the contact (user_owner_email)',
	},
	{
		displayName: 'Passport or ID Card',
		name: 'passport',
		type: 'string',
		default: '',
		placeholder: 'e.g. 079123456789',
	},
	{
		displayName: 'Partner Code',
		name: 'refCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. KH-0001',
		description: "The contact's code in your system (refCode); Contact → Get can find it by this",
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. Retail, Interested',
		description: 'Tag names (comma-separated)',
	},
];

/** The Partner ID field (refId): optional for Create, the key of Update. */
export const partnerIdOption: INodeProperties = {
	displayName: 'Partner ID',
	name: 'refId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 10025',
	description:
		"The contact's ID in your system (refId). Contact → Get can find it by this, which also shows whether an earlier attempt created it.",
};

/** Full Name, Phones and Additional Fields of Create (Create Many uses the same names per item). */
export function contactCreateFields(shown: IDisplayOptions['show']): INodeProperties[] {
	return [
		{
			displayName: 'Full Name',
			name: 'fullName',
			type: 'string',
			default: '',
			placeholder: 'e.g. Tran Van Tien',
			displayOptions: { show: shown },
		},
		{ ...phonesField, displayOptions: { show: shown } },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: shown },
			options: [...contactOptionalFields, partnerIdOption].sort((a, b) =>
				a.displayName.localeCompare(b.displayName),
			),
		},
	];
}

function entries(value: unknown): IDataObject[] {
	const list = (value as IDataObject | undefined)?.entry;
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

const kindOf = (ctx: IExecuteSingleFunctions, value: unknown, label: string, itemIndex: number) => {
	const kind = KINDS.find((k) => k.value === (asText(value) || 'personal'));
	if (!kind)
		inputError(
			ctx,
			label,
			`"${asText(value)}" is not a kind`,
			'Choose Personal, Home or Office.',
			itemIndex,
		);
	return kind;
};

/** `phones` / `emails` of the body: `{data, value, type, valueType}` per entry, empty entries left out. */
function channelEntries(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: 'Phone' | 'Email',
	itemIndex: number,
): IDataObject[] {
	const result: IDataObject[] = [];
	for (const entry of entries(value)) {
		const text = asText(entry.value);
		if (!text) continue;
		const data =
			label === 'Phone'
				? checkedPhone(ctx, text, label, itemIndex)
				: checkedEmail(ctx, text, label, { itemIndex });
		const kind = kindOf(ctx, entry.kind, `${label} kind`, itemIndex);
		result.push({ data, value: kind.value, type: kind.value, valueType: kind.label });
	}
	return result;
}

/** Plain text fields: n8n name → OMICall name. */
const TEXT_FIELDS: Record<string, string> = {
	fullName: 'fullName',
	refId: 'refId',
	refCode: 'refCode',
	jobTitle: 'job_title',
	note: 'note',
	passport: 'passport',
	address: 'address',
};

/**
 * The OMICall body of one contact from its fields: `top` holds Full Name and Phones (top-level
 * parameters), `more` the collection (Additional Fields / Update Fields). Only fields that are set
 * are sent. Every value is checked, naming the field and the item.
 */
export function contactBody(
	ctx: IExecuteSingleFunctions,
	top: IDataObject,
	more: IDataObject,
	itemIndex: number,
): IDataObject {
	const fields = { ...more, ...top };
	const body: IDataObject = {};
	for (const [name, vendor] of Object.entries(TEXT_FIELDS)) {
		if (typeof fields[name] === 'object' && fields[name] !== null) {
			inputError(ctx, name, 'is an object, not text', 'Map a text value.', itemIndex);
		}
		const text = asText(fields[name]);
		if (text) body[vendor] = text;
	}
	const phones = channelEntries(ctx, fields.phones, 'Phone', itemIndex);
	if (phones.length) body.phones = phones;
	const emails = channelEntries(ctx, fields.emails, 'Email', itemIndex);
	if (emails.length) body.emails = emails;
	if (fields.tags !== undefined && asText(fields.tags) !== '') body.tags = splitList(fields.tags);
	const custom = ((fields.customFields as IDataObject | undefined)?.field ?? []) as IDataObject[];
	const info = (Array.isArray(custom) ? custom : [])
		.filter((entry) => asText(entry.label))
		.map((entry) => ({ value_type: asText(entry.label), display_value: asText(entry.value) }));
	if (info.length) body.more_infomation = info;
	if (asText(fields.ownerEmail)) {
		body.user_owner_email = checkedEmail(ctx, fields.ownerEmail, 'Owner Email', { itemIndex });
	}
	if (asText(fields.birthday)) body.birthday = birthdayText(ctx, fields.birthday, itemIndex);
	if (asText(fields.gender)) {
		const gender = asText(fields.gender);
		if (!['male', 'female', 'other'].includes(gender)) {
			inputError(
				ctx,
				'Gender',
				`"${gender.slice(0, 20)}" is not male, female or other`,
				'Choose Female, Male or Other.',
				itemIndex,
			);
		}
		body.gender = gender;
	}
	return body;
}

/** Create's check: a contact needs a name, a phone or an email. */
export function requireIdentity(
	ctx: IExecuteSingleFunctions,
	body: IDataObject,
	itemIndex: number,
): void {
	if (!body.fullName && !body.phones && !body.emails) {
		inputError(
			ctx,
			'Contact',
			'has no Full Name, Phone or Email',
			'Set at least a Full Name or a Phone.',
			itemIndex,
		);
	}
}

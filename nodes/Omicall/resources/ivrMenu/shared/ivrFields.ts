import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { asText, inputError } from '../../../../shared/input';
import { fillPath } from '../../../transport/request';
import { checkedId } from '../../../shared/checks';
import { GREETING_FIX, greetingLocator, listLocator } from '../../../shared/locators';

/** An IVR menu (key interaction) by ID: From List (searchIvrMenus) or typed. */
export function ivrMenuLocator(show: IDisplayOptions['show']): INodeProperties {
	return listLocator({
		name: 'ivrMenu',
		displayName: 'IVR Menu',
		description: 'The IVR (key-press) menu',
		searchListMethod: 'searchIvrMenus',
		listPlaceholder: 'Select an IVR menu...',
		typed: 'id',
		show,
	});
}

/** Puts the checked IVR menu ID into the URL path (`:id`). */
export const fillIvrMenuId = fillPath({
	token: 'id',
	parameter: 'ivrMenu',
	label: 'IVR Menu',
	fix: 'Choose an IVR menu from the list or enter its ID.',
});

/** A greeting locator for use inside a collection (no display options of its own). */
function greetingOption(name: string, displayName: string, description: string): INodeProperties {
	const option = { ...greetingLocator(name, displayName, {}, description, false) };
	delete option.displayOptions;
	return option;
}

/** The menu's keys: key pressed (ivr), action type and action. */
export const keysField: INodeProperties = {
	displayName: 'Keys',
	name: 'keys',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Key',
	default: {},
	description:
		"What each key does (OMICall's scripts[]). The action types and actions are not documented: use the values OMICall's web app shows, e.g. Ring_group with a group number.",
	options: [
		{
			displayName: 'Key',
			name: 'key',
			values: [
				{
					displayName: 'Key',
					name: 'ivr',
					type: 'string',
					default: '',
					placeholder: 'e.g. 1',
					description: 'The key the caller presses',
				},
				{
					displayName: 'Action Type',
					name: 'actionType',
					type: 'string',
					default: '',
					placeholder: 'e.g. Ring_group',
				},
				{
					displayName: 'Action',
					name: 'action',
					type: 'string',
					default: '',
					placeholder: 'e.g. 8001',
					description: 'The target of the action, e.g. a group number, an extension or an ID',
				},
			],
		},
	],
};

/** The optional menu fields (Additional Fields of Create, and with the others in Update Fields). */
export const optionalIvrFields: INodeProperties[] = [
	{
		displayName: 'Failure Action',
		name: 'action',
		type: 'string',
		default: '',
		placeholder: 'e.g. 8001',
		description: 'Target of the Failure Action Type (meaning inferred from the field names)',
	},
	{
		displayName: 'Failure Action Type',
		name: 'actionType',
		type: 'string',
		default: '',
		placeholder: 'e.g. Ring_group',
		description:
			'What happens when the caller presses no valid key (action_type; meaning inferred from the field names)',
	},
	{
		displayName: 'Greeting Short ID',
		name: 'greetingShortId',
		type: 'string',
		default: '',
		description:
			"The greeting's short ID, where OMICall asks for it (greeting_short_id; not documented)",
	},
	greetingOption(
		'invalidSound',
		'Invalid Key Sound',
		'The greeting played when a key is not in the menu',
	),
	{
		displayName: 'Max Failures',
		name: 'maxFailure',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 3,
		description: 'How many wrong or missing key presses before the failure action',
	},
	{
		displayName: 'Timeout',
		name: 'timeOut',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
		description: 'How long to wait for a key press, in seconds (the unit is inferred)',
	},
];

/** The Update Fields: name, greeting, keys and the optional fields. */
export const ivrUpdateOptions: INodeProperties[] = [
	{
		...keysField,
		description: `${String(keysField.description)} The keys replace the current ones.`,
	},
	greetingOption('greeting', 'Greeting', 'The greeting played when the menu starts'),
	{
		displayName: 'Name',
		name: 'scriptName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Main menu',
	},
	...optionalIvrFields,
];

function whole(ctx: IExecuteSingleFunctions, value: unknown, label: string): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number < 1) {
		inputError(
			ctx,
			label,
			`"${String(value).slice(0, 20)}" is not a whole number above 0`,
			`Enter a whole number for ${label}, e.g. 3.`,
		);
	}
	return number;
}

/** The OMICall body of the menu fields that are set (the node's names), checked. */
export function ivrBody(ctx: IExecuteSingleFunctions, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (fields.scriptName !== undefined) {
		const name = asText(fields.scriptName);
		if (!name) inputError(ctx, 'Name', 'is empty', 'Enter a name for the menu, e.g. Main menu.');
		body.script_name = name;
	}
	if (fields.greeting !== undefined) {
		body.greeting_id = checkedId(ctx, fields.greeting, 'Greeting', GREETING_FIX);
	}
	if (fields.keys !== undefined) {
		const keys = ((fields.keys as IDataObject)?.key ?? []) as IDataObject[];
		body.scripts = keys.map((key, index) => {
			const ivr = asText(key.ivr);
			const actionType = asText(key.actionType);
			if (!ivr || !actionType) {
				inputError(
					ctx,
					`Key ${index + 1}`,
					`has no ${ivr ? 'action type' : 'key'}`,
					'Enter the key and its action type, or remove the key.',
				);
			}
			return { ivr, action: asText(key.action), action_type: actionType };
		});
	}
	if (fields.maxFailure !== undefined)
		body.max_failure = whole(ctx, fields.maxFailure, 'Max Failures');
	if (fields.timeOut !== undefined) body.time_out = whole(ctx, fields.timeOut, 'Timeout');
	if (asText(fields.actionType)) body.action_type = asText(fields.actionType);
	if (asText(fields.action)) body.action = asText(fields.action);
	if (fields.invalidSound !== undefined && asText(fields.invalidSound)) {
		body.invalid_sound_id = checkedId(ctx, fields.invalidSound, 'Invalid Key Sound', GREETING_FIX);
	}
	if (asText(fields.greetingShortId)) body.greeting_short_id = asText(fields.greetingShortId);
	return body;
}

/** A collection of menu fields, with the values of its greeting locators extracted. */
export function ivrCollection(ctx: IExecuteSingleFunctions, collection: string): IDataObject {
	const fields = { ...(ctx.getNodeParameter(collection, {}) as IDataObject) };
	for (const locator of ['greeting', 'invalidSound']) {
		if (fields[locator] !== undefined) {
			fields[locator] = ctx.getNodeParameter(`${collection}.${locator}`, '', {
				extractValue: true,
			}) as IDataObject[string];
		}
	}
	return fields;
}

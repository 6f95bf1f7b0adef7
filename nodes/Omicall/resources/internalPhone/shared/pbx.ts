import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	IDisplayOptions,
	PostReceiveAction,
} from 'n8n-workflow';
import { asText, inputError } from '../../../../shared/input';
import { splitList } from '../../../../shared/lists';
import { payloadToItems } from '../../../../shared/response';
import { checkOmicallResponse } from '../../../transport/errors';
import { pathSegment } from '../../../transport/request';

/**
 * Pieces the agent and PBX resources (agent, internalPhone, hotline, extension, internalGroup,
 * ivrMenu, greeting) share: input checks, the Delete and "done" outputs, and the SIP-password
 * guard. (They live here because the PBX resources' folders are where issue 13 put this work; the
 * lead may move them to nodes/Omicall/shared/.)
 */

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A required ID parameter (locators give their value; SIP users, hotlines, record IDs): trimmed,
 * not empty, not an object, only letters, digits and - _ . : ~ (the checks of a URL path segment).
 */
export function requiredId(
	ctx: IExecuteSingleFunctions,
	parameter: string,
	label: string,
	fix: string,
): string {
	return checkedId(ctx, ctx.getNodeParameter(parameter, '', { extractValue: true }), label, fix);
}

/** A value checked as `requiredId` checks a parameter. */
export function checkedId(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	fix: string,
): string {
	return decodeURIComponent(pathSegment(ctx, value, label, fix));
}

/** An email parameter (locators give their value), checked. */
export function requiredEmail(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	fix: string,
): string {
	if (value !== null && typeof value === 'object') {
		inputError(ctx, label, 'is an object, not an email address', fix);
	}
	const email = asText(value);
	if (!EMAIL.test(email)) {
		inputError(
			ctx,
			label,
			email ? `"${email.slice(0, 80)}" is not a valid email address` : 'is empty',
			fix,
		);
	}
	return email;
}

/**
 * A list of SIP users (extensions) from a multi-value field, a list mapped by an expression or
 * comma-separated text: each checked like an ID; refused when empty.
 */
export function sipUserList(ctx: IExecuteSingleFunctions, value: unknown, label: string): string[] {
	const fix = 'Choose internal phones from the list, or map SIP users (e.g. 100, 101).';
	const users = splitList(value).map((user) => checkedId(ctx, user, label, fix));
	if (!users.length) inputError(ctx, label, 'is empty', fix);
	return [...new Set(users)];
}

/** The ID of a PBX record: `_id`, `id` or `uuid` (the records' ID field is not documented). */
export function recordId(record: IDataObject): string {
	const id = record._id ?? record.id ?? record.uuid;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
}

/**
 * The postReceive of a Delete: checks the OMICall envelope (a failure throws with the vendor code)
 * and outputs `{ deleted: true, id }`, the ID being the checked value of `parameter`.
 */
export function deletedOutput(parameter: string): PostReceiveAction {
	return async function (
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		checkOmicallResponse(this, response);
		const id = asText(this.getNodeParameter(parameter, '', { extractValue: true }));
		return [{ json: { deleted: true, id } }];
	};
}

/**
 * The postReceive of a change whose answer is not documented: checks the envelope; an object
 * payload is the output, anything else (true, a number, nothing) becomes one item with what was
 * changed (`echo`) and the payload as `result`, so no input item goes without an output item.
 */
export function changeOutput(
	echo: (ctx: IExecuteSingleFunctions) => IDataObject,
): PostReceiveAction {
	return async function (
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const payload = checkOmicallResponse(this, response)?.payload;
		if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
			return payloadToItems(payload);
		}
		return [{ json: { ...echo(this), result: (payload ?? null) as unknown as IDataObject } }];
	};
}

/** The SIP-password fields OMICall returns (internal phones, extension detail, agent invite). */
const SECRET_KEYS = ['password', 'sip_password'];

/**
 * The Include SIP Passwords toggle: off by default, and not there at all when an AI agent uses
 * the node as a tool (so an agent never receives a SIP password).
 */
export function sipPasswordProperties(show: IDisplayOptions['show']): INodeProperties[] {
	return [
		{
			displayName: 'Include SIP Passwords',
			name: 'includeSipPasswords',
			type: 'boolean',
			default: false,
			displayOptions: { show, hide: { '@tool': [true] } },
			description:
				'Whether to output the SIP passwords OMICall returns (password, sip_password). Off: they are removed, so they never reach the execution data; turn on only to provision a phone.',
		},
	];
}

function withoutSecrets(value: unknown, depth: number): unknown {
	if (depth > 3 || value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((entry) => withoutSecrets(entry, depth + 1));
	const copy: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		if (SECRET_KEYS.includes(key)) continue;
		copy[key] = withoutSecrets(entry, depth + 1) as IDataObject;
	}
	return copy;
}

/**
 * A postReceive that removes `password` and `sip_password` (at any depth up to 3, e.g.
 * `pbx_account.password`) unless Include SIP Passwords is on.
 */
export async function hideSipPasswords(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('includeSipPasswords', false) === true) return items;
	return items.map((item) => ({ ...item, json: withoutSecrets(item.json, 0) as IDataObject }));
}

/**
 * A resource locator of the PBX resources: "From List" (a list-search method of
 * methods/pbx.ts) by default, or the value typed in.
 */
export function pbxLocator(options: {
	name: string;
	displayName: string;
	description: string;
	searchListMethod: string;
	/** "Select an agent..." */
	listPlaceholder: string;
	/** The typed mode: 'id' (By ID), 'email' (By Email) or 'sipUser' (By SIP User). */
	typed: 'id' | 'email' | 'sipUser';
	show: IDisplayOptions['show'];
	required?: boolean;
}): INodeProperties {
	const typed = {
		id: { displayName: 'By ID', placeholder: 'e.g. 64915bc76a690c0edad14723' },
		email: { displayName: 'By Email', placeholder: 'e.g. agent@example.com' },
		sipUser: { displayName: 'By SIP User', placeholder: 'e.g. 100' },
	}[options.typed];
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description,
		displayOptions: { show: options.show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: options.listPlaceholder,
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: typed.displayName,
				name: options.typed,
				type: 'string',
				placeholder: typed.placeholder,
			},
		],
	};
}

/** The Filters collection of a list that takes `keyword` (agents, internal phones, groups, IVR menus). */
export function keywordFilters(
	show: IDisplayOptions['show'],
	placeholder: string,
	description: string,
): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Keyword',
				name: 'keyword',
				type: 'string',
				default: '',
				placeholder,
				description,
				routing: { send: { type: 'query', property: 'keyword' } },
			},
		],
	};
}

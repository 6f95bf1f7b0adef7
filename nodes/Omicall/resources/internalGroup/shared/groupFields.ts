import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { asText, inputError } from '../../../../shared/input';
import { fillPath } from '../../../transport/request';
import { checkedId, requiredId, sipUserList } from '../../../shared/checks';
import { listLocator } from '../../../shared/locators';

/** An internal group (ring group) by ID: From List (searchInternalGroups) or typed. */
export function internalGroupLocator(show: IDisplayOptions['show']): INodeProperties {
	return listLocator({
		name: 'internalGroup',
		displayName: 'Internal Group',
		description: 'The internal group (ring group)',
		searchListMethod: 'searchInternalGroups',
		listPlaceholder: 'Select an internal group...',
		typed: 'id',
		show,
	});
}

const GROUP_FIX = 'Choose an internal group from the list or enter its ID.';

/** Puts the checked group ID into the URL path (`:id`). */
export const fillInternalGroupId = fillPath({
	token: 'id',
	parameter: 'internalGroup',
	label: 'Internal Group',
	fix: GROUP_FIX,
});

/** The checked group ID (for bodies). */
export function internalGroupId(ctx: IExecuteSingleFunctions): string {
	return requiredId(ctx, 'internalGroup', 'Internal Group', GROUP_FIX);
}

/** SIP users as a multi-value field (internal phones from the list, or an expression). */
export function sipUsersField(
	name: string,
	displayName: string,
	show?: IDisplayOptions['show'],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getInternalPhones' },
		default: [],
		...(show ? { displayOptions: { show }, required: true } : {}),
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	};
}

export const strategyOptions = [
	{ name: 'Enterprise', value: 'enterprise' },
	{ name: 'Random', value: 'random' },
	{ name: 'Rollover', value: 'rollover' },
];
const STRATEGIES = strategyOptions.map((option) => option.value);
export const strategyDescription =
	'How calls reach the members: OMICall names the strategies enterprise, rollover and random without documenting them (rollover: one after another, random: in random order, enterprise: all at once, inferred)';

export const timeoutDescription =
	'How long a call rings the group before it goes on, in seconds (the unit is inferred)';

const TIMEOUT_TARGETS = ['Recording', 'Ivr_menu', 'Ring_group'];

/**
 * The group fields that are set (`fields`: the node's names), as OMICall's body, checked:
 * group_name, strategy, sip_members, timeout, target_timeout_type, target_timeout.
 */
export function groupBody(ctx: IExecuteSingleFunctions, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (fields.groupName !== undefined) {
		const name = asText(fields.groupName);
		if (!name) inputError(ctx, 'Name', 'is empty', 'Enter a name for the group, e.g. Sales.');
		body.group_name = name;
	}
	if (fields.strategy !== undefined) {
		const strategy = asText(fields.strategy);
		if (!STRATEGIES.includes(strategy)) {
			inputError(
				ctx,
				'Strategy',
				`"${strategy.slice(0, 40)}" is not a strategy`,
				'Choose enterprise, rollover or random.',
			);
		}
		body.strategy = strategy;
	}
	if (fields.sipMembers !== undefined)
		body.sip_members = sipUserList(ctx, fields.sipMembers, 'Members');
	if (fields.timeout !== undefined) {
		const timeout = Number(fields.timeout);
		if (!Number.isInteger(timeout) || timeout < 1) {
			inputError(
				ctx,
				'Timeout',
				`"${String(fields.timeout).slice(0, 20)}" is not a whole number of seconds`,
				'Enter the ring time in seconds, e.g. 30.',
			);
		}
		body.timeout = timeout;
	}
	if (fields.targetTimeoutType !== undefined) {
		const type = asText(fields.targetTimeoutType);
		if (!TIMEOUT_TARGETS.includes(type)) {
			inputError(
				ctx,
				'Timeout Target Type',
				`"${type.slice(0, 40)}" is not a target type`,
				'Choose Recording, IVR Menu or Ring Group.',
			);
		}
		body.target_timeout_type = type;
	}
	if (fields.targetTimeout !== undefined) {
		body.target_timeout = checkedId(
			ctx,
			fields.targetTimeout,
			'Timeout Target',
			'Enter the ID of the greeting, IVR menu or group that takes the call.',
		);
	}
	return body;
}

import type { INodeProperties } from 'n8n-workflow';
import { fillPath } from '../../../transport/request';

/**
 * The Call ID of Get, Update and Add Evaluation: one field for the three operations, so that a
 * mapped ID is resolved once per item. A resource locator: From List (the calls of the last 30
 * days, `searchRecentCalls` in methods/callHistory.ts) or By ID; a plain text value (workflows
 * saved before it was a locator, or an expression) is read as the ID.
 */
export const transactionIdField: INodeProperties = {
	displayName: 'Call ID',
	name: 'transactionId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description:
		'The call (its transaction_id): pick one of the last 30 days from the list, or enter its ID, e.g. from Call → Get Many',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a call...',
			typeOptions: { searchListMethod: 'searchRecentCalls', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 91d3e842-9da2-43ec-8bb1-979c17e817ad',
		},
	],
	displayOptions: { show: { resource: ['call'], operation: ['get', 'update', 'addEvaluation'] } },
};

/** Puts the checked Call ID into the URL path (`:id`). */
export const fillTransactionId = fillPath({
	token: 'id',
	parameter: 'transactionId',
	label: 'Call ID',
	fix: 'Pick the call from the list, or enter its transaction_id, e.g. from Call → Get Many.',
});

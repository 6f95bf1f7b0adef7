import type { INodeProperties } from 'n8n-workflow';
import { fillPath } from '../../../transport/request';

/**
 * The Call ID of Get, Update and Add Evaluation: one field for the three operations, so that a
 * mapped ID is resolved once per item.
 */
export const transactionIdField: INodeProperties = {
	displayName: 'Call ID',
	name: 'transactionId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 91d3e842-9da2-43ec-8bb1-979c17e817ad',
	description: 'The transaction_id of the call',
	displayOptions: { show: { resource: ['call'], operation: ['get', 'update', 'addEvaluation'] } },
};

/** Puts the checked Call ID into the URL path (`:id`). */
export const fillTransactionId = fillPath({
	token: 'id',
	parameter: 'transactionId',
	label: 'Call ID',
	fix: 'Enter the transaction_id of the call, e.g. from Call → Get Many.',
});

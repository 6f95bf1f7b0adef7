import type { INodeProperties } from 'n8n-workflow';
import { listItems, omicallOutput } from '../../transport/output';
import { callAddEvaluationDescription, prepareCallAddEvaluation } from './addEvaluation';
import { callGetManyDescription } from './getAll';
import { callGetReportDescription, sumReportWindows } from './getReport';
import { callSearchDescription } from './search';
import { sendDateRange } from './shared/dateRange';
import { fillTransactionId, transactionIdField } from './shared/transactionId';
import { callUpdateDescription, prepareCallUpdate } from './update';

// Get has no field of its own: the Call ID (shared/transactionId.ts) is one field for Get, Update
// and Add Evaluation.
export const callDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Add Evaluation',
				value: 'addEvaluation',
				action: 'Add an evaluation to a call',
				description: 'Score a call against the evaluation criteria',
				routing: {
					request: { method: 'POST', url: '/api/call_transaction/add_evaluation/:id' },
					send: { preSend: [fillTransactionId, prepareCallAddEvaluation] },
					output: { postReceive: [omicallOutput()] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a call',
				description: 'Get one call of the call history',
				routing: {
					request: { method: 'GET', url: '/api/call_transaction/detail/:id' },
					send: { preSend: [fillTransactionId] },
					output: { postReceive: [omicallOutput()] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many calls',
				description: 'Get the calls of a period of any length',
				routing: {
					request: { method: 'GET', url: '/api/call_transaction/list' },
					send: { preSend: [sendDateRange('qs', true)] },
					output: { postReceive: [omicallOutput(listItems)] },
				},
			},
			{
				name: 'Get Report',
				value: 'getReport',
				action: 'Get a call report',
				description: 'Get call counts by direction and disposition',
				routing: {
					request: { method: 'GET', url: '/api/call_transaction/report' },
					send: { preSend: [sendDateRange('qs', false)] },
					operations: { pagination: sumReportWindows },
					output: { postReceive: [omicallOutput()] },
				},
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search calls',
				description: 'Get detailed call records of some agents',
				routing: {
					request: { method: 'POST', url: '/api/call_transaction/search' },
					send: { preSend: [sendDateRange('body', true)] },
					output: { postReceive: [omicallOutput(listItems)] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update the tags and note of a call',
				description: 'Set tags and a note on a call',
				routing: {
					request: { method: 'POST', url: '/api/call_transaction/change/:id' },
					send: { preSend: [fillTransactionId, prepareCallUpdate] },
					output: { postReceive: [omicallOutput()] },
				},
			},
		],
		default: 'getAll',
	},
	transactionIdField,
	...callGetManyDescription,
	...callSearchDescription,
	...callGetReportDescription,
	...callUpdateDescription,
	...callAddEvaluationDescription,
];

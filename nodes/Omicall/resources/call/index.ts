import type { INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../../shared/toolMode';
import { listItems, omicallOutput } from '../../transport/output';
import { callAddEvaluationDescription, prepareCallAddEvaluation } from './addEvaluation';
import { callGetManyDescription } from './getAll';
import { callGetReportDescription, sumReportWindows } from './getReport';
import { callSearchDescription } from './search';
import { sendDateRange } from './shared/dateRange';
import { callSimplifyFields, simplifyCallRecords } from './shared/simplify';
import { fillTransactionId, transactionIdField } from './shared/transactionId';
import { callUpdateDescription, prepareCallUpdate } from './update';

// Get has no field of its own: the Call ID (shared/transactionId.ts) is one field for Get, Update
// and Add Evaluation. Update is hidden from AI agents: it overwrites the call's tags and note
// (docs/ai-agents.md).
export const callDescription: INodeProperties[] = [
	...operationProperties({
		resource: 'call',
		default: 'getAll',
		hiddenInTool: ['update'],
		operations: [
			{
				name: 'Add Evaluation',
				value: 'addEvaluation',
				action: 'Add an evaluation to a call',
				description:
					'Score a call against the evaluation criteria. Needs the call ID (transaction_id), the evaluator and the evaluation.',
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
				description:
					'Get one call record by its call ID (transaction_id): numbers, times, outcome, recording URL, agent, note and tags',
				routing: {
					request: { method: 'GET', url: '/api/call_transaction/detail/:id' },
					send: { preSend: [fillTransactionId] },
					output: { postReceive: [omicallOutput(), simplifyCallRecords] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many calls',
				description:
					'List the calls of a period (From and To are required, any length), optionally only those of some agents, directions, hotlines or a keyword such as a phone number',
				routing: {
					request: { method: 'GET', url: '/api/call_transaction/list' },
					send: { preSend: [sendDateRange('qs', true)] },
					output: { postReceive: [omicallOutput(listItems), simplifyCallRecords] },
				},
			},
			{
				name: 'Get Report',
				value: 'getReport',
				action: 'Get a call report',
				description:
					'Count the calls of a period by direction and disposition (totals, no call records)',
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
				description:
					'List the detailed call records of some agents in a period. Needs the agent user IDs or extensions, From and To.',
				routing: {
					request: { method: 'POST', url: '/api/call_transaction/search' },
					send: { preSend: [sendDateRange('body', true)] },
					output: { postReceive: [omicallOutput(listItems), simplifyCallRecords] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a call',
				description: 'Replace the tags and the note of a call (the previous ones are overwritten)',
				routing: {
					request: { method: 'POST', url: '/api/call_transaction/change/:id' },
					send: { preSend: [fillTransactionId, prepareCallUpdate] },
					output: { postReceive: [omicallOutput()] },
				},
			},
		],
	}),
	transactionIdField,
	...callGetManyDescription,
	...callSearchDescription,
	...callGetReportDescription,
	...callUpdateDescription,
	...callAddEvaluationDescription,
	...callSimplifyFields,
];

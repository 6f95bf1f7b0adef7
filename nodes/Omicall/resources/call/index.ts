import type { INodeProperties } from 'n8n-workflow';
import { operationProperties, simplifyOutput } from '../../../shared/toolMode';
import { listItems, omicallOutput } from '../../transport/output';
import { callAddEvaluationDescription, prepareCallAddEvaluation } from './addEvaluation';
import { callClickToCallDescription, prepareClickToCall, sendClickToCall } from './clickToCall';
import { callGetManyDescription } from './getAll';
import { callGetReportDescription, sumReportWindows } from './getReport';
import { callSearchDescription } from './search';
import { sendDateRange } from './shared/dateRange';
import { callSimplifyFields, simplifyCallRecords } from './shared/simplify';
import { sendSearchV2Body, sendSearchV3Body, SIMPLE_CALL_FIELDS } from './shared/searchBody';
import { fillTransactionId, transactionIdField } from './shared/transactionId';
import { callSearchV2Description } from './searchV2';
import { callSearchV3Description } from './searchV3';
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
				name: 'Click to Call',
				value: 'clickToCall',
				action: 'Click to call a phone number',
				description:
					"Ring an agent's extension, then dial the customer's number from a hotline; outputs the call_uuid",
				routing: {
					request: { method: 'POST', url: '/api/click2call' },
					send: { preSend: [prepareClickToCall] },
					operations: { pagination: sendClickToCall },
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
				name: 'Search (V2, Deprecated)',
				value: 'searchV2',
				action: 'Search calls with the deprecated v2 history',
				description:
					'Fallback only: OMICall stopped updating v2 call history on 1 April 2026. Use Search (V3).',
				routing: {
					request: { method: 'POST', url: '/api/v2/callTransaction/search' },
					send: { preSend: [sendDateRange('body', true), sendSearchV2Body] },
					output: {
						postReceive: [omicallOutput(listItems), simplifyOutput(SIMPLE_CALL_FIELDS)],
					},
				},
			},
			{
				name: 'Search (V3)',
				value: 'searchV3',
				action: 'Search calls with the v3 history',
				description:
					'List the call records of a period (From and To required) with filters by direction, extension, agent, answered or keyword',
				routing: {
					request: { method: 'POST', url: '/api/v3/call-transaction/search' },
					send: { preSend: [sendDateRange('body', true), sendSearchV3Body] },
					output: {
						postReceive: [omicallOutput(listItems), simplifyOutput(SIMPLE_CALL_FIELDS)],
					},
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
	...callClickToCallDescription,
	...callSearchV3Description,
	...callSearchV2Description,
	...callSimplifyFields,
];

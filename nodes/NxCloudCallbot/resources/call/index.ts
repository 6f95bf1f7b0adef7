import type { INodeProperties } from 'n8n-workflow';
import { prepareCallList } from '../../shared/callFilters';
import { NXCLOUD_API } from '../../transport/request';
import { rowsOutput } from '../../transport/output';
import { paginateBody } from '../../transport/pagination';
import { simplifyCallRows } from '../../shared/simplify';
import { callGetAllDescription } from './getAll';

/** Call's Operation; in the node before Order's fields (see `readTaskIdField`). */
export const callOperation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['call'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many calls',
			description:
				'List every call attempt of a task (an order may have several): number, status, times, duration, recording and intents. Needs the task.',
			routing: {
				request: {
					method: 'POST',
					url: `${NXCLOUD_API}/listCall`,
					// Documented: the answer may be gzip-compressed; n8n's HTTP client decompresses it.
					headers: { 'Accept-Encoding': 'gzip' },
				},
				send: { preSend: [prepareCallList('call')], paginate: true },
				operations: { pagination: paginateBody },
				output: {
					postReceive: [
						rowsOutput('callList', 'calls', 'callInfoList', 'callDetailList'),
						simplifyCallRows,
					],
				},
			},
		},
	],
	default: 'getAll',
};

/** Call → Get Many's fields after its Task ID: in the node after Order's fields. */
export const callDescription: INodeProperties[] = callGetAllDescription;

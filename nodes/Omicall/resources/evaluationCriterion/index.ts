import type { INodeProperties } from 'n8n-workflow';
import { listItems, omicallOutput } from '../../transport/output';
import { evaluationCriterionGetManyDescription } from './getAll';

export const evaluationCriterionDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['evaluationCriterion'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many evaluation criteria',
				description:
					'List the criteria that calls are scored against, to build the evaluation of Call → Add Evaluation',
				routing: {
					request: { method: 'GET', url: '/api/evaluation_criteria/call/list' },
					output: { postReceive: [omicallOutput(listItems)] },
				},
			},
		],
		default: 'getAll',
	},
	...evaluationCriterionGetManyDescription,
];

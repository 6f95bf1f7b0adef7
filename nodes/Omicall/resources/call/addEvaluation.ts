import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { inputError } from '../../../shared/input';
import { idText } from '../../transport/request';

export const callAddEvaluationDescription: INodeProperties[] = [
	{
		displayName: 'Evaluator',
		name: 'userUuid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 101',
		description: "The evaluating user: your system's user ID, or an extension number",
		displayOptions: { show: { resource: ['call'], operation: ['addEvaluation'] } },
	},
	{
		displayName: 'Evaluation (JSON)',
		name: 'evaluation',
		type: 'json',
		required: true,
		default: '{}',
		description:
			'The evaluation object. OMICall shows its format only as a screenshot; use the criteria from Evaluation Criterion → Get Many.',
		displayOptions: { show: { resource: ['call'], operation: ['addEvaluation'] } },
	},
];

export async function prepareCallAddEvaluation(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const userUuid = idText(
		this,
		this.getNodeParameter('userUuid', ''),
		'Evaluator',
		"Enter your system's user ID or the extension of the evaluator.",
	);
	let evaluation = this.getNodeParameter('evaluation', {}) as unknown;
	if (typeof evaluation === 'string') {
		try {
			evaluation = JSON.parse(evaluation);
		} catch {
			inputError(this, 'Evaluation (JSON)', 'is not valid JSON', 'Enter a JSON object.');
		}
	}
	if (!evaluation || typeof evaluation !== 'object' || Array.isArray(evaluation)) {
		inputError(
			this,
			'Evaluation (JSON)',
			'is not a JSON object',
			'Enter a JSON object, e.g. {"criteria": []}.',
		);
	}
	const body =
		typeof requestOptions.body === 'object' && requestOptions.body ? requestOptions.body : {};
	return { ...requestOptions, body: { ...body, user_uuid: userUuid, evaluation } };
}

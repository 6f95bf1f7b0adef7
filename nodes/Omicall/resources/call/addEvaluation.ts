import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { inputError } from '../../../shared/input';
import { fillPath, idText } from '../../transport/request';
import { splitList } from '../../shared/descriptions';

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

export const callUpdateDescription: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: ['call'], operation: ['update'] } },
		options: [
			{
				displayName: 'Note',
				name: 'note',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				placeholder: 'e.g. Khách hẹn gọi lại sau',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. vip, goilaisau',
				description: 'Tag names to set on the call (comma-separated)',
			},
		],
	},
];

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

/** Puts the checked Call ID into the URL path (`:id`). */
export const fillTransactionId = fillPath({
	token: 'id',
	parameter: 'transactionId',
	label: 'Call ID',
	fix: 'Enter the transaction_id of the call, e.g. from Call → Get Many.',
});

export async function prepareCallUpdate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.tags !== undefined) body.tag = splitList(fields.tags);
	if (fields.note !== undefined) body.note = fields.note;
	if (!Object.keys(body).length) {
		inputError(this, 'Update Fields', 'are empty', 'Add Tags or Note to update.');
	}
	return { ...requestOptions, body };
}

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

import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { inputError, normalizePhone } from '../../../shared/input';
import { idText } from '../../transport/request';
import { splitList } from '../../../shared/lists';

const show = { resource: ['campaign'], operation: ['countCalls'] };

export const campaignCountCallsDescription: INodeProperties[] = [
	{
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 6552de1891be25a1b2c3d4e5',
		description: 'The autocall_id returned by Start',
		displayOptions: { show },
	},
	{
		displayName: 'Phone Numbers',
		name: 'phones',
		type: 'string',
		default: '',
		placeholder: 'e.g. 0395187319, 0979816773',
		description:
			'Count only the calls to these numbers (comma-separated). Empty counts the whole campaign.',
		displayOptions: { show },
	},
];

export async function prepareCountCalls(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const campaignId = idText(
		this,
		this.getNodeParameter('campaignId', ''),
		'Campaign ID',
		'Enter the autocall_id returned when the campaign was started.',
	);
	const rawPhones = this.getNodeParameter('phones', '') as unknown;
	if (rawPhones !== null && typeof rawPhones === 'object' && !Array.isArray(rawPhones)) {
		inputError(
			this,
			'Phone Numbers',
			'are an object',
			'Give the numbers as text, separated by commas.',
		);
	}
	const phones = splitList(rawPhones).map((phone) => {
		const normalized = normalizePhone(phone);
		if (!normalized) {
			inputError(
				this,
				'Phone Numbers',
				`contain "${phone}", which is not a valid phone number`,
				'Use 8 to 15 digits per number, separated by commas.',
			);
		}
		return normalized;
	});
	return { ...requestOptions, body: { autocall_id: campaignId, phones } };
}

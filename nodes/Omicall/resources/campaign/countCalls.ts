import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { asText, inputError, normalizePhone } from '../../../shared/input';
import { splitList } from '../../shared/descriptions';

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
	const campaignId = asText(this.getNodeParameter('campaignId', ''));
	if (!campaignId)
		inputError(
			this,
			'Campaign ID',
			'is empty',
			'Enter the autocall_id returned when the campaign was started.',
		);
	const phones = splitList(this.getNodeParameter('phones', '')).map((phone) => {
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

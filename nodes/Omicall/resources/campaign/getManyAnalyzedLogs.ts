import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { asText } from '../../../shared/input';
import { keywordFilters } from '../../shared/descriptions';
import { listControls } from '../../transport/pagination';
import { idText } from '../../transport/request';

const show = { resource: ['campaign'], operation: ['getManyAnalyzedLogs'] };

/** Sends the campaign ID as ref_uuid when given (checked: not an object, not `..`). */
export async function prepareAnalyzedLogs(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const raw = this.getNodeParameter('campaignId', '') as unknown;
	const body = (
		typeof requestOptions.body === 'object' && requestOptions.body ? requestOptions.body : {}
	) as IDataObject;
	if (asText(raw) === '' && (raw === null || typeof raw !== 'object')) {
		return { ...requestOptions, body };
	}
	const refUuid = idText(
		this,
		raw,
		'Campaign ID',
		'Enter the autocall_id of the campaign, or leave it empty.',
	);
	return { ...requestOptions, body: { ...body, ref_uuid: refUuid } };
}

export const campaignGetManyAnalyzedLogsDescription: INodeProperties[] = [
	{
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 6552de1891be25a1b2c3d4e5',
		description: 'The autocall_id of the campaign (sent as ref_uuid). Empty lists every campaign.',
		displayOptions: { show },
	},
	...listControls({ show, maxPageSize: 50, style: 'paged' }),
	keywordFilters(show, 'e.g. appointment', 'Only utterances containing this text', {
		send: 'body',
	}),
];

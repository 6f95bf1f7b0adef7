import type { INodeProperties } from 'n8n-workflow';
import { listControls } from '../../shared/pagination';

const show = { resource: ['campaign'], operation: ['getManyAnalyzedLogs'] };

export const campaignGetManyAnalyzedLogsDescription: INodeProperties[] = [
	{
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 6552de1891be25a1b2c3d4e5',
		description: 'The autocall_id of the campaign (sent as ref_uuid). Empty lists every campaign.',
		displayOptions: { show },
		routing: {
			send: {
				type: 'body',
				property: 'ref_uuid',
				value: "={{ String($value ?? '').trim() || undefined }}",
			},
		},
	},
	...listControls({ show, maxPageSize: 50, style: 'paged' }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Keyword',
				name: 'keyword',
				type: 'string',
				default: '',
				placeholder: 'e.g. vâng',
				description: 'Only utterances containing this text',
				routing: { send: { type: 'body', property: 'keyword' } },
			},
		],
	},
];

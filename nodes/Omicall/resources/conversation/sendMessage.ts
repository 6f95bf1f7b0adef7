import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { asText, inputError } from '../../../shared/input';
import { idText } from '../../transport/request';
import { channelOption } from './shared/channel';

const show = { resource: ['conversation'], operation: ['sendMessage'] };

export const conversationSendMessageDescription: INodeProperties[] = [
	{ ...channelOption, displayOptions: { show } },
	{
		displayName: 'Conversation UUID',
		name: 'conversationUuid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 000000000000-1',
		description: 'The uuid of the conversation, from Create',
		displayOptions: { show },
	},
	{
		displayName: 'Message',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'e.g. I need help with my order',
		description: 'Text sent as the guest (customer)',
		displayOptions: { show },
	},
	{
		displayName: 'Attachments',
		name: 'attachments',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attachment',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Attachment',
				name: 'attachment',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. invoice.pdf',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com/invoice.pdf',
					},
					{
						displayName: 'Content Type',
						name: 'content_type',
						type: 'string',
						default: '',
						placeholder: 'e.g. application/pdf',
					},
				],
			},
		],
	},
];

export async function prepareSendMessage(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const uuid = idText(
		this,
		this.getNodeParameter('conversationUuid', ''),
		'Conversation UUID',
		'Enter the uuid returned by Conversation → Create.',
	);
	const content = this.getNodeParameter('content', '') as string;
	if (!asText(content)) inputError(this, 'Message', 'is empty', 'Enter the text of the message.');
	const rows =
		(this.getNodeParameter('attachments', {}) as { attachment?: IDataObject[] }).attachment ?? [];
	const multimedias = rows.map((row, index) => {
		const url = asText(row.url);
		if (!url)
			inputError(
				this,
				`Attachment ${index + 1} URL`,
				'is empty',
				'Enter the URL of the file, or remove the attachment.',
			);
		return { name: asText(row.name), url, content_type: asText(row.content_type) };
	});
	return { ...requestOptions, body: { uuid, content: String(content), multimedias } };
}

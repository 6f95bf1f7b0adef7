import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { listControls } from '../../transport/pagination';
import { idText } from '../../transport/request';

const show = { resource: ['conversation'], operation: ['getManyMessages'] };

export const conversationGetManyMessagesDescription: INodeProperties[] = [
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 67a2d199beda7563afac23c6',
		description:
			'The conversation (room) _id from Create; OMICall does not say whether the uuid works too',
		displayOptions: { show },
	},
	...listControls({ show, maxPageSize: 15, style: 'plainArray' }),
];

export async function prepareGetManyMessages(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const convId = idText(
		this,
		this.getNodeParameter('conversationId', ''),
		'Conversation ID',
		'Enter the conversation _id returned by Conversation → Create.',
	);
	const body =
		typeof requestOptions.body === 'object' && requestOptions.body ? requestOptions.body : {};
	return { ...requestOptions, body: { ...body, conv_id: convId } };
}

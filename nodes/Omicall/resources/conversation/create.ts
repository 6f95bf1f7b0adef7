import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { asText, inputError, normalizePhone } from '../../../shared/input';
import { idText } from '../../transport/request';
import { channelOption } from './shared/channel';

const show = { resource: ['conversation'], operation: ['create'] };

export const conversationCreateDescription: INodeProperties[] = [
	{ ...channelOption, displayOptions: { show } },
	{
		displayName: 'Guest Info',
		name: 'guestInfo',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The chatting customer',
		displayOptions: { show },
		options: [
			{
				displayName: 'Domain',
				name: 'domain',
				type: 'string',
				default: '',
				placeholder: 'e.g. support130',
				description: 'The identifying source of the guest',
			},
			{
				displayName: 'Full Name',
				name: 'full_name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Nguyen Van Hien',
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				placeholder: 'e.g. 0395187319',
			},
		],
	},
	{
		displayName: 'Conversation UUID',
		name: 'conversationUuid',
		type: 'string',
		default: '',
		placeholder: 'e.g. chat-000123',
		description: 'Your own ID for the conversation. Empty lets OMICall generate one.',
		displayOptions: { show },
	},
];

export async function prepareConversationCreate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const guest = { ...(this.getNodeParameter('guestInfo', {}) as IDataObject) };
	if (asText(guest.phone) !== '') {
		const phone = normalizePhone(guest.phone);
		if (!phone)
			inputError(
				this,
				'Guest Info phone',
				`"${String(guest.phone)}" is not a valid phone number`,
				'Use 8 to 15 digits, e.g. 0395187319.',
			);
		guest.phone = phone;
	}
	const rawUuid = this.getNodeParameter('conversationUuid', '') as unknown;
	const uuid =
		asText(rawUuid) === '' && typeof rawUuid !== 'object'
			? ''
			: idText(
					this,
					rawUuid,
					'Conversation UUID',
					'Enter your own conversation ID, or leave it empty.',
				);
	for (const [field, value] of Object.entries(guest)) {
		if (value !== null && typeof value === 'object') {
			inputError(
				this,
				`Guest Info ${field}`,
				'is an object, not text',
				'Map the field to a text value.',
			);
		}
	}
	const body =
		typeof requestOptions.body === 'object' && requestOptions.body ? requestOptions.body : {};
	return { ...requestOptions, body: { ...body, uuid, guest_info: guest } };
}

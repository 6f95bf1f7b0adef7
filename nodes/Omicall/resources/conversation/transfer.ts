import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { asText, inputError, normalizePhone } from '../../../shared/input';
import { channelOption, splitList } from '../../shared/descriptions';
import { listControls } from '../../transport/pagination';
import { fillPath, idText } from '../../transport/request';

const on = (operation: string) => ({ resource: ['conversation'], operation: [operation] });
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const conversationCreateDescription: INodeProperties[] = [
	{ ...channelOption, displayOptions: { show: on('create') } },
	{
		displayName: 'Guest Info',
		name: 'guestInfo',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The chatting customer',
		displayOptions: { show: on('create') },
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
		displayOptions: { show: on('create') },
	},
];

export const conversationSendMessageDescription: INodeProperties[] = [
	{ ...channelOption, displayOptions: { show: on('sendMessage') } },
	{
		displayName: 'Conversation UUID',
		name: 'conversationUuid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 000000000000-1',
		description: 'The uuid of the conversation, from Create',
		displayOptions: { show: on('sendMessage') },
	},
	{
		displayName: 'Message',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'e.g. Tôi cần hỗ trợ về đơn hàng',
		description: 'Text sent as the guest (customer)',
		displayOptions: { show: on('sendMessage') },
	},
	{
		displayName: 'Attachments',
		name: 'attachments',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attachment',
		default: {},
		displayOptions: { show: on('sendMessage') },
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
		displayOptions: { show: on('getManyMessages') },
	},
	...listControls({ show: on('getManyMessages'), maxPageSize: 15, style: 'plainArray' }),
];

export const conversationTransferDescription: INodeProperties[] = [
	{
		displayName: 'From Agent Email',
		name: 'sourceEmail',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. agent.a@example.com',
		description: 'The agent whose conversations of the last 6 months move',
		displayOptions: { show: on('transfer') },
	},
	{
		displayName: 'To Agent Email',
		name: 'targetEmail',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. agent.b@example.com',
		description: 'The agent who receives them',
		displayOptions: { show: on('transfer') },
	},
	{
		displayName: 'Options',
		name: 'transferOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: on('transfer') },
		options: [
			{
				displayName: 'Conversation IDs',
				name: 'convIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 67a2d199beda7563afac23c6, 67a2d199beda7563afac23c7',
				description: 'Move only these conversations of the agent (comma-separated)',
			},
			{
				displayName: 'Preview Only',
				name: 'previewChanges',
				type: 'boolean',
				default: false,
				description:
					'Whether to only report how many conversations would move, without moving them',
			},
			{
				displayName: 'Replace Existing Members',
				name: 'replaceExistingMembers',
				type: 'boolean',
				default: false,
				description:
					'Whether the new agent replaces all current members of each conversation (otherwise the agent is added)',
			},
			{
				displayName: 'Result Callback Headers',
				name: 'callbackHeaders',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Header',
				default: {},
				description:
					'Headers OMICall sends with the result callback, e.g. the secret of an OMICall Trigger',
				options: [
					{
						displayName: 'Header',
						name: 'header',
						values: [
							{
								displayName: 'Name',
								name: 'name',
								type: 'string',
								default: '',
								placeholder: 'e.g. X-Callbot-Secret',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								typeOptions: { password: true },
								default: '',
							},
						],
					},
				],
			},
			{
				displayName: 'Result Callback URL',
				name: 'callbackUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://n8n.example.com/webhook/omicall',
				description:
					'Where OMICall posts the result when the transfer is done (for example the URL of an OMICall Trigger)',
			},
		],
	},
];

/** The documented chat channels (an older revision of the page also listed facebook and zalo). */
export const CHANNELS = ['livetalk', 'facebook', 'zalo'];

/** Puts the checked channel into the URL path: only the documented channels are allowed. */
export const fillChannel = fillPath({
	token: 'channel',
	parameter: 'channel',
	label: 'Channel',
	fix: 'Choose the chat channel of the conversation.',
	allowed: CHANNELS,
});

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

export async function prepareTransfer(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body: IDataObject = {};
	for (const [name, label] of [
		['sourceEmail', 'From Agent Email'],
		['targetEmail', 'To Agent Email'],
	] as const) {
		const email = asText(this.getNodeParameter(name, ''));
		if (!EMAIL.test(email)) {
			inputError(
				this,
				label,
				email ? `"${email}" is not a valid email address` : 'is empty',
				"Enter the agent's login email.",
			);
		}
		body[name] = email;
	}
	const options = this.getNodeParameter('transferOptions', {}) as IDataObject;
	body.previewChanges = options.previewChanges === true;
	body.replaceExistingMembers = options.replaceExistingMembers === true;
	const convIds = splitList(options.convIds);
	if (convIds.length) body.convIds = convIds;
	const headerRows = ((options.callbackHeaders as { header?: IDataObject[] })?.header ?? []).filter(
		(row) => asText(row.name) !== '',
	);
	const url = asText(options.callbackUrl);
	if (url) {
		if (!/^https?:\/\/\S+$/i.test(url)) {
			inputError(
				this,
				'Result Callback URL',
				`"${url}" is not a URL`,
				'Enter a full URL starting with https://.',
			);
		}
		const headers = Object.fromEntries(
			headerRows.map((row) => [asText(row.name), asText(row.value)]),
		);
		body.callbackResultConfig = Object.keys(headers).length ? { url, headers } : { url };
	} else if (headerRows.length) {
		inputError(
			this,
			'Result Callback Headers',
			'are set without a Result Callback URL',
			'Add the Result Callback URL, or remove the headers.',
		);
	}
	return { ...requestOptions, body };
}

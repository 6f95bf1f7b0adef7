import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { asText, inputError } from '../../../shared/input';
import { splitList } from '../../../shared/lists';
import { checkedEmail } from '../../shared/checks';
import { agentLocator } from '../../shared/locators';

const show = { resource: ['conversation'], operation: ['transfer'] };

export const conversationTransferDescription: INodeProperties[] = [
	agentLocator(
		'sourceEmail',
		show,
		'The agent whose conversations of the last 6 months move (login email)',
		{ displayName: 'From Agent Email', placeholder: 'e.g. agent.a@example.com' },
	),
	agentLocator('targetEmail', show, 'The agent who receives them (login email)', {
		displayName: 'To Agent Email',
		placeholder: 'e.g. agent.b@example.com',
	}),
	{
		displayName: 'Options',
		name: 'transferOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
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

export async function prepareTransfer(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body: IDataObject = {};
	for (const [name, label] of [
		['sourceEmail', 'From Agent Email'],
		['targetEmail', 'To Agent Email'],
	] as const) {
		body[name] = checkedEmail(
			this,
			this.getNodeParameter(name, '', { extractValue: true }),
			label,
			{
				fix: "Enter the agent's login email.",
			},
		);
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

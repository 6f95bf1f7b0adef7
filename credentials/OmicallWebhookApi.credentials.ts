import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The shared secret of the OMICall Trigger (version 2 and later). OMICall signs nothing, so a
 * delivery is accepted only when it carries this secret in the URL query (call webhooks) or in a
 * header (transfer results, whose callback headers you choose). Kept in n8n's encrypted credential
 * store rather than in the workflow.
 */
export class OmicallWebhookApi implements ICredentialType {
	name = 'omicallWebhookApi';

	displayName = 'OMICall Webhook Secret API';

	icon: Icon = { light: 'file:../icons/omicall.svg', dark: 'file:../icons/omicall.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-callbot/n8n-nodes-callbot#omicall-webhook-secret-api-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A long random value (e.g. 32 characters or more). Deliveries are accepted only when they carry exactly this value.',
		},
		{
			displayName: 'Secret Location',
			name: 'location',
			type: 'options',
			options: [
				{
					name: 'Query Parameter',
					value: 'query',
					description:
						'In the URL, e.g. ?secret=…: the only way for call webhooks (OMICall cannot add headers to them)',
				},
				{
					name: 'Header',
					value: 'header',
					description:
						'In a request header: for transfer results, whose callback headers you set yourself',
				},
			],
			default: 'query',
		},
		{
			displayName: 'Query Parameter Name',
			name: 'queryParameterName',
			type: 'string',
			default: 'secret',
			placeholder: 'e.g. secret',
			description: 'Name of the URL query parameter that carries the secret',
			displayOptions: { show: { location: ['query'] } },
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'x-omicall-secret',
			placeholder: 'e.g. x-omicall-secret',
			description:
				'Header that carries the secret. Set the same header under Result Callback Headers of the OMICall node (Conversation → Transfer).',
			displayOptions: { show: { location: ['header'] } },
		},
	];
}

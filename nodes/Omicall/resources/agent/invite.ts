import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { asText, inputError } from '../../../shared/input';
import { checkedEmail } from '../../shared/checks';
import { sipPasswordProperties } from '../../shared/sipPasswords';

const show = { resource: ['agent'], operation: ['invite'] };

export const agentInviteDescription: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. an.nguyen@example.com',
		default: '',
		required: true,
		displayOptions: { show },
		description: "The new agent's login email (identify_info)",
	},
	{
		displayName: 'Full Name',
		name: 'fullName',
		type: 'string',
		placeholder: 'e.g. Nguyen Van An',
		default: '',
		required: true,
		displayOptions: { show },
	},
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		displayOptions: { show },
		description:
			'The login password: at least 8 characters with upper case, lower case, a digit and a special character. It is sent to OMICall only, never output.',
	},
	{
		displayName: 'Role Name',
		name: 'roleName',
		type: 'string',
		default: 'Sale',
		required: true,
		displayOptions: { show },
		description: "The agent's role as named in OMICall (OMICall's default is Sale)",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Owner Email',
				name: 'ownerEmail',
				type: 'string',
				placeholder: 'e.g. admin@example.com',
				default: '',
				description: 'Email of the account that invites the agent (owner_email)',
			},
			{
				displayName: 'User ID',
				name: 'uuid',
				type: 'string',
				placeholder: 'e.g. NV0042',
				default: '',
				description:
					"Your system's ID for the agent (uuid); OMICall refuses one already used (agent_uuid_exists)",
			},
		],
	},
	...sipPasswordProperties(show),
];

const STRONG_PASSWORD = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{8,}$/;

/** The invite body, checked before the request: the documented errors caught early. */
export async function prepareAgentInvite(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body: IDataObject = {
		identify_info: checkedEmail(this, this.getNodeParameter('email', ''), 'Email', {
			fix: "Enter the new agent's login email.",
		}),
	};
	const fullName = asText(this.getNodeParameter('fullName', ''));
	if (!fullName) inputError(this, 'Full Name', 'is empty', "Enter the agent's full name.");
	body.full_name = fullName;
	const password = String(this.getNodeParameter('password', '') ?? '');
	if (!STRONG_PASSWORD.test(password)) {
		// The password itself is never put into the message.
		inputError(
			this,
			'Password',
			'is too weak',
			'Use at least 8 characters with upper case, lower case, a digit and a special character.',
		);
	}
	body.password = password;
	const roleName = asText(this.getNodeParameter('roleName', 'Sale'));
	if (!roleName) inputError(this, 'Role Name', 'is empty', 'Enter a role name, e.g. Sale.');
	body.role_name = roleName;
	const additional = this.getNodeParameter('additionalFields', {}) as IDataObject;
	if (asText(additional.ownerEmail)) {
		body.owner_email = checkedEmail(this, additional.ownerEmail, 'Owner Email', {
			fix: 'Enter the email of an OMICall account, or remove the field.',
		});
	}
	if (asText(additional.uuid)) body.uuid = asText(additional.uuid);
	return { ...requestOptions, body };
}

import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { inputError } from '../../../shared/input';
import { splitList } from '../../../shared/lists';
import { checkedEmail, requiredId } from '../../shared/checks';
import { agentLocator } from '../../shared/locators';

const show = { resource: ['hotline'], operation: ['updateExtension'] };

export const hotlineUpdateExtensionDescription: INodeProperties[] = [
	{
		displayName: 'Hotline',
		name: 'hotline',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 02873001234',
		displayOptions: { show },
		description: 'The hotline (public number) as OMICall writes it',
	},
	agentLocator('agent', show, "The agent whose extension's directions on the hotline to set"),
	{
		displayName: 'Directions',
		name: 'directions',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. inbound, outbound',
		displayOptions: { show },
		description:
			"The call directions the agent's extension may use on the hotline (comma-separated, or a list from an expression). OMICall does not document the values; inbound and outbound are inferred.",
	},
];

/** The checked body: `{hotline, user_email, directions[]}`. */
export async function prepareHotlineExtensionUpdate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body: IDataObject = {
		hotline: requiredId(this, 'hotline', 'Hotline', 'Enter the hotline number, e.g. 02873001234.'),
		user_email: checkedEmail(
			this,
			this.getNodeParameter('agent', '', { extractValue: true }),
			'Agent',
			{ fix: "Choose an agent from the list or enter the agent's login email." },
		),
	};
	const directions = splitList(this.getNodeParameter('directions', ''));
	if (!directions.length) {
		inputError(this, 'Directions', 'is empty', 'Enter at least one direction, e.g. outbound.');
	}
	body.directions = directions;
	return { ...requestOptions, body };
}

/** What Update Extension set, for the output when OMICall answers without a record. */
export function hotlineExtensionEcho(ctx: IExecuteSingleFunctions): IDataObject {
	const body = {
		hotline: String(ctx.getNodeParameter('hotline', '')).trim(),
		user_email: String(ctx.getNodeParameter('agent', '', { extractValue: true })).trim(),
		directions: splitList(ctx.getNodeParameter('directions', '')),
	};
	return body;
}

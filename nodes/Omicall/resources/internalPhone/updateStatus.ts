import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { requiredId } from '../../shared/checks';
import { internalPhoneLocator } from '../../shared/locators';

const show = { resource: ['internalPhone'], operation: ['updateStatus'] };

export const internalPhoneUpdateStatusDescription: INodeProperties[] = [
	internalPhoneLocator(
		'internalPhone',
		'Internal Phone',
		show,
		'The internal phone to turn on or off',
	),
	{
		displayName: 'Enabled',
		name: 'enabled',
		type: 'boolean',
		default: true,
		displayOptions: { show },
		description:
			'Whether the internal phone is turned on (off: it can no longer make or take calls)',
	},
];

/** The checked SIP user and the status as the query (`sip_user`, `enabled=true|false`). */
export async function sendInternalPhoneStatus(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const sipUser = requiredId(
		this,
		'internalPhone',
		'Internal Phone',
		'Choose an internal phone from the list or enter its SIP user (extension), e.g. 100.',
	);
	const enabled = this.getNodeParameter('enabled', true) === true;
	return {
		...requestOptions,
		qs: { ...(requestOptions.qs ?? {}), enabled: String(enabled), sip_user: sipUser },
	};
}

/** What Update Status changed, for the output when OMICall answers without a record. */
export function internalPhoneStatusEcho(ctx: IExecuteSingleFunctions): IDataObject {
	return {
		sip_user: String(ctx.getNodeParameter('internalPhone', '', { extractValue: true })).trim(),
		enabled: ctx.getNodeParameter('enabled', true) === true,
	};
}

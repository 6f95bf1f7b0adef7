import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { callPurposeProperties } from '../../../shared/compliance/fields';
import { inputError, normalizePhone } from '../../../shared/input';
import { paginateDialOnce, planDial } from '../../shared/dialing';
import { idText } from '../../transport/request';

const show = { resource: ['call'], operation: ['clickToCall'] };

export const callClickToCallDescription: INodeProperties[] = [
	{
		displayName: 'Extension',
		name: 'extension',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: "The agent's extension (sip_user): it rings first, then OMICall dials the number",
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an extension...',
				typeOptions: { searchListMethod: 'searchInternalPhones', searchable: true },
			},
			{
				displayName: 'By Extension',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 101',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*[A-Za-z0-9_.-]+\\s*$',
							errorMessage: 'Not a valid extension',
						},
					},
				],
			},
		],
	},
	{
		displayName: 'Hotline',
		name: 'hotline',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The hotline shown to the customer as caller ID (the list shows the hotlines the extension may dial out on)',
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a hotline...',
				typeOptions: { searchListMethod: 'searchHotlines', searchable: true },
			},
			{
				displayName: 'By Number',
				name: 'number',
				type: 'string',
				placeholder: 'e.g. 842899990338',
			},
		],
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 0395187319',
		description:
			'The customer number OMICall dials once the agent answers. Not redialed by Retry On Fail: see the docs.',
		displayOptions: { show },
	},
	...callPurposeProperties(show),
];

function phoneOf(ctx: IExecuteSingleFunctions, name: string, label: string): string {
	const raw = ctx.getNodeParameter(name, '', { extractValue: true });
	const fix = 'Enter 8 to 15 digits, e.g. 0395187319 or 84395187319.';
	if (raw !== null && typeof raw === 'object') inputError(ctx, label, 'is not text', fix);
	const phone = normalizePhone(raw);
	if (!String(raw ?? '').trim()) inputError(ctx, label, 'is empty', fix);
	if (!phone) inputError(ctx, label, `"${String(raw).slice(0, 40)}" is not a phone number`, fix);
	return phone;
}

/**
 * Checks the three fields and plans the documented body, with the Decree 91 guard: an advertising
 * call to a Vietnamese number only 08:00–17:00 Vietnam time, screened (Do-Not-Call, consent, one
 * call in 24 hours across the run; a number left out sends nothing and gets a skipped item).
 */
export async function prepareClickToCall(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const extension = idText(
		this,
		this.getNodeParameter('extension', '', { extractValue: true }),
		'Extension',
		"Choose the agent's extension from the list or enter it, e.g. 101.",
	);
	if (!/^[A-Za-z0-9_.-]+$/.test(extension))
		inputError(this, 'Extension', `"${extension.slice(0, 40)}" is not an extension`, 'e.g. 101.');
	const hotline = phoneOf(this, 'hotline', 'Hotline');
	const phone = phoneOf(this, 'phoneNumber', 'Phone Number');
	return planDial(this, requestOptions, 'Click-to-call', [phone], ([number]) => ({
		extension,
		hotline,
		phone_number: number,
	}));
}

/** Sends the click-to-call at most once per item and execution, whatever Retry On Fail does. */
export const sendClickToCall = paginateDialOnce(
	'Click-to-call',
	(body) =>
		`call history (Call → Search (V3), keyword ${String(body.phone_number)}, extension ${String(body.extension)})`,
);

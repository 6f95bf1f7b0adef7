import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { callPurposeProperties } from '../../../shared/compliance/fields';
import { paginateDialOnce, planDial } from '../../shared/dialing';
import {
	hotlineOf,
	optionsField,
	pacingOptions,
	phoneList,
	readOptions,
	readSteps,
	stepsField,
	ttsOptions,
} from './shared/session';

const show = { resource: ['autoCall'], operation: ['startByPhone'] };

export const autoCallStartByPhoneDescription: INodeProperties[] = [
	{
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 0395187319, 0395187320',
		description:
			'The numbers to call (phone_number_list), separated by commas or new lines, or a list from an expression. A number given twice in any spelling is called once.',
		displayOptions: { show },
	},
	{
		displayName: 'Hotline',
		name: 'hotline',
		type: 'string',
		default: '',
		placeholder: 'e.g. 842899990338',
		description: 'The hotline shown as caller ID (cid). Optional: OMICall picks one when empty.',
		displayOptions: { show },
	},
	stepsField(show),
	optionsField(show, [...ttsOptions, ...pacingOptions]),
	...callPurposeProperties(show),
];

/**
 * Checks every field (numbers, steps and their 300 text-to-speech characters, options) and plans
 * the body with the Decree 91 guard (advertising: the window now, each number screened; the
 * numbers left out get skipped items, and when none is left nothing is sent).
 */
export async function prepareStartByPhone(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const phones = phoneList(this, this.getNodeParameter('phoneNumbers', ''), 'Phone Numbers');
	const cid = hotlineOf(this, this.getNodeParameter('hotline', ''), false);
	const settings: IDataObject = { ...readOptions(this), ...(cid ? { cid } : {}) };
	const steps = readSteps(this);
	return planDial(this, requestOptions, 'Auto-call start by phone', phones, (kept) => ({
		...settings,
		phone_number_list: kept,
		...steps,
	}));
}

/** Starts the session at most once per item and execution, whatever Retry On Fail does. */
export const sendStartByPhone = paginateDialOnce('Auto-call start by phone', (body) => {
	const phones = (body.phone_number_list ?? []) as string[];
	return `call history (Call → Search (V3), auto-calls to ${phones.slice(0, 3).join(', ')}${phones.length > 3 ? ', …' : ''})`;
});

import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { inputError } from '../../../shared/input';
import { splitList } from '../../../shared/lists';
import { paginateDialOnce } from '../../shared/dialing';
import {
	hotlineOf,
	optionsField,
	readOptions,
	readSteps,
	stepsField,
	ttsOptions,
} from './shared/session';

const show = { resource: ['autoCall'], operation: ['startByExtension'] };

export const autoCallStartByExtensionDescription: INodeProperties[] = [
	{
		displayName: 'Hotline',
		name: 'hotline',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 842899990338',
		description: 'The hotline the session calls out on (cid, required by OMICall)',
		displayOptions: { show },
	},
	{
		displayName: 'Extensions',
		name: 'extensions',
		type: 'string',
		default: '',
		placeholder: 'e.g. 101, 102',
		description:
			'The internal phones (extensions) to call, separated by commas or new lines, or a list from an expression',
		displayOptions: { show },
	},
	stepsField(show),
	optionsField(show, [
		{
			displayName: 'Brand Name',
			name: 'brand_name',
			type: 'string',
			default: '',
			placeholder: 'e.g. ACME',
		},
		...ttsOptions,
	]),
];

const EXTENSION = /^[A-Za-z0-9_.-]+$/;

/** Checks every field (hotline, extensions, steps and their 300 text-to-speech characters). */
export async function prepareStartByExtension(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const cid = hotlineOf(this, this.getNodeParameter('hotline', ''), true);
	const extensions = [...new Set(splitList(this.getNodeParameter('extensions', '')))];
	for (const [index, extension] of extensions.entries()) {
		if (!EXTENSION.test(extension)) {
			inputError(
				this,
				`Extensions (extension ${index + 1})`,
				`"${extension.slice(0, 40)}" is not an extension`,
				'Enter extensions such as 101, separated by commas or new lines.',
			);
		}
	}
	const body: IDataObject = {
		...readOptions(this),
		cid,
		...(extensions.length ? { extensions } : {}),
		...readSteps(this),
	};
	return { ...requestOptions, body };
}

/**
 * Starts the session at most once per item and execution, whatever Retry On Fail does. It calls the
 * account's own extensions (internal calls, not customers), so Decree 91's advertising rules do not
 * apply and it has no Call Purpose (nodes/Omicall/shared/advertising.ts).
 */
export const sendStartByExtension = paginateDialOnce(
	'Auto-call start by extension',
	(body) => `call history (Call → Search (V3), hotline ${String(body.cid)})`,
);

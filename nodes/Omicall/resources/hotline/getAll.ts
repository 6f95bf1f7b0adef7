import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { listControls } from '../../transport/pagination';
import { requiredId } from '../../shared/checks';
import { internalPhoneLocator } from '../../shared/locators';

const show = { resource: ['hotline'], operation: ['getAll'] };

export const hotlineGetManyDescription: INodeProperties[] = [
	internalPhoneLocator(
		'extension',
		'Extension',
		show,
		'The extension (SIP user) whose outgoing hotlines to list',
	),
	...listControls({ show, maxPageSize: 50, style: 'single' }),
];

/** The checked extension as the query (`extension`). */
export async function sendHotlineExtension(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const extension = requiredId(
		this,
		'extension',
		'Extension',
		'Choose an internal phone from the list or enter its SIP user (extension), e.g. 100.',
	);
	return { ...requestOptions, qs: { ...(requestOptions.qs ?? {}), extension } };
}

import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { contactBody, contactCreateFields, requireIdentity } from './shared/fields';
import { sendOncePerRun } from '../../shared/sendOnce';

const show = { resource: ['contact'], operation: ['create'] };

export const contactCreateDescription: INodeProperties[] = contactCreateFields(show);

/** The add body of this item, checked (at least a name, a phone or an email). */
export function readContactToCreate(ctx: IExecuteSingleFunctions): IDataObject {
	const itemIndex = ctx.getItemIndex();
	const top: IDataObject = {
		fullName: ctx.getNodeParameter('fullName', ''),
		phones: ctx.getNodeParameter('phones', {}),
	};
	const more = ctx.getNodeParameter('additionalFields', {}) as IDataObject;
	const body = contactBody(ctx, top, more, itemIndex);
	requireIdentity(ctx, body, itemIndex);
	return body;
}

export async function prepareContactCreate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return { ...requestOptions, body: readContactToCreate(this) };
}

/** Sends the add once per node run: Retry On Fail never creates the contact twice. */
export const createContactOnce = sendOncePerRun(
	'omicall-contact-create',
	'Contact',
	'Look for it with Contact → Get (by Partner ID, Partner Code or Phone) before creating it again.',
);

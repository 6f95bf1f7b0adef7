import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { asText, inputError } from '../../../shared/input';
import { simplifyProperties } from '../../../shared/toolMode';
import { idText, pathSegment } from '../../transport/request';
import { CONTACT_ID_FIX, contactLocator } from './shared/locator';
import { checkedPhone } from './shared/values';
import { checkedEmail } from '../../shared/checks';

const show = { resource: ['contact'], operation: ['get'] };
const when = (findBy: string) => ({ show: { ...show, findBy: [findBy] } });

export const contactGetDescription: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'findBy',
		type: 'options',
		default: 'id',
		options: [
			{ name: 'Contact ID', value: 'id', description: 'The OMICall ID (public_id)' },
			{ name: 'Email', value: 'email' },
			{ name: 'Partner Code', value: 'refCode', description: 'Your code of the contact (refCode)' },
			{ name: 'Partner ID', value: 'refId', description: 'Your ID of the contact (refId)' },
			{ name: 'Phone', value: 'phone' },
		],
		displayOptions: { show },
	},
	contactLocator(when('id').show, 'The contact, by its OMICall ID (public_id)'),
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. name@example.com',
		required: true,
		default: '',
		displayOptions: when('email'),
	},
	{
		displayName: 'Partner Code',
		name: 'refCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. KH-0001',
		displayOptions: when('refCode'),
	},
	{
		displayName: 'Partner ID',
		name: 'refId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 10025',
		displayOptions: when('refId'),
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 0912345678',
		displayOptions: when('phone'),
	},
	...simplifyProperties(show),
];

/** The lookup of this item: `GET /api/contacts/details/:id`, or `/api/contacts/get` with one key. */
export async function prepareContactGet(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const findBy = asText(this.getNodeParameter('findBy', 'id'));
	const qs = { ...(requestOptions.qs ?? {}) };
	switch (findBy) {
		case 'id': {
			const value = this.getNodeParameter('contactId', '', { extractValue: true });
			const id = pathSegment(this, value, 'Contact', CONTACT_ID_FIX);
			return { ...requestOptions, url: `/api/contacts/details/${id}` };
		}
		case 'phone': {
			const phone = checkedPhone(this, this.getNodeParameter('phone', ''), 'Phone');
			return { ...requestOptions, qs: { ...qs, phone } };
		}
		case 'email':
			return {
				...requestOptions,
				qs: { ...qs, email: checkedEmail(this, this.getNodeParameter('email', ''), 'Email') },
			};
		case 'refId':
		case 'refCode': {
			const label = findBy === 'refId' ? 'Partner ID' : 'Partner Code';
			const value = idText(
				this,
				this.getNodeParameter(findBy, ''),
				label,
				`Enter the ${label} given when the contact was created.`,
			);
			return {
				...requestOptions,
				qs: { ...qs, [findBy === 'refId' ? 'ref_id' : 'ref_code']: value },
			};
		}
		default:
			return inputError(
				this,
				'Find By',
				`"${findBy.slice(0, 20)}" is not an option`,
				'Choose Contact ID, Email, Partner Code, Partner ID or Phone.',
			);
	}
}

import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { asText } from '../../../shared/input';
import { splitList } from '../../../shared/lists';
import { simplifyProperties } from '../../../shared/toolMode';
import { listControls } from '../../transport/pagination';
import { checkedEmail } from '../../shared/checks';
import { keywordFilters } from '../../shared/descriptions';

const show = { resource: ['contact'], operation: ['getAll'] };

export const contactGetManyDescription: INodeProperties[] = [
	...listControls({ show, maxPageSize: 50, style: 'paged' }),
	keywordFilters(show, 'e.g. 0395187319', 'A phone number, email or name to search for', {
		inBody: true,
		more: [
			{
				displayName: 'Owner Emails',
				name: 'owners',
				type: 'string',
				default: '',
				placeholder: 'e.g. agent@example.com, unassigned',
				description:
					'Only contacts of these agents (comma-separated emails); "unassigned" for contacts without an owner',
			},
		],
	}),
	...simplifyProperties(show),
];

/** The list body: `{keyword, filters: [{field_code: "contact_owner", value: [...]}]}`. */
export async function prepareContactGetMany(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const owners = splitList(filters.owners).map((owner) =>
		owner.toLowerCase() === 'unassigned' ? 'unassigned' : checkedEmail(this, owner, 'Owner Emails'),
	);
	const body: IDataObject = {
		keyword: asText(filters.keyword),
		filters: owners.length ? [{ field_code: 'contact_owner', value: owners }] : [],
	};
	return { ...requestOptions, body };
}

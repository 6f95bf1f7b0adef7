import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { keywordFilters, pbxLocator } from '../../internalPhone/shared/pbx';

/** The contact of Get (Find By Contact ID) and Delete: from the contact list, or by OMICall ID. */
export function contactLocator(
	show: IDisplayOptions['show'],
	description: string,
): INodeProperties {
	return pbxLocator({
		name: 'contactId',
		displayName: 'Contact',
		description,
		searchListMethod: 'searchContacts',
		listPlaceholder: 'Select a contact...',
		typed: 'id',
		show,
	});
}

export const CONTACT_ID_FIX =
	'Choose a contact from the list or enter its OMICall ID (public_id), e.g. from Contact → Get Many.';

/**
 * The Filters collection of the CRM lists, whose keyword goes into the POST body (built by the
 * operation's preSend), not the query: `keywordFilters` without its query routing, plus `more`.
 */
export function bodyKeywordFilters(
	show: IDisplayOptions['show'],
	placeholder: string,
	description: string,
	more: INodeProperties[] = [],
): INodeProperties {
	const filters = keywordFilters(show, placeholder, description);
	const keyword = (filters.options ?? []) as INodeProperties[];
	return {
		...filters,
		options: [
			...keyword.map((option) => {
				const copy = { ...option };
				delete copy.routing;
				return copy;
			}),
			...more,
		],
	};
}

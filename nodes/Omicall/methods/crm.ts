import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { omicallRequest } from '../transport/direct';
import { listSearch, recordsOf, text } from './lists';

/**
 * Dropdown and list-search methods of the CRM resources (contacts, tickets, ticket categories;
 * issue 13). The ticket assignee list is `searchAgents` of ./pbx.ts (agents by email).
 */

/** A contact's first value of a field in `attribute_structure[]` (or a flat field). */
function contactField(contact: IDataObject, code: string, flat: unknown): string {
	const attributes = Array.isArray(contact.attribute_structure)
		? (contact.attribute_structure as IDataObject[])
		: [];
	const attribute = attributes.find((entry) => entry?.field_code === code);
	const values = Array.isArray(attribute?.value) ? (attribute.value as IDataObject[]) : [];
	return text(values[0]?.display_value) || text(flat);
}

/** Contacts (`POST /api/contacts/list`, keyword on the server), valued by their OMICall ID. */
export const searchContacts = listSearch(
	'/api/contacts/list',
	(contact) => {
		const id = text(contact.public_id ?? contact.publicId ?? contact._id);
		const name = contactField(contact, 'full_name', contact.fullName);
		const phone = contactField(contact, 'phone_number', undefined);
		return { name: [name || id, phone].filter(Boolean).join(' · '), value: id };
	},
	{ body: (keyword) => ({ keyword, filters: [] }) },
);

/** Tickets (`POST /api/ticket/list`, keyword on the server), valued by their `_id`. */
export const searchTickets = listSearch(
	'/api/ticket/list',
	(ticket) => {
		const id = text(ticket._id ?? ticket.id);
		const number = text(ticket.unique_id);
		return { name: `${number ? `#${number} ` : ''}${text(ticket.name) || id}`, value: id };
	},
	{ body: (keyword) => ({ keyword }) },
);

async function ticketCategories(ctx: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const payload = await omicallRequest(ctx, 'GET', '/api/ticket/category/get_all');
	return recordsOf(payload) as IDataObject[];
}

/** Ticket categories (`GET /api/ticket/category/get_all`), filtered by name here. */
export async function searchTicketCategories(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const results = (await ticketCategories(this))
		.map((category) => {
			const id = text(category._id ?? category.id);
			return { name: text(category.name) || id, value: id };
		})
		.filter((result) => result.value)
		.filter((result) => !needle || `${result.name} ${result.value}`.toLowerCase().includes(needle));
	return { results };
}

/** The types of the selected ticket category (`types[]`: uuid and name), for Ticket → Create. */
export async function getTicketTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const selected = text(this.getCurrentNodeParameter('ticketCategory', { extractValue: true }));
	if (!selected) return [];
	const category = (await ticketCategories(this)).find(
		(candidate) => text(candidate._id ?? candidate.id) === selected,
	);
	const types = Array.isArray(category?.types) ? (category.types as IDataObject[]) : [];
	return types
		.filter((type) => text(type.uuid) !== '')
		.map((type) => ({ name: text(type.name) || text(type.uuid), value: text(type.uuid) }));
}

/** Dropdown and list-search methods of the crm resources (issue 13). */
export const crmListSearch: Record<
	string,
	(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	) => Promise<INodeListSearchResult>
> = { searchContacts, searchTickets, searchTicketCategories };
export const crmLoadOptions: Record<
	string,
	(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>
> = { getTicketTypes };

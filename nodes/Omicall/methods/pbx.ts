import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodePropertyOptions,
} from 'n8n-workflow';
import { listSearch, text, type ListSearch } from './lists';
import { recordId } from '../shared/checks';

/**
 * Dropdown and list-search methods of the agent and PBX resources (issue 13): agents, internal
 * phones (SIP users), internal groups, greetings and IVR menus. Each reads one page of the
 * vendor's snake_case list (the user's text as `keyword` where the endpoint takes one) and gives
 * the next page number as the pagination token.
 */

/** An agent's full name from `attribute_structure[]` (entries with field_code/value or plain fields). */
function agentName(agent: IDataObject): string {
	const attributes = Array.isArray(agent.attribute_structure)
		? (agent.attribute_structure as IDataObject[])
		: [];
	for (const attribute of attributes) {
		if (text(attribute.full_name)) return text(attribute.full_name);
		const code = text(attribute.field_code ?? attribute.code);
		if (code === 'full_name') return text(attribute.value);
	}
	return text(agent.full_name);
}

/**
 * Agents of the tenant (`GET /api/agent/list`), by email: the value is the agent's email
 * (`identify_info`), which Agent → Delete and ticket assignees take.
 */
export const searchAgents = listSearch(
	'/api/agent/list',
	(agent) => {
		const email = text(agent.identify_info ?? agent.email);
		const name = agentName(agent);
		return { name: name && name !== email ? `${name} (${email})` : email, value: email };
	},
	'query',
);

/** "name (detail)", or the one that is there. */
function label(name: string, detail: string): string {
	return name && detail && name !== detail ? `${name} (${detail})` : name || detail;
}

/** An internal phone as a list entry: its SIP user (extension), named with the agent. */
function internalPhoneEntry(phone: IDataObject): INodeListSearchItems {
	const sipUser = text(phone.sip_user);
	const who = label(text(phone.full_name), text(phone.email));
	return { name: who ? `${sipUser}: ${who}` : sipUser, value: sipUser };
}

/**
 * Internal phones (`GET /api/call_center/internal_phone/list`) by SIP user (extension). Their
 * passwords are never read into the list. Also Click to Call's Extension list.
 */
export const searchInternalPhones = listSearch(
	'/api/call_center/internal_phone/list',
	internalPhoneEntry,
	'query',
);

/** A list search over records named by `nameOf`, valued by their ID (`_id`, `id` or `uuid`). */
function searchById(
	url: string,
	nameOf: (record: IDataObject) => string,
	keywordIn: 'query' | 'local' = 'query',
): ListSearch {
	return listSearch(
		url,
		(record) => ({ name: nameOf(record) || recordId(record), value: recordId(record) }),
		keywordIn,
	);
}

/** Internal groups (ring groups) by ID, named with their group number. */
export const searchInternalGroups = searchById('/api/call_center/internal_group/list', (group) =>
	label(text(group.group_name ?? group.name), text(group.group_number)),
);

/** IVR menus (`key-interaction/list`) by ID. */
export const searchIvrMenus = searchById('/api/call_center/key-interaction/list', (menu) =>
	text(menu.script_name ?? menu.name),
);

/** Greetings (audio files) by ID; `greeting/list` takes no keyword, so the filter is local. */
export const searchGreetings = searchById(
	'/api/call_center/greeting/list',
	(greeting) => text(greeting.greeting_name ?? greeting.name),
	'local',
);

/** The most pages the internal-phone dropdown reads (50 phones each). */
const MAX_DROPDOWN_PAGES = 20;

/** Every internal phone, for the multi-value SIP Users fields of internal groups. */
export async function getInternalPhones(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	let token: string | undefined;
	for (let page = 0; page < MAX_DROPDOWN_PAGES; page++) {
		const found = await searchInternalPhones.call(this, '', token);
		options.push(...found.results.map(({ name, value }) => ({ name, value })));
		if (!found.paginationToken) break;
		token = String(found.paginationToken);
	}
	return options;
}

/** Dropdown and list-search methods of the pbx resources (issue 13). */
export const pbxListSearch: Record<string, ListSearch> = {
	searchAgents,
	searchInternalPhones,
	searchInternalGroups,
	searchIvrMenus,
	searchGreetings,
};
export const pbxLoadOptions: Record<
	string,
	(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>
> = { getInternalPhones };

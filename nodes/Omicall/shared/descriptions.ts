import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

export const scriptLocator: INodeProperties = {
	displayName: 'Script',
	name: 'script',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The callbot script to run',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a script...',
			typeOptions: { searchListMethod: 'searchScripts', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 64915bc76a690c0edad14723',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\s*[A-Za-z0-9_-]+\\s*$', errorMessage: 'Not a valid script ID' },
				},
			],
		},
	],
};

/**
 * The Filters collection of a list that takes `keyword`: in the query (agents, internal phones,
 * groups, IVR menus), routed into the JSON body with `send: 'body'` (analysed logs) or, with
 * `inBody`, left to the operation's preSend, which puts it into the POST body (contacts, tickets);
 * `more` adds the list's other filters.
 */
export function keywordFilters(
	show: IDisplayOptions['show'],
	placeholder: string,
	description: string,
	{
		inBody = false,
		send = 'query',
		more = [],
	}: { inBody?: boolean; send?: 'query' | 'body'; more?: INodeProperties[] } = {},
): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Keyword',
				name: 'keyword',
				type: 'string',
				default: '',
				placeholder,
				description,
				...(inBody ? {} : { routing: { send: { type: send, property: 'keyword' } } }),
			},
			...more,
		],
	};
}

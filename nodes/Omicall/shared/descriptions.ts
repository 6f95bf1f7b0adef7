import type { INodeProperties } from 'n8n-workflow';

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

import type { INodeProperties } from 'n8n-workflow';
import { scriptLocator } from '../../shared/descriptions';
import { fillPath } from '../../transport/request';

export const scriptGetDescription: INodeProperties[] = [
	{ ...scriptLocator, displayOptions: { show: { resource: ['script'], operation: ['get'] } } },
];

/** Puts the checked script ID into the URL path (`:id`). */
export const fillScriptId = fillPath({
	token: 'id',
	parameter: 'script',
	label: 'Script',
	fix: 'Choose a script from the list or enter its ID.',
});

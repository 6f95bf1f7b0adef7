import type { INodeProperties } from 'n8n-workflow';
import { simplifyProperties } from '../../../shared/toolMode';
import { scriptLocator } from '../../shared/descriptions';
import { fillPath } from '../../transport/request';

const show = { resource: ['script'], operation: ['get'] };

export const scriptGetDescription: INodeProperties[] = [
	{ ...scriptLocator, displayOptions: { show } },
	...simplifyProperties(show),
];

/**
 * Simplify: what a script is, without its call flow (`nodes`, `connections`: the flow editor's
 * graph, often hundreds of entries) and its AI configuration.
 */
export const SCRIPT_FIELDS = [
	'id',
	'name',
	'type',
	'voice',
	'speed',
	'variables',
	'custom_variables',
	'is_publish',
	'is_draft',
	'is_newest_version',
	'version',
	'created_date',
	'last_updated_date',
	'last_publish_time',
];

/** Puts the checked script ID into the URL path (`:id`). */
export const fillScriptId = fillPath({
	token: 'id',
	parameter: 'script',
	label: 'Script',
	fix: 'Choose a script from the list or enter its ID.',
});

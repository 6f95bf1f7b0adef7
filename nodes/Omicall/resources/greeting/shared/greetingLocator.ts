import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { fillPath } from '../../../transport/request';
import { pbxLocator } from '../../internalPhone/shared/pbx';

/** A greeting (audio file) by ID: From List (searchGreetings) or typed. */
export function greetingLocator(
	name: string,
	displayName: string,
	show: IDisplayOptions['show'],
	description: string,
	required = true,
): INodeProperties {
	return pbxLocator({
		name,
		displayName,
		description,
		searchListMethod: 'searchGreetings',
		listPlaceholder: 'Select a greeting...',
		typed: 'id',
		show,
		required,
	});
}

export const GREETING_FIX = 'Choose a greeting from the list or enter its ID.';

/** Puts the checked greeting ID into the URL path (`:id`). */
export const fillGreetingId = fillPath({
	token: 'id',
	parameter: 'greeting',
	label: 'Greeting',
	fix: GREETING_FIX,
});

import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { pbxLocator } from './pbx';

/** An internal phone (extension), by SIP user: From List (searchInternalPhones) or typed. */
export function internalPhoneLocator(
	name: string,
	displayName: string,
	show: IDisplayOptions['show'],
	description: string,
): INodeProperties {
	return pbxLocator({
		name,
		displayName,
		description,
		searchListMethod: 'searchInternalPhones',
		listPlaceholder: 'Select an internal phone...',
		typed: 'sipUser',
		show,
	});
}

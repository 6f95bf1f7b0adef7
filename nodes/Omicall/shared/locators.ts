import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { fillPath } from '../transport/request';

/** The resource locators several OMICall resources use (agents, internal phones, greetings). */

/**
 * A resource locator of an OMICall record: "From List" (a list-search method of methods/) by
 * default, or the value typed in.
 */
export function listLocator(options: {
	name: string;
	displayName: string;
	description: string;
	searchListMethod: string;
	/** "Select an agent..." */
	listPlaceholder: string;
	/** The typed mode: 'id' (By ID), 'email' (By Email) or 'sipUser' (By SIP User). */
	typed: 'id' | 'email' | 'sipUser';
	/** The typed mode's placeholder, when not the mode's usual example. */
	typedPlaceholder?: string;
	show: IDisplayOptions['show'];
	required?: boolean;
}): INodeProperties {
	const typed = {
		id: { displayName: 'By ID', placeholder: 'e.g. 64915bc76a690c0edad14723' },
		email: { displayName: 'By Email', placeholder: 'e.g. agent@example.com' },
		sipUser: { displayName: 'By SIP User', placeholder: 'e.g. 100' },
	}[options.typed];
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description,
		displayOptions: { show: options.show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: options.listPlaceholder,
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: typed.displayName,
				name: options.typed,
				type: 'string',
				placeholder: options.typedPlaceholder ?? typed.placeholder,
			},
		],
	};
}

/** An agent, by login email (`identify_info`): From List (searchAgents) or typed. */
export function agentLocator(
	name: string,
	show: IDisplayOptions['show'],
	description: string,
	{ displayName = 'Agent', placeholder }: { displayName?: string; placeholder?: string } = {},
): INodeProperties {
	return listLocator({
		name,
		displayName,
		description,
		searchListMethod: 'searchAgents',
		listPlaceholder: 'Select an agent...',
		typed: 'email',
		typedPlaceholder: placeholder,
		show,
	});
}

/** An internal phone (extension), by SIP user: From List (searchInternalPhones) or typed. */
export function internalPhoneLocator(
	name: string,
	displayName: string,
	show: IDisplayOptions['show'],
	description: string,
): INodeProperties {
	return listLocator({
		name,
		displayName,
		description,
		searchListMethod: 'searchInternalPhones',
		listPlaceholder: 'Select an internal phone...',
		typed: 'sipUser',
		show,
	});
}

/** A greeting (audio file) by ID: From List (searchGreetings) or typed. */
export function greetingLocator(
	name: string,
	displayName: string,
	show: IDisplayOptions['show'],
	description: string,
	required = true,
): INodeProperties {
	return listLocator({
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

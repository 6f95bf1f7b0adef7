import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { pbxLocator } from '../../internalPhone/shared/pbx';

/** An agent, by login email (`identify_info`): From List (searchAgents) or typed. */
export function agentLocator(
	name: string,
	show: IDisplayOptions['show'],
	description: string,
): INodeProperties {
	return pbxLocator({
		name,
		displayName: 'Agent',
		description,
		searchListMethod: 'searchAgents',
		listPlaceholder: 'Select an agent...',
		typed: 'email',
		show,
	});
}

import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { callbotResultsProperties } from './polling/description';
import { pollCallbotResults } from './polling/poll';

/**
 * Emits each finished OMICall callbot or auto-call call once, with its outcome, by polling call
 * history (OMICall has no callbot-result webhook). How it works: nodes/Omicall/polling/poll.ts and
 * docs/callbot-results.md.
 */
export class OmicallCallbotResultsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OMICall Callbot Results Trigger',
		name: 'omicallCallbotResultsTrigger',
		icon: { light: 'file:../../icons/omicall.svg', dark: 'file:../../icons/omicall.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["campaignIds"] ? "Campaigns: " + $parameter["campaignIds"] : "All callbot calls"}}',
		description:
			'Starts the workflow with each finished OMICall callbot or auto-call call and its outcome, read from call history',
		defaults: { name: 'OMICall Callbot Results Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'omicallApi', required: true }],
		properties: callbotResultsProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollCallbotResults.call(this);
	}
}

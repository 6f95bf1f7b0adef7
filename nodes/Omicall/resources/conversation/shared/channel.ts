import type { INodeProperties } from 'n8n-workflow';
import { fillPath } from '../../../transport/request';

/** The documented chat channels (an older revision of the page also listed facebook and zalo). */
export const CHANNELS = ['livetalk', 'facebook', 'zalo'];

/** Puts the checked channel into the URL path: only the documented channels are allowed. */
export const fillChannel = fillPath({
	token: 'channel',
	parameter: 'channel',
	label: 'Channel',
	fix: 'Choose the chat channel of the conversation.',
	allowed: CHANNELS,
});

/** The Channel field of Create and Send Message. */
export const channelOption: INodeProperties = {
	displayName: 'Channel',
	name: 'channel',
	type: 'options',
	default: 'livetalk',
	description:
		'The chat source of the customer. OMICall documents LiveTalk; an older revision also listed Facebook and Zalo.',
	options: [
		{ name: 'LiveTalk', value: 'livetalk' },
		{ name: 'Facebook', value: 'facebook' },
		{ name: 'Zalo', value: 'zalo' },
	],
};

import type { INodeProperties } from 'n8n-workflow';

/** Routing that sends a comma-separated text field as an array. */
export function sendList(type: 'query' | 'body', property: string): INodeProperties['routing'] {
	return {
		send: {
			type,
			property,
			value: "={{ String($value ?? '').split(/[,\\n]/).map(v => v.trim()).filter(v => v) }}",
		},
	};
}

export const directionOptions = [
	{ name: 'Inbound', value: 'inbound' },
	{ name: 'Internal', value: 'local' },
	{ name: 'Outbound', value: 'outbound' },
];

export const dispositionOptions = [
	{ name: 'Answered', value: 'answered' },
	{ name: 'Not Answered', value: 'cancelled' },
];

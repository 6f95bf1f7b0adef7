import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** A response body as JSON when it is JSON text (or bytes of it); otherwise as it came. */
export function parseResponseBody(body: unknown): unknown {
	if (Buffer.isBuffer(body)) return parseResponseBody(body.toString('utf8'));
	if (typeof body === 'string' && body.trim()) {
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	return body;
}

/** The Return All and Limit fields of a list operation (routing is added by each node). */
export function returnAllAndLimit(
	show: IDisplayOptions['show'],
): [INodeProperties, INodeProperties] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

import type {
	IDataObject,
	IDisplayOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

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

/**
 * Turns a vendor's payload into n8n items, for both nodes: an array gives one item per element; an
 * element or payload that is not an object (a number, a text, a nested array) becomes `{ value }`.
 */
export function payloadToItems(payload: unknown): INodeExecutionData[] {
	if (payload === undefined || payload === null) return [];
	if (Array.isArray(payload)) {
		return payload.map((entry) => ({
			json:
				typeof entry === 'object' && entry !== null && !Array.isArray(entry)
					? (entry as IDataObject)
					: { value: entry as IDataObject },
		}));
	}
	if (typeof payload === 'object') return [{ json: payload as IDataObject }];
	return [{ json: { value: payload as string } }];
}

import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

/** The SIP-password fields OMICall returns (internal phones, extension detail, agent invite). */
const SECRET_KEYS = ['password', 'sip_password'];

/**
 * The Include SIP Passwords toggle: off by default, and not there at all when an AI agent uses
 * the node as a tool (so an agent never receives a SIP password).
 */
export function sipPasswordProperties(show: IDisplayOptions['show']): INodeProperties[] {
	return [
		{
			displayName: 'Include SIP Passwords',
			name: 'includeSipPasswords',
			type: 'boolean',
			default: false,
			displayOptions: { show, hide: { '@tool': [true] } },
			description:
				'Whether to output the SIP passwords OMICall returns (password, sip_password). Off: they are removed, so they never reach the execution data; turn on only to provision a phone.',
		},
	];
}

function withoutSecrets(value: unknown, depth: number): unknown {
	if (depth > 3 || value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((entry) => withoutSecrets(entry, depth + 1));
	const copy: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		if (SECRET_KEYS.includes(key)) continue;
		copy[key] = withoutSecrets(entry, depth + 1) as IDataObject;
	}
	return copy;
}

/**
 * A postReceive that removes `password` and `sip_password` (at any depth up to 3, e.g.
 * `pbx_account.password`) unless Include SIP Passwords is on.
 */
export async function hideSipPasswords(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('includeSipPasswords', false) === true) return items;
	return items.map((item) => ({ ...item, json: withoutSecrets(item.json, 0) as IDataObject }));
}

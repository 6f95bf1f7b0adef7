import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Whether a key names a password: OMICall returns SIP passwords as `password` (internal phones,
 * agent invite) and `sip_password` (extension detail); any spelling of a key ending in "password"
 * counts (`sipPassword`, `Password`, `SIP-PASSWORD`), and `passwd` and `pwd`.
 */
function isSecretKey(key: string): boolean {
	const name = key.toLowerCase().replace(/[^a-z\d]/g, '');
	return name.endsWith('password') || name === 'passwd' || name === 'pwd';
}

/**
 * How deep the removal looks (far deeper than any OMICall answer). A subtree below it is replaced
 * by a note, never passed on: a password there would otherwise reach the output unseen.
 */
const MAX_DEPTH = 32;
const TOO_DEEP = '[removed: nested too deep to check for SIP passwords]';

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
				'Whether to output the SIP passwords OMICall returns (password, sip_password, any field named like a password, at any depth). Off: they are removed, so they never reach the execution data; turn on only to provision a phone.',
		},
	];
}

function withoutSecrets(value: unknown, depth: number): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (depth >= MAX_DEPTH) return TOO_DEEP;
	if (Array.isArray(value)) return value.map((entry) => withoutSecrets(entry, depth + 1));
	const copy: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		if (isSecretKey(key)) continue;
		copy[key] = withoutSecrets(entry, depth + 1) as IDataObject;
	}
	return copy;
}

/**
 * A postReceive that removes every password field (`isSecretKey`) at any depth, e.g.
 * `pbx_account.password` or `data.items[].pbx_account.sipPassword`, unless Include SIP Passwords
 * is on.
 */
export async function hideSipPasswords(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('includeSipPasswords', false) === true) return items;
	return items.map((item) => ({ ...item, json: withoutSecrets(item.json, 0) as IDataObject }));
}

import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { workflowOnly } from '../../../shared/toolMode';
import { listControls } from '../../transport/pagination';

const show = { resource: ['webhook'], operation: ['getAll'] };

const REDACTED = '[redacted]';

// OMICall answers the whole list at once (a plain array): the Limit cuts it.
export const webhookGetManyDescription: INodeProperties[] = [
	...listControls({ show, maxPageSize: 0, style: 'single' }),
	// Not there at all for AI agents: n8n drops a hidden parameter, so an agent always gets the
	// redacted URLs (the secret would otherwise reach the model provider and the chat).
	workflowOnly({
		displayName: 'Include URL Secrets',
		name: 'includeUrlSecrets',
		type: 'boolean',
		default: false,
		displayOptions: { show },
		description:
			'Whether to output the registered URLs whole, with the values in their query (e.g. the secret an OMICall Trigger registers). Off: every query value reads [redacted] and the names stay (e.g. ?secret=[redacted]), so the secret never reaches the execution data.',
	}),
];

/** A URL-like text: a scheme and `//` (`https://…`). */
const URL_LIKE = /^[a-z][a-z\d+.-]*:\/\//i;

/**
 * `url` with every query value replaced by "[redacted]" (the names stay; a part without `=` may
 * be the secret itself and is replaced whole), the user and password before `@` and the fragment
 * too. Plain text, no parsing: the rest of the URL stays exactly as OMICall wrote it.
 */
export function redactUrl(url: string): string {
	const hashAt = url.indexOf('#');
	const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
	const queryAt = beforeHash.indexOf('?');
	const base = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
	let redacted = base.replace(/^([a-z][a-z\d+.-]*:\/\/)[^/]*@/i, `$1${REDACTED}@`);
	if (queryAt >= 0) {
		const parts = beforeHash.slice(queryAt + 1).split('&');
		redacted += `?${parts
			.map((part) => {
				if (!part) return part;
				const equals = part.indexOf('=');
				return equals < 0 ? REDACTED : `${part.slice(0, equals)}=${REDACTED}`;
			})
			.join('&')}`;
	}
	return hashAt < 0 ? redacted : `${redacted}#${REDACTED}`;
}

/**
 * A postReceive after the list output: unless Include URL Secrets is on, every URL-like text
 * field of each webhook (`url`, and any other spelling OMICall may use) has its query values
 * redacted (`redactUrl`).
 */
export async function hideUrlSecrets(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('includeUrlSecrets', false) === true) return items;
	return items.map((item) => {
		const json: IDataObject = { ...item.json };
		for (const [key, value] of Object.entries(json)) {
			if (typeof value === 'string' && URL_LIKE.test(value)) json[key] = redactUrl(value);
		}
		return { ...item, json };
	});
}

import type { IDataObject, ILoadOptionsFunctions, INodeParameters, INodeType } from 'n8n-workflow';
import { OmicallApi } from '../../credentials/OmicallApi.credentials';
import { Omicall } from '../../nodes/Omicall/Omicall.node';
import { OmicallEmulator, type OmicallEmulatorOptions } from '../../emulators/omicall';
import { TestCredentialsHelper } from '../harness/credentials-helper';
import { loadOptions, runNode, type RunNodeOptions } from '../harness/run-node';

export const TENANT_KEY = 'sandbox-tenant';

export interface OmicallContext {
	emulator: OmicallEmulator;
	credentials: TestCredentialsHelper;
	run: (
		parameters: INodeParameters,
		options?: Partial<Omit<RunNodeOptions, 'nodeType' | 'parameters' | 'credentialTypes'>> & {
			items?: IDataObject[];
		},
	) => ReturnType<typeof runNode>;
	/**
	 * Runs a list search (default) or a loadOptions method of the OMICall node (or `nodeType`)
	 * through n8n-core's LoadOptionsContext, with the node's parameters as given.
	 */
	load: (request: {
		method: string;
		kind?: 'listSearch' | 'loadOptions';
		parameters?: INodeParameters;
		filter?: string;
		/** The page to ask for: n8n's harness passes only the filter, so the node's own method is called through a wrapper that adds it. */
		paginationToken?: string;
		nodeType?: INodeType;
	}) => Promise<unknown>;
}

/** Starts an OMICall emulator and gives a runner for the OMICall node wired to it. */
export async function startOmicall(options: OmicallEmulatorOptions = {}): Promise<OmicallContext> {
	const emulator = new OmicallEmulator({ apiKey: TENANT_KEY, ...options });
	await emulator.start();
	const credentials = new TestCredentialsHelper([new OmicallApi()]);
	credentials.store.set('omicallApi', {
		baseUrl: emulator.url,
		apiKey: TENANT_KEY,
		accessToken: '',
	});
	return {
		emulator,
		credentials,
		run: async (parameters, runOptions = {}) =>
			await runNode({
				nodeType: new Omicall(),
				credentialTypes: [new OmicallApi()],
				credentialsHelper: credentials,
				parameters,
				...runOptions,
			}),
		load: async ({
			method,
			kind = 'listSearch',
			parameters = {},
			filter,
			paginationToken,
			nodeType,
		}) =>
			await loadOptions({
				nodeType: nodeType ?? withPage(new Omicall(), method, paginationToken),
				credentialTypes: [new OmicallApi()],
				credentialsHelper: credentials,
				parameters,
				kind,
				method,
				filter,
			}),
	};
}

/** The node with its list search `method` asking for the page `token` (unchanged without one). */
function withPage(node: Omicall, method: string, token?: string): INodeType {
	if (token === undefined) return node;
	const searches = node.methods.listSearch as Record<
		string,
		(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<unknown>
	>;
	const search = searches[method];
	const listSearch = {
		...node.methods.listSearch,
		[method]: async function (this: ILoadOptionsFunctions, filter?: string) {
			return await search.call(this, filter, token);
		},
	};
	return Object.assign(node, { methods: { ...node.methods, listSearch } });
}

/** The requests the node sent, without the token exchange. */
export function apiRequests(emulator: OmicallEmulator) {
	return emulator.server.received.filter((r) => r.path !== '/api/auth');
}

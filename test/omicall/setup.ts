import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { OmicallApi } from '../../credentials/OmicallApi.credentials';
import { Omicall } from '../../nodes/Omicall/Omicall.node';
import { OmicallEmulator, type OmicallEmulatorOptions } from '../../emulators/omicall';
import { TestCredentialsHelper } from '../harness/credentials-helper';
import { runNode, type RunNodeOptions } from '../harness/run-node';

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
	};
}

/** The requests the node sent, without the token exchange. */
export function apiRequests(emulator: OmicallEmulator) {
	return emulator.server.received.filter((r) => r.path !== '/api/auth');
}

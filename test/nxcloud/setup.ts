import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NxCloudCallbotApi } from '../../credentials/NxCloudCallbotApi.credentials';
import { NxCloudCallbot } from '../../nodes/NxCloudCallbot/NxCloudCallbot.node';
import {
	NXCLOUD_API_PATH,
	NxCloudEmulator,
	type NxCloudEmulatorOptions,
} from '../../emulators/nxcloud';
import type { ReceivedRequest } from '../../emulators/http-server';
import { TestCredentialsHelper } from '../harness/credentials-helper';
import { runNode, type RunNodeOptions } from '../harness/run-node';

export const UUID = 'Vh71ym3yQwWSYZFpqkFwTskGXUbSxDtR';
// The vendor's published sample value, not a real secret.
const SAMPLE_SIGNING_VALUE = 'u7Mf3zUNOkg4lMV9a0E6cHSgIkK22GSr';
export const SIGNING_KEY = SAMPLE_SIGNING_VALUE;

export interface NxContext {
	emulator: NxCloudEmulator;
	credentials: TestCredentialsHelper;
	run: (
		parameters: INodeParameters,
		options?: Partial<Omit<RunNodeOptions, 'nodeType' | 'parameters' | 'credentialTypes'>> & {
			items?: IDataObject[];
		},
	) => ReturnType<typeof runNode>;
}

/**
 * Starts an NXCLOUD emulator (limits: 500 numbers per callList and 500 order IDs per stopOrder,
 * like the one documented limit of listOrderDetail) and gives a runner for the node wired to it.
 */
export async function startNxCloud(
	options: Partial<NxCloudEmulatorOptions> = {},
): Promise<NxContext> {
	const emulator = new NxCloudEmulator({
		uuid: UUID,
		secret: SIGNING_KEY,
		algorithm: 'MD5',
		limits: { callList: 500, orderIDs: 500 },
		...options,
	});
	await emulator.start();
	const credentials = new TestCredentialsHelper([new NxCloudCallbotApi()]);
	credentials.store.set('nxCloudCallbotApi', {
		baseUrl: `${emulator.url}/`,
		uuid: UUID,
		secretKey: SIGNING_KEY,
		algorithm: options.algorithm ?? 'MD5',
	});
	let executions = 0;
	return {
		emulator,
		credentials,
		// Every run is a new execution (its own derived IDs) unless the test names one.
		run: async (parameters, runOptions = {}) =>
			await runNode({
				nodeType: new NxCloudCallbot(),
				credentialTypes: [new NxCloudCallbotApi()],
				credentialsHelper: credentials,
				parameters,
				executionId: `exec-${++executions}`,
				...runOptions,
			}),
	};
}

/** Path of an endpoint. */
export const api = (name: string) => `${NXCLOUD_API_PATH}/${name}`;

/** Requests received, as [endpoint name, parsed body]. */
export function sent(emulator: NxCloudEmulator): Array<[string, IDataObject]> {
	return emulator.received.map((r: ReceivedRequest) => [
		r.path.replace(`${NXCLOUD_API_PATH}/`, ''),
		r.body as IDataObject,
	]);
}

/** Task settings that pass every check: a full createAndCall parameter set. */
export const taskParameters = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'task',
	operation: 'createAndCall',
	sceneId: 'S123',
	taskName: 'Nhắc lịch hẹn',
	routeId: 'R1',
	strategyName: '默认策略',
	maxCall: 2,
	maxRingTime: 30,
	startMode: 'immediately',
	timeZone: 'Asia/Ho_Chi_Minh',
	dialingDays: [1, 2, 3, 4, 5],
	dialingHours: { range: [{ from: '09:00', to: '12:00' }] },
	taskCallbackUrl: 'https://hooks.example.com/nx/task',
	orderCallbackUrl: 'https://hooks.example.com/nx/order',
	callCallbackUrl: 'https://hooks.example.com/nx/call',
	contactsSource: 'items',
	contactPhone: '={{ $json.phone }}',
	...overrides,
});

/** n input items with distinct Vietnamese mobile numbers. */
export function people(n: number, from = 0): IDataObject[] {
	return Array.from({ length: n }, (_, i) => ({
		phone: `+84 9${String(10000000 + from + i).slice(-8)}`,
		name: `Khách ${from + i}`,
		crmId: `CRM-${from + i}`,
	}));
}

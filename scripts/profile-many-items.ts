/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals -- a developer script, not node code */
/**
 * Whole-run wall time of the "many input items → one or a few requests" operations, run through the
 * test harness (n8n-core's WorkflowExecute and RoutingNode) against the local emulators: OMICall
 * Campaign → Start, NXCLOUD Task → Create and Call, and a No Operation node over the same items (n8n's
 * floor). Not a test: it asserts nothing about time. Run it with `node scripts/profile-many-items.mjs`.
 */
import type { IDataObject, IExecuteFunctions, INodeType } from 'n8n-workflow';
import { NxCloudCallbotApi } from '../credentials/NxCloudCallbotApi.credentials';
import { OmicallApi } from '../credentials/OmicallApi.credentials';
import { NxCloudCallbot } from '../nodes/NxCloudCallbot/NxCloudCallbot.node';
import { Omicall } from '../nodes/Omicall/Omicall.node';
import { NxCloudEmulator } from '../emulators/nxcloud';
import { OmicallEmulator } from '../emulators/omicall';
import { TestCredentialsHelper } from '../test/harness/credentials-helper';
import { SIGNING_KEY, UUID } from '../test/nxcloud/setup';
import { runNode } from '../test/harness/run-node';

const count = Number(process.env.ITEMS ?? 10_000);
const repetitions = Number(process.env.REPS ?? 3);
const only = process.env.ONLY ?? '';

const items: IDataObject[] = Array.from({ length: count }, (_, i) => ({
	phone: `+84 9${String(10000000 + i).slice(-8)}`,
	name: `Khách ${i}`,
}));

const noOp: INodeType = {
	description: {
		displayName: 'No Operation',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'n8n No Operation, do nothing',
		defaults: { name: 'No Operation, do nothing' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	},
} as INodeType;

async function main() {
	const omicall = new OmicallEmulator({ apiKey: 'sandbox-tenant' });
	await omicall.start();
	const omicallCredentials = new TestCredentialsHelper([new OmicallApi()]);
	omicallCredentials.store.set('omicallApi', {
		baseUrl: omicall.url,
		apiKey: 'sandbox-tenant',
		accessToken: '',
	});
	// The vendor's published sample values (as in the unit tests), not real credentials.
	const uuid = UUID;
	const secret = SIGNING_KEY;
	const nxcloud = new NxCloudEmulator({
		uuid,
		secret,
		algorithm: 'MD5',
		limits: { callList: Number(process.env.NX_CAPACITY ?? 2000) },
	});
	await nxcloud.start();
	const nxCredentials = new TestCredentialsHelper([new NxCloudCallbotApi()]);
	nxCredentials.store.set('nxCloudCallbotApi', {
		baseUrl: `${nxcloud.url}/`,
		uuid,
		secretKey: secret,
		algorithm: 'MD5',
	});

	let execution = 0;
	const cases: Record<string, () => Promise<{ out: number; requests: number; error?: string }>> = {
		noOp: async () => {
			const result = await runNode({ nodeType: noOp, parameters: {}, items, credentialTypes: [] });
			return { out: result.items.length, requests: 0, error: result.error?.message };
		},
		omicall: async () => {
			omicall.server.clearReceived();
			omicall.campaigns.clear();
			const result = await runNode({
				nodeType: new Omicall(),
				credentialTypes: [new OmicallApi()],
				credentialsHelper: omicallCredentials,
				executionId: `exec-${++execution}`,
				items,
				parameters: {
					resource: 'campaign',
					operation: 'start',
					script: { __rl: true, mode: 'id', value: '653b155db0f7941234567890' },
					contactsSource: 'items',
					contactPhone: '={{ $json.phone }}',
				},
			});
			return {
				out: result.items.length,
				requests: omicall.server.received.length,
				error: result.error?.message,
			};
		},
		nxcloud: async () => {
			nxcloud.received.length = 0;
			const result = await runNode({
				nodeType: new NxCloudCallbot(),
				credentialTypes: [new NxCloudCallbotApi()],
				credentialsHelper: nxCredentials,
				executionId: `exec-${++execution}`,
				items,
				parameters: {
					resource: 'task',
					operation: 'createAndCall',
					sceneId: 'S123',
					taskName: 'Bench',
					routeId: 'R1',
					strategyName: 'default',
					maxCall: 1,
					maxRingTime: 30,
					startMode: 'immediately',
					timeZone: 'Asia/Ho_Chi_Minh',
					dialingDays: [1, 2, 3, 4, 5, 6, 7],
					dialingHours: { range: [{ from: '00:00', to: '23:30' }] },
					contactsSource: 'items',
					contactPhone: '={{ $json.phone }}',
				},
			});
			return {
				out: result.items.length,
				requests: nxcloud.received.length,
				error: result.error?.message,
			};
		},
	};
	const names = Object.keys(cases).filter((name) => !only || only.split(',').includes(name));
	const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
	for (let rep = 0; rep < repetitions; rep++) {
		for (const name of names) {
			const started = performance.now();
			const outcome = await cases[name]();
			const ms = performance.now() - started;
			times[name].push(ms);
			console.log(
				`${name.padEnd(8)} rep ${rep + 1}: ${ms.toFixed(0).padStart(6)} ms, ${outcome.out} items out, ${outcome.requests} requests${outcome.error ? `, ERROR ${outcome.error}` : ''}`,
			);
		}
	}
	const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
	console.log(`\n${count} items, ${repetitions} alternating repetitions (min / median ms):`);
	for (const name of names) {
		const ratio = times.noOp
			? ` (${(median(times[name]) / median(times.noOp)).toFixed(1)}× noOp)`
			: '';
		console.log(
			`  ${name.padEnd(8)} ${Math.min(...times[name]).toFixed(0)} / ${median(times[name]).toFixed(0)}${ratio}`,
		);
	}
	if (times.omicall && times.nxcloud)
		console.log(
			`  nxcloud / omicall: ${(median(times.nxcloud) / median(times.omicall)).toFixed(2)}`,
		);
	console.log(`  peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
	await omicall.stop();
	await nxcloud.stop();
}

void main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);

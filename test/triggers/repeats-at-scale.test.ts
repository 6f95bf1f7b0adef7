import { ObservableObject, type IDataObject, type INodeParameters } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NxCloudCallbotApi } from '../../credentials/NxCloudCallbotApi.credentials';
import { OmicallApi } from '../../credentials/OmicallApi.credentials';
import { OmicallWebhookApi } from '../../credentials/OmicallWebhookApi.credentials';
import { NxCloudCallbotTrigger } from '../../nodes/NxCloudCallbot/NxCloudCallbotTrigger.node';
import { OmicallTrigger } from '../../nodes/Omicall/OmicallTrigger.node';
import { deliveryDigest } from '../../nodes/shared/crypto';
import {
	PERSISTED_REPEATS_KEY,
	PERSISTED_REPEAT_CEILING,
	checkPersistedDelivery,
	persistedDeliveries,
} from '../../nodes/shared/webhook/persistedRepeats';
import { forgetDeliveries } from '../../nodes/shared/webhook/repeats';
import { NxCloudEmulator, type NxSignedCallback } from '../../emulators/nxcloud';
import { computeSign } from '../../emulators/nxcloud/signing';
import { captureLogs, type CapturedLogs } from '../harness/capture-logs';
import { WebhookHarness, type WebhookDelivery } from '../harness/run-webhook';

/**
 * Repeat suppression across n8n processes and restarts (docs/repeats-at-scale.md), through the
 * triggers' webhook() with raw bodies.
 *
 * What n8n does around a production webhook is modelled in a few lines (LiveWebhooks.executeWebhook
 * and WorkflowStaticDataService.saveStaticData, n8n 1.123 and 2.41): each request loads the
 * workflow's static data from the database row into a new Workflow, runs webhook(), and writes the
 * whole static data back only when it changed (`__dataChanged`). A webhook process is modelled by
 * the repeat memory (module state of this test process): `otherProcess()` forgets it, as a
 * different process or a restarted one would not have it.
 */

const UUID = 'Vh71ym3yQwWSYZFpqkFwTskGXUbSxDtR';
const SECRET = 'dummy-nxcloud-secret-key-0001';
const REPLY = { retCode: 0, retMsg: 'success' };
const NODE_KEY = 'node:NXCLOUD Callbot Trigger';

/** The workflow's row in n8n's database, as far as static data goes. */
class WorkflowRow {
	staticData = '{}';
	writes = 0;
}

/** A trigger in a fresh Workflow with the row's static data, as a webhook request loads it. */
function load(row: WorkflowRow, harness: WebhookHarness): WebhookHarness {
	harness.workflow.staticData = ObservableObject.create(
		JSON.parse(row.staticData) as IDataObject,
		undefined,
		{ ignoreEmptyOnFirstChild: true },
	);
	return harness;
}

/** After the node answered: n8n saves the static data only if it changed. */
function save(row: WorkflowRow, harness: WebhookHarness): void {
	if (harness.workflow.staticData.__dataChanged !== true) return;
	row.staticData = JSON.stringify(harness.workflow.staticData);
	row.writes++;
}

function nxTrigger(parameters: INodeParameters = {}, mode?: 'manual') {
	return new WebhookHarness({
		nodeType: new NxCloudCallbotTrigger(),
		credentialTypes: [new NxCloudCallbotApi()],
		credentials: {
			nxCloudCallbotApi: {
				baseUrl: 'https://nxbot.nxcloud.com',
				uuid: UUID,
				secretKey: SECRET,
				algorithm: 'MD5',
			},
		},
		parameters,
		mode,
	});
}

function callPayload(callID: string, extra: IDataObject = {}): IDataObject {
	return {
		callbackType: 3,
		orderID: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
		userPhone: '8613800000000',
		userTaskID: '6f1c2a9e0b8d4c1f9e3a5b7c9d1e2f30',
		other: 'crm-42',
		callInfoDetail: { callID, callStatus: 1, callDuration: 60 },
		...extra,
	};
}

const platform = () =>
	new NxCloudEmulator({ uuid: UUID, secret: SECRET, algorithm: 'MD5', now: () => Date.now() });

/** One production request to a webhook process: load, webhook(), save. */
async function request(
	row: WorkflowRow,
	callback: NxSignedCallback,
	parameters: INodeParameters = {},
): Promise<WebhookDelivery> {
	const harness = load(row, nxTrigger(parameters));
	const delivery = await harness.deliver({ headers: callback.headers, body: callback.rawBody });
	save(row, harness);
	return delivery;
}

/** The next request goes to another webhook process (or to this one after a restart). */
const otherProcess = () => forgetDeliveries();

function expectStarted(delivery: WebhookDelivery): IDataObject {
	expect(delivery.thrown).toBeUndefined();
	expect(delivery.status).toBe(200);
	expect(delivery.started).toBe(true);
	expect(delivery.items).toHaveLength(1);
	return delivery.items[0].json;
}

function expectRepeat(delivery: WebhookDelivery) {
	expect(delivery.thrown).toBeUndefined();
	expect(delivery.status).toBe(200);
	expect(delivery.body).toEqual(REPLY);
	expect(delivery.started).toBe(false);
	expect(delivery.items).toEqual([]);
}

function storedKeys(row: WorkflowRow): Record<string, number> {
	const data = JSON.parse(row.staticData) as Record<string, IDataObject>;
	return (data[NODE_KEY]?.[PERSISTED_REPEATS_KEY] ?? {}) as Record<string, number>;
}

let logs: CapturedLogs;
beforeEach(() => {
	forgetDeliveries();
	logs = captureLogs();
});
afterEach(() => {
	logs.restore();
	vi.useRealTimers();
});

describe('Repeat suppression across webhook processes and restarts (workflow static data)', () => {
	it('(a) the same signed callback delivered again to another webhook process starts nothing', async () => {
		const row = new WorkflowRow();
		const callback = platform().signedCallback('call', callPayload('c-1'));
		const json = expectStarted(await request(row, callback));
		expect(row.writes).toBe(1);

		otherProcess();
		expectRepeat(await request(row, callback));
		// The repeat wrote nothing: only a new delivery saves the static data.
		expect(row.writes).toBe(1);
		// Stored compactly: the delivery key (hex) as base64url, with its first arrival in seconds.
		const key = Buffer.from(String((json._trigger as IDataObject).deliveryKey), 'hex').toString(
			'base64url',
		);
		expect(Object.keys(storedKeys(row))).toEqual([key]);
	});

	it('(b) a restart (memory forgotten, static data kept) still drops the repeat; OMICall too', async () => {
		const row = new WorkflowRow();
		const callback = platform().signedCallback('call', callPayload('c-1'));
		expectStarted(await request(row, callback));
		otherProcess();
		expectRepeat(await request(row, callback));

		const omicallRow = new WorkflowRow();
		const omicall = () =>
			load(
				omicallRow,
				new WebhookHarness({
					nodeType: new OmicallTrigger(),
					credentialTypes: [new OmicallApi(), new OmicallWebhookApi()],
					parameters: { events: ['chatMessage'], secret: 'dummy-omicall-webhook-secret-0001' },
					typeVersion: 1,
				}),
			);
		const body = JSON.stringify({
			uuid: 'm-1',
			conv_uuid: 'c-1',
			member_type: 'bot',
			content: 'Hi',
		});
		const post = async () => {
			const harness = omicall();
			const delivery = await harness.deliver({
				headers: { 'content-type': 'application/json' },
				query: { secret: 'dummy-omicall-webhook-secret-0001' },
				body,
			});
			save(omicallRow, harness);
			return delivery;
		};
		expectStarted(await post());
		otherProcess();
		const again = await post();
		expect(again.status).toBe(200);
		expect(again.started).toBe(false);
	});

	it('(c) a distinct event with the same requestID but another body and signature is not suppressed', async () => {
		const row = new WorkflowRow();
		const emulator = platform();
		const first = emulator.signedCallback('call', callPayload('c-1'));
		expectStarted(await request(row, first));

		// The same requestID and createTs, another body, signed as NXCLOUD would sign it.
		const rawBody = JSON.stringify(callPayload('c-1', { other: 'crm-43' }));
		const { requestID, createTs } = first.headers;
		const distinct: NxSignedCallback = {
			kind: 'call',
			rawBody,
			headers: {
				...first.headers,
				sign: computeSign('MD5', SECRET, rawBody, createTs, requestID, UUID),
			},
		};
		otherProcess();
		expect(expectStarted(await request(row, distinct)).other).toBe('crm-43');
		// The same call re-sent with a new requestID is a new delivery as well.
		otherProcess();
		expectStarted(await request(row, emulator.signedCallback('call', callPayload('c-1'))));
		expect(Object.keys(storedKeys(row))).toHaveLength(3);
		// And each of them, sent again to yet another process, is a repeat.
		otherProcess();
		expectRepeat(await request(row, distinct));
	});

	it('(d) keeps at most Remembered Deliveries keys, the oldest dropped first, and forgets them after the window', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
		const row = new WorkflowRow();
		const emulator = platform();
		// Tolerance off, so that only the options bound the memory.
		const parameters = { options: { repeatMaxEntries: 3, repeatWindow: 60, maxAge: 0 } };
		const callbacks = ['a', 'b', 'c', 'd'].map((id) =>
			emulator.signedCallback('call', callPayload(id)),
		);
		for (const [index, callback] of callbacks.entries()) {
			vi.setSystemTime(new Date(Date.UTC(2026, 0, 1, 0, 0, index)));
			expectStarted(await request(row, callback, parameters));
		}
		expect(Object.keys(storedKeys(row))).toHaveLength(3);
		// 'a' was dropped from static data to make room: another process lets it through.
		otherProcess();
		expectStarted(await request(row, callbacks[0], parameters));
		otherProcess();
		expectRepeat(await request(row, callbacks[3], parameters));

		// 61 s after 'd' arrived: every key has left the window, and the next write drops them.
		vi.setSystemTime(new Date('2026-01-01T00:01:05Z'));
		otherProcess();
		expectStarted(await request(row, callbacks[3], parameters));
		expect(Object.keys(storedKeys(row))).toHaveLength(1);
	});

	it('(e) with Drop Repeated Deliveries off nothing is written; with Remember Across Restarts off only memory is used', async () => {
		const row = new WorkflowRow();
		const callback = platform().signedCallback('call', callPayload('c-1'));
		const off = { options: { dropRepeats: false } };
		expectStarted(await request(row, callback, off));
		expectStarted(await request(row, callback, off));
		expect(row.writes).toBe(0);
		expect(row.staticData).toBe('{}');

		const memoryOnly = { options: { persistRepeats: false } };
		expectStarted(await request(row, callback, memoryOnly));
		expectRepeat(await request(row, callback, memoryOnly));
		expect(row.writes).toBe(0);
		// A restart forgets it, as before this layer existed.
		otherProcess();
		expectStarted(await request(row, callback, memoryOnly));
	});

	it('test URLs (manual mode) use the memory only: n8n does not save their static data', async () => {
		const harness = nxTrigger({}, 'manual');
		const callback = platform().signedCallback('call', callPayload('c-1'));
		expectStarted(await harness.deliver({ headers: callback.headers, body: callback.rawBody }));
		expect(harness.workflow.staticData.__dataChanged).not.toBe(true);
		expectRepeat(await harness.deliver({ headers: callback.headers, body: callback.rawBody }));
	});

	it('keeps what else the node stores in its static data (OMICall keeps its registration there)', async () => {
		const row = new WorkflowRow();
		row.staticData = JSON.stringify({
			global: { counter: 7 },
			[NODE_KEY]: {
				omicallWebhookRegistration: { url: 'https://n8n.example.com/x', previous: [] },
			},
		});
		expectStarted(await request(row, platform().signedCallback('call', callPayload('c-1'))));
		const data = JSON.parse(row.staticData) as Record<string, IDataObject>;
		expect(data.global).toEqual({ counter: 7 });
		expect(data[NODE_KEY].omicallWebhookRegistration).toEqual({
			url: 'https://n8n.example.com/x',
			previous: [],
		});
		expect(Object.keys(storedKeys(row))).toHaveLength(1);
	});
});

describe('What static data cannot do: copies that race (documented limits)', () => {
	it('two copies whose requests overlap (both read before either writes) both start', async () => {
		const row = new WorkflowRow();
		const callback = platform().signedCallback('call', callPayload('c-1'));
		// Process A and process B load the row before either saves.
		const a = load(row, nxTrigger());
		const b = load(row, nxTrigger());
		expectStarted(await a.deliver({ headers: callback.headers, body: callback.rawBody }));
		otherProcess();
		expectStarted(await b.deliver({ headers: callback.headers, body: callback.rawBody }));
		save(row, a);
		save(row, b);
		// The next copy, to a third process, is dropped.
		otherProcess();
		expectRepeat(await request(row, callback));
	});

	it('two overlapping requests with different keys: the last write wins and the other key is lost', async () => {
		const row = new WorkflowRow();
		const emulator = platform();
		const one = emulator.signedCallback('call', callPayload('c-1'));
		const two = emulator.signedCallback('call', callPayload('c-2'));
		const a = load(row, nxTrigger());
		const b = load(row, nxTrigger());
		expectStarted(await a.deliver({ headers: one.headers, body: one.rawBody }));
		expectStarted(await b.deliver({ headers: two.headers, body: two.rawBody }));
		save(row, a);
		save(row, b);
		expect(Object.keys(storedKeys(row))).toHaveLength(1);
		// A repeat of c-1 in another process is not caught here: downstream idempotency (or the
		// examples' Remove Duplicates node) has to.
		otherProcess();
		expectStarted(await request(row, one));
		otherProcess();
		expectRepeat(await request(row, two));
	});
});

describe('checkPersistedDelivery', () => {
	const window = { windowSeconds: 10, maxEntries: 3 };
	const key = (n: number) => deliveryDigest(['k', String(n)]);

	it('remembers a key for the window, counted from the first arrival, and writes only new keys', () => {
		const data: IDataObject = {};
		expect(checkPersistedDelivery(data, key(1), window, 0)).toBe('new');
		const written = data[PERSISTED_REPEATS_KEY];
		expect(checkPersistedDelivery(data, key(1), window, 9_999)).toBe('repeat');
		expect(data[PERSISTED_REPEATS_KEY]).toBe(written);
		expect(checkPersistedDelivery(data, key(1), window, 10_000)).toBe('new');
	});

	it('drops the oldest beyond maxEntries, except keys inside the protected window', () => {
		const data: IDataObject = {};
		for (let n = 0; n < 5; n++) checkPersistedDelivery(data, key(n), window, n * 1000);
		expect(persistedDeliveries(data)).toBe(3);
		expect(checkPersistedDelivery(data, key(0), window, 5_000)).toBe('new');

		const protectedData: IDataObject = {};
		const guarded = { ...window, protectSeconds: 10 };
		for (let n = 0; n < 5; n++) checkPersistedDelivery(protectedData, key(n), guarded, n * 1000);
		expect(persistedDeliveries(protectedData)).toBe(5);
		expect(checkPersistedDelivery(protectedData, key(0), guarded, 5_000)).toBe('repeat');
	});

	it('never holds more than PERSISTED_REPEAT_CEILING keys, protected or not', () => {
		const big = { windowSeconds: 600, maxEntries: 100_000, protectSeconds: 600 };
		// As many keys as the ceiling, all inside the protected window (e.g. written by an earlier
		// version or a lowered ceiling: one more is still added, the oldest dropped).
		const stored: IDataObject = {};
		for (let n = 0; n < PERSISTED_REPEAT_CEILING + 5; n++) stored[`k${n}`] = 1_000 + n / 1e6;
		const data: IDataObject = { [PERSISTED_REPEATS_KEY]: stored };
		const started = performance.now();
		expect(checkPersistedDelivery(data, key(1), big, 1_000_000)).toBe('new');
		const ms = performance.now() - started;
		expect(persistedDeliveries(data)).toBe(PERSISTED_REPEAT_CEILING);
		const kept = Object.keys(data[PERSISTED_REPEATS_KEY] as IDataObject);
		expect(kept).not.toContain('k0');
		expect(kept).toContain(`k${PERSISTED_REPEAT_CEILING + 4}`);
		// One check at the ceiling costs milliseconds, not seconds.
		expect(ms).toBeLessThan(500);
		// Each real key costs under 60 bytes of JSON.
		const real: IDataObject = {};
		for (let n = 0; n < 100; n++) checkPersistedDelivery(real, key(n), big, 1_000_000);
		expect(JSON.stringify(real).length).toBeLessThan(100 * 60);
	});

	it('ignores what is not a key in the stored object, and tells distinct keys apart', () => {
		const data: IDataObject = { [PERSISTED_REPEATS_KEY]: { junk: 'x', other: null } };
		expect(checkPersistedDelivery(data, key(1), window, 0)).toBe('new');
		expect(checkPersistedDelivery(data, key(2), window, 0)).toBe('new');
		expect(persistedDeliveries(data)).toBe(2);
		// Keys that are not digests are hashed, never confused with one another.
		expect(checkPersistedDelivery(data, 'a', window, 0)).toBe('new');
		expect(checkPersistedDelivery(data, 'b', window, 0)).toBe('new');
		expect(checkPersistedDelivery(data, 'a', window, 1)).toBe('repeat');
	});
});

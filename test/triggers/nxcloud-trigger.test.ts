import { createHash } from 'node:crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NxCloudCallbotApi } from '../../credentials/NxCloudCallbotApi.credentials';
import { NxCloudCallbotTrigger } from '../../nodes/NxCloudCallbot/NxCloudCallbotTrigger.node';
import { BUSY_MESSAGE } from '../../nodes/shared/webhook/answers';
import {
	REPEAT_HARD_CEILING,
	checkDelivery,
	forgetDeliveries,
	rememberedDeliveries,
} from '../../nodes/shared/webhook/repeats';
import { NxCloudEmulator, type NxAlgorithm, type NxSignedCallback } from '../../emulators/nxcloud';
import { captureLogs, type CapturedLogs } from '../harness/capture-logs';
import { WebhookHarness, type WebhookDelivery } from '../harness/run-webhook';

const UUID = 'Vh71ym3yQwWSYZFpqkFwTskGXUbSxDtR';
const SECRET = 'dummy-nxcloud-secret-key-0001';
const REPLY = { retCode: 0, retMsg: 'success' };
const JSON_TYPE = { 'content-type': 'application/json' };
const UNAUTHORIZED = { retCode: 6, retMsg: 'signature verification failed' };

/** Payloads as the NXCLOUD callback pages show them (call callbackType 3, order 2, task 1 unless given). */
function callPayload(callID = 'c-0001', overrides: IDataObject = {}): IDataObject {
	return {
		callbackType: 3,
		orderID: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
		userPhone: '8613800000000',
		userName: '',
		sceneID: 'S123',
		userTaskID: '6f1c2a9e0b8d4c1f9e3a5b7c9d1e2f30',
		taskID: 'T9876',
		finish: true,
		other: 'crm-42',
		callInfoDetail: {
			callID,
			callingNumber: '8675500000000',
			lineAddress: '10.0.0.1',
			callStatus: 1,
			callStartTs: 1700000000,
			callAnswerTs: 1700000008,
			callEndTs: 1700000068,
			callDuration: 60,
			callAudioUrl: 'https://example.com/rec/c-0001.wav',
			hangupCause: 'NORMAL_CLEARING',
			termSipCode: '200',
			intents: [{ intentID: 'I1', intentTag: '', intentName: 'interested', intentLevel: 1 }],
			sms: [],
			params: [{ name: 'name', value: 'Li' }],
		},
		...overrides,
	};
}

function orderPayload(overrides: IDataObject = {}): IDataObject {
	const payload = callPayload('c-0002', { callbackType: 2, ...overrides });
	const detail = { ...(payload.callInfoDetail as IDataObject) };
	delete detail.callingNumber;
	delete detail.lineAddress;
	return { ...payload, callInfoDetail: detail };
}

function taskPayload(overrides: IDataObject = {}): IDataObject {
	return {
		callbackType: 1,
		userTaskID: '6f1c2a9e0b8d4c1f9e3a5b7c9d1e2f30',
		taskID: 'T9876',
		sceneID: 'S123',
		taskStatus: 3,
		createTs: 1700000000,
		taskStat: {
			answerOrderCount: 1,
			finishOrderCount: 1,
			totalOrderCount: 1,
			finishRate: 1,
			totalAnswerCall: 1,
			totalCall: 1,
			answerRate: 1,
		},
		...overrides,
	};
}

interface Setup {
	parameters?: INodeParameters;
	credential?: { uuid?: string; secretKey?: string; algorithm?: NxAlgorithm };
	nodeId?: string;
}

function trigger({ parameters = {}, credential = {}, nodeId }: Setup = {}) {
	return new WebhookHarness({
		nodeType: new NxCloudCallbotTrigger(),
		credentialTypes: [new NxCloudCallbotApi()],
		credentials: {
			nxCloudCallbotApi: {
				baseUrl: 'https://nxbot.nxcloud.com',
				uuid: UUID,
				secretKey: SECRET,
				algorithm: 'MD5',
				...credential,
			},
		},
		parameters,
		nodeId,
	});
}

/** NXCLOUD's side: signs callbacks with the account's secret and algorithm (its own formula copy). */
function platform(
	options: { secret?: string; algorithm?: NxAlgorithm; uuid?: string; skewSeconds?: number } = {},
) {
	return new NxCloudEmulator({
		uuid: options.uuid ?? UUID,
		secret: options.secret ?? SECRET,
		algorithm: options.algorithm ?? 'MD5',
		now: () => Date.now() + (options.skewSeconds ?? 0) * 1000,
	});
}

function send(
	harness: WebhookHarness,
	callback: NxSignedCallback,
	extra: {
		query?: Record<string, string>;
		headers?: Record<string, string>;
		body?: string | Buffer;
	} = {},
): Promise<WebhookDelivery> {
	return harness.deliver({
		headers: { ...callback.headers, ...extra.headers },
		query: extra.query,
		body: extra.body ?? callback.rawBody,
	});
}

function expectRefused(delivery: WebhookDelivery, status = 401) {
	expect(delivery.thrown).toBeUndefined();
	expect(delivery.status).toBe(status);
	expect(delivery.answeredByNode).toBe(true);
	expect(delivery.started).toBe(false);
	expect(delivery.items).toEqual([]);
}

function expectStarted(delivery: WebhookDelivery): IDataObject {
	expect(delivery.thrown).toBeUndefined();
	expect(delivery.status).toBe(200);
	expect(delivery.started).toBe(true);
	expect(delivery.items).toHaveLength(1);
	return delivery.items[0].json;
}

/** The repeat memory scope of `trigger()`: the harness's workflow, node and production mode. */
const SCOPE = 'wf-trigger-test|7d1f0c2e-0000-4000-8000-00000000beef|webhook';

let logs: CapturedLogs;
beforeEach(() => {
	forgetDeliveries();
	logs = captureLogs();
});
afterEach(() => logs.restore());

describe('NXCLOUD Callbot Trigger: valid callbacks', () => {
	it('starts on a call callback, names the event and answers the reply body at once', async () => {
		const harness = trigger();
		const delivery = await send(harness, platform().signedCallback('call', callPayload()));
		const json = expectStarted(delivery);
		expect(delivery.body).toEqual(REPLY);
		// Answered by the trigger itself: with a workflow to start, n8n would send "firstEntryJson".
		expect(delivery.answeredByNode).toBe(true);
		expect(json).toMatchObject({ ...callPayload(), event: 'callFinished', callbackType: 3 });
		expect(new Date(String(json.receivedAt)).toISOString()).toBe(json.receivedAt);
		expect(json.headers).toBeUndefined();
	});

	it('starts on an order callback and turns callbackType "1" (a string) into a number', async () => {
		const harness = trigger();
		const json = expectStarted(
			await send(harness, platform().signedCallback('order', orderPayload({ callbackType: '1' }))),
		);
		expect(json.event).toBe('orderCompleted');
		expect(json.callbackType).toBe(1);

		const numbered = expectStarted(
			await send(harness, platform().signedCallback('order', orderPayload({ orderID: 'o-2' }))),
		);
		expect(numbered).toMatchObject({ event: 'orderCompleted', callbackType: 2 });
	});

	it('starts on a task status callback', async () => {
		const json = expectStarted(
			await send(trigger(), platform().signedCallback('task', taskPayload())),
		);
		expect(json).toMatchObject({ event: 'taskStatusChanged', callbackType: 1, taskStatus: 3 });
		expect(json.taskStat).toMatchObject({ totalCall: 1 });
	});

	it('uses the ?kind= of the URL to tell call and order callbacks apart', async () => {
		const ambiguous = callPayload('c-9', { callbackType: 1 });
		// The same callback several times: repeats are not dropped here.
		const harness = trigger({ parameters: { options: { dropRepeats: false } } });
		const asOrder = expectStarted(
			await send(harness, platform().signedCallback('order', ambiguous), {
				query: { kind: 'order' },
			}),
		);
		expect(asOrder.event).toBe('orderCompleted');
		const asCall = expectStarted(
			await send(harness, platform().signedCallback('call', ambiguous), {
				query: { kind: 'call' },
			}),
		);
		expect(asCall.event).toBe('callFinished');
		// Without a hint, callbackType 1 with callInfoDetail is a call callback (the documented example).
		const plain = expectStarted(await send(harness, platform().signedCallback('call', ambiguous)));
		expect(plain.event).toBe('callFinished');
		// A hint that contradicts the payload does not win: a task callback stays a task callback.
		const task = expectStarted(
			await send(harness, platform().signedCallback('task', taskPayload()), {
				query: { kind: 'call' },
			}),
		);
		expect(task.event).toBe('taskStatusChanged');
	});

	it('verifies SHA256 signatures when the credential says SHA256', async () => {
		const harness = trigger({ credential: { algorithm: 'SHA256' } });
		const callback = platform({ algorithm: 'SHA256' }).signedCallback('call', callPayload());
		expect(callback.headers.sign).toHaveLength(64);
		expectStarted(await send(harness, callback));
	});

	it('verifies over the raw bytes: spacing, key order and non-ASCII text as sent', async () => {
		const raw =
			'{ "callbackType" : 3, "orderID":"o-1", "userName":"默认策略 \\u9ed8",\n "callInfoDetail": {"callID":"c-raw"} }';
		const json = expectStarted(await send(trigger(), platform().signedCallback('call', raw)));
		expect(json).toMatchObject({ event: 'callFinished', userName: '默认策略 默', orderID: 'o-1' });
	});

	it('accepts a signed 1 MB callback', async () => {
		const big = 'x'.repeat(1024 * 1024);
		const callback = platform().signedCallback('call', callPayload('c-big', { other: big }));
		expect(callback.rawBody.length).toBeGreaterThan(1024 * 1024);
		const json = expectStarted(await send(trigger(), callback));
		expect(json.other).toBe(big);
	});

	it('adds the request headers to the output only when asked', async () => {
		const callback = platform().signedCallback('call', callPayload());
		const json = expectStarted(
			await send(trigger({ parameters: { options: { includeHeaders: true } } }), callback),
		);
		expect(json.headers).toMatchObject({
			sign: callback.headers.sign,
			requestid: callback.headers.requestID,
			'content-type': 'application/json',
		});
	});

	it('answers with the configured reply body (JSON, plain text, or an object from an expression)', async () => {
		const json = trigger({ parameters: { options: { replyBody: '{"code":0,"msg":"ok"}' } } });
		const asJson = await send(json, platform().signedCallback('call', callPayload()));
		expect(asJson.body).toEqual({ code: 0, msg: 'ok' });
		const text = trigger({ parameters: { options: { replyBody: 'OK' } } });
		const asText = await send(text, platform().signedCallback('call', callPayload()));
		expect(asText.body).toBe('OK');
		const expression = trigger({ parameters: { options: { replyBody: '={{ { "ok": true } }}' } } });
		const asObject = await send(expression, platform().signedCallback('call', callPayload()));
		expect(asObject.body).toEqual({ ok: true });
	});
});

describe('NXCLOUD Callbot Trigger: signature verification', () => {
	it('refuses a body changed after signing', async () => {
		const harness = trigger();
		const callback = platform().signedCallback('call', callPayload());
		const tampered = callback.rawBody.replace('"finish":true', '"finish":false');
		expect(tampered).not.toBe(callback.rawBody);
		const delivery = await send(harness, callback, { body: tampered });
		expectRefused(delivery);
		expect(delivery.body).toEqual(UNAUTHORIZED);
		// Even one added space counts as a change.
		expectRefused(await send(harness, callback, { body: `${callback.rawBody} ` }));
		// The untouched callback passes.
		expectStarted(await send(harness, callback));
	});

	it('refuses a wrong signature, including one of another length', async () => {
		const harness = trigger();
		const callback = platform().signedCallback('call', callPayload());
		const last = callback.headers.sign.slice(-1);
		const flipped = callback.headers.sign.slice(0, -1) + (last === 'A' ? 'B' : 'A');
		expectRefused(await send(harness, callback, { headers: { sign: flipped } }));
		expectRefused(await send(harness, callback, { headers: { sign: 'ABC' } }));
		expectRefused(
			await send(harness, callback, { headers: { sign: `${callback.headers.sign}00` } }),
		);
	});

	it('refuses a callback without sign, createTs, requestID or uuid', async () => {
		const harness = trigger();
		for (const header of ['sign', 'createTs', 'requestID', 'uuid']) {
			const callback = platform().signedCallback('call', callPayload());
			delete callback.headers[header];
			expectRefused(await send(harness, callback));
		}
		expectRefused(
			await harness.deliver({ headers: JSON_TYPE, body: JSON.stringify(callPayload()) }),
		);
	});

	it('refuses a createTs outside the window (default 300 s), in the past or the future', async () => {
		const harness = trigger();
		expectRefused(
			await send(harness, platform({ skewSeconds: -400 }).signedCallback('call', callPayload())),
		);
		expectRefused(
			await send(harness, platform({ skewSeconds: 400 }).signedCallback('call', callPayload())),
		);
		expectStarted(
			await send(harness, platform({ skewSeconds: -280 }).signedCallback('call', callPayload())),
		);
	});

	it('refuses a createTs that is not Unix seconds, even correctly signed', async () => {
		const emulator = platform();
		const callback = emulator.signedCallback('call', callPayload());
		const createTs = `${callback.headers.createTs}.5`;
		const sign = createHash('md5')
			.update(
				`${SECRET}&body=${callback.rawBody}&createTs=${createTs}&requestID=${callback.headers.requestID}&uuid=${UUID}`,
			)
			.digest('hex')
			.toUpperCase();
		expectRefused(await send(trigger(), callback, { headers: { createTs, sign } }));
	});

	it('uses the configured tolerance; 0 turns the time check off', async () => {
		const old = platform({ skewSeconds: -120 });
		expectRefused(
			await send(
				trigger({ parameters: { options: { maxAge: 60 } } }),
				old.signedCallback('call', callPayload()),
			),
		);
		const ancient = platform({ skewSeconds: -86_400 }).signedCallback('call', callPayload());
		expectStarted(await send(trigger({ parameters: { options: { maxAge: 0 } } }), ancient));
	});

	it('refuses a callback signed with another secret', async () => {
		const callback = platform({ secret: 'another-secret-of-the-same-size!' }).signedCallback(
			'call',
			callPayload(),
		);
		expectRefused(await send(trigger(), callback));
	});

	it('refuses a callback signed with the other algorithm', async () => {
		const sha = platform({ algorithm: 'SHA256' }).signedCallback('call', callPayload());
		expectRefused(await send(trigger({ credential: { algorithm: 'MD5' } }), sha));
		const md5 = platform({ algorithm: 'MD5' }).signedCallback('call', callPayload());
		expectRefused(await send(trigger({ credential: { algorithm: 'SHA256' } }), md5));
	});

	it('refuses a uuid header that is not the credential UUID, unless the check is off', async () => {
		const foreign = platform({ uuid: 'someone-else-0000000000000000000' }).signedCallback(
			'call',
			callPayload(),
		);
		expectRefused(await send(trigger(), foreign));
		expectStarted(await send(trigger({ parameters: { options: { checkUuid: false } } }), foreign));
	});

	it('refuses everything when the credential has no secret key', async () => {
		const callback = platform({ secret: '' }).signedCallback('call', callPayload());
		expectRefused(await send(trigger({ credential: { secretKey: '' } }), callback));
	});

	it('never puts the secret into the answer, the output or the log', async () => {
		const harness = trigger({ parameters: { options: { includeHeaders: true } } });
		const refused = await send(
			harness,
			platform({ secret: 'wrong' }).signedCallback('call', callPayload()),
		);
		const accepted = await send(harness, platform().signedCallback('call', callPayload()));
		const seen = JSON.stringify([refused.body, accepted.body, accepted.items, logs.lines()]);
		expect(logs.lines().join('\n')).toContain('the sign does not match');
		expect(seen).not.toContain(SECRET);
	});
});

describe('NXCLOUD Callbot Trigger: events, repeats and bodies', () => {
	it('acknowledges callbacks of unselected events without starting anything', async () => {
		const harness = trigger({ parameters: { events: ['callFinished'] } });
		const delivery = await send(harness, platform().signedCallback('task', taskPayload()));
		expect(delivery.thrown).toBeUndefined();
		expect(delivery.status).toBe(200);
		expect(delivery.body).toEqual(REPLY);
		expect(delivery.started).toBe(false);
		expectStarted(await send(harness, platform().signedCallback('call', callPayload())));
	});

	it('starts on an unrecognized signed payload only when Other is selected', async () => {
		const odd = { callbackType: 9, hello: 'world' };
		const off = await send(trigger(), platform().signedCallback('call', odd));
		expect(off.started).toBe(false);
		expect(off.status).toBe(200);
		const on = trigger({ parameters: { events: ['other'] } });
		expect(expectStarted(await send(on, platform().signedCallback('call', odd)))).toMatchObject({
			event: 'other',
			callbackType: 9,
			hello: 'world',
		});
	});

	it('drops the same signed delivery (same requestID, createTs and body) by default', async () => {
		const harness = trigger();
		const emulator = platform();
		const first = emulator.signedCallback('call', callPayload('c-1'));
		const json = expectStarted(await send(harness, first));
		const repeat = await send(harness, first);
		expect(repeat.status).toBe(200);
		expect(repeat.body).toEqual(REPLY);
		expect(repeat.started).toBe(false);
		expect((json._trigger as IDataObject).deliveryKey).toMatch(/^[0-9a-f]{64}$/);
		expectStarted(await send(harness, emulator.signedCallback('call', callPayload('c-2'))));
	});

	it('starts on a callback re-sent with a new requestID: a new delivery (upsert downstream)', async () => {
		const harness = trigger();
		const emulator = platform();
		const first = emulator.signedCallback('call', callPayload('c-1'));
		const again = emulator.signedCallback('call', callPayload('c-1'));
		expect(again.headers.requestID).not.toBe(first.headers.requestID);
		const a = expectStarted(await send(harness, first));
		const b = expectStarted(await send(harness, again));
		expect((a._trigger as IDataObject).deliveryKey).not.toBe(
			(b._trigger as IDataObject).deliveryKey,
		);
	});

	it('starts on every distinct task status change: Running → Paused → Running', async () => {
		const harness = trigger();
		const emulator = platform();
		const running = emulator.signedCallback('task', taskPayload({ taskStatus: 2 }));
		expectStarted(await send(harness, running));
		expectStarted(
			await send(harness, emulator.signedCallback('task', taskPayload({ taskStatus: 3 }))),
		);
		expectStarted(
			await send(harness, emulator.signedCallback('task', taskPayload({ taskStatus: 2 }))),
		);
		// The first Running sent again is a repeat.
		expect((await send(harness, running)).started).toBe(false);
	});

	it('drops a replay sent to another ?kind=: the unsigned query is not part of the key', async () => {
		const harness = trigger();
		const callback = platform().signedCallback('call', callPayload('c-1', { callbackType: 1 }));
		const asCall = expectStarted(await send(harness, callback, { query: { kind: 'call' } }));
		expect(asCall.event).toBe('callFinished');
		for (const kind of ['order', 'task', 'CALL', '']) {
			const replay = await send(harness, callback, { query: { kind } });
			expect(replay.status).toBe(200);
			expect(replay.started).toBe(false);
		}
	});

	it('remembers deliveries at least twice the timestamp tolerance, so a replay inside it is dropped', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		try {
			vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
			const harness = trigger({ parameters: { options: { repeatWindow: 60, maxAge: 300 } } });
			const callback = platform().signedCallback('call', callPayload('c-1'));
			expectStarted(await send(harness, callback));
			// 4 minutes later: beyond the 60 s window, still inside the 300 s tolerance.
			vi.setSystemTime(new Date('2026-01-01T00:04:00Z'));
			expect((await send(harness, callback)).started).toBe(false);
			// Beyond the tolerance the replay is refused by its createTs anyway.
			vi.setSystemTime(new Date('2026-01-01T00:05:01Z'));
			expectRefused(await send(harness, callback));
		} finally {
			vi.useRealTimers();
		}
	});

	it('never forgets a delivery inside the replay window to make room, whatever Remembered Deliveries says', async () => {
		const harness = trigger({ parameters: { options: { repeatMaxEntries: 2, maxAge: 300 } } });
		const emulator = platform();
		const callbacks = ['c-1', 'c-2', 'c-3', 'c-4'].map((id) =>
			emulator.signedCallback('call', callPayload(id)),
		);
		for (const callback of callbacks) expectStarted(await send(harness, callback));
		// More callbacks than Remembered Deliveries within the tolerance: each replay is still dropped.
		for (const callback of callbacks) {
			const replay = await send(harness, callback);
			expect(replay.status).toBe(200);
			expect(replay.started).toBe(false);
		}
		expect(rememberedDeliveries(SCOPE)).toBe(4);
	});

	it('forgets by count only deliveries older than the replay window', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		try {
			vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
			// Tolerance 10 s: deliveries are protected for 20 s, remembered for the 600 s window.
			const harness = trigger({ parameters: { options: { repeatMaxEntries: 2, maxAge: 10 } } });
			const emulator = platform();
			for (const id of ['a', 'b', 'c']) {
				expectStarted(await send(harness, emulator.signedCallback('call', callPayload(id))));
			}
			expect(rememberedDeliveries(SCOPE)).toBe(3);
			vi.setSystemTime(new Date('2026-01-01T00:00:30Z'));
			expectStarted(await send(harness, emulator.signedCallback('call', callPayload('d'))));
			// The three older ones were out of the replay window: back to Remembered Deliveries.
			expect(rememberedDeliveries(SCOPE)).toBe(2);
		} finally {
			vi.useRealTimers();
		}
	});

	it('refuses new callbacks with 503 (fail closed) when the memory is full of deliveries inside the replay window', async () => {
		const harness = trigger({ parameters: { options: { maxAge: 300 } } });
		const window = { windowSeconds: 600, maxEntries: 1000, protectSeconds: 600 };
		const now = Date.now();
		for (let i = 0; i < REPEAT_HARD_CEILING; i++) checkDelivery(SCOPE, `key-${i}`, window, now);
		expect(rememberedDeliveries(SCOPE)).toBe(REPEAT_HARD_CEILING);

		const emulator = platform();
		const callback = emulator.signedCallback('call', callPayload('c-new'));
		const refused = await send(harness, callback);
		expectRefused(refused, 503);
		expect(refused.body).toEqual({ retCode: 7, retMsg: BUSY_MESSAGE });
		expect(logs.lines().join('\n')).toMatch(/^error: .*refused a delivery with 503/m);
		// Nothing was forgotten, and the refused callback was not remembered: sent again once
		// there is room, it starts.
		expect(rememberedDeliveries(SCOPE)).toBe(REPEAT_HARD_CEILING);
		forgetDeliveries(SCOPE);
		expectStarted(await send(harness, callback));
	});

	it('starts on every repeat when dropping repeats is turned off', async () => {
		const harness = trigger({ parameters: { options: { dropRepeats: false } } });
		const emulator = platform();
		expectStarted(await send(harness, emulator.signedCallback('call', callPayload('c-1'))));
		expectStarted(await send(harness, emulator.signedCallback('call', callPayload('c-1'))));
	});

	it('answers 400 to a correctly signed body that is not JSON, empty, or not an object', async () => {
		const harness = trigger();
		for (const raw of ['{"callbackType":', '', '   ', '[1,2,3]', '"text"', 'null']) {
			const delivery = await send(harness, platform().signedCallback('call', raw));
			expectRefused(delivery, 400);
			expect(delivery.body).toMatchObject({ retCode: 3 });
		}
	});

	it('checks the signature before the body: an unsigned malformed body gets 401', async () => {
		expectRefused(await trigger().deliver({ headers: JSON_TYPE, body: '{"broken":' }), 401);
	});

	it('answers 500 without throwing when it cannot verify (no credential stored)', async () => {
		const harness = trigger();
		harness.credentialsHelper.store.clear();
		const delivery = await send(harness, platform().signedCallback('call', callPayload()));
		expectRefused(delivery, 500);
		expect(delivery.body).toEqual({ message: 'Internal error' });
		expect(logs.lines()).toEqual([
			'error: NXCLOUD Callbot Trigger could not handle a delivery: No credentials of type nxCloudCallbotApi stored',
		]);
	});
});

describe('NXCLOUD Callbot Trigger: fail closed', () => {
	it('refuses every callback with 500 when the tolerance is negative, NaN or text; only 0 turns it off', async () => {
		for (const maxAge of [-1, -300, '={{ NaN }}', '={{ "abc" }}', '={{ -5 }}', '={{ "" }}']) {
			logs.restore();
			logs = captureLogs();
			const harness = trigger({ parameters: { options: { maxAge } } });
			const delivery = await send(harness, platform().signedCallback('call', callPayload()));
			expectRefused(delivery, 500);
			expect(logs.lines().join('\n'), String(maxAge)).toMatch(
				/^error: NXCLOUD Callbot Trigger refused a delivery because of its configuration: Timestamp Tolerance/,
			);
			// Even a callback from long ago is not let through.
			const old = platform({ skewSeconds: -86_400 }).signedCallback('call', callPayload('c-old'));
			expectRefused(await send(harness, old), 500);
		}
		const text = trigger({ parameters: { options: { maxAge: '={{ "60" }}' } } });
		expectStarted(await send(text, platform().signedCallback('call', callPayload())));
		expectRefused(
			await send(text, platform({ skewSeconds: -120 }).signedCallback('call', callPayload('c-2'))),
		);
	});

	it('answers 415 to a body that is not JSON or that n8n kept no raw bytes of, even correctly signed', async () => {
		const harness = trigger();
		for (const contentType of [undefined, 'text/plain', 'application/x-www-form-urlencoded']) {
			const callback = platform().signedCallback('call', callPayload());
			const headers: Record<string, string> = { ...callback.headers };
			delete headers['Content-Type'];
			if (contentType) headers['content-type'] = contentType;
			const delivery = await harness.deliver({ headers, body: callback.rawBody });
			expectRefused(delivery, 415);
			expect(delivery.body).toMatchObject({ retCode: 3 });
		}
		// A multipart body: n8n keeps no raw bytes, so nothing is verified over empty bytes.
		const empty = platform().signedCallback('call', '');
		const emptyHeaders: Record<string, string> = { ...empty.headers };
		delete emptyHeaders['Content-Type'];
		const multipart = await harness.deliver({
			headers: { ...emptyHeaders, 'content-type': 'multipart/form-data; boundary=x' },
			body: '--x--\r\n',
			parsedBody: callPayload(),
		});
		expectRefused(multipart, 415);
		// application/*+json with a UTF-8 charset is JSON.
		const vendor = platform().signedCallback('call', callPayload('c-vendor'));
		const vendorHeaders: Record<string, string> = { ...vendor.headers };
		delete vendorHeaders['Content-Type'];
		expectStarted(
			await harness.deliver({
				headers: { ...vendorHeaders, 'content-type': 'application/vnd.nx+json; charset=utf-8' },
				body: vendor.rawBody,
			}),
		);
	});

	it('accepts a createTs in milliseconds (13 digits), checked against the tolerance', async () => {
		const sign = (createTs: string, raw: string, requestID: string) =>
			createHash('md5')
				.update(`${SECRET}&body=${raw}&createTs=${createTs}&requestID=${requestID}&uuid=${UUID}`)
				.digest('hex')
				.toUpperCase();
		const raw = JSON.stringify(callPayload('c-ms'));
		const deliver = (createTs: string, requestID: string) =>
			trigger().deliver({
				headers: {
					...JSON_TYPE,
					createTs,
					requestID,
					uuid: UUID,
					sign: sign(createTs, raw, requestID),
				},
				body: raw,
			});
		expectStarted(await deliver(String(Date.now()), 'r-ms-1'));
		expectRefused(await deliver(String(Date.now() - 400_000), 'r-ms-2'));
	});
});

describe('NXCLOUD Callbot Trigger: output', () => {
	it('never overwrites payload fields; metadata is under _trigger', async () => {
		const payload = callPayload('c-1', { event: 'theirs', receivedAt: 'then' });
		const json = expectStarted(
			await send(
				trigger({ parameters: { options: { includeHeaders: true } } }),
				platform().signedCallback('call', payload),
			),
		);
		expect(json).toMatchObject({ event: 'theirs', receivedAt: 'then' });
		expect(json._trigger).toMatchObject({
			event: 'callFinished',
			deliveryKey: expect.stringMatching(/^[0-9a-f]{64}$/),
			headers: expect.objectContaining({ sign: expect.any(String) }),
		});
		expect(json.headers).toEqual((json._trigger as IDataObject).headers);
	});

	it('redacts the secret key should it appear in a header', async () => {
		const callback = platform().signedCallback('call', callPayload());
		const json = expectStarted(
			await send(trigger({ parameters: { options: { includeHeaders: true } } }), callback, {
				headers: { referer: `https://x.example.com/?k=${SECRET}` },
			}),
		);
		expect((json.headers as IDataObject).referer).toBe('https://x.example.com/?k=[redacted]');
		expect(JSON.stringify(json)).not.toContain(SECRET);
	});
});

import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OmicallApi } from '../../credentials/OmicallApi.credentials';
import { OmicallWebhookApi } from '../../credentials/OmicallWebhookApi.credentials';
import { OmicallTrigger } from '../../nodes/Omicall/OmicallTrigger.node';
import { testSecretCredential } from '../../nodes/Omicall/trigger/secret';
import { forgetDeliveries } from '../../nodes/shared/webhook/repeats';
import { captureLogs, type CapturedLogs } from '../harness/capture-logs';
import { WebhookHarness, type WebhookDelivery } from '../harness/run-webhook';

const SECRET = 'dummy-omicall-webhook-secret-0001';
const ALL_EVENTS = ['callEnded', 'callState', 'chatMessage', 'transferResult'];

/** OMICall's pages: CDR and call event (Webhooks, call hooks), chat message (Omnichannel, inferred shape), transfer result. */
function cdr(
	transactionId = '91d3e842-9da2-43ec-8bb1-979c17e817ad',
	overrides: IDataObject = {},
): IDataObject {
	return {
		transaction_id: transactionId,
		state: 'cdr',
		direction: 'outbound',
		phone_number: '0979816773',
		from_number: '101',
		to_number: '0979816773',
		hotline: '842899959300',
		sip_user: '101',
		answer_sec: 232,
		bill_sec: 232,
		duration: 242,
		recording_file_url: `https://public-v1-stg.omicrm.com/third_party/recording/uc?id=1&code=${transactionId}`,
		time_start_call: 1589015420,
		time_end_call: 1589015664,
		customer: { full_name: 'Trần Văn Tiến 1', full_name_unsigned: 'Tran Van Tien 1' },
		endby_name: 'end_call_by_customer',
		is_auto_call: true,
		send_num_retry: 0,
		...overrides,
	};
}

function callEvent(state: string, callUuid = 'fee91d6c-0000-4000-8000-000000000001'): IDataObject {
	return {
		call_uuid: callUuid,
		state,
		direction: 'outbound',
		from_number: '100',
		to_number: '0395187319',
		hotline: '0868694566',
		created_time: 1626693561,
		date_time: 1626693561000,
	};
}

function chatMessage(uuid = 'b6f0c9d2-0000-4000-8000-00000000c0de'): IDataObject {
	return {
		_id: '65f000000000000000000001',
		uuid,
		conv_uuid: 'chat-000123',
		room_id: '65f0000000000000000000aa',
		member_type: 'agent',
		type: 'chat',
		content: 'Dạ, em đã nhận được yêu cầu của anh/chị',
		multimedias: null,
		kind: 'normal',
		created_date: 1769163675593,
	};
}

function transferResult(requestId = '270ea881-a6e1-44fb-9400-a89eb4ceab4b'): IDataObject {
	return {
		requestId,
		requestTimeMs: 1769163675593,
		action: 'CONVERSATION_AGENT_TRANSFER',
		status: 'SUCCESS',
		responseTimeMs: 1769163675890,
		payload: { updatedRecords: 8 },
	};
}

/** Where the secret settings live: node parameters in version 1, the credential from version 2. */
const SECRET_FIELDS = ['secret', 'secretLocation', 'queryParameterName', 'headerName'];
/** The credential's name of a version 1 parameter, where it differs. */
const CREDENTIAL_FIELD: Record<string, string> = { secretLocation: 'location' };

/**
 * One OMICall Trigger of the given version. `parameters` may hold the secret settings (secret,
 * secretLocation, queryParameterName, headerName) as version 1 keeps them; for version 2 they are
 * moved into the OMICall Webhook Secret credential.
 */
function trigger(
	parameters: INodeParameters = {},
	{ version = 2, nodeId }: { version?: number; nodeId?: string } = {},
) {
	const all: INodeParameters = { events: ALL_EVENTS, secret: SECRET, ...parameters };
	const nodeParameters: INodeParameters = {};
	const credential: Record<string, string> = {};
	for (const [name, value] of Object.entries(all)) {
		if (version >= 2 && SECRET_FIELDS.includes(name))
			credential[CREDENTIAL_FIELD[name] ?? name] = String(value);
		else nodeParameters[name] = value;
	}
	return new WebhookHarness({
		nodeType: new OmicallTrigger(),
		credentialTypes: [new OmicallApi(), new OmicallWebhookApi()],
		credentials: version >= 2 ? { omicallWebhookApi: credential } : {},
		parameters: nodeParameters,
		typeVersion: version,
		nodeId,
	});
}

const JSON_TYPE = { 'content-type': 'application/json' };

function post(
	harness: WebhookHarness,
	body: IDataObject | string | Buffer,
	secret: string | null = SECRET,
) {
	return harness.deliver({
		headers: { 'content-type': 'application/json' },
		query: secret === null ? {} : { secret },
		body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
	});
}

function expectStarted(delivery: WebhookDelivery): IDataObject {
	expect(delivery.thrown).toBeUndefined();
	expect(delivery.status).toBe(200);
	expect(delivery.body).toEqual({});
	// The trigger answers by itself: with a workflow to start, n8n would send its own default text.
	expect(delivery.answeredByNode).toBe(true);
	expect(delivery.started).toBe(true);
	expect(delivery.items).toHaveLength(1);
	return delivery.items[0].json;
}

function expectAcknowledged(delivery: WebhookDelivery) {
	expect(delivery.thrown).toBeUndefined();
	expect(delivery.status).toBe(200);
	expect(delivery.body).toEqual({});
	expect(delivery.started).toBe(false);
}

function expectRefused(delivery: WebhookDelivery, status: number) {
	expect(delivery.thrown).toBeUndefined();
	expect(delivery.status).toBe(status);
	expect(delivery.answeredByNode).toBe(true);
	expect(delivery.started).toBe(false);
	expect(delivery.items).toEqual([]);
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

describe('OMICall Trigger: events', () => {
	it('starts on a call record (CDR) and names the event', async () => {
		const json = expectStarted(await post(trigger(), cdr()));
		expect(json).toMatchObject({ ...cdr(), event: 'callEnded' });
		expect(new Date(String(json.receivedAt)).toISOString()).toBe(json.receivedAt);
		expect(json.headers).toBeUndefined();
		expect(json._trigger).toEqual({
			event: 'callEnded',
			receivedAt: json.receivedAt,
			deliveryKey: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
	});

	it('unwraps a CDR posted inside `payload`, and takes a CDR without state', async () => {
		const harness = trigger();
		const wrapped = expectStarted(await post(harness, { payload: cdr('t-1'), status_code: 9999 }));
		expect(wrapped).toMatchObject({ transaction_id: 't-1', state: 'cdr', event: 'callEnded' });
		expect(wrapped.payload).toBeUndefined();
		const stateless = cdr('t-2');
		delete stateless.state;
		expect(expectStarted(await post(harness, stateless)).event).toBe('callEnded');
	});

	it('starts on every call state: ringing, answered, hangup, and create / early', async () => {
		const harness = trigger();
		for (const [index, state] of [
			'ringing',
			'answered',
			'hangup',
			'create',
			'early',
			'RINGING',
		].entries()) {
			const json = expectStarted(await post(harness, callEvent(state, `call-${index}`)));
			expect(json).toMatchObject({ event: 'callState', state });
		}
	});

	it('starts on a chat message (bot or agent reply)', async () => {
		const json = expectStarted(await post(trigger(), chatMessage()));
		expect(json).toMatchObject({ ...chatMessage(), event: 'chatMessage' });
	});

	it('starts on a conversation-transfer result sent with the secret header', async () => {
		const harness = trigger({ secretLocation: 'header', headerName: 'X-Callback-Key' });
		const delivery = await harness.deliver({
			headers: { 'content-type': 'application/json', 'x-callback-key': SECRET },
			body: JSON.stringify(transferResult()),
		});
		const json = expectStarted(delivery);
		expect(json).toMatchObject({ ...transferResult(), event: 'transferResult' });
	});

	it('acknowledges an unselected event with 200 and starts nothing', async () => {
		const harness = trigger({ events: ['callEnded'] });
		expectAcknowledged(await post(harness, callEvent('ringing')));
		expectAcknowledged(await post(harness, chatMessage()));
		expectAcknowledged(await post(harness, transferResult()));
		expectAcknowledged(await post(harness, { something: 'else' }));
		expectStarted(await post(harness, cdr()));
	});

	it('starts on an unrecognized payload only when Other is selected', async () => {
		expectAcknowledged(await post(trigger(), { hello: 'world' }));
		const json = expectStarted(await post(trigger({ events: ['other'] }), { hello: 'world' }));
		expect(json).toMatchObject({ hello: 'world', event: 'other' });
	});

	it('adds the request headers when asked, with the secret header redacted', async () => {
		const harness = trigger({
			secretLocation: 'header',
			headerName: 'x-omicall-secret',
			options: { includeHeaders: true },
		});
		const json = expectStarted(
			await harness.deliver({
				headers: {
					'Content-Type': 'application/json',
					'X-Omicall-Secret': SECRET,
					'x-trace': 't-1',
				},
				body: JSON.stringify(cdr()),
			}),
		);
		expect(json.headers).toEqual({
			'content-type': 'application/json',
			'x-omicall-secret': '[redacted]',
			'x-trace': 't-1',
		});
		expect((json._trigger as IDataObject).headers).toEqual(json.headers);
		expect(JSON.stringify(json)).not.toContain(SECRET);
	});

	it('accepts a 1 MB delivery', async () => {
		const note = 'ghi chú '.repeat(140_000);
		const body = JSON.stringify(cdr('t-big', { note }));
		expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024);
		expect(expectStarted(await post(trigger(), body)).note).toBe(note);
	});
});

describe.each([1, 2])('OMICall Trigger version %i: shared secret', (version) => {
	it('refuses a delivery without the secret with 401', async () => {
		const delivery = await post(trigger({}, { version }), cdr(), null);
		expectRefused(delivery, 401);
		expect(delivery.body).toEqual({ message: 'Unauthorized' });
	});

	it('refuses a wrong secret, of the same or another length, or given twice', async () => {
		const harness = trigger({}, { version });
		const sameLength = `${SECRET.slice(0, -1)}${SECRET.endsWith('x') ? 'y' : 'x'}`;
		expect(sameLength).toHaveLength(SECRET.length);
		expectRefused(await post(harness, cdr(), sameLength), 401);
		expectRefused(await post(harness, cdr(), 'short'), 401);
		expectRefused(await post(harness, cdr(), `${SECRET}-longer`), 401);
		expectRefused(await post(harness, cdr(), ''), 401);
		expectRefused(
			await harness.deliver({
				headers: JSON_TYPE,
				query: { secret: [SECRET, SECRET] },
				body: JSON.stringify(cdr()),
			}),
			401,
		);
		expectStarted(await post(harness, cdr()));
	});

	it('reads the secret from the configured query parameter name only', async () => {
		const harness = trigger({ queryParameterName: 'key' }, { version });
		expectRefused(await post(harness, cdr()), 401);
		expectStarted(
			await harness.deliver({
				headers: JSON_TYPE,
				query: { key: SECRET },
				body: JSON.stringify(cdr()),
			}),
		);
	});

	it('in header mode, refuses a missing or wrong header and ignores the query', async () => {
		const harness = trigger(
			{ secretLocation: 'header', headerName: 'x-omicall-secret' },
			{ version },
		);
		expectRefused(await post(harness, cdr()), 401);
		expectRefused(
			await harness.deliver({
				headers: { ...JSON_TYPE, 'x-omicall-secret': 'wrong' },
				body: JSON.stringify(cdr()),
			}),
			401,
		);
		expectStarted(
			await harness.deliver({
				headers: { ...JSON_TYPE, 'x-omicall-secret': SECRET },
				body: JSON.stringify(cdr()),
			}),
		);
	});

	it('refuses everything when no secret is configured', async () => {
		const harness = trigger({ secret: '' }, { version });
		expectRefused(await post(harness, cdr(), ''), 401);
		expectRefused(await post(harness, cdr(), null), 401);
	});

	it('checks the secret before the body: a malformed body without the secret gets 401', async () => {
		expectRefused(await post(trigger({}, { version }), '{"state":', null), 401);
	});

	it('never puts the secret into the answer, the output or the log', async () => {
		const harness = trigger({ options: { includeHeaders: true } }, { version });
		const refused = await post(harness, cdr(), 'wrong');
		const accepted = await post(harness, cdr());
		const seen = JSON.stringify([refused.body, accepted.body, accepted.items, logs.lines()]);
		expect(seen).not.toContain(SECRET);
	});
});

describe('OMICall Trigger: repeated deliveries', () => {
	const dedupe = (extra: IDataObject = {}) => trigger({ options: { dropRepeats: true, ...extra } });

	it('drops the same delivery (the same raw body) by default, answering 200', async () => {
		const harness = trigger();
		const first = expectStarted(await post(harness, cdr('t-1')));
		expectAcknowledged(await post(harness, cdr('t-1')));
		expectStarted(await post(harness, cdr('t-2')));
		for (const body of [callEvent('ringing', 'u-1'), chatMessage('m-1'), transferResult('r-1')]) {
			expectStarted(await post(harness, body));
			expectAcknowledged(await post(harness, body));
		}
		// The key is a digest of the bytes: the same for the same delivery in another workflow (a
		// fresh harness: its own static data; memory forgotten).
		forgetDeliveries();
		const again = expectStarted(await post(trigger(), cdr('t-1')));
		expect((again._trigger as IDataObject).deliveryKey).toBe(
			(first._trigger as IDataObject).deliveryKey,
		);
	});

	it('starts on a call record re-sent with new data (e.g. the recording URL), which is no repeat', async () => {
		const harness = trigger();
		expectStarted(await post(harness, cdr('t-1', { recording_file_url: '' })));
		const update = expectStarted(await post(harness, cdr('t-1', { send_num_retry: 1 })));
		expect(update.recording_file_url).toContain('t-1');
		// A call going ringing → answered → ringing again (a new leg) starts every time.
		const ringing = { ...callEvent('ringing', 'u-1'), date_time: 1 };
		expectStarted(await post(harness, ringing));
		expectStarted(await post(harness, callEvent('answered', 'u-1')));
		expectStarted(await post(harness, { ...ringing, date_time: 2 }));
	});

	it('drops a repeat sent with other query parameters', async () => {
		const harness = trigger({ queryParameterName: 'key' });
		const body = JSON.stringify(cdr('t-9'));
		const send = (query: Record<string, string>) =>
			harness.deliver({ headers: JSON_TYPE, query, body });
		expectStarted(await send({ key: SECRET }));
		expectAcknowledged(await send({ key: SECRET, other: 'x' }));
	});

	it('starts on every repeat when dropping repeats is turned off', async () => {
		const harness = trigger({ options: { dropRepeats: false } });
		expectStarted(await post(harness, cdr('t-1')));
		expectStarted(await post(harness, cdr('t-1')));
	});

	it('forgets a delivery after the window', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
		const harness = dedupe({ repeatWindow: 60 });
		expectStarted(await post(harness, cdr('t-1')));
		vi.setSystemTime(new Date('2026-01-01T00:00:59Z'));
		expectAcknowledged(await post(harness, cdr('t-1')));
		vi.setSystemTime(new Date('2026-01-01T00:01:01Z'));
		expectStarted(await post(harness, cdr('t-1')));
	});

	it('remembers at most the configured number of deliveries, forgetting the oldest', async () => {
		const harness = dedupe({ repeatMaxEntries: 2 });
		expectStarted(await post(harness, cdr('a')));
		expectStarted(await post(harness, cdr('b')));
		expectStarted(await post(harness, cdr('c')));
		expectAcknowledged(await post(harness, cdr('c')));
		expectStarted(await post(harness, cdr('a')));
	});

	it('keeps the memory of each trigger node apart', async () => {
		expectStarted(await post(dedupe(), cdr('t-1')));
		const other = trigger({ options: { dropRepeats: true } }, { nodeId: 'another-node' });
		expectStarted(await post(other, cdr('t-1')));
	});
});

describe('OMICall Trigger: bodies', () => {
	it('answers 400 to malformed JSON, an empty body, and JSON that is not an object', async () => {
		const harness = trigger();
		for (const body of ['{"transaction_id":', '', '  \n', '[{"state":"cdr"}]', '42', 'null']) {
			const delivery = await post(harness, body);
			expectRefused(delivery, 400);
		}
		expectRefused(await harness.deliver({ headers: JSON_TYPE, query: { secret: SECRET } }), 400);
		expect(logs.lines()).toEqual([]);
	});

	it('answers 500 without throwing when its own parameters fail (e.g. a broken expression)', async () => {
		const harness = trigger({ secret: '={{ $json.settings.webhook.secret }}' }, { version: 1 });
		const delivery = await post(harness, cdr());
		expectRefused(delivery, 500);
		expect(delivery.body).toEqual({ message: 'Internal error' });
		expect(logs.lines()).toHaveLength(1);
		expect(logs.lines()[0]).toMatch(/^error: OMICall Trigger could not handle a delivery: /);
	});
});

describe('OMICall Trigger: content type and raw body (fail closed)', () => {
	it('answers 415 and starts nothing for a body that is not JSON, even with the right secret', async () => {
		for (const version of [1, 2]) {
			const harness = trigger({}, { version });
			for (const contentType of [
				undefined,
				'text/plain',
				'application/x-www-form-urlencoded',
				'application/json; charset=iso-8859-1',
			]) {
				const delivery = await harness.deliver({
					headers: contentType ? { 'content-type': contentType } : {},
					query: { secret: SECRET },
					body: JSON.stringify(cdr()),
				});
				expectRefused(delivery, 415);
			}
		}
	});

	it('answers 415 to a multipart body, whose raw bytes n8n does not keep, whatever n8n parsed', async () => {
		for (const version of [1, 2]) {
			const delivery = await trigger({}, { version }).deliver({
				headers: { 'content-type': 'multipart/form-data; boundary=x' },
				query: { secret: SECRET },
				body: '--x\r\nContent-Disposition: form-data; name="state"\r\n\r\ncdr\r\n--x--\r\n',
				parsedBody: cdr(),
			});
			expectRefused(delivery, 415);
		}
	});

	it('accepts application/json with a UTF-8 charset and application/*+json (read through n8n)', async () => {
		const harness = trigger();
		for (const [index, contentType] of [
			'application/json; charset=UTF-8',
			'application/vnd.omicall.cdr+json',
		].entries()) {
			const json = expectStarted(
				await harness.deliver({
					headers: { 'content-type': contentType },
					query: { secret: SECRET },
					body: JSON.stringify(cdr(`t-${index}`)),
				}),
			);
			expect(json.transaction_id).toBe(`t-${index}`);
		}
	});

	it('uses the raw bytes received, never a body parsed by someone else', async () => {
		const json = expectStarted(
			await trigger().deliver({
				headers: JSON_TYPE,
				query: { secret: SECRET },
				body: JSON.stringify(cdr('from-raw')),
				parsedBody: cdr('from-parser'),
			}),
		);
		expect(json.transaction_id).toBe('from-raw');
	});
});

describe('OMICall Trigger: output shape', () => {
	it('never overwrites payload fields named event, receivedAt, headers or _trigger', async () => {
		const payload = cdr('t-1', { event: 'their-event', receivedAt: 'their-time', headers: ['h'] });
		const json = expectStarted(await post(trigger({ options: { includeHeaders: true } }), payload));
		expect(json).toMatchObject({ event: 'their-event', receivedAt: 'their-time', headers: ['h'] });
		expect(json._trigger).toMatchObject({
			event: 'callEnded',
			deliveryKey: expect.stringMatching(/^[0-9a-f]{64}$/),
			headers: { 'content-type': 'application/json' },
		});
		const own = expectStarted(
			await post(trigger({ events: ['other'] }), { hello: 'x', _trigger: 'theirs' }),
		);
		expect(own).toMatchObject({ _trigger: 'theirs', event: 'other' });
	});

	it('keeps a "__proto__" key as plain data: no prototype changes, metadata intact', async () => {
		const raw = `{"transaction_id":"t-proto","state":"cdr","__proto__":{"event":"forged","polluted":true}}`;
		const json = expectStarted(await post(trigger(), raw));
		expect(json.event).toBe('callEnded');
		expect((json._trigger as IDataObject).event).toBe('callEnded');
		expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
		expect(({} as IDataObject).polluted).toBeUndefined();
	});
});

describe('OMICall Trigger: Include Headers never shows the secret', () => {
	const tricky = 'dummy secret/with+signs&0001';

	it('redacts the secret in every header value, plain or URL-encoded, in query mode', async () => {
		const harness = trigger({ secret: tricky, options: { includeHeaders: true } });
		const encoded = encodeURIComponent(tricky);
		const json = expectStarted(
			await harness.deliver({
				headers: {
					...JSON_TYPE,
					'x-original-uri': `/webhook/abc/webhook?secret=${encoded}`,
					'x-forwarded-uri': `/webhook/abc/webhook?secret=${encoded.replace(/%20/g, '+')}&a=1`,
					referer: `https://proxy.example.com/in?secret=${tricky}`,
					'x-list': ['one', `two ${tricky}`],
				},
				query: { secret: tricky },
				body: JSON.stringify(cdr()),
			}),
		);
		const headers = json.headers as IDataObject;
		expect(headers['x-original-uri']).toBe('/webhook/abc/webhook?secret=[redacted]');
		expect(headers['x-forwarded-uri']).toBe('/webhook/abc/webhook?secret=[redacted]&a=1');
		expect(headers.referer).toBe('https://proxy.example.com/in?secret=[redacted]');
		expect(headers['x-list']).toEqual(['one', 'two [redacted]']);
		const seen = JSON.stringify(json);
		expect(seen).not.toContain(tricky);
		expect(seen).not.toContain(encodeURIComponent(tricky));
	});

	it('redacts the secret in any percent-encoded spelling: all characters, lowercase, double, mixed, UTF-8', async () => {
		const everyByte = (text: string, upper = true) =>
			[...Buffer.from(text, 'utf8')]
				.map((byte) => `%${byte.toString(16).padStart(2, '0')}`)
				.map((escape) => (upper ? escape.toUpperCase() : escape))
				.join('');
		const cases: Array<[string, string]> = [
			// encodeURIComponent leaves ! * ( ) as they are; a proxy may encode them.
			['S3cr3t!Value*2024(x)', 'S3cr3t%21Value%2A2024%28x%29'],
			['S3cr3t!Value*2024(x)', 'S3cr3t%21Value%2a2024%28x%29'],
			[tricky, 'dummy%20secret%2fwith%2bsigns%260001'],
			[tricky, 'dummy+secret%2Fwith%2Bsigns%26' + '0001'],
			[tricky, encodeURIComponent(encodeURIComponent(tricky))],
			[tricky, everyByte(tricky)],
			[tricky, everyByte(tricky, false)],
			[tricky, `dum${everyByte('my s')}ecret/with${everyByte('+')}signs&0001`],
			['bí-mật-webhook-0001', encodeURIComponent('bí-mật-webhook-0001').toLowerCase()],
		];
		for (const [index, [secret, spelling]] of cases.entries()) {
			const harness = trigger({ secret, options: { includeHeaders: true } });
			const json = expectStarted(
				await harness.deliver({
					headers: {
						...JSON_TYPE,
						'x-original-uri': `/webhook/abc/webhook?secret=${spelling}`,
						'x-forwarded-uri': `/webhook/abc/webhook?a=1&secret=${spelling}&b=2`,
						'x-echo': `seen ${spelling} here`,
					},
					query: { secret },
					body: JSON.stringify(cdr(`t-${index}`)),
				}),
			);
			const headers = json.headers as IDataObject;
			expect(headers['x-original-uri']).toBe('/webhook/abc/webhook?secret=[redacted]');
			expect(headers['x-forwarded-uri']).toBe('/webhook/abc/webhook?a=1&secret=[redacted]&b=2');
			expect(headers['x-echo']).toBe('seen [redacted] here');
			expect(JSON.stringify(json.headers)).not.toContain(spelling);
			expect(JSON.stringify(json)).not.toContain(spelling);
		}
	});

	it('redacts the value of the secret query parameter by name in URL-like headers, even when it is not the secret', async () => {
		const harness = trigger({ options: { includeHeaders: true } });
		const json = expectStarted(
			await harness.deliver({
				headers: {
					...JSON_TYPE,
					referer: 'https://proxy.example.com/in?secret=an-older-secret-0001#top',
					'x-original-uri': '/webhook/abc/webhook?x=1&s%65cret=another-old-secret;y=2',
					'x-forwarded-uri': '/webhook/abc/webhook?secretive=kept&x=secret',
				},
				query: { secret: SECRET },
				body: JSON.stringify(cdr()),
			}),
		);
		expect(json.headers).toMatchObject({
			referer: 'https://proxy.example.com/in?secret=[redacted]#top',
			'x-original-uri': '/webhook/abc/webhook?x=1&s%65cret=[redacted];y=2',
			'x-forwarded-uri': '/webhook/abc/webhook?secretive=kept&x=secret',
		});
	});

	it('redacts the secret header and the secret anywhere else in header mode', async () => {
		const harness = trigger({
			secretLocation: 'header',
			headerName: 'X-Callback-Key',
			secret: tricky,
			options: { includeHeaders: true },
		});
		const json = expectStarted(
			await harness.deliver({
				headers: { ...JSON_TYPE, 'x-callback-key': tricky, 'x-echo': `k=${tricky}` },
				body: JSON.stringify(transferResult()),
			}),
		);
		expect(json.headers).toMatchObject({
			'x-callback-key': '[redacted]',
			'x-echo': 'k=[redacted]',
		});
		expect(JSON.stringify(json)).not.toContain(tricky);
	});

	it('refuses a secret header sent as several values', async () => {
		const harness = trigger({ secretLocation: 'header', headerName: 'x-callback-key' });
		expectRefused(
			await harness.deliver({
				headers: { ...JSON_TYPE, 'x-callback-key': [SECRET, SECRET] },
				body: JSON.stringify(transferResult()),
			}),
			401,
		);
	});
});

describe('OMICall Trigger: versions', () => {
	it('is version 2 by default; version 1 keeps the secret parameters, version 2 takes the credential', () => {
		const description = new OmicallTrigger().description;
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
		const v1 = trigger({}, { version: 1 });
		expect(v1.node.parameters).toMatchObject({ secret: SECRET, secretLocation: 'query' });
		const v2 = trigger();
		expect(v2.node.parameters.secret).toBeUndefined();
		expect(v2.node.parameters.secretLocation).toBeUndefined();
	});

	it('version 2 ignores a secret left in the node parameters', async () => {
		const harness = new WebhookHarness({
			nodeType: new OmicallTrigger(),
			credentialTypes: [new OmicallWebhookApi()],
			credentials: { omicallWebhookApi: { secret: SECRET } },
			parameters: { events: ALL_EVENTS, secret: 'workflow-json-secret' },
			typeVersion: 2,
		});
		expectRefused(await post(harness, cdr(), 'workflow-json-secret'), 401);
		expectStarted(await post(harness, cdr(), SECRET));
	});

	it('tests the secret credential locally', async () => {
		const test = (data: IDataObject) =>
			testSecretCredential.call({} as never, { id: '1', name: 'c', type: 't', data } as never);
		expect(
			(await test({ secret: SECRET, location: 'query', queryParameterName: 'secret' })).status,
		).toBe('OK');
		expect(
			(await test({ secret: 'short', location: 'query', queryParameterName: 'secret' })).status,
		).toBe('Error');
		expect(
			(await test({ secret: SECRET, location: 'header', headerName: 'bad header' })).status,
		).toBe('Error');
	});
});

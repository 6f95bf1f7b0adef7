/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * The hardening points of issue 8, repeated in a real n8n (E2E_N8N_VERSION) with the packed package:
 * the workflows in e2e/fixtures/ (webhook-started, so each run is one HTTP call to n8n's webhook
 * server and its output comes back in the answer) against the sandbox in this process, whose
 * emulators' fault knobs the tests drive directly.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NxFault } from '../emulators/nxcloud';
import { postWebhook, startStack, type Stack } from './stack';

const ACTIONS = 'e2eHardeningAct1';
const TRIGGERS = 'e2eHardeningTrg1';
/** The shared secret of the fixture's OMICall Trigger (a test value, as in the fixture). */
const OMICALL_QUERY_VALUE = 'e2e-omicall-secret-0123456789abcdef';
/** The OMICall Trigger v2 reads its secret from a credential: this one, in query parameter `token`. */
const OMICALL_V2_QUERY_VALUE = 'e2e-omicall-v2-secret-fedcba9876543210';

/** The fixture's OMICall Triggers: v1 (secret in the node) and v2 (secret in a credential). */
const OMICALL_TRIGGERS = [
	{
		label: 'OMICall Trigger v1 (secret in the node)',
		node: 'OMICall Calls',
		capture: 'e2e-omicall',
		query: 'secret',
		value: OMICALL_QUERY_VALUE,
	},
	{
		label: 'OMICall Trigger v2 (secret in a credential)',
		node: 'OMICall Calls V2',
		capture: 'e2e-omicall-v2',
		query: 'token',
		value: OMICALL_V2_QUERY_VALUE,
	},
];

let stack: Stack;
beforeAll(async () => {
	stack = await startStack({
		workflowsDir: path.join(__dirname, 'fixtures'),
		credentials: [
			{
				id: 'e2eOmicallSecret1',
				name: 'OMICall webhook secret (e2e)',
				type: 'omicallWebhookApi',
				data: { secret: OMICALL_V2_QUERY_VALUE, location: 'query', queryParameterName: 'token' },
			},
		],
	});
});
afterAll(async () => {
	await stack?.stop();
});

type Item = Record<string, unknown>;

/** Runs one scenario of the action-node workflow: POSTs `body` to its webhook node. */
async function run(
	hookName: string,
	body: unknown,
): Promise<{ status: number; items: Item[]; error?: Item }> {
	const response = await postWebhook(stack.nodeWebhookUrl(ACTIONS, hookName), JSON.stringify(body));
	let items: Item[] = [];
	try {
		const parsed = JSON.parse(response.text) as unknown;
		items = (Array.isArray(parsed) ? parsed : [parsed]) as Item[];
	} catch {
		items = [];
	}
	let error: Item | undefined;
	if (response.status !== 200) {
		// The webhook only says "Error in workflow": read what failed from n8n's execution record.
		for (let attempt = 0; attempt < 20 && !error; attempt++) {
			const execution = await stack.lastExecution(ACTIONS);
			if (execution.status === 'error' && execution.error) {
				error = {
					message: execution.error.message,
					description: execution.error.description,
					node: execution.error.node?.name,
				};
			} else await new Promise((resolve) => setTimeout(resolve, 100));
		}
		items = [{ status: response.status, text: response.text, error }];
	}
	return { status: response.status, items, error };
}

const unique = () => randomBytes(4).toString('hex');

/** Distinct Vietnamese mobile numbers, national form, not on the emulator's DNC list. */
function numbers(count: number): string[] {
	const base = 300_000_000 + Math.floor(Math.random() * 500_000_000);
	return Array.from({ length: count }, (_, i) => `0${base + i * 7}`);
}
const international = (national: string) => `84${national.slice(1)}`;

/** A task with a first batch of `count` numbers, created by the NXCLOUD node in n8n. */
async function createTask(count = 2): Promise<string> {
	const contacts = numbers(count).map((phone, i) => ({ phone, crm: `OLD-${i}` }));
	const created = await run('Create Task Hook', { contacts });
	expect(created.status, JSON.stringify(created.items)).toBe(200);
	const task = String(created.items[0].userTaskID);
	expect(task).toMatch(/^n8n/);
	await stack.sandbox.settled();
	return task;
}

const nxOrdersOf = (task: string) =>
	[...stack.sandbox.nxcloud.orders.values()].filter((order) => order.userTaskID === task);

/** Resolves once the capture endpoint holds an entry that `match` accepts. */
async function captured(name: string, match: (entry: Item) => boolean): Promise<Item[]> {
	await expect
		.poll(() => ((stack.sandbox.captured.get(name) ?? []) as Item[]).filter(match).length, {
			timeout: 20_000,
			interval: 100,
		})
		.toBeGreaterThan(0);
	return (stack.sandbox.captured.get(name) ?? []) as Item[];
}

// ------------------------------------------------------------------ NXCLOUD signed callbacks

function signedNx(payload: Item) {
	return stack.sandbox.nxcloud.signedCallback('call', JSON.stringify(payload));
}

function callPayload(orderID: string, callID: string, extra: Item = {}): Item {
	return {
		callbackType: 3,
		userTaskID: 'e2e-task',
		orderID,
		userPhone: '84912345678',
		other: 'CRM-E2E',
		callInfoDetail: { callID, callDuration: 12, callAnswerTs: 1_760_000_000 },
		...extra,
	};
}

function taskPayload(userTaskID: string, taskStatus: number): Item {
	return {
		callbackType: 1,
		userTaskID,
		taskID: `T-${userTaskID}`,
		sceneID: 'S-SANDBOX-1',
		taskStatus,
		createTs: 1_760_000_000,
		taskStat: { totalOrderCount: 3, finishOrderCount: 0 },
	};
}

describe(`issue 8 hardening in real n8n ${process.env.E2E_N8N_VERSION ?? ''}`, () => {
	// ---------------------------------------------------------------- point 1
	it('1. NXCLOUD Replace Latest Batch + Retry On Fail: after any one failed request, every number has exactly one order and an output item saying so', async () => {
		const nx = stack.sandbox.nxcloud;
		// A clean run first, to learn how many API requests the operation makes for 5 numbers sent 2 per request.
		const cleanTask = await createTask();
		const cleanNumbers = numbers(5);
		nx.clearReceived();
		const clean = await run('Replace Hook', {
			task: cleanTask,
			contacts: cleanNumbers.map((phone, i) => ({ phone, crm: `CRM-${i}` })),
		});
		expect(clean.status, JSON.stringify(clean.items)).toBe(200);
		const requests = nx.received.length;
		expect(requests).toBeGreaterThanOrEqual(3); // importBatchCall (2) + addBatchCall (2) + addBatchCall (1)

		const kinds: NxFault[] = ['http503', 'busy', 'drop'];
		const failures: string[] = [];
		for (const kind of kinds) {
			for (let position = 1; position <= requests; position++) {
				const task = await createTask();
				const input = numbers(5);
				nx.clearReceived();
				nx.failAt(position, kind);
				const result = await run('Replace Hook', {
					task,
					contacts: input.map((phone, i) => ({ phone, crm: `CRM-${i}` })),
				});
				await stack.sandbox.settled();
				const label = `fault ${kind} at request ${position} (${nx.received.map((r) => r.path.split('/').pop()).join(', ')})`;
				const problems: string[] = [];
				if (result.status !== 200) problems.push(`run failed: ${JSON.stringify(result.items)}`);
				const orders = nxOrdersOf(task).filter((order) => !order.stopped);
				for (const [i, phone] of input.entries()) {
					const count = orders.filter((order) => order.userPhone === international(phone)).length;
					if (count !== 1) problems.push(`number ${i} has ${count} orders`);
					const out = result.items.filter((item) => item.userPhone === international(phone));
					if (out.length !== 1 || out[0].imported !== true)
						problems.push(`number ${i} output: ${JSON.stringify(out)}`);
				}
				if (problems.length) failures.push(`${label}: ${problems.join('; ')}`);
			}
		}
		expect(failures).toEqual([]);
	});

	// ---------------------------------------------------------------- point 3
	it('3. OMICall Campaign Start: a number given twice in two spellings is sent once; the repeat gets a skipped output item', async () => {
		stack.sandbox.omicall.server.clearReceived();
		const [first, other] = numbers(2);
		const spelled = `+84 ${first.slice(1, 4)} ${first.slice(4, 7)} ${first.slice(7)}`;
		const result = await run('Campaign Hook', {
			contacts: [
				{ phone: first, crm: 'CRM-A', name: 'A' },
				{ phone: other, crm: 'CRM-B', name: 'B' },
				{ phone: spelled, crm: 'CRM-C', name: 'C' },
			],
		});
		expect(result.status, JSON.stringify(result.items)).toBe(200);
		const starts = stack.sandbox.omicall.server.requests('/api/call_bot/execute_by_phone');
		expect(starts).toHaveLength(1);
		const sent = (starts[0].body as { contact_info: Array<{ phone: string }> }).contact_info;
		expect(sent.map((c) => c.phone.replace(/^84/, '0'))).toEqual([first, other]);
		const skipped = result.items.filter((item) => item.skipped === true);
		expect(skipped).toEqual([
			expect.objectContaining({ skipped: true, reason: 'duplicate', duplicateOfItem: 0 }),
		]);
		expect(JSON.stringify(skipped[0])).toMatch(/phone/);
		expect(result.items.some((item) => typeof item.autocall_id === 'string')).toBe(true);
	});

	it('3. NXCLOUD Order Add: a number given twice in two spellings gets one order; the repeat gets a skipped output item', async () => {
		const task = await createTask();
		const nx = stack.sandbox.nxcloud;
		nx.clearReceived();
		const [first, other] = numbers(2);
		const spelled = `+84 ${first.slice(1, 4)} ${first.slice(4, 7)} ${first.slice(7)}`;
		const result = await run('Add Hook', {
			task,
			contacts: [
				{ phone: first, crm: 'CRM-A' },
				{ phone: spelled, crm: 'CRM-B' },
				{ phone: other, crm: 'CRM-C' },
			],
		});
		expect(result.status, JSON.stringify(result.items)).toBe(200);
		const adds = nx.received.filter((r) => r.path.endsWith('/addBatchCall'));
		expect(adds).toHaveLength(1);
		const callList = (adds[0].body as { callInfoList: { callList: Array<{ userPhone: string }> } })
			.callInfoList.callList;
		expect(callList.map((o) => o.userPhone)).toEqual([international(first), international(other)]);
		expect(nxOrdersOf(task).filter((o) => o.userPhone === international(first))).toHaveLength(1);
		const skipped = result.items.filter((item) => item.skipped === true);
		expect(skipped).toEqual([
			expect.objectContaining({ skipped: true, reason: 'duplicate', duplicateOfItem: 0 }),
		]);
		expect(result.items.filter((item) => item.imported === true)).toHaveLength(2);
	});

	it('3. Duplicate Numbers = Stop with an Error, in both nodes: the run fails naming both items, and nothing is sent', async () => {
		const task = await createTask();
		stack.sandbox.omicall.server.clearReceived();
		stack.sandbox.nxcloud.clearReceived();
		const [first, other] = numbers(2);
		const spelled = `+84 ${first.slice(1, 4)} ${first.slice(4, 7)} ${first.slice(7)}`;
		const contacts = [
			{ phone: first, crm: 'CRM-A', name: 'A' },
			{ phone: other, crm: 'CRM-B', name: 'B' },
			{ phone: spelled, crm: 'CRM-C', name: 'C' },
		];
		for (const [hook, node] of [
			['Campaign Hook Strict', 'Start Campaign (Duplicates Stop)'],
			['Add Hook Strict', 'Add Numbers (Duplicates Stop)'],
		]) {
			const result = await run(hook, { task, contacts });
			expect(result.status, hook).toBe(500);
			expect(result.error?.node, hook).toBe(node);
			const text = `${String(result.error?.message)} ${String(result.error?.description)}`;
			expect(text, hook).toMatch(/item/i);
			expect(text, hook).toMatch(/\b0\b/);
			expect(text, hook).toMatch(/\b2\b/);
		}
		expect(stack.sandbox.omicall.server.received.filter((r) => r.path !== '/api/auth')).toEqual([]);
		expect(stack.sandbox.nxcloud.received).toEqual([]);
	});

	// ---------------------------------------------------------------- point 6
	it('6. OMICall Conversation: a channel that climbs out of the path sends no request and fails naming the field', async () => {
		const omicall = stack.sandbox.omicall;
		const webhooksBefore = JSON.stringify(omicall.webhooks);
		const channels = [
			'../webhooks/destroy?hook_type=call#',
			'livetalk/../../webhooks/destroy?hook_type=call#',
			'..%2Fwebhooks%2Fdestroy%3Fhook_type%3Dcall%23',
		];
		for (const channel of channels) {
			omicall.server.clearReceived();
			const failed = await run('Channel Hook', { channel });
			expect(failed.status, channel).toBe(500);
			expect(failed.error?.node, channel).toBe('Send Message (Channel from Input)');
			expect(String(failed.error?.message), channel).toMatch(/channel/i);
			for (const hook of ['Channel Hook Continue Send', 'Channel Hook Continue Create'] as const) {
				const result = await run(hook, { channel });
				expect(result.status, `${hook} ${channel}`).toBe(200);
				expect(result.items).toHaveLength(1);
				expect(String(result.items[0].error), `${hook} ${channel}`).toMatch(/channel/i);
			}
			const sent = omicall.server.received.filter((r) => r.path !== '/api/auth');
			expect(
				sent.map((r) => r.path),
				channel,
			).toEqual([]);
		}
		expect(JSON.stringify(omicall.webhooks)).toBe(webhooksBefore);
	});

	// ---------------------------------------------------------------- point 9
	// Twice in one n8n process (token_expired, then auth_invalid in a later run): each refusal of a
	// token must lead to one new token, not only the first.
	for (const [n, code] of ['token_expired', 'auth_invalid'].entries()) {
		it(`9. OMICall ${code} inside an HTTP 200 envelope (refusal ${n + 1} in this n8n process): one new token and one retry for the whole run, which succeeds`, async () => {
			const omicall = stack.sandbox.omicall;
			const calls = omicall.calls.slice(0, 3).map((call) => ({ id: String(call.transaction_id) }));
			const warm = await run('Token Hook', { calls: calls.slice(0, 1) });
			expect(warm.status, JSON.stringify(warm.items)).toBe(200);

			// Expired tokens are now refused inside an HTTP 200 envelope with this code (the OMICall
			// emulator's knob; by default it answers HTTP 401). Fresh tokens stay valid.
			const knobs = omicall as unknown as { tokenErrorStyle?: string; envelopeTokenCode?: string };
			expect(knobs.tokenErrorStyle, 'OMICall emulator knob tokenErrorStyle').toBeDefined();
			omicall.expireTokens();
			omicall.server.clearReceived();
			knobs.tokenErrorStyle = 'envelope';
			knobs.envelopeTokenCode = code;
			let result: Awaited<ReturnType<typeof run>>;
			try {
				result = await run('Token Hook', { calls });
			} finally {
				knobs.tokenErrorStyle = 'http401';
			}
			const received = omicall.server.received;
			const tokenNames = new Map<string, string>();
			const trace = received.map((r) => {
				if (r.path === '/api/auth') return `${r.method} ${r.path}`;
				const token = String(r.headers.authorization ?? '');
				if (!tokenNames.has(token)) tokenNames.set(token, `token${tokenNames.size + 1}`);
				return `${r.method} ${r.path} ${tokenNames.get(token)}`;
			});
			const context = `${JSON.stringify(result.items)}\n${trace.join('\n')}`;
			expect(result.status, context).toBe(200);
			expect(result.items.map((item) => item.transaction_id)).toEqual(calls.map((c) => c.id));

			// One new token for the whole run; every request sent after it carries it; each item's
			// request is sent at most twice (the refused one, then one retry).
			const auth = received.findIndex((r) => r.path === '/api/auth');
			expect(
				received.filter((r) => r.path === '/api/auth'),
				context,
			).toHaveLength(1);
			const oldToken = received[0].headers.authorization;
			const afterAuth = received.slice(auth + 1);
			const newTokens = new Set(afterAuth.map((r) => r.headers.authorization));
			expect(newTokens.size, context).toBe(1);
			expect(newTokens.has(oldToken), context).toBe(false);
			expect(
				received.slice(0, auth).every((r) => r.headers.authorization === oldToken),
				context,
			).toBe(true);
			for (const call of calls) {
				const tries = received.filter((r) => r.path === `/api/call_transaction/detail/${call.id}`);
				expect(tries.length, context).toBeGreaterThanOrEqual(1);
				expect(tries.length, context).toBeLessThanOrEqual(2);
				expect(afterAuth, context).toContain(tries.at(-1));
			}
		});
	}

	// ---------------------------------------------------------------- point 11
	it('11. NXCLOUD Callbot Trigger fails closed: non-JSON → 415, bad tolerance → 500, bad or no signature → 401; none starts anything', async () => {
		const url = `${stack.nodeWebhookUrl(TRIGGERS, 'NXCLOUD Callbacks')}?kind=call`;
		const marker = unique();
		const refused = callPayload(`refused-${marker}`, `refused-call-${marker}`);
		const signed = signedNx(refused);
		const withoutType = Object.fromEntries(
			Object.entries(signed.headers).filter(([name]) => name.toLowerCase() !== 'content-type'),
		);

		const text = await postWebhook(url, signed.rawBody, {
			...withoutType,
			'content-type': 'text/plain',
		});
		expect(text.status).toBe(415);
		const form = new FormData();
		form.set('payload', signed.rawBody);
		const multipart = await fetch(url, { method: 'POST', headers: withoutType, body: form });
		expect(multipart.status).toBe(415);
		const tampered = await postWebhook(
			url,
			signed.rawBody.replace('"callDuration":12', '"callDuration":1200'),
			signed.headers,
		);
		expect(tampered.status).toBe(401);
		const unsigned = await postWebhook(url, signed.rawBody);
		expect(unsigned.status).toBe(401);
		const wrongSign = await postWebhook(url, signed.rawBody, {
			...signed.headers,
			sign: '0'.repeat(32),
		});
		expect(wrongSign.status).toBe(401);

		for (const node of ['NXCLOUD Negative Tolerance', 'NXCLOUD Text Tolerance']) {
			const fresh = signedNx(
				callPayload(`tolerance-${marker}`, `tolerance-call-${marker}-${node}`),
			);
			const answer = await postWebhook(
				`${stack.nodeWebhookUrl(TRIGGERS, node)}?kind=call`,
				fresh.rawBody,
				fresh.headers,
			);
			expect(answer.status, node).toBe(500);
			expect(answer.text, node).not.toContain('sandbox-secret');
		}

		// A valid callback afterwards: it starts, and it is the only one that did.
		const sentinel = signedNx(callPayload(`ok-${marker}`, `ok-call-${marker}`));
		const accepted = await postWebhook(url, sentinel.rawBody, sentinel.headers);
		expect(accepted.status).toBe(200);
		const seen = await captured('e2e-nxcloud', (entry) => entry.orderID === `ok-${marker}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
		for (const name of [
			'e2e-nxcloud',
			'e2e-nxcloud-negative-tolerance',
			'e2e-nxcloud-text-tolerance',
		]) {
			const entries = (stack.sandbox.captured.get(name) ?? []) as Item[];
			expect(
				entries.filter((entry) => JSON.stringify(entry).includes(marker)).map((e) => e.orderID),
				name,
			).toEqual(name === 'e2e-nxcloud' ? [`ok-${marker}`] : []);
		}
		expect(seen.length).toBeGreaterThan(0);
	});

	for (const trigger of OMICALL_TRIGGERS) {
		it(`11. ${trigger.label} fails closed: non-JSON → 415, missing or wrong secret → 401; none starts anything`, async () => {
			const base = stack.nodeWebhookUrl(TRIGGERS, trigger.node);
			const url = `${base}?${trigger.query}=${trigger.value}`;
			const marker = unique();
			const cdr = JSON.stringify({
				transaction_id: `refused-${marker}`,
				state: 'cdr',
				duration: 5,
			});

			expect((await postWebhook(url, cdr, { 'content-type': 'text/plain' })).status).toBe(415);
			const form = new FormData();
			form.set('transaction_id', `refused-${marker}`);
			form.set('state', 'cdr');
			expect((await fetch(url, { method: 'POST', body: form })).status).toBe(415);
			expect((await postWebhook(base, cdr)).status).toBe(401);
			expect(
				(await postWebhook(`${base}?${trigger.query}=wrong-${trigger.value}`, cdr)).status,
			).toBe(401);
			expect((await postWebhook(`${base}?${trigger.query}=`, cdr)).status).toBe(401);
			// The right secret under another parameter name is no secret at all.
			const other = trigger.query === 'secret' ? 'token' : 'secret';
			expect((await postWebhook(`${base}?${other}=${trigger.value}`, cdr)).status).toBe(401);

			const sentinel = JSON.stringify({
				transaction_id: `ok-${marker}`,
				state: 'cdr',
				duration: 5,
			});
			expect((await postWebhook(url, sentinel)).status).toBe(200);
			await captured(trigger.capture, (entry) => entry.transaction_id === `ok-${marker}`);
			await new Promise((resolve) => setTimeout(resolve, 500));
			const entries = (stack.sandbox.captured.get(trigger.capture) ?? []) as Item[];
			expect(
				entries
					.filter((entry) => JSON.stringify(entry).includes(marker))
					.map((e) => e.transaction_id),
			).toEqual([`ok-${marker}`]);
		});
	}

	// ---------------------------------------------------------------- point 12
	it('12a. NXCLOUD: the same signed callback sent again to another ?kind= starts nothing the second time', async () => {
		const base = stack.nodeWebhookUrl(TRIGGERS, 'NXCLOUD Callbacks');
		const marker = unique();
		const callback = signedNx(callPayload(`order-${marker}`, `call-${marker}`));
		const first = await postWebhook(`${base}?kind=call`, callback.rawBody, callback.headers);
		expect(first.status).toBe(200);
		await captured('e2e-nxcloud', (entry) => entry.orderID === `order-${marker}`);
		for (const kind of ['order', 'task', 'call']) {
			const again = await postWebhook(`${base}?kind=${kind}`, callback.rawBody, callback.headers);
			expect(again.status, kind).toBe(200);
		}
		// A different callback afterwards, so the repeats have had their chance to start something.
		const sentinel = signedNx(callPayload(`after-${marker}`, `after-call-${marker}`));
		expect(
			(await postWebhook(`${base}?kind=call`, sentinel.rawBody, sentinel.headers)).status,
		).toBe(200);
		await captured('e2e-nxcloud', (entry) => entry.orderID === `after-${marker}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
		const entries = (stack.sandbox.captured.get('e2e-nxcloud') ?? []) as Item[];
		expect(entries.filter((entry) => entry.orderID === `order-${marker}`)).toHaveLength(1);
	});

	it('12b. NXCLOUD: a task going Running → Paused → Running (three signed callbacks) starts three executions', async () => {
		const base = stack.nodeWebhookUrl(TRIGGERS, 'NXCLOUD Callbacks');
		const task = `e2e-task-${unique()}`;
		const statuses = [2, 5, 2];
		for (const status of statuses) {
			const callback = signedNx(taskPayload(task, status));
			const answer = await postWebhook(`${base}?kind=task`, callback.rawBody, callback.headers);
			expect(answer.status).toBe(200);
		}
		await expect
			.poll(
				() =>
					((stack.sandbox.captured.get('e2e-nxcloud') ?? []) as Item[]).filter(
						(entry) => entry.userTaskID === task,
					).length,
				{ timeout: 20_000, interval: 100 },
			)
			.toBe(3);
		const entries = ((stack.sandbox.captured.get('e2e-nxcloud') ?? []) as Item[]).filter(
			(entry) => entry.userTaskID === task,
		);
		expect(entries.map((entry) => entry.taskStatus).sort()).toEqual([2, 2, 5]);
	});

	for (const trigger of OMICALL_TRIGGERS) {
		it(`12b. ${trigger.label}: a call record re-sent with new data (a recording added) starts again; the exact same body re-sent does not`, async () => {
			const url = `${stack.nodeWebhookUrl(TRIGGERS, trigger.node)}?${trigger.query}=${trigger.value}`;
			const id = `cdr-${unique()}`;
			const record = { transaction_id: id, state: 'cdr', duration: 42, recording_file: '' };
			const withRecording = {
				...record,
				recording_file: `https://public-v1-stg.omicrm.com/third_party/recording/uc?id=${id}`,
			};
			const first = JSON.stringify(record);
			expect((await postWebhook(url, first)).status).toBe(200);
			await captured(trigger.capture, (entry) => entry.transaction_id === id);
			expect((await postWebhook(url, first)).status).toBe(200);
			expect((await postWebhook(url, JSON.stringify(withRecording))).status).toBe(200);
			await captured(
				trigger.capture,
				(entry) => entry.transaction_id === id && Boolean(entry.recording_file),
			);
			expect((await postWebhook(url, JSON.stringify(withRecording))).status).toBe(200);
			const sentinel = `after-${id}`;
			expect(
				(await postWebhook(url, JSON.stringify({ ...record, transaction_id: sentinel }))).status,
			).toBe(200);
			await captured(trigger.capture, (entry) => entry.transaction_id === sentinel);
			await new Promise((resolve) => setTimeout(resolve, 500));
			const entries = ((stack.sandbox.captured.get(trigger.capture) ?? []) as Item[]).filter(
				(entry) => entry.transaction_id === id,
			);
			expect(entries.map((entry) => entry.recording_file)).toEqual([
				'',
				withRecording.recording_file,
			]);
		});
	}
});

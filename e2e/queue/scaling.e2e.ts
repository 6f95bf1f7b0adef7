/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * What only queue mode has: several workers sharing one OMICall credential, and deliveries reaching
 * several webhook processors (and processors that restart). Asserted from the sandbox's received
 * requests (with the n8n process that sent each, found through /proc), the processes' logs and the
 * executions in PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	nodeOutput,
	postWebhook,
	recordRequestOrigins,
	startStack,
	type RequestOrigin,
	type Stack,
} from '../stack';
// @ts-expect-error plain JavaScript module shared with npm start
import { LOCAL } from '../../scripts/n8n-local.mjs';

let stack: Stack;
beforeAll(async () => {
	stack = await startStack({ queue: true });
});
afterAll(async () => {
	await stack?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const OMICALL_SECRET = 'sandbox-webhook-secret';
/** Tries of two copies of one delivery sent at the same instant to the two webhook processors. */
const SAME_INSTANT_TRIES = Number(process.env.E2E_SAME_INSTANT_TRIES ?? 20);

/** Executions of a workflow in PostgreSQL (a row is written before the job is enqueued). */
const executionsOf = (workflowId: string) => stack.queue!.executions(workflowId).length;

/** Waits until the count stops changing for `quietMs`, and returns it. */
async function settledCount(count: () => number, quietMs = 2_000): Promise<number> {
	let last = count();
	let since = Date.now();
	while (Date.now() - since < quietMs) {
		await sleep(200);
		const now = count();
		if (now !== last) {
			last = now;
			since = Date.now();
		}
	}
	return last;
}

describe(`queue mode: scaling in real n8n ${process.env.E2E_N8N_VERSION ?? ''}`, () => {
	it('OMICall token: two workers meet the expired token at once; each worker exchanges it once at most, both runs succeed and no request is lost', async () => {
		const queue = stack.queue!;
		const { omicall } = stack.sandbox;
		const first = await stack.execute('callbotEx003');
		expect(first.code, first.output).toBe(0);
		const recorder = recordRequestOrigins(omicall.server, queue.processes);
		// A network round trip of 300 ms, so that both workers' first requests are on their way before
		// either has a new token: both meet the expired one.
		stack.sandbox.realism.latencyMs = 300;
		try {
			// Two executions queued at the same moment normally go one to each worker (both wait on
			// Redis); the logs tell. A try where one worker took both is repeated.
			let split: { runs: Awaited<ReturnType<Stack['execute']>>[]; workers: string[] } | undefined;
			let origins: RequestOrigin[] = [];
			for (let attempt = 1; attempt <= 5 && !split; attempt++) {
				omicall.expireTokens();
				recorder.origins.length = 0;
				const runs = await Promise.all([
					stack.execute('callbotEx003'),
					stack.execute('callbotEx003'),
				]);
				for (const run of runs) expect(run.code, run.output).toBe(0);
				const workers = runs.map((run) => queue.ranBy(run.executionId!).workers[0]);
				origins = [...recorder.origins];
				if (new Set(workers).size === 2) split = { runs, workers };
				else process.stdout.write(`token race try ${attempt}: one worker ran both, again\n`);
			}
			expect(split, 'two simultaneous executions never ran on two workers').toBeDefined();
			const { runs, workers } = split!;
			expect(workers.sort()).toEqual(['worker-1', 'worker-2']);
			// Every OMICall request came from a worker.
			expect(new Set(origins.map((o) => o.process))).toEqual(new Set(['worker-1', 'worker-2']));
			const auths = origins.filter((o) => o.path === '/api/auth');
			const byWorker = (name: string) => origins.filter((o) => o.process === name);
			for (const name of ['worker-1', 'worker-2']) {
				const own = byWorker(name);
				const ownAuths = own.filter((o) => o.path === '/api/auth');
				// At most one exchange per worker process for this expiry…
				expect(ownAuths.length, `${name}: ${JSON.stringify(own)}`).toBeLessThanOrEqual(1);
				if (ownAuths.length === 1) {
					// …and then it looks as in one process (examples.e2e.ts, OMICall token flow): the
					// call history refused once (401), one exchange, the same call again and the rest.
					expect(own[0]).toMatchObject({ path: '/api/call_transaction/list', status: 401 });
					expect(own[1]).toMatchObject({ path: '/api/auth', status: 200 });
				}
				// No request lost: after the refused one, every request was answered 200.
				expect(own.filter((o) => o.status !== 200).length).toBeLessThanOrEqual(1);
				expect(own.at(-1)).toMatchObject({ path: '/api/call_transaction/list', status: 200 });
			}
			// Both met the expired token (the 300 ms round trip), so each exchanged it once.
			expect(auths.map((a) => a.process).sort()).toEqual(['worker-1', 'worker-2']);
			// Both runs have the full export (the expectation of examples.e2e.ts, Example 3).
			const expected = omicall.calls.filter(
				(call) => (call.created_date as number) >= Date.now() - 24 * 3600_000 - 60_000,
			);
			for (const run of runs) {
				const rows = nodeOutput(run.run, 'Spreadsheet Rows');
				expect(rows.length).toBeGreaterThanOrEqual(expected.length - 1);
				expect(rows.length).toBeLessThanOrEqual(expected.length);
			}
			process.stdout.write(
				`token race: ${auths.length} /api/auth (${auths.map((a) => a.process).join(', ')}); ` +
					`401s: ${origins
						.filter((o) => o.status === 401)
						.map((o) => o.process)
						.join(', ')}; ${origins.length} OMICall requests\n`,
			);
		} finally {
			stack.sandbox.realism.latencyMs = 0;
			recorder.stop();
		}
	});

	it('NXCLOUD: the signed callbacks of example 2a reach 2b through the webhook processors', async () => {
		const queue = stack.queue!;
		stack.sandbox.captured.clear();
		const before = executionsOf('callbotEx02b');
		const run = await stack.execute('callbotEx02a');
		expect(run.code, run.output).toBe(0);
		await stack.sandbox.settled();
		await expect
			.poll(() => stack.sandbox.captured.get('nxcloud-call-results')?.length ?? 0, {
				timeout: 20_000,
			})
			.toBe(3);
		expect(await settledCount(() => executionsOf('callbotEx02b'))).toBe(before + 3);
		for (const execution of queue.executions('callbotEx02b').slice(before)) {
			expect(queue.ranBy(execution.id).enqueuedBy[0]).toMatch(/^webhook-\d$/);
			expect(queue.ranBy(execution.id).workers).toHaveLength(1);
		}
	});

	it('repeats across processes and restarts: the same delivery to webhook processor 1, then 2, then after both restart, starts one execution; a distinct one starts another', async () => {
		const queue = stack.queue!;
		const { nxcloud } = stack.sandbox;
		const [orderID] = [...nxcloud.orders.keys()];
		expect(orderID).toBeDefined();
		nxcloud.simulateCall(orderID, { callDuration: 42 });
		const callback = nxcloud.signedCallback('call', nxcloud.callCallbackPayload(orderID));
		const nxUrl = (i: number) => `${queue.webhookUrlOn(i, 'callbotEx02b')}?kind=call`;
		const message = JSON.stringify({
			uuid: `m-${Date.now()}`,
			conv_uuid: 'c-queue',
			member_type: 'agent',
			content: 'Xin chào từ hàng đợi',
		});
		const omiUrl = (i: number) =>
			`${queue.webhookUrlOn(i, 'callbotEx04b')}?secret=${OMICALL_SECRET}`;
		const sendBoth = async (processor: number) => {
			const nx = await postWebhook(nxUrl(processor), callback.rawBody, callback.headers);
			expect(nx.status, nx.text).toBe(200);
			expect(JSON.parse(nx.text)).toEqual({ retCode: 0, retMsg: 'success' });
			const omi = await postWebhook(omiUrl(processor), message);
			expect(omi.status, omi.text).toBe(200);
		};
		const nxBefore = executionsOf('callbotEx02b');
		const omiBefore = executionsOf('callbotEx04b');
		const balancerBefore = fs.readFileSync(queue.logs.balancer, 'utf8');

		await sendBoth(0);
		await expect
			.poll(() => executionsOf('callbotEx02b'), { timeout: 20_000 })
			.toBe(nxBefore + 1);
		await expect
			.poll(() => executionsOf('callbotEx04b'), { timeout: 20_000 })
			.toBe(omiBefore + 1);
		const [nxFirst] = queue.executions('callbotEx02b').slice(-1);
		const [omiFirst] = queue.executions('callbotEx04b').slice(-1);
		expect(queue.ranBy(nxFirst.id).enqueuedBy).toEqual(['webhook-1']);
		expect(queue.ranBy(omiFirst.id).enqueuedBy).toEqual(['webhook-1']);

		// The other process has never seen it: its memory is empty, the workflow's static data knows it.
		await sendBoth(1);
		expect(await settledCount(() => executionsOf('callbotEx02b'))).toBe(nxBefore + 1);
		expect(executionsOf('callbotEx04b')).toBe(omiBefore + 1);

		// Restarted processes: memory gone, the database stays.
		const pids = queue.processes().filter((p) => p.name.startsWith('webhook-'));
		const restartStarted = Date.now();
		await queue.restartWebhooks();
		const restartSeconds = (Date.now() - restartStarted) / 1000;
		const newPids = queue.processes().filter((p) => p.name.startsWith('webhook-'));
		expect(newPids.map((p) => p.name)).toEqual(pids.map((p) => p.name));
		for (const p of newPids) expect(pids.map((old) => old.pid)).not.toContain(p.pid);
		await sendBoth(0);
		await sendBoth(1);
		expect(await settledCount(() => executionsOf('callbotEx02b'))).toBe(nxBefore + 1);
		expect(executionsOf('callbotEx04b')).toBe(omiBefore + 1);

		// A distinct delivery (a new call: new callID and requestID; a new message) starts again.
		nxcloud.simulateCall(orderID, { callDuration: 43 });
		const next = nxcloud.signedCallback('call', nxcloud.callCallbackPayload(orderID));
		const nx = await postWebhook(nxUrl(1), next.rawBody, next.headers);
		expect(nx.status).toBe(200);
		const omi = await postWebhook(
			omiUrl(1),
			JSON.stringify({ ...JSON.parse(message), uuid: `m2-${Date.now()}` }),
		);
		expect(omi.status).toBe(200);
		await expect
			.poll(() => executionsOf('callbotEx02b'), { timeout: 20_000 })
			.toBe(nxBefore + 2);
		await expect
			.poll(() => executionsOf('callbotEx04b'), { timeout: 20_000 })
			.toBe(omiBefore + 2);
		// None of this went through the balancer: each request went to the processor named.
		expect(fs.readFileSync(queue.logs.balancer, 'utf8')).toBe(balancerBefore);
		process.stdout.write(`webhook processors restarted in ${restartSeconds.toFixed(1)} s\n`);
	});

	it(`two copies at the same instant, one to each webhook processor (${SAME_INSTANT_TRIES} tries; reported, not asserted)`, async () => {
		const queue = stack.queue!;
		const { nxcloud, captured } = stack.sandbox;
		const [orderID] = [...nxcloud.orders.keys()];
		const figures = {
			nxcloud: [] as number[],
			omicall: [] as number[],
			nxcloudToCrm: [] as number[],
			omicallToCrm: [] as number[],
		};
		const crm = (name: string) => captured.get(name)?.length ?? 0;
		for (let i = 0; i < SAME_INSTANT_TRIES; i++) {
			nxcloud.simulateCall(orderID, { callDuration: 100 + i });
			const callback = nxcloud.signedCallback('call', nxcloud.callCallbackPayload(orderID));
			const message = JSON.stringify({
				uuid: `same-instant-${Date.now()}-${i}`,
				conv_uuid: 'c-queue',
				member_type: 'agent',
				content: `Bản sao ${i}`,
			});
			const nxBefore = executionsOf('callbotEx02b');
			const omiBefore = executionsOf('callbotEx04b');
			const nxCrm = crm('nxcloud-call-results');
			const omiCrm = crm('omicall-replies');
			const answers = await Promise.all([
				...[0, 1].map((p) =>
					fetch(`${queue.webhookUrlOn(p, 'callbotEx02b')}?kind=call`, {
						method: 'POST',
						headers: callback.headers,
						body: callback.rawBody,
					}),
				),
				...[0, 1].map((p) =>
					fetch(`${queue.webhookUrlOn(p, 'callbotEx04b')}?secret=${OMICALL_SECRET}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: message,
					}),
				),
			]);
			expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
			figures.nxcloud.push(
				(await settledCount(() => executionsOf('callbotEx02b'), 1500)) - nxBefore,
			);
			figures.omicall.push(executionsOf('callbotEx04b') - omiBefore);
			await stack.sandbox.settled();
			figures.nxcloudToCrm.push(
				(await settledCount(() => crm('nxcloud-call-results'), 1000)) - nxCrm,
			);
			figures.omicallToCrm.push(crm('omicall-replies') - omiCrm);
		}
		const summary = (counts: number[]) =>
			`${counts.filter((c) => c === 1).length}× one, ${counts.filter((c) => c === 2).length}× two, ${counts.filter((c) => c !== 1 && c !== 2).length}× other`;
		const report = {
			version: stack.version,
			tries: SAME_INSTANT_TRIES,
			executionsStarted: { nxcloud: summary(figures.nxcloud), omicall: summary(figures.omicall) },
			reachedTheCrm: {
				nxcloud: summary(figures.nxcloudToCrm),
				omicall: summary(figures.omicallToCrm),
			},
			raw: figures,
		};
		fs.writeFileSync(
			path.join(LOCAL, `e2e-queue-same-instant-n8n${stack.version.split('.')[0]}.json`),
			JSON.stringify(report, null, 2),
		);
		process.stdout.write(`same-instant copies: ${JSON.stringify(report)}\n`);
		// Never more than the two copies, never none.
		for (const count of [...figures.nxcloud, ...figures.omicall]) expect([1, 2]).toContain(count);
	}, 600_000);
});

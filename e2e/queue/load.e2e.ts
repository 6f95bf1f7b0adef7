/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * Smoke version of `npm run bench:queue` (bench/queue-load.mjs), on the queue-mode stack (PostgreSQL,
 * Redis, 1 main, 2 workers, 2 webhook processors, the balancer): 10 senders, 150 OMICall Trigger +
 * 150 NXCLOUD Callbot Trigger callbacks (each distinct, NXCLOUD ones signed), worker 1 SIGKILLed after
 * a third and started again. Every accepted callback must have exactly one execution (by request ID
 * and by `_trigger.deliveryKey`) whose node after the trigger ran: none missing, none twice, none
 * lost with the killed worker.
 *
 * The stalled-job settings are shortened here (lock 10 s, renewed every 2 s, checked every 5 s), so
 * the killed worker's jobs are picked up again within about 20 s instead of 60–120 s with n8n's
 * defaults (the benchmark keeps the defaults); the trivial workflows never hold a job for long.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module shared with npm run bench:queue
import * as load from '../../bench/queue-load.mjs';

const SENDERS = 10;
const PER_TRIGGER = 150;

interface Result {
	target: string;
	id: string;
	key?: string;
	status: number;
	ms: number;
}

describe('queue mode under load: both triggers, a worker killed', () => {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	let stack: any;
	const exits: string[] = [];

	beforeAll(async () => {
		stack = await load.startLoadStack({
			log: () => undefined,
			extraEnv: {
				QUEUE_WORKER_LOCK_DURATION: '10000',
				QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
				QUEUE_WORKER_STALLED_INTERVAL: '5000',
			},
			onProcessExit: ({ name, code, signal }: { name: string; code: number; signal: string }) =>
				exits.push(`${name} ${code ?? signal}`),
		});
	}, 300_000);

	afterAll(async () => {
		await stack?.stop();
	}, 60_000);

	it('one execution per accepted callback, none lost when a worker is SIGKILLed', async () => {
		const make = load.requestMaker(stack.urls.balancer);
		const requests = [];
		for (let i = 0; i < PER_TRIGGER; i++) requests.push(make.omicall(), make.nxcloud());

		let killing: Promise<{ inFlight: number[] }> | undefined;
		const results: Result[] = await load.sendAll(requests, SENDERS, {
			onSent: (count: number) => {
				if (!killing && count >= requests.length / 3) killing = load.killAndRestartWorker(stack, 0);
			},
		});
		const kill = await killing!;

		expect(results.filter((r) => !load.accepted(r)).map((r) => `${r.id} ${r.status}`)).toEqual([]);
		const drained = await load.waitForExecutions(stack, results.length, 120);
		expect(drained.ok, JSON.stringify(drained.counts)).toBe(true);

		const report = load.exactlyOnce(results, load.readExecutions(stack), load.noOpRuns(stack));
		for (const target of ['omicall', 'nxcloud']) {
			const r = report[target];
			expect(r.accepted).toBe(PER_TRIGGER);
			expect(r.executions).toBe(PER_TRIGGER);
			expect(r.byId).toEqual({ once: PER_TRIGGER, missing: 0, twice: 0 });
			expect(r.byKey).toEqual({ once: PER_TRIGGER, missing: 0, twice: 0 });
			expect(r.extra).toBe(0);
			expect(r.noOpMissing).toBe(0);
		}
		expect(load.exactlyOnceHolds(report)).toBe(true);

		// The killed worker's jobs ended (a re-run on another worker, or marked crashed by the
		// restarted worker's event-log recovery after its node had run): none is left unfinished.
		const killed = load.killedOutcome(stack, kill);
		for (const execution of killed.executions)
			expect(['success', 'crashed'], JSON.stringify(execution)).toContain(execution.status);
		expect(exits).toEqual(['worker-1 SIGKILL']);
		process.stdout.write(
			`queue load smoke: ${results.length} callbacks, p50 ${load.latency(results).p50.toFixed(0)} ms, killed worker had ${kill.inFlight.length} jobs: ${JSON.stringify(killed.executions)}; counts ${JSON.stringify(drained.counts.byStatus)}\n`,
		);
	}, 240_000);
});

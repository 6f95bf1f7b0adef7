/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * Smoke version of `npm run bench:queue` (bench/queue-load.mjs), on the queue-mode stack (PostgreSQL,
 * Redis, 1 main, 2 workers, 2 webhook processors, the balancer): 10 senders, 150 OMICall Trigger +
 * 150 NXCLOUD Callbot Trigger callbacks (each distinct, NXCLOUD ones signed), worker 1 SIGKILLed after
 * a third and started again. Every accepted callback must have exactly one execution record, none
 * twice, none extra, and:
 *
 * - n8n 1.x (Bull hands a killed worker's jobs back): every execution holds its request (by request
 *   ID and by `_trigger.deliveryKey`) and its node after the trigger ran, except the killed worker's
 *   executions its restarted process marked `crashed` from its event log before that node (the
 *   callback is in them, to retry from the executions list): none lost.
 * - n8n 2.x (a killed worker's jobs are failed, not run again): the same, except the jobs the killed
 *   worker held, which n8n ends `error` ("This execution failed to be processed too many times")
 *   with the trigger's output replaced: those callbacks' content is lost, and the smoke counts and
 *   prints them (load.exactlyOnce `failedByStall`). Nothing else may be missing. See
 *   docs/queue-mode.md, "What a killed worker does to its executions".
 *
 * The stalled-job settings are shortened here (lock 10 s, renewed every 2 s, checked every 5 s), so
 * the killed worker's jobs are picked up again (1.x) or failed (2.x) within about 20 s instead of
 * 60–120 s with n8n's defaults (the benchmark keeps the defaults); the trivial workflows never hold
 * a job for long.
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

	it('one execution per accepted callback; lost only what n8n fails with a SIGKILLed worker', async () => {
		const major = Number(String(stack.version).split('.')[0]);
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
		const lost: number[] = [];
		const crashedBeforeNode: number[] = [];
		for (const target of ['omicall', 'nxcloud']) {
			const r = report[target];
			const detail = JSON.stringify({ target, ...r });
			// One execution record per accepted callback: none twice, none extra.
			expect(r.accepted, detail).toBe(PER_TRIGGER);
			expect(r.executions, detail).toBe(PER_TRIGGER);
			expect(r.extra, detail).toBe(0);
			expect(r.byId.twice, detail).toBe(0);
			expect(r.byKey.twice, detail).toBe(0);
			// Every callback's execution holds it, except those n8n 2.x failed with the killed worker
			// (their data no longer holds the trigger's output): nothing else is missing.
			expect(r.byId.missing, detail).toBe(r.failedByStall.length);
			expect(r.byKey.missing, detail).toBe(r.failedByStall.length);
			// The node after the trigger ran in every other execution, except those the restarted
			// worker marked crashed before it (1.x): the callback is in them, to retry.
			expect(r.noOpMissing, detail).toBe(r.failedByStall.length + r.crashedBeforeNode.length);
			lost.push(...r.failedByStall);
			crashedBeforeNode.push(...r.crashedBeforeNode);
		}
		// n8n 1.x hands the killed worker's jobs back: nothing lost.
		if (major < 2) expect(lost).toEqual([]);
		// n8n 2.x: only jobs the killed worker held.
		for (const id of [...lost, ...crashedBeforeNode])
			expect(kill.inFlight, `execution ${id}`).toContain(id);

		// The killed worker's jobs ended: run again on another worker (1.x), marked crashed by the
		// restarted worker's event-log recovery after its node had run (1.x), or failed by n8n (2.x,
		// counted as lost above): none is left unfinished.
		const killed = load.killedOutcome(stack, kill);
		for (const execution of killed.executions)
			expect(
				major < 2 ? ['success', 'crashed'] : ['success', 'crashed', 'error'],
				JSON.stringify(execution),
			).toContain(execution.status);
		for (const execution of killed.executions)
			if (execution.status === 'error')
				expect(lost, JSON.stringify(execution)).toContain(execution.id);
		expect(exits).toEqual(['worker-1 SIGKILL']);
		process.stdout.write(
			`queue load smoke: ${results.length} callbacks, p50 ${load.latency(results).p50.toFixed(0)} ms, killed worker had ${kill.inFlight.length} jobs: ${JSON.stringify(killed.executions)}; crashed before the node after the trigger (callback kept): ${crashedBeforeNode.join(', ') || 'none'}; lost (n8n ${stack.version} failed the job, trigger data gone): ${lost.join(', ') || 'none'}; counts ${JSON.stringify(drained.counts.byStatus)}\n`,
		);
	}, 240_000);
});

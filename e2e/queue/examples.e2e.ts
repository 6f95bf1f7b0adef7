/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * The examples on n8n in queue mode. The single-process suite (e2e/examples.e2e.ts) runs here
 * unchanged, with its own expectations, on the queue-mode stack (this config sets E2E_STACK=queue):
 * manual runs go through the main's REST API, which hands them to the workers; webhooks and the
 * sandbox's callbacks go through the balancer to the webhook processors. Then the processes' logs
 * and the database show who did what.
 */
import '../examples.e2e';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentStack } from '../stack';

const EXAMPLES = {
	callbotEx001: 'webhook',
	callbotEx02a: 'manual',
	callbotEx02b: 'webhook',
	callbotEx003: 'manual',
	callbotEx04a: 'manual',
	callbotEx04b: 'webhook',
	// the Chat Trigger's message: a webhook delivery, the agent and its tools on one worker
	callbotEx005: 'webhook',
};

describe('queue mode: who ran the examples', () => {
	it('every execution ran on exactly one worker; manual runs were enqueued by the main, webhook deliveries by a webhook processor', () => {
		const queue = currentStack().queue!;
		const executions = queue.executions();
		expect(new Set(executions.map((e) => e.workflowId))).toEqual(new Set(Object.keys(EXAMPLES)));
		const workersUsed = new Set<string>();
		const processorsUsed = new Set<string>();
		for (const execution of executions) {
			const label = `execution ${execution.id} of ${execution.workflowId}`;
			expect(execution.status, label).toBe('success');
			expect(execution.mode, label).toBe(EXAMPLES[execution.workflowId as keyof typeof EXAMPLES]);
			const { workers, enqueuedBy } = queue.ranBy(execution.id);
			// `Worker started execution <id>` in one worker's log, and in no other process's.
			expect(workers, label).toHaveLength(1);
			workersUsed.add(workers[0]);
			if (execution.mode === 'manual') {
				// The main put it in the queue rather than running it (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS).
				expect(enqueuedBy, label).toEqual(['main']);
			} else {
				expect(enqueuedBy, label).toHaveLength(1);
				expect(enqueuedBy[0], label).toMatch(/^webhook-\d$/);
				processorsUsed.add(enqueuedBy[0]);
			}
		}
		// The workers started exactly these executions, and the main started none itself.
		const started = queue.logs.workers.flatMap((file) =>
			readLines(file).filter((line) => /Worker started execution \d+/.test(line)),
		);
		expect(started).toHaveLength(executions.length);
		expect(readLines(queue.logs.main).filter((line) => /started execution/i.test(line))).toEqual(
			[],
		);
		expect([...workersUsed].sort()).toEqual(['worker-1', 'worker-2']);
		expect([...processorsUsed].sort()).toEqual(['webhook-1', 'webhook-2']);
		process.stdout.write(
			`queue mode: ${executions.length} executions, ${executions.filter((e) => e.mode === 'manual').length} manual (REST API → main → worker), the rest through the webhook processors\n`,
		);
	});

	it('NXCLOUD signing unchanged: example 2a’s signed requests were verified by the sandbox, and its signed callbacks reached 2b through the webhook processors', () => {
		const stack = currentStack();
		const queue = stack.queue!;
		// The NXCLOUD emulator recomputes the signature of every request it receives and refuses a bad
		// one, which fails the run: 2a succeeded on a worker (asserted above), and its requests were
		// answered with retCode 0.
		const creates = stack.sandbox.nxcloud.received.filter((r) => r.path.endsWith('/createAndCall'));
		expect(creates).toHaveLength(1);
		// The callbacks the sandbox sent (signed, as NXCLOUD does) were accepted: 200 from n8n.
		const sent = stack.sandbox.nxcloud.callbacksSent;
		expect(sent.filter((c) => c.kind === 'call')).toHaveLength(3);
		expect(sent.every((c) => c.status === 200)).toBe(true);
		// …and went through the balancer to the webhook processors (never to the main).
		const path = new URL(stack.webhookUrl('callbotEx02b')).pathname;
		const lines = readLines(queue.logs.balancer).filter((line) => line.includes(`POST ${path}`));
		const calls = lines.filter((line) => line.includes('?kind=call'));
		// 3 from the sandbox + the trigger test's tampered (401), unsigned (401) and valid (200) one.
		expect(calls.filter((line) => / → webhook-\d .* 200 /.test(line))).toHaveLength(4);
		expect(calls.filter((line) => / → webhook-\d .* 401 /.test(line))).toHaveLength(2);
		expect(lines.every((line) => / → webhook-\d /.test(line))).toBe(true);
		// One 2b execution per accepted call callback, each enqueued by a webhook processor (above).
		expect(queue.executions('callbotEx02b')).toHaveLength(4);
	});
});

function readLines(file: string): string[] {
	return fs.readFileSync(file, 'utf8').split('\n');
}

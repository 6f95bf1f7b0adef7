/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * The OMICall Callbot Results Trigger (example 6) polling in a real n8n: activated, it emits each
 * finished callbot call once to the CRM capture, and later polls (which read the same calls again
 * through the look-back) emit none of them again.
 *
 * Example 6 is imported inactive by `npm start` and the examples suite (its polls would interleave
 * with the other examples' requests), so this file imports its own copy (a fixture folder written
 * here) with two changes: a Webhook node that takes no part (the stack activates the workflows that
 * have one, so this one is active from the start) and Poll Times n8n accepts as fast as it allows:
 * every 5 seconds on 1.x (a cron with a seconds list: 1.x only refuses a `*` in the seconds field),
 * every minute on 2.x (which refuses any seconds field that is not a single number). Settle Delay 0.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack';

const version = process.env.E2E_N8N_VERSION ?? '1.123.50';
const fast = version.startsWith('1.');
const POLL_MS = fast ? 5_000 : 60_000;
const CAMPAIGN = '67ee1138e4c40956087cd265';
const LIST = '/api/call_transaction/list';

function fixtureDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callbot-e2e-polling-'));
	const file = path.join(__dirname, '..', 'examples', '06-callbot-results-to-crm.json');
	const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
	const trigger = workflow.nodes.find((node: { type: string }) =>
		node.type.endsWith('.omicallCallbotResultsTrigger'),
	);
	trigger.parameters.pollTimes = {
		item: [
			fast
				? { mode: 'custom', cronExpression: '0,5,10,15,20,25,30,35,40,45,50,55 * * * * *' }
				: { mode: 'everyMinute' },
		],
	};
	trigger.parameters.options = { ...trigger.parameters.options, settleMinutes: 0 };
	workflow.nodes.push({
		id: '0b7d2a0e-0006-4000-8000-0000000000ff',
		name: 'Activates The Workflow',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 200],
		webhookId: '6a1f3c2e-0006-4000-8000-00000000c006',
		parameters: { httpMethod: 'POST', path: 'e2e-polling-unused', options: {} },
	});
	fs.writeFileSync(path.join(dir, '06-callbot-results-to-crm.json'), JSON.stringify(workflow));
	return dir;
}

let stack: Stack;
let dir: string;
beforeAll(async () => {
	dir = fixtureDir();
	stack = await startStack({ workflowsDir: dir });
});
afterAll(async () => {
	await stack?.stop();
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const polls = () => stack.sandbox.omicall.server.requests(LIST, 'GET');
const captured = () =>
	(stack.sandbox.captured.get('callbot-results') ?? []) as Array<Record<string, unknown>>;

describe(`OMICall Callbot Results Trigger polling in real n8n ${version}`, () => {
	it(
		'emits each finished callbot call once, with its outcome; later polls repeat none',
		async () => {
			// Made a few seconds from now, so that they come after the activation's first poll (which
			// only notes where it starts) whenever n8n ran it.
			const at = Date.now() + 3_000;
			const omicall = stack.sandbox.omicall;
			const ids = [
				omicall.addCall(at, {
					is_auto_call: true,
					autocall_id: CAMPAIGN,
					disposition: 'answered',
					bill_sec: 31,
				}),
				omicall.addCall(at + 1, {
					is_auto_call: true,
					autocall_id: CAMPAIGN,
					disposition: 'cancelled',
					bill_sec: 0,
				}),
				omicall.addCall(at + 2, { is_auto_call: true, autocall_id: CAMPAIGN, bill_sec: 12 }),
			];
			const notAutoCall = omicall.addCall(at + 3, { is_auto_call: false });
			await expect
				.poll(() => captured().length, { timeout: 4 * POLL_MS + 20_000, interval: 500 })
				.toBeGreaterThanOrEqual(3);
			const seen = polls().length;
			// Two more polls, each reading these calls again through the look-back.
			await expect
				.poll(() => polls().length, { timeout: 3 * POLL_MS + 20_000, interval: 500 })
				.toBeGreaterThanOrEqual(seen + 2);
			await new Promise((resolve) => setTimeout(resolve, 2_000));

			const posts = captured();
			expect(posts.map((post) => post.callId)).toEqual(ids);
			expect(posts.map((post) => post.callId)).not.toContain(notAutoCall);
			expect(posts[0]).toMatchObject({
				campaign: CAMPAIGN,
				answered: true,
				talkSeconds: 31,
				finishedAt: new Date(at).toISOString(),
			});
			expect(posts[1]).toMatchObject({ answered: false, talkSeconds: 0 });
			expect(String(posts[0].recording)).toMatch(/^https:\/\//);
			const requests = polls();
			for (const request of requests) {
				expect(request.query).toMatchObject({ is_auto_call: 'true', page: '1', size: '50' });
				expect(request.headers.authorization).toMatch(/^Bearer /);
			}
			// Every poll after the first read back over the look-back window (60 minutes).
			const last = requests.at(-1)!;
			expect(Number(last.query.to_date) - Number(last.query.from_date)).toBeLessThanOrEqual(
				60 * 60_000,
			);
			expect(stack.log()).not.toMatch(/There was a problem saving the workflow/);
		},
		8 * POLL_MS + 120_000,
	);
});

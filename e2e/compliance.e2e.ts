/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * The Decree 91 guard in a real n8n (E2E_N8N_VERSION) with the packed package: a webhook-started
 * workflow (production mode, so n8n saves the workflow's static data at the end of each execution
 * and loads it at the start of the next) with an NXCLOUD node of version 1.1, Task → Create and
 * Call, Call Purpose Advertising. Two executions with overlapping numbers, one after the other: the
 * second leaves out the first's numbers as `calledWithin24Hours`, and the sandbox receives each
 * number once.
 *
 * The clock: this n8n runs at the real time, which may be outside 08:00–17:00 Vietnam time when CI
 * runs, so the workflow has Advertising Rules → Recipients Agreed to Other Hours on and the test
 * does not depend on the hour. The window itself (its edges, the clipped dialing hours) is asserted
 * with a faked clock in test/nxcloud/compliance.test.ts.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook, startStack, type Stack } from './stack';

const WORKFLOW = 'e2eDecree91Adv01';
const HOOK = 'Campaign Hook';
/** Where the node's 24-hour log is in the workflow's static data (nodes/shared/compliance/callLog.ts). */
const CALL_LOG_FIELD = 'decree91AdvertisingCalls';

let stack: Stack;
beforeAll(async () => {
	stack = await startStack({ workflowsDir: path.join(__dirname, 'fixtures', 'compliance') });
});
afterAll(async () => {
	await stack?.stop();
});

type Item = Record<string, unknown>;

/** One execution: POSTs the contacts to the workflow's webhook; its answer is the node's output. */
async function campaign(contacts: Item[]): Promise<Item[]> {
	const response = await postWebhook(
		stack.nodeWebhookUrl(WORKFLOW, HOOK),
		JSON.stringify({ contacts }),
	);
	expect(response.status, response.text).toBe(200);
	const parsed = JSON.parse(response.text) as unknown;
	return (Array.isArray(parsed) ? parsed : [parsed]) as Item[];
}

/** Distinct Vietnamese mobile numbers, national form (random: the sandbox lives for the file). */
function numbers(count: number): string[] {
	const base = 300_000_000 + Math.floor(Math.random() * 500_000_000);
	return Array.from({ length: count }, (_, i) => `0${base + i * 7}`);
}
const international = (national: string) => `84${national.slice(1)}`;

describe('Decree 91: one advertising call per number in 24 hours, across executions', () => {
	it('the second execution leaves out the numbers of the first; NXCLOUD gets each number once', async () => {
		const [a, b, c, d] = numbers(4);
		const contact = (phone: string) => ({ phone, crm: `CRM-${phone}`, consent: 'yes' });

		const first = await campaign([a, b, c].map(contact));
		expect(first.map((item) => [item.userPhone, item.imported])).toEqual([
			[international(a), true],
			[international(b), true],
			[international(c), true],
		]);
		expect(first[0].compliance).toMatchObject({
			callPurpose: 'advertising',
			callingWindow: 'not checked: the recipients agreed to other hours',
			oneCallPer24Hours: 'checked',
			consent: 'checked',
			leftOut: 0,
		});
		const firstTask = first[0].userTaskID;
		// n8n saved the log with the workflow (production execution).
		await expect
			.poll(async () => Object.keys(((await stack.staticData(WORKFLOW))?.global ?? {}) as Item), {
				timeout: 10_000,
				interval: 200,
			})
			.toContain(CALL_LOG_FIELD);

		// The second execution starts after the first has finished: b and c overlap.
		const second = await campaign([b, c, d].map(contact));
		const skipped = second.filter((item) => item.skipped === true);
		expect(skipped.map((item) => [item.phone, item.reason, item.campaign])).toEqual([
			[international(b), 'calledWithin24Hours', firstTask],
			[international(c), 'calledWithin24Hours', firstTask],
		]);
		const sentItems = second.filter((item) => item.skipped !== true);
		expect(sentItems.map((item) => [item.userPhone, item.imported])).toEqual([
			[international(d), true],
		]);
		expect(sentItems[0].userTaskID).not.toBe(firstTask);
		expect(sentItems[0].compliance).toMatchObject({ callPurpose: 'advertising', leftOut: 2 });

		// What NXCLOUD received: each number once, across both tasks.
		await stack.sandbox.settled();
		const phones = [...stack.sandbox.nxcloud.orders.values()].map((order) => order.userPhone);
		for (const phone of [a, b, c, d]) {
			expect(
				phones.filter((sent) => sent === international(phone)),
				phone,
			).toHaveLength(1);
		}
		const log = ((await stack.staticData(WORKFLOW))?.global as Item)[CALL_LOG_FIELD] as Item;
		expect(Object.keys(log).sort()).toEqual([a, b, c, d].map(international).sort());
	});
});

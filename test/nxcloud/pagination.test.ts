import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PAGES } from '../../nodes/NxCloudCallbot/transport/pagination';
import { sent, startNxCloud, taskParameters, type NxContext } from './setup';

/** Endless pagination (issue point 7): every list stops on a repeated page, and after MAX_PAGES. */

let ctx: NxContext;
beforeAll(async () => {
	ctx = await startNxCloud();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => ctx.emulator.reset());

/** One task with 150 orders, each called once; 150 tasks in the list (copies of it). */
async function data(): Promise<string> {
	const numbers = Array.from({ length: 150 }, (_, i) => ({ userPhone: `849${20000000 + i}` }));
	const result = await ctx.run(
		taskParameters({ contactsSource: 'json', contactsJson: JSON.stringify(numbers) }),
	);
	expect(result.error).toBeUndefined();
	const userTaskID = result.items[0].json.userTaskID as string;
	for (const order of ctx.emulator.orders.values()) ctx.emulator.simulateCall(order.orderID);
	const task = ctx.emulator.tasks.get(userTaskID)!;
	for (let i = 1; i < 150; i++) {
		ctx.emulator.tasks.set(`copy-${i}`, { ...task, userTaskID: `copy-${i}`, taskID: `TC${i}` });
	}
	ctx.emulator.clearReceived();
	return userTaskID;
}

const lists: Array<[string, (taskId: string) => INodeParameters]> = [
	['Task → Get Many', () => ({ resource: 'task', operation: 'getAll', returnAll: true })],
	[
		'Order → Get Many',
		(taskId) => ({ resource: 'order', operation: 'getAll', taskId, returnAll: true }),
	],
	[
		'Call → Get Many',
		(taskId) => ({ resource: 'call', operation: 'getAll', taskId, returnAll: true }),
	],
];

describe.each(lists)('%s', (_name, parameters) => {
	it('reads every page; a bogus total in the answer changes nothing', async () => {
		const taskId = await data();
		ctx.emulator.listQuirks = { total: 1_000_000 };
		const result = await ctx.run(parameters(taskId));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(150);
		expect(sent(ctx.emulator).map(([, body]) => (body as IDataObject).page)).toEqual([1, 2]);
	});

	it('a server that ignores the page number: a clear error after page 2, no endless loop', async () => {
		const taskId = await data();
		ctx.emulator.listQuirks = { ignorePage: true };
		const result = await ctx.run(parameters(taskId));
		expect(result.error?.message).toBe('NXCLOUD answered page 2 with rows it had already sent');
		expect(result.error?.description).toContain('seems to ignore the page number');
		expect(sent(ctx.emulator)).toHaveLength(2);
	});
});

describe('page cap', () => {
	it(`stops with an error after ${MAX_PAGES} pages of new rows`, async () => {
		ctx.emulator.listQuirks = { endless: true };
		const result = await ctx.run({ resource: 'task', operation: 'getAll', returnAll: true });
		expect(result.error?.message).toBe(
			`NXCLOUD kept sending pages: stopped after ${MAX_PAGES} pages (${MAX_PAGES * 100} rows)`,
		);
		expect(sent(ctx.emulator)).toHaveLength(MAX_PAGES);
	});
});

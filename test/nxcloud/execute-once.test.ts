import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { people, sent, startNxCloud, taskParameters, type NxContext } from './setup';

/**
 * "Execute Once" (node setting): n8n-core hands the routing engine only the first input item, while
 * the node run's execute data still holds them all. Only the first item's number may be dialed.
 */
let ctx: NxContext;
beforeAll(async () => {
	ctx = await startNxCloud();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => ctx.emulator.reset());

describe('Execute Once', () => {
	it('Create and Call with 5 items and Execute Once dials only the first item', async () => {
		const result = await ctx.run(taskParameters(), { items: people(5), executeOnce: true });
		expect(result.error).toBeUndefined();
		const requests = sent(ctx.emulator);
		expect(requests.map(([name]) => name)).toEqual(['createAndCall']);
		const callList = (requests[0][1].callInfoList as IDataObject).callList as IDataObject[];
		expect(callList.map((order) => order.userPhone)).toEqual(['84910000000']);
		expect(result.items).toHaveLength(1);
	});

	it('Order → Add with 3 items and Execute Once adds only the first number', async () => {
		const created = await ctx.run(taskParameters({ startMode: 'manual' }), { items: people(1) });
		const userTaskID = created.items[0].json.userTaskID as string;
		ctx.emulator.clearReceived();
		const result = await ctx.run(
			{
				resource: 'order',
				operation: 'add',
				taskId: userTaskID,
				contactsSource: 'items',
				contactPhone: '={{ $json.phone }}',
			},
			{ items: people(3, 100), executeOnce: true },
		);
		expect(result.error).toBeUndefined();
		const requests = sent(ctx.emulator);
		expect(requests.map(([name]) => name)).toEqual(['addBatchCall']);
		const callList = (requests[0][1].callInfoList as IDataObject).callList as IDataObject[];
		expect(callList.map((order) => order.userPhone)).toEqual(['84910000100']);
	});
});

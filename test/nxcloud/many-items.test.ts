import { Expression } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { people, sent, startNxCloud, taskParameters, type NxContext } from './setup';

/**
 * Many input items, one pass (issue 9): each item's parameters are read once per run, and the
 * run-level facts of derived IDs once per plan. Counted through n8n's own expression resolver,
 * which the routing engine also uses (for every property of the description that has the parameter's
 * name, shown or not: the per-item contact fields are defined once for Create and Call, Add and
 * Replace Latest Batch, so the engine resolves `contactPhone` once per item by itself; it was twice
 * while each operation had its own copy).
 */
const resolver = Expression.prototype as unknown as {
	resolveSimpleParameterValue: (value: unknown, ...rest: unknown[]) => unknown;
};
const original = resolver.resolveSimpleParameterValue;
const resolved = new Map<unknown, number>();

let ctx: NxContext;
beforeAll(async () => {
	ctx = await startNxCloud({ limits: { callList: 1000, orderIDs: 500 } });
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => {
	ctx.emulator.reset();
	resolved.clear();
	resolver.resolveSimpleParameterValue = function (value: unknown, ...rest: unknown[]) {
		resolved.set(value, (resolved.get(value) ?? 0) + 1);
		return original.call(this, value, ...rest);
	};
});
afterEach(() => {
	resolver.resolveSimpleParameterValue = original;
});

const ENGINE_COPIES = 1;

describe('many input items, one pass', () => {
	it('Create and Call: each item is read once, the run index once for all derived IDs', async () => {
		const n = 300;
		const result = await ctx.run(
			taskParameters({ contactOther: '={{ $json.crmId }}', options: { numbersPerRequest: 100 } }),
			{ items: people(n) },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(n);
		expect(sent(ctx.emulator).map(([name]) => name)).toEqual([
			'createAndCall',
			'addBatchCall',
			'addBatchCall',
		]);
		// The engine's own resolutions plus one read per item (before: about four reads per item).
		expect(resolved.get('={{ $json.phone }}')).toBe((ENGINE_COPIES + 1) * n);
		expect(resolved.get('={{ $json.crmId }}')).toBe((ENGINE_COPIES + 1) * n);
		// Before: once per derived order ID.
		expect(resolved.get('={{ $runIndex }}') ?? 0).toBeLessThanOrEqual(2);
	});

	it('Add with a bad item in the middle and Continue On Fail: each item read once, its own error kept', async () => {
		const created = await ctx.run(taskParameters({ startMode: 'manual' }), { items: people(1) });
		const userTaskID = created.items[0].json.userTaskID as string;
		ctx.emulator.clearReceived();
		resolved.clear();
		const items = people(50, 100).map((item, i) => (i === 20 ? { ...item, phone: 'x' } : item));
		const result = await ctx.run(
			{
				resource: 'order',
				operation: 'add',
				taskId: userTaskID,
				contactsSource: 'items',
				contactPhone: '={{ $json.phone }}',
			},
			{ items: items.map((item) => ({ ...item })), continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(resolved.get('={{ $json.phone }}')).toBe((ENGINE_COPIES + 1) * 50);
		const errors = result.items.filter((item) => item.json.error);
		expect(errors.map((item) => item.json.error)).toEqual([
			'Phone of item 20 "x" is not a valid phone number',
		]);
		expect(result.items.filter((item) => item.json.imported === true)).toHaveLength(49);
	});

	it('Stop: each item is read once', async () => {
		const created = await ctx.run(taskParameters({ startMode: 'manual' }), { items: people(40) });
		const userTaskID = created.items[0].json.userTaskID as string;
		ctx.emulator.clearReceived();
		resolved.clear();
		const result = await ctx.run(
			{
				resource: 'order',
				operation: 'stop',
				taskId: userTaskID,
				orderId: '={{ $json.orderID }}',
				orderIdsSource: 'items',
			},
			{ items: created.items.map((item) => ({ orderID: item.json.orderID })) },
		);
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator).map(([name]) => name)).toEqual(['stopOrder']);
		// orderId exists once in the description (Stop and Get Details share it).
		expect(resolved.get('={{ $json.orderID }}')).toBeLessThanOrEqual(2 * 40);
	});

	it('JSON Array in every item: numbers of other items are read once per run, not once per item', async () => {
		const n = 60;
		const result = await ctx.run(
			taskParameters({
				contactsSource: 'json',
				contactsJson: '={{ JSON.stringify([{ userPhone: $json.phone }]) }}',
			}),
			{ items: people(n) },
		);
		expect(result.error).toBeUndefined();
		expect(ctx.emulator.tasks.size).toBe(n);
		// The engine's own resolution per item, the item's own read and one read for the duplicate
		// check (before: every item read every earlier item, n² / 2).
		const copies = resolved.get('={{ JSON.stringify([{ userPhone: $json.phone }]) }}') ?? 0;
		expect(copies).toBeLessThanOrEqual((ENGINE_COPIES + 2) * n);
	});
});

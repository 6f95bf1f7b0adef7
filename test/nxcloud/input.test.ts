import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { people, startNxCloud, taskParameters, type NxContext } from './setup';

/** Bad input (issue point 16): refused before any request, naming the field and the item. */

let ctx: NxContext;
beforeAll(async () => {
	ctx = await startNxCloud();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => ctx.emulator.reset());

const scheduled = (startAt: string): INodeParameters => ({ startMode: 'scheduled', startAt });
const transfer = (settings: Record<string, unknown>): INodeParameters => ({
	options: { agentTransfer: { settings: { agentGroup: 'G1', ...settings } } },
});

describe('Task settings', () => {
	it.each<[string, INodeParameters, string | RegExp]>([
		[
			'30 February',
			scheduled('2031-02-30T09:00:00'),
			'Start At of item 0 "2031-02-30T09:00:00" is not a date',
		],
		[
			'month 13',
			scheduled('2031-13-01T09:00:00'),
			'Start At of item 0 "2031-13-01T09:00:00" is not a date',
		],
		[
			'hour 25',
			scheduled('2031-01-01T25:00:00'),
			'Start At of item 0 "2031-01-01T25:00:00" is not a date',
		],
		[
			'minute 60',
			scheduled('2031-01-01 09:60'),
			'Start At of item 0 "2031-01-01 09:60" is not a date',
		],
		[
			'a start already past',
			scheduled('2020-01-01T09:00:00'),
			/^Start At of item 0 2020-01-01T02:00:00\.000Z is in the past \(now it is \d{4}-\d\d-\d\dT[\d:.]+Z\)$/,
		],
		[
			'robots not a number',
			{ maxCall: '={{ "many" }}' },
			'Robots of item 0 "many" is not a whole number of at least 1',
		],
		['robots 2.5', { maxCall: 2.5 }, 'Robots of item 0 "2.5" is not a whole number of at least 1'],
		[
			'ring time 0',
			{ maxRingTime: 0 },
			'Max Ring Time (Seconds) of item 0 "0" is not a whole number of seconds',
		],
		[
			'dispatch type not a number',
			transfer({ dispatchType: '={{ "ratio" }}' }),
			'Transfer to Agent: Dialing Mode of item 0 "ratio" is not one of 0, 1, 3',
		],
		[
			'dispatch type 2 (the other NXCLOUD API)',
			transfer({ dispatchType: 2 }),
			'Transfer to Agent: Dialing Mode of item 0 "2" is not one of 0, 1, 3',
		],
		[
			'call ratio negative',
			transfer({ ratioCallRate: -1 }),
			'Transfer to Agent: Agent Call Ratio of item 0 "-1" is not a positive number',
		],
		[
			'numbers per request negative',
			{ options: { numbersPerRequest: -1 } },
			'Numbers per Request of item 0 "-1" is not a whole number of at least 0',
		],
	])('%s', async (_name, overrides, message) => {
		const result = await ctx.run(taskParameters(overrides), { items: people(1) });
		if (typeof message === 'string') expect(result.error?.message).toBe(message);
		else expect(result.error?.message).toMatch(message);
		expect(ctx.emulator.received).toHaveLength(0);
	});
});

describe('IDs', () => {
	const long = 'x'.repeat(65);
	it.each<[string, INodeParameters, string]>([
		[
			'an order ID that is an object',
			taskParameters({ contactOrderId: '={{ { id: 1 } }}' }),
			'Order ID of item 0 is an object, not an ID',
		],
		[
			'an order ID ".."',
			taskParameters({ contactOrderId: '..' }),
			'Order ID of item 0 ".." is not a valid ID',
		],
		[
			'an order ID longer than 64 characters',
			taskParameters({ contactOrderId: long }),
			'Order ID of item 0 is 65 characters long',
		],
		[
			'a new task ID that is an object',
			taskParameters({ options: { taskId: '={{ [1, 2] }}' } }),
			'Task ID of item 0 is a list, not an ID',
		],
		[
			'a task ID ".." (Order → Add)',
			{ resource: 'order', operation: 'add', taskId: '..', contactPhone: '={{ $json.phone }}' },
			'Task ID of item 0 ".." is not a valid ID',
		],
		[
			'a task ID too long (Order → Stop, list)',
			{ resource: 'order', operation: 'stop', taskId: long, orderIdsSource: 'list', orderIds: 'a' },
			'Task ID of item 0 is 65 characters long',
		],
		[
			'an object among the order IDs (Order → Get Details)',
			{
				resource: 'order',
				operation: 'getDetails',
				taskId: 't-1',
				orderIdsSource: 'list',
				orderIds: '={{ ["a", { id: 2 }] }}',
			},
			'Order IDs of item 0 is an object, not an ID',
		],
		[
			'an empty order ID among the order IDs',
			{
				resource: 'order',
				operation: 'stop',
				taskId: 't-1',
				orderIdsSource: 'list',
				orderIds: '={{ ["a", ""] }}',
			},
			'Order IDs of item 0 is empty',
		],
	])('%s', async (_name, parameters, message) => {
		const result = await ctx.run(parameters, { items: people(1) });
		expect(result.error?.message).toBe(message);
		expect(ctx.emulator.received).toHaveLength(0);
	});
});

describe('Idempotency Key', () => {
	it('two items with the same key: each number gets its own order ID (derived from key and number), a re-run adds nothing', async () => {
		const parameters = taskParameters({ options: { idempotencyKey: 'same-event' } });
		const result = await ctx.run(parameters, { items: people(2) });
		expect(result.error).toBeUndefined();
		const ids = result.items.map((i) => i.json.orderID);
		expect(new Set(ids).size).toBe(2);
		expect(ctx.emulator.orders.size).toBe(2);
		const rerun = await ctx.run(parameters, { items: people(2) });
		expect(rerun.error).toBeUndefined();
		expect(rerun.items.map((i) => [i.json.orderID, i.json.alreadyImported])).toEqual(
			ids.map((id) => [id, true]),
		);
		expect(ctx.emulator.orders.size).toBe(2);
	});
});

describe('IDs in task settings are checked like every ID (never sent as "[object Object]")', () => {
	const withOptions = (options: IDataObject) =>
		taskParameters({ options: options as INodeParameters });
	it.each([
		[
			'Script Template ID an object',
			taskParameters({ sceneId: '={{ { id: 1 } }}' }),
			'Script Template ID of item 0 is an object, not an ID',
		],
		[
			'Route ID a list',
			taskParameters({ routeId: '={{ [1, 2] }}' }),
			'Route ID of item 0 is a list, not an ID',
		],
		[
			'Route ID ".."',
			taskParameters({ routeId: '..' }),
			'Route ID of item 0 ".." is not a valid ID',
		],
		[
			'Agent Group ID an object',
			withOptions({ agentTransfer: { settings: { agentGroup: '={{ { g: 1 } }}' } } }),
			'Transfer to Agent: Agent Group ID of item 0 is an object, not an ID',
		],
		[
			'SMS Template ID an object',
			withOptions({ sms: { rule: [{ smsId: '={{ { s: 1 } }}', intentIds: 'I1' }] } }),
			'SMS rule 1: SMS Template ID of item 0 is an object, not an ID',
		],
		[
			'an Intent ID an object',
			withOptions({ sms: { rule: [{ smsId: 'S1', intentIds: '={{ [{ i: 1 }] }}' }] } }),
			'SMS rule 1: Intent IDs of item 0 is an object, not an ID',
		],
		[
			'Task → Update: Script Template ID a list',
			{ ...taskParameters({ operation: 'update', taskId: 't-1' }), sceneId: '={{ ["a", "b"] }}' },
			'Script Template ID of item 0 is a list, not an ID',
		],
	])('%s', async (_name, parameters, message) => {
		const result = await ctx.run(parameters, { items: people(1) });
		expect(result.error?.message).toBe(message);
		expect(ctx.emulator.received).toHaveLength(0);
	});
});

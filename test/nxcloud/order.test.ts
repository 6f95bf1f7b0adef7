import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, people, sent, startNxCloud, taskParameters, type NxContext } from './setup';

let ctx: NxContext;
beforeAll(async () => {
	ctx = await startNxCloud();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => ctx.emulator.reset());

/** Creates a task through the node; returns its userTaskID and the orders' IDs. */
async function createTask(
	contacts: number,
	from = 0,
): Promise<{ userTaskID: string; orderIDs: string[] }> {
	const result = await ctx.run(
		taskParameters({ startMode: 'manual', contactOther: '={{ $json.crmId }}' }),
		{
			items: people(contacts, from),
		},
	);
	expect(result.error).toBeUndefined();
	ctx.emulator.clearReceived();
	return {
		userTaskID: result.items[0].json.userTaskID as string,
		orderIDs: result.items.map((i) => i.json.orderID as string),
	};
}

const callList = (body: IDataObject) =>
	(body.callInfoList as IDataObject).callList as IDataObject[];

describe('Order → Add', () => {
	it('adds the numbers of all input items, grouped by the task each item names', async () => {
		const a = await createTask(1);
		const b = await createTask(1, 100);
		const items = people(5, 200).map((person, i) => ({
			...person,
			task: i % 2 ? b.userTaskID : a.userTaskID,
		}));
		const result = await ctx.run(
			{
				resource: 'order',
				operation: 'add',
				taskId: '={{ $json.task }}',
				orderCallbackUrl: 'https://hooks.example.com/nx/order',
				callCallbackUrl: '',
				contactsSource: 'items',
				contactPhone: '={{ $json.phone }}',
				contactOther: '={{ $json.crmId }}',
				options: { numbersPerRequest: 2 },
			},
			{ items },
		);
		expect(result.error).toBeUndefined();
		const requests = sent(ctx.emulator);
		expect(
			requests.map(([name, body]) => [name, body.userTaskID, callList(body).map((o) => o.other)]),
		).toEqual([
			['addBatchCall', a.userTaskID, ['CRM-200', 'CRM-202']],
			['addBatchCall', a.userTaskID, ['CRM-204']],
			['addBatchCall', b.userTaskID, ['CRM-201', 'CRM-203']],
		]);
		expect(requests[0][1]).toMatchObject({
			productID: 'callbot',
			callInfoList: { orderCallbackUrl: 'https://hooks.example.com/nx/order', callCallbackUrl: '' },
		});
		expect(
			result.items.map((i) => [i.json.other, i.json.userTaskID, i.json.imported, i.pairedItem]),
		).toEqual([
			['CRM-200', a.userTaskID, true, { item: 0 }],
			['CRM-202', a.userTaskID, true, { item: 2 }],
			['CRM-204', a.userTaskID, true, { item: 4 }],
			['CRM-201', b.userTaskID, true, { item: 1 }],
			['CRM-203', b.userTaskID, true, { item: 3 }],
		]);
		expect(ctx.emulator.orders.size).toBe(7);
	});

	it('Define Below: the numbers of each item to the task of the field', async () => {
		const { userTaskID } = await createTask(1);
		const result = await ctx.run({
			resource: 'order',
			operation: 'add',
			taskId: userTaskID,
			contactsSource: 'define',
			contacts: {
				contact: [{ phone: '84912345601' }, { phone: '84912345602', orderId: 'own-id' }],
			},
		});
		expect(result.error).toBeUndefined();
		const [[name, body]] = sent(ctx.emulator);
		expect(name).toBe('addBatchCall');
		expect(callList(body).map((o) => o.orderID)).toEqual([expect.stringMatching(/^n8n/), 'own-id']);
		expect(result.items.map((i) => i.json.imported)).toEqual([true, true]);
	});
});

describe('Order → Replace Latest Batch', () => {
	it('imports a new batch (importBatchCall), then adds the rest of the numbers to it (addBatchCall)', async () => {
		const { userTaskID, orderIDs } = await createTask(3);
		ctx.emulator.simulateCall(orderIDs[0]);
		const result = await ctx.run(
			{
				resource: 'order',
				operation: 'replaceBatch',
				taskId: userTaskID,
				contactsSource: 'items',
				contactPhone: '={{ $json.phone }}',
				options: { numbersPerRequest: 2 },
			},
			{ items: people(3, 50) },
		);
		expect(result.error).toBeUndefined();
		// First a look-up of the derived order IDs (none exists yet: no earlier attempt replaced the batch).
		expect(sent(ctx.emulator).map(([name]) => name)).toEqual([
			'listOrderDetail',
			'importBatchCall',
			'addBatchCall',
		]);
		expect(
			sent(ctx.emulator)
				.slice(1)
				.map(([, body]) => callList(body).length),
		).toEqual([2, 1]);
		// The dialed order of the old batch stays; the two undialed ones are gone; all 3 new ones are in.
		const remaining = [...ctx.emulator.orders.values()].filter((o) => o.userTaskID === userTaskID);
		expect(remaining.map((o) => o.orderID)).toContain(orderIDs[0]);
		expect(remaining.map((o) => o.orderID)).not.toContain(orderIDs[1]);
		expect(remaining).toHaveLength(4);
		const batchIDs = new Set(
			remaining.filter((o) => o.orderID !== orderIDs[0]).map((o) => o.batchID),
		);
		expect(batchIDs.size).toBe(1);
		expect(result.items).toHaveLength(3);
	});
});

describe('Order → Stop', () => {
	it('stops the orders of all input items; errList entries stay on their orders', async () => {
		const { userTaskID, orderIDs } = await createTask(3);
		ctx.emulator.simulateCall(orderIDs[1]);
		const items = [...orderIDs, 'no-such-order'].map((orderID) => ({ orderID, task: userTaskID }));
		const result = await ctx.run(
			{
				resource: 'order',
				operation: 'stop',
				taskId: '={{ $json.task }}',
				orderIdsSource: 'items',
				deleteUndialed: true,
			},
			{ items },
		);
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator)).toEqual([
			[
				'stopOrder',
				{ productID: 'callbot', userTaskID, orderIDs: [...orderIDs, 'no-such-order'], delCall: 1 },
			],
		]);
		expect(result.items.map((i) => i.json)).toEqual([
			{ userTaskID, orderID: orderIDs[0], stopped: true, responseID: expect.any(String) },
			{
				userTaskID,
				orderID: orderIDs[1],
				stopped: false,
				errMsg: 'order is already finished',
				responseID: expect.any(String),
			},
			{ userTaskID, orderID: orderIDs[2], stopped: true, responseID: expect.any(String) },
			{
				userTaskID,
				orderID: 'no-such-order',
				stopped: false,
				errMsg: 'order does not exist in this task',
				responseID: expect.any(String),
			},
		]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
	});

	it('List: splits more than 500 order IDs into several requests', async () => {
		const { userTaskID } = await createTask(1);
		const ids = Array.from({ length: 1001 }, (_, i) => `o-${i}`);
		const result = await ctx.run({
			resource: 'order',
			operation: 'stop',
			taskId: userTaskID,
			orderIdsSource: 'list',
			orderIds: `={{ ${JSON.stringify(ids)} }}`,
		});
		expect(result.error).toBeUndefined();
		expect(
			sent(ctx.emulator).map(([name, body]) => [
				name,
				(body.orderIDs as string[]).length,
				body.delCall,
			]),
		).toEqual([
			['stopOrder', 500, 0],
			['stopOrder', 500, 0],
			['stopOrder', 1, 0],
		]);
		expect(result.items).toHaveLength(1001);
	});
});

describe('Order → Get Details', () => {
	it('splits more than 500 order IDs into requests of 500 and joins the results; unknown orders say so', async () => {
		const { userTaskID, orderIDs } = await createTask(3);
		ctx.emulator.simulateCall(orderIDs[0], { callDuration: 12 }, { finish: false });
		ctx.emulator.simulateCall(orderIDs[0], { callDuration: 34 });
		ctx.emulator.simulateCall(orderIDs[2]);
		const ids = [
			orderIDs[0],
			...Array.from({ length: 1100 }, (_, i) => `unknown-${i}`),
			orderIDs[2],
			orderIDs[1],
		];
		const result = await ctx.run({
			resource: 'order',
			operation: 'getDetails',
			taskId: userTaskID,
			orderIdsSource: 'list',
			orderIds: ids.join(','),
		});
		expect(result.error).toBeUndefined();
		const requests = sent(ctx.emulator);
		expect(requests.map(([name, body]) => [name, (body.orderList as string[]).length])).toEqual([
			['listOrderDetail', 500],
			['listOrderDetail', 500],
			['listOrderDetail', 103],
		]);
		expect(requests[2][1]).toEqual({
			productID: 'callbot',
			userTaskID,
			orderList: ids.slice(1000),
		});
		const known = result.items.filter((i) => i.json.found !== false);
		expect(
			known.map((i) => [i.json.orderID, (i.json.callInfoDetailList as IDataObject[]).length]),
		).toEqual([
			[orderIDs[0], 2],
			[orderIDs[2], 1],
			[orderIDs[1], 0],
		]);
		const unknown = result.items.filter((i) => i.json.found === false);
		expect(unknown.map((i) => i.json.orderID)).toEqual(ids.slice(1, 1101));
		expect(unknown[0].json).toEqual({ userTaskID, orderID: 'unknown-0', found: false });
		expect((known[0].json.callInfoDetailList as IDataObject[])[1]).toMatchObject({
			callDuration: 34,
		});
	});

	it('One Order ID per Input Item: one request for all items, results paired with their items', async () => {
		const { userTaskID, orderIDs } = await createTask(2);
		const result = await ctx.run(
			{
				resource: 'order',
				operation: 'getDetails',
				taskId: userTaskID,
				orderIdsSource: 'items',
				orderId: '={{ $json.id }}',
			},
			{ items: [{ id: orderIDs[1] }, { id: orderIDs[0] }, { id: orderIDs[1] }] },
		);
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator)).toEqual([
			[
				'listOrderDetail',
				{ productID: 'callbot', userTaskID, orderList: [orderIDs[1], orderIDs[0]] },
			],
		]);
		// The order named twice is asked for once, and its result is paired with both items.
		expect(result.items.map((i) => [i.json.orderID, i.pairedItem])).toEqual([
			[orderIDs[1], [{ item: 0 }, { item: 2 }]],
			[orderIDs[0], { item: 1 }],
		]);
	});
});

describe('Order → Get Many', () => {
	it('pages through the orders of a task and sends the filters', async () => {
		const { userTaskID, orderIDs } = await createTask(250);
		for (const id of orderIDs) ctx.emulator.simulateCall(id, { callDuration: 40 });
		const result = await ctx.run({
			resource: 'order',
			operation: 'getAll',
			taskId: userTaskID,
			returnAll: true,
			filters: {
				finish: 1,
				durationMin: 30,
				intentIds: '',
				callStatuses: '1',
			},
		});
		expect(result.error).toBeUndefined();
		const requests = sent(ctx.emulator);
		expect(requests.map(([, body]) => body.page)).toEqual([1, 2, 3]);
		expect(requests[0][1]).toEqual({
			productID: 'callbot',
			userTaskID,
			options: { finish: 1, callStatus: [1], callDuration: { gt: 30, lt: 0, enable: true } },
			page: 1,
			size: 100,
		});
		expect(result.items).toHaveLength(250);
		expect(result.items[0].json).toMatchObject({
			orderID: orderIDs[0],
			finish: true,
			callInfoDetail: { callDuration: 40 },
		});
	});

	it('finds the rows of an answer whose list key is not the expected one', async () => {
		ctx.emulator.failNext('POST', api('listOrder'), {
			body: {
				retCode: '0',
				retMsg: 'ok',
				responseID: 'r',
				total: 2,
				data: { records: [{ orderID: 'a' }, { orderID: 'b' }] },
			},
		});
		const result = await ctx.run({
			resource: 'order',
			operation: 'getAll',
			taskId: 't',
			returnAll: false,
			limit: 10,
			filters: { orderIds: 'a, b', intentLevels: '1,2', intentNames: 'quan tâm', turnsMax: 5 },
		});
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator)[0][1].options).toEqual({
			orderID: ['a', 'b'],
			intentName: ['quan tâm'],
			intentLevel: [1, 2],
			turnTime: { gt: 0, lt: 5, enable: true },
		});
		expect(result.items.map((i) => i.json)).toEqual([{ orderID: 'a' }, { orderID: 'b' }]);
	});
});

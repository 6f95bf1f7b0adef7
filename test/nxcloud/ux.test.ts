import type { IDataObject, ILoadOptionsFunctions, INodeType } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NxCloudCallbotApi } from '../../credentials/NxCloudCallbotApi.credentials';
import { searchTasks } from '../../nodes/NxCloudCallbot/methods/tasks';
import { NxCloudCallbot } from '../../nodes/NxCloudCallbot/NxCloudCallbot.node';
import { CALL_ROW_FIELDS, TASK_FIELDS } from '../../nodes/NxCloudCallbot/shared/simplify';
import { loadOptions } from '../harness/run-node';
import { api, people, sent, startNxCloud, taskParameters, UUID, type NxContext } from './setup';

/**
 * The NXCLOUD node for people and AI agents: the Task list of every Task ID field (searchTasks,
 * through n8n-core's LoadOptionsContext), Task IDs given as resource locators in real runs, and
 * Simplify on the lists, through the real routing engine against the emulator.
 */

let ctx: NxContext;
beforeAll(async () => {
	ctx = await startNxCloud();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => ctx.emulator.reset());

/** Creates a task through the node (Create and Call, manual start); its ID and order IDs. */
async function createTask(contacts: number, from = 0) {
	const result = await ctx.run(
		taskParameters({ startMode: 'manual', contactOther: '={{ $json.crmId }}' }),
		{ items: people(contacts, from) },
	);
	expect(result.error).toBeUndefined();
	ctx.emulator.clearReceived();
	return {
		userTaskID: result.items[0].json.userTaskID as string,
		orderIDs: result.items.map((i) => i.json.orderID as string),
	};
}

/** The node, with a list search that asks for the page given as pagination token. */
function nodeWithPage(token: string): INodeType {
	const node = new NxCloudCallbot();
	const listSearch = {
		searchTasksFrom: async function (this: ILoadOptionsFunctions, filter?: string) {
			return await searchTasks.call(this, filter, token);
		},
	};
	return Object.assign(node, { methods: { listSearch } }) as INodeType;
}

const search = (filter?: string, token?: string) =>
	loadOptions({
		nodeType: token ? nodeWithPage(token) : new NxCloudCallbot(),
		credentialTypes: [new NxCloudCallbotApi()],
		credentialsHelper: ctx.credentials,
		parameters: { resource: 'task', operation: 'pause' },
		kind: 'listSearch',
		method: token ? 'searchTasksFrom' : 'searchTasks',
		filter,
	}) as Promise<{ results: Array<{ name: string; value: string }>; paginationToken?: string }>;

/** 150 tasks: the one created, then copy-1 … copy-149 (in that order in listTask). */
async function manyTasks(): Promise<string> {
	const { userTaskID } = await createTask(1);
	const task = ctx.emulator.tasks.get(userTaskID)!;
	for (let i = 1; i < 150; i++) {
		ctx.emulator.tasks.set(`copy-${i}`, { ...task, userTaskID: `copy-${i}`, taskID: `TC${i}` });
	}
	return userTaskID;
}

describe('Task list (searchTasks)', () => {
	it('lists 100 tasks a page from listTask, signed, with the next page as token', async () => {
		const first = await manyTasks();
		ctx.emulator.setTaskStatus('copy-1', 5);
		const page1 = await search();
		expect(sent(ctx.emulator)).toEqual([
			['listTask', { productID: 'callbot', page: 1, size: 100, queryConditions: {} }],
		]);
		const request = ctx.emulator.received[0];
		expect(request.path).toBe(api('listTask'));
		expect(request.headers.uuid).toBe(UUID);
		expect(request.headers.sign).toMatch(/^[0-9a-f]{32}$/i);
		expect(page1.results).toHaveLength(100);
		expect(page1.results[0].value).toBe(first);
		expect(page1.results[1]).toEqual({ name: 'copy-1 · Paused', value: 'copy-1' });
		expect(page1.paginationToken).toBe('2');

		ctx.emulator.clearReceived();
		const page2 = await search(undefined, '2');
		expect(sent(ctx.emulator).map(([, body]) => body.page)).toEqual([2]);
		expect(page2.results.map((r) => r.value)).toEqual(
			Array.from({ length: 50 }, (_, i) => `copy-${100 + i}`),
		);
		expect(page2.paginationToken).toBeUndefined();
	});

	it('keeps the tasks whose ID contains the typed text, reading on while a page has none', async () => {
		await manyTasks();
		const onFirstPage = await search('COPY-14');
		expect(onFirstPage.results.map((r) => r.value)).toEqual(['copy-14']);
		expect(onFirstPage.paginationToken).toBe('2');

		ctx.emulator.clearReceived();
		const onSecondPage = await search('copy-145');
		expect(sent(ctx.emulator).map(([, body]) => body.page)).toEqual([1, 2]);
		expect(onSecondPage).toEqual({ results: [{ name: expect.any(String), value: 'copy-145' }] });
	});

	it('reports an NXCLOUD error instead of an empty list', async () => {
		ctx.emulator.failAt(1, 'busy');
		await expect(search()).rejects.toThrow(/NXCLOUD error 7/);
	});
});

describe('Task ID as a resource locator', () => {
	it('Task → Pause with a task picked from the list', async () => {
		const { userTaskID } = await createTask(1);
		const result = await ctx.run({
			resource: 'task',
			operation: 'pause',
			taskId: { __rl: true, mode: 'list', value: userTaskID },
		});
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator)).toEqual([
			['mgrTaskStatus', { productID: 'callbot', userTaskID, taskOperate: 2, delCall: 0 }],
		]);
		expect(result.items[0].json).toMatchObject({ userTaskID });
	});

	it('Order → Add: each item names its task By ID with an expression', async () => {
		const a = await createTask(1);
		const b = await createTask(1, 100);
		const items = people(2, 200).map((person, i) => ({
			...person,
			task: i ? b.userTaskID : a.userTaskID,
		}));
		const result = await ctx.run(
			{
				resource: 'order',
				operation: 'add',
				taskId: { __rl: true, mode: 'id', value: '={{ $json.task }}' },
				orderCallbackUrl: '',
				callCallbackUrl: '',
				contactsSource: 'items',
				contactPhone: '={{ $json.phone }}',
				contactOther: '={{ $json.crmId }}',
			},
			{ items },
		);
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator).map(([name, body]) => [name, body.userTaskID])).toEqual([
			['addBatchCall', a.userTaskID],
			['addBatchCall', b.userTaskID],
		]);
		expect(result.items.map((i) => i.json.userTaskID)).toEqual([a.userTaskID, b.userTaskID]);
	});

	it('refuses a task that resolves to nothing, naming the field, before any request', async () => {
		const result = await ctx.run({
			resource: 'call',
			operation: 'getAll',
			taskId: { __rl: true, mode: 'id', value: '={{ $json.task }}' },
			returnAll: true,
		});
		expect(result.error?.message).toMatch(/Task ID.*is empty/);
		expect(ctx.emulator.received).toHaveLength(0);
	});
});

const callRowKeys = new Set(CALL_ROW_FIELDS.map((field) => field.split('.')[0]));

function onlyAllowed(items: Array<{ json: IDataObject }>, allowed: Set<string>) {
	for (const item of items) {
		for (const key of Object.keys(item.json)) expect(allowed.has(key), key).toBe(true);
	}
}

describe('Simplify', () => {
	async function calledTask() {
		const task = await createTask(3);
		for (const id of task.orderIDs) ctx.emulator.simulateCall(id, { callDuration: 30 });
		ctx.emulator.clearReceived();
		return task;
	}

	it('Call → Get Many: off by default (every field), on: the call fields only', async () => {
		const { userTaskID } = await calledTask();
		const parameters = { resource: 'call', operation: 'getAll', taskId: userTaskID };
		const raw = await ctx.run({ ...parameters, returnAll: true });
		const simple = await ctx.run({ ...parameters, returnAll: true, simplify: true });
		expect(sent(ctx.emulator).map(([name, body]) => [name, body])).toEqual([
			['listCall', { productID: 'callbot', userTaskID, options: {}, page: 1, size: 100 }],
			['listCall', { productID: 'callbot', userTaskID, options: {}, page: 1, size: 100 }],
		]);
		expect(raw.items).toHaveLength(3);
		expect(raw.items[0].json).toHaveProperty('sceneID');
		expect(simple.items).toHaveLength(3);
		expect(simple.items[0].json).not.toHaveProperty('sceneID');
		expect(simple.items[0].json).not.toHaveProperty('taskID');
		const keep = Object.fromEntries(
			Object.entries(raw.items[0].json).filter(([key]) => callRowKeys.has(key)),
		);
		expect(simple.items[0].json).toEqual(keep);
		expect(simple.items[0].json).toMatchObject({ callDuration: 30, callID: expect.any(String) });
		onlyAllowed(simple.items, callRowKeys);
	});

	it('Order → Get Many and Get Details: the order and its calls, simplified', async () => {
		const { userTaskID, orderIDs } = await calledTask();
		const orders = await ctx.run({
			resource: 'order',
			operation: 'getAll',
			taskId: userTaskID,
			returnAll: true,
			simplify: true,
		});
		expect(orders.error).toBeUndefined();
		expect(orders.items).toHaveLength(3);
		onlyAllowed(orders.items, callRowKeys);
		expect(orders.items[0].json).toMatchObject({ orderID: orderIDs[0], userTaskID });

		const details = await ctx.run(
			{
				resource: 'order',
				operation: 'getDetails',
				taskId: userTaskID,
				orderIdsSource: 'items',
				orderId: '={{ $json.orderID }}',
				simplify: true,
			},
			{ items: orderIDs.map((orderID) => ({ orderID })) },
		);
		expect(details.error).toBeUndefined();
		expect(sent(ctx.emulator).map(([name]) => name)).toEqual(['listOrder', 'listOrderDetail']);
		onlyAllowed(details.items, callRowKeys);
		const calls = details.items[0].json.callInfoDetailList as IDataObject[];
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ callDuration: 30, callID: expect.any(String) });
		expect(Object.keys(calls[0]).every((key) => CALL_ROW_FIELDS.includes(key))).toBe(true);
		expect(calls[0]).not.toHaveProperty('agent');
	});

	it('Task → Get Many: status and progress, not the platform IDs', async () => {
		const { userTaskID } = await createTask(2);
		const raw = await ctx.run({ resource: 'task', operation: 'getAll', returnAll: true });
		const simple = await ctx.run({
			resource: 'task',
			operation: 'getAll',
			returnAll: true,
			simplify: true,
		});
		expect(raw.items[0].json).toHaveProperty('taskID');
		expect(raw.items[0].json).toHaveProperty('sceneID');
		const stat = raw.items[0].json.taskStat as IDataObject;
		expect(simple.items[0].json).toEqual({
			userTaskID,
			taskStatus: raw.items[0].json.taskStatus,
			taskStatusName: raw.items[0].json.taskStatusName,
			createTs: raw.items[0].json.createTs,
			taskStat: {
				totalOrderCount: stat.totalOrderCount,
				finishOrderCount: stat.finishOrderCount,
				answerOrderCount: stat.answerOrderCount,
				answerRate: stat.answerRate,
			},
		});
		onlyAllowed(simple.items, new Set(TASK_FIELDS.map((field) => field.split('.')[0])));
	});

	it('Batch → Export with Simplify', async () => {
		const { userTaskID } = await calledTask();
		const result = await ctx.run({
			resource: 'batch',
			operation: 'export',
			taskId: { __rl: true, mode: 'list', value: userTaskID },
			simplify: true,
		});
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator)).toEqual([['exportBatchCall', { productID: 'callbot', userTaskID }]]);
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json).toMatchObject({ userTaskID, batchID: expect.anything() });
		onlyAllowed(result.items, callRowKeys);
	});
});

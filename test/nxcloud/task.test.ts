import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NX_TASK_STATUS } from '../../emulators/nxcloud';
import { api, people, sent, startNxCloud, taskParameters, UUID, type NxContext } from './setup';

let ctx: NxContext;
beforeAll(async () => {
	ctx = await startNxCloud();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => ctx.emulator.reset());

describe('Task → Create and Call', () => {
	it('creates one task for all input items, with the converted settings, in one request', async () => {
		const items = people(3);
		const result = await ctx.run(
			taskParameters({
				startMode: 'scheduled',
				startAt: '2030-12-01T08:30:00',
				timeZone: 'Asia/Shanghai',
				dialingDays: [5, 1, 3],
				dialingHours: {
					range: [
						{ from: '08:30', to: '11:00' },
						{ from: '14:00', to: '17:30' },
					],
				},
				contactOther: '={{ $json.crmId }}',
				contactUserName: '={{ $json.name }}',
				contactVariables: { variable: [{ name: 'ten', value: '={{ $json.name }}' }] },
				options: {
					taskKeep: true,
					roundRedial: true,
					phoneEncrypt: true,
					sms: { rule: [{ smsId: 'SMS1', intentIds: 'I1, I2', intentNames: 'quan tâm' }] },
					agentTransfer: {
						settings: { agentGroup: 'G1', dispatchType: 3, ratioCallRate: 1.5, predictCallRate: 2 },
					},
				},
			}),
			{ items },
		);
		expect(result.error).toBeUndefined();

		const requests = ctx.emulator.received;
		expect(requests).toHaveLength(1);
		const [request] = requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe(api('createAndCall'));
		expect(request.headers.uuid).toBe(UUID);
		expect(request.headers.algorithm).toBe('MD5');
		expect(request.headers['content-type']).toMatch(/application\/json/);
		const body = request.body as IDataObject;
		expect(body.userTaskID).toMatch(/^n8n[0-9a-f]{29}$/);
		expect(body).toMatchObject({
			productID: 'callbot',
			sceneID: 'S123',
			taskCreateSetting: {
				strategyName: '默认策略',
				startupType: 2,
				// 08:30 in the workflow's time zone (Asia/Ho_Chi_Minh, UTC+7) is 01:30 UTC.
				startupAt: Date.UTC(2030, 11, 1, 1, 30) / 1000,
				zoneSecond: 8 * 3600,
				dialAtWeekDay: '1,3,5',
				// 08:30–11:00 → down 8, up+down 9, 10; 14:00–17:30 → up+down 14, 15, 16, up 17
				dialAtUpHour: '9,10,14,15,16,17',
				dialAtDownHour: '8,9,10,14,15,16',
				maxRingTime: 30,
				routeID: 'R1',
				maxCall: 2,
				taskName: 'Nhắc lịch hẹn',
				taskCallbackUrl: 'https://hooks.example.com/nx/task',
				manualCallSetting: {
					agentGroup: 'G1',
					dispatchType: 3,
					ratioCallRate: 1.5,
					predictCallRate: 2,
				},
			},
			funcFlag: {
				taskKeep: true,
				roundRedial: true,
				wholeTTS: true,
				smsEnable: true,
				smsFuncFlag: [{ smsID: 'SMS1', intentID: ['I1', 'I2'], intentName: ['quan tâm'] }],
				phoneEncrypt: true,
			},
			callInfoList: {
				orderCallbackUrl: 'https://hooks.example.com/nx/order',
				callCallbackUrl: 'https://hooks.example.com/nx/call',
			},
		});
		const callList = (body.callInfoList as IDataObject).callList as IDataObject[];
		expect(callList).toHaveLength(3);
		expect(callList[0]).toEqual({
			orderID: expect.stringMatching(/^n8n[0-9a-f]{29}$/),
			userPhone: '84910000000',
			other: 'CRM-0',
			userName: 'Khách 0',
			customerName: '',
			params: [{ name: 'ten', value: 'Khách 0' }],
		});
		expect(new Set(callList.map((o) => o.orderID)).size).toBe(3);
		// The raw bytes carry the Vietnamese and Chinese text as UTF-8, as signed.
		expect(request.rawBody.toString('utf8')).toContain('"strategyName":"默认策略"');

		// One output item per number, paired with its input item, with the IDs to correlate.
		expect(result.items).toHaveLength(3);
		const task = ctx.emulator.tasks.get(body.userTaskID as string)!;
		expect(result.items.map((i) => i.json)).toEqual(
			callList.map((order) => ({
				userTaskID: body.userTaskID,
				taskID: task.taskID,
				orderID: order.orderID,
				userPhone: order.userPhone,
				other: order.other,
				userName: order.userName,
				customerName: '',
				imported: true,
				responseID: expect.any(String),
				// Automatic Numbers per Request (the default): the size the run settled on.
				numbersPerRequest: 2000,
				// A version 1 node: service calls (Decree 91 guard, test/nxcloud/compliance.test.ts).
				compliance: expect.objectContaining({ callPurpose: 'service' }),
			})),
		);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(ctx.emulator.orders.size).toBe(3);
	});
});

describe('Task → Create and Call: many numbers', () => {
	it('creates a task with more numbers than one request takes: createAndCall, then addBatchCall', async () => {
		const items = people(1203);
		const result = await ctx.run(
			taskParameters({ contactOther: '={{ $json.crmId }}', options: { numbersPerRequest: 500 } }),
			{ items },
		);
		expect(result.error).toBeUndefined();
		const requests = sent(ctx.emulator);
		expect(requests.map(([name]) => name)).toEqual([
			'createAndCall',
			'addBatchCall',
			'addBatchCall',
		]);
		const lists = requests.map(
			([, body]) => (body.callInfoList as IDataObject).callList as IDataObject[],
		);
		expect(lists.map((list) => list.length)).toEqual([500, 500, 203]);
		const userTaskID = requests[0][1].userTaskID;
		expect(requests.every(([, body]) => body.userTaskID === userTaskID)).toBe(true);
		expect(requests[1][1]).toEqual({
			productID: 'callbot',
			userTaskID,
			callInfoList: {
				orderCallbackUrl: 'https://hooks.example.com/nx/order',
				callCallbackUrl: 'https://hooks.example.com/nx/call',
				callList: lists[1],
			},
		});
		expect(ctx.emulator.tasks.size).toBe(1);
		expect(ctx.emulator.orders.size).toBe(1203);
		expect(result.items).toHaveLength(1203);
		expect(
			result.items.every((i) => i.json.imported === true && i.json.userTaskID === userTaskID),
		).toBe(true);
		expect(result.items[1202].json.other).toBe('CRM-1202');
		expect(result.items[1202].pairedItem).toEqual({ item: 1202 });
	});

	it('respects a smaller "Numbers per Request"', async () => {
		await ctx.run(taskParameters({ options: { numbersPerRequest: 2 } }), { items: people(5) });
		expect(
			sent(ctx.emulator).map(([name, body]) => [
				name,
				((body.callInfoList as IDataObject).callList as unknown[]).length,
			]),
		).toEqual([
			['createAndCall', 2],
			['addBatchCall', 2],
			['addBatchCall', 1],
		]);
	});

	it('keeps rejected numbers visible: errList entries on their order items', async () => {
		// The task exists (NXCLOUD created it, the answer below rejects a number); the rejected
		// order is looked up there and is not found.
		const created = await ctx.run(
			taskParameters({ operation: 'create', options: { taskId: 'own-task-9' } }),
		);
		expect(created.error).toBeUndefined();
		ctx.emulator.failNext('POST', api('createAndCall'), {
			body: {
				retCode: 0,
				retMsg: 'success',
				responseID: 'r-1',
				taskID: 'T-9',
				totalCount: 3,
				successCount: 1,
				errList: [
					{ phone: '84910000001', errMsg: 'number on the blocklist' },
					{ phone: '84000', errMsg: 'something the node did not send' },
				],
			},
		});
		const result = await ctx.run(
			taskParameters({
				contactOrderId: '={{ $json.crmId }}',
				options: { taskId: 'own-task-9' },
			}),
			{ items: people(2) },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.userPhone, i.json.imported, i.json.errMsg])).toEqual([
			['84910000000', true, undefined],
			['84910000001', false, 'number on the blocklist'],
			[undefined, false, 'something the node did not send'],
		]);
		expect(result.items[2].json).toMatchObject({ phone: '84000', taskID: 'T-9' });
	});
});

describe('Task → Create and Call: numbers per input item', () => {
	it('Define Below: one task per input item, with its own derived IDs', async () => {
		const result = await ctx.run(
			taskParameters({
				contactsSource: 'define',
				contacts: {
					contact: [
						{
							phone: '0912 345 678',
							other: 'A',
							variables: { variable: [{ name: 'ten', value: '={{ $json.name }}' }] },
						},
						{
							phone: '+86 138 0000 0000',
							orderId: 'my-order-1',
							userName: 'Li',
							customerName: 'ACME',
						},
					],
				},
				options: { countryCode: '84' },
			}),
			{ items: [{ name: 'An' }, { name: 'Bình' }] },
		);
		expect(result.error).toBeUndefined();
		const requests = sent(ctx.emulator);
		expect(requests.map(([name]) => name)).toEqual(['createAndCall']);
		// The second item names the same numbers: they are not sent again (Duplicate Numbers: Call Once).
		expect(result.items.slice(2).map((i) => i.json)).toEqual([
			{
				userTaskID: expect.stringMatching(/^n8n/),
				phone: '84912345678',
				skipped: true,
				reason: 'duplicate',
				duplicateOfItem: 0,
			},
			{
				userTaskID: expect.stringMatching(/^n8n/),
				phone: '8613800000000',
				skipped: true,
				reason: 'duplicate',
				duplicateOfItem: 0,
			},
		]);
		expect(result.items.slice(2).map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 1 }]);
		expect(result.items.slice(0, 2).map((i) => i.json.imported)).toEqual([true, true]);
	});

	it('Define Below: one task per input item, with its own derived IDs (different numbers)', async () => {
		const result = await ctx.run(
			taskParameters({
				contactsSource: 'define',
				contacts: {
					contact: [
						{
							phone: '={{ $itemIndex ? "0912 345 600" : "0912 345 678" }}',
							other: 'A',
							variables: { variable: [{ name: 'ten', value: '={{ $json.name }}' }] },
						},
						{
							phone: '={{ $itemIndex ? "+86 138 0000 0001" : "+86 138 0000 0000" }}',
							orderId: 'my-order-1',
							userName: 'Li',
							customerName: 'ACME',
						},
					],
				},
				options: { countryCode: '84' },
			}),
			{ items: [{ name: 'An' }, { name: 'Bình' }] },
		);
		expect(result.error).toBeUndefined();
		const requests = sent(ctx.emulator);
		// The rejected my-order-1 of the second task is looked up (an order ID of that task with
		// the same number would prove an earlier import): not there.
		expect(requests.map(([name]) => name)).toEqual([
			'createAndCall',
			'createAndCall',
			'listOrderDetail',
		]);
		const [first, second] = requests.map(([, body]) => body);
		expect(first.userTaskID).not.toBe(second.userTaskID);
		const list = (first.callInfoList as IDataObject).callList as IDataObject[];
		expect(list[0]).toMatchObject({
			userPhone: '84912345678',
			other: 'A',
			params: [{ name: 'ten', value: 'An' }],
		});
		expect(list[1]).toMatchObject({
			orderID: 'my-order-1',
			userPhone: '8613800000000',
			userName: 'Li',
			customerName: 'ACME',
		});
		// The second item's derived order ID differs from the first item's, its own order ID is kept.
		const secondList = (second.callInfoList as IDataObject).callList as IDataObject[];
		expect(secondList[0].orderID).not.toBe(list[0].orderID);
		expect(result.items).toHaveLength(4);
		expect(result.items.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
		]);
		// my-order-1 twice: the second task's copy is rejected by NXCLOUD, and the output says so.
		expect(result.items[3].json).toMatchObject({ orderID: 'my-order-1', imported: false });
	});

	it('JSON Array: reads both field spellings and params as pairs or an object', async () => {
		const result = await ctx.run(
			taskParameters({
				contactsSource: 'json',
				contactsJson: JSON.stringify([
					{ userPhone: '84912345678', other: 'X', params: [{ name: 'ten', value: 'An' }] },
					{ phone: '84912345679', orderId: 'o-2', variables: { ten: 'Bình', tuoi: 30 } },
				]),
				options: { taskId: 'crm-task-1' },
			}),
		);
		expect(result.error).toBeUndefined();
		const [[, body]] = sent(ctx.emulator);
		expect(body.userTaskID).toBe('crm-task-1');
		expect((body.callInfoList as IDataObject).callList).toEqual([
			expect.objectContaining({
				userPhone: '84912345678',
				other: 'X',
				params: [{ name: 'ten', value: 'An' }],
			}),
			expect.objectContaining({
				orderID: 'o-2',
				userPhone: '84912345679',
				params: [
					{ name: 'ten', value: 'Bình' },
					{ name: 'tuoi', value: '30' },
				],
			}),
		]);
		expect(result.items[0].json.userTaskID).toBe('crm-task-1');
	});
});

describe('Task → Create and Call: input conversions', () => {
	const settings = async (overrides: INodeParameters) => {
		const result = await ctx.run(taskParameters(overrides), { items: people(1) });
		expect(result.error).toBeUndefined();
		return (sent(ctx.emulator).at(-1)![1].taskCreateSetting ?? {}) as IDataObject;
	};

	it('time zones: the workflow zone, IANA zones, fixed offsets', async () => {
		expect((await settings({ timeZone: 'workflow' })).zoneSecond).toBe(7 * 3600);
		expect((await settings({ timeZone: 'UTC-03:30' })).zoneSecond).toBe(-(3 * 3600 + 1800));
		expect((await settings({ timeZone: 'Asia/Kolkata' })).zoneSecond).toBe(5.5 * 3600);
		expect((await settings({ timeZone: '=+8' })).zoneSecond).toBe(8 * 3600);
		// A zone with daylight saving time: its offset at the scheduled start.
		const summer = await settings({
			timeZone: 'Europe/Berlin',
			startMode: 'scheduled',
			startAt: '2030-07-01T09:00:00',
		});
		expect(summer.zoneSecond).toBe(2 * 3600);
		const winter = await settings({
			timeZone: 'Europe/Berlin',
			startMode: 'scheduled',
			startAt: '2030-12-01T09:00:00',
		});
		expect(winter.zoneSecond).toBe(3600);
	});

	it('start modes: immediately (3, startupAt 0), manually (1)', async () => {
		expect(await settings({ startMode: 'immediately' })).toMatchObject({
			startupType: 3,
			startupAt: 0,
		});
		expect(await settings({ startMode: 'manual' })).toMatchObject({ startupType: 1, startupAt: 0 });
	});

	it('dialing hours: whole day, over midnight, half hours; weekdays from an expression', async () => {
		expect(
			await settings({ dialingHours: { range: [{ from: '00:00', to: '24:00' }] } }),
		).toMatchObject({
			dialAtUpHour: Array.from({ length: 24 }, (_, h) => h).join(','),
			dialAtDownHour: Array.from({ length: 24 }, (_, h) => h).join(','),
		});
		expect(
			await settings({ dialingHours: { range: [{ from: '22:30', to: '01:00' }] } }),
		).toMatchObject({
			dialAtUpHour: '0,23',
			dialAtDownHour: '0,22,23',
		});
		expect(
			await settings({ dialingHours: { range: [{ from: '12:00', to: '12:30' }] } }),
		).toMatchObject({
			dialAtUpHour: '12',
			dialAtDownHour: '',
		});
		expect(await settings({ dialingDays: '={{ ["sat", "Sunday", 1] }}' })).toMatchObject({
			dialAtWeekDay: '1,6,7',
		});
		// 0 is Sunday (JavaScript's getDay()); Vietnamese short names (T2 = Monday) are read too.
		expect(await settings({ dialingDays: '={{ "0, T2, 3" }}' })).toMatchObject({
			dialAtWeekDay: '1,3,7',
		});
	});
});

describe('Task → Create', () => {
	it('creates a task without numbers, callback URLs also at the top level', async () => {
		const result = await ctx.run({
			...taskParameters({ operation: 'create', startMode: 'manual' }),
			options: { sms: { rule: [{ smsId: 'S1', intentNames: 'quan tâm' }] }, wholeTTS: false },
		});
		expect(result.error).toBeUndefined();
		const [[name, body]] = sent(ctx.emulator);
		expect(name).toBe('createTask');
		expect(body).toMatchObject({
			productID: 'callbot',
			userTaskID: expect.stringMatching(/^n8n[0-9a-f]{29}$/),
			sceneID: 'S123',
			taskCreateSetting: {
				startupType: 1,
				taskName: 'Nhắc lịch hẹn',
				maxCall: 2,
				dialAtUpHour: '9,10,11',
			},
			funcFlag: {
				wholeTTS: false,
				smsEnable: true,
				smsFuncFlag: [
					{ smsID: 'S1', smsId: 'S1', intentID: [], intentId: [], intentName: ['quan tâm'] },
				],
			},
			taskCallbackUrl: 'https://hooks.example.com/nx/task',
			orderCallbackUrl: 'https://hooks.example.com/nx/order',
		});
		expect(body).not.toHaveProperty('callInfoList');
		const task = ctx.emulator.tasks.get(body.userTaskID as string)!;
		expect(result.items.map((i) => i.json)).toEqual([
			{ userTaskID: body.userTaskID, taskID: task.taskID, responseID: expect.any(String) },
		]);
	});
});

/** Creates a task through the node and returns its userTaskID. */
async function createTask(contacts = 2, overrides: IDataObject = {}): Promise<string> {
	const result = await ctx.run(taskParameters({ startMode: 'manual', ...overrides }), {
		items: people(contacts),
	});
	expect(result.error).toBeUndefined();
	ctx.emulator.clearReceived();
	return result.items[0].json.userTaskID as string;
}

describe('Task → Start / Pause / Finish', () => {
	it('sends mgrTaskStatus with taskOperate 1, 2, 3 and outputs the new status', async () => {
		const userTaskID = await createTask(2);
		const run = async (operation: string, deleteUndialed = false) =>
			await ctx.run({ resource: 'task', operation, taskId: userTaskID, deleteUndialed });
		const started = await run('start');
		expect(started.items.map((i) => i.json)).toEqual([
			{
				userTaskID,
				taskID: expect.any(String),
				taskStatus: NX_TASK_STATUS.running,
				taskStatusName: 'Running',
				responseID: expect.any(String),
			},
		]);
		expect((await run('pause')).items[0].json).toMatchObject({
			taskStatus: 5,
			taskStatusName: 'Paused',
		});
		expect((await run('finish', true)).items[0].json).toMatchObject({
			taskStatus: 3,
			taskStatusName: 'Completed',
		});
		expect(sent(ctx.emulator)).toEqual([
			['mgrTaskStatus', { productID: 'callbot', userTaskID, taskOperate: 1, delCall: 0 }],
			['mgrTaskStatus', { productID: 'callbot', userTaskID, taskOperate: 2, delCall: 0 }],
			['mgrTaskStatus', { productID: 'callbot', userTaskID, taskOperate: 3, delCall: 1 }],
		]);
		// delCall 1 deleted the numbers that were never dialed.
		expect(ctx.emulator.orders.size).toBe(0);
	});
});

describe('Task → Update', () => {
	it('sends the complete settings of a task that has not started', async () => {
		const userTaskID = await createTask(1);
		const result = await ctx.run({
			...taskParameters({
				operation: 'update',
				taskId: userTaskID,
				sceneId: '',
				maxCall: 4,
				taskName: 'Đổi tên',
			}),
			options: { taskKeep: true },
		});
		expect(result.error).toBeUndefined();
		const [[name, body]] = sent(ctx.emulator);
		expect(name).toBe('updateTask');
		expect(body).not.toHaveProperty('sceneID');
		expect(body).toMatchObject({
			productID: 'callbot',
			userTaskID,
			taskCreateSetting: {
				maxCall: 4,
				taskName: 'Đổi tên',
				startupType: 3,
				dialAtWeekDay: '1,2,3,4,5',
			},
			funcFlag: { taskKeep: true, wholeTTS: true, smsEnable: false, smsFuncFlag: [] },
		});
		expect(ctx.emulator.tasks.get(userTaskID)!.taskCreateSetting.maxCall).toBe(4);
		expect(result.items[0].json).toMatchObject({ userTaskID, taskID: expect.any(String) });
	});
});

describe('Task → Get Many', () => {
	it('pages through all tasks (100 per page) and names their status', async () => {
		const model = ctx.emulator.tasks.get(await createTask(1))!;
		for (let i = 1; i < 205; i++) {
			ctx.emulator.tasks.set(`t-${i}`, { ...structuredClone(model), userTaskID: `t-${i}` });
		}
		ctx.emulator.clearReceived();
		const result = await ctx.run({
			resource: 'task',
			operation: 'getAll',
			returnAll: true,
			filters: {},
		});
		expect(result.error).toBeUndefined();
		const pages = sent(ctx.emulator);
		expect(pages.map(([name, body]) => [name, body.page, body.size])).toEqual([
			['listTask', 1, 100],
			['listTask', 2, 100],
			['listTask', 3, 100],
		]);
		expect(result.items.length).toBe(205);
		expect(result.items[204].json.userTaskID).toBe('t-204');
		expect(result.items[0].json).toMatchObject({
			taskStatus: 1,
			taskStatusName: 'Pending Start',
			taskStat: expect.any(Object),
		});
	});

	it('stops at the limit and sends the filters', async () => {
		const ids = [await createTask(1), await createTask(1), await createTask(1)];
		const result = await ctx.run({
			resource: 'task',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
			filters: {
				statuses: [1, 5],
				taskIds: ids.join(', '),
				taskNames: 'Nhắc lịch hẹn',
				sceneId: 'S123',
				createdAfter: '2020-01-01T00:00:00',
				createdBefore: '2100-01-01T00:00:00',
			},
		});
		expect(result.error).toBeUndefined();
		const [[, body]] = sent(ctx.emulator);
		expect(body).toEqual({
			productID: 'callbot',
			page: 1,
			size: 2,
			queryConditions: {
				taskStatus: [1, 5],
				taskName: ['Nhắc lịch hẹn'],
				sceneID: 'S123',
				userTaskID: ids,
				startTs: Date.UTC(2019, 11, 31, 17) / 1000,
				endTs: Date.UTC(2099, 11, 31, 17) / 1000,
			},
		});
		expect(sent(ctx.emulator)).toHaveLength(1);
		expect(result.items.map((i) => i.json.userTaskID)).toEqual(ids.slice(0, 2));
	});
});

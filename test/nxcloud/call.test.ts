import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, people, sent, startNxCloud, taskParameters, type NxContext } from './setup';

let ctx: NxContext;
beforeAll(async () => {
	ctx = await startNxCloud();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => ctx.emulator.reset());

async function createTask(contacts: number): Promise<{ userTaskID: string; orderIDs: string[] }> {
	const result = await ctx.run(taskParameters({ contactOther: '={{ $json.crmId }}' }), {
		items: people(contacts),
	});
	expect(result.error).toBeUndefined();
	ctx.emulator.clearReceived();
	return {
		userTaskID: result.items[0].json.userTaskID as string,
		orderIDs: result.items.map((i) => i.json.orderID as string),
	};
}

describe('Call → Get Many', () => {
	it('asks for a gzip answer, reads it, and pages through every call', async () => {
		const { userTaskID, orderIDs } = await createTask(60);
		for (const id of orderIDs) {
			ctx.emulator.simulateCall(id, { callAnswerTs: 0, callDuration: 0 }, { finish: false });
			ctx.emulator.simulateCall(id, { callDuration: 25 });
		}
		const result = await ctx.run({
			resource: 'call',
			operation: 'getAll',
			taskId: userTaskID,
			returnAll: true,
			filters: {},
		});
		expect(result.error).toBeUndefined();
		const requests = ctx.emulator.received;
		expect(requests.map((r) => [r.path, (r.body as IDataObject).page])).toEqual([
			[api('listCall'), 1],
			[api('listCall'), 2],
		]);
		expect(requests[0].headers['accept-encoding']).toMatch(/gzip/);
		expect(requests[0].body).toEqual({
			productID: 'callbot',
			userTaskID,
			options: {},
			page: 1,
			size: 100,
		});
		expect(result.items).toHaveLength(120);
		expect(result.items[1].json).toMatchObject({
			orderID: orderIDs[0],
			other: 'CRM-0',
			callDuration: 25,
			callID: expect.any(String),
		});
	});

	it('sends the call filters and stops at the limit', async () => {
		const { userTaskID, orderIDs } = await createTask(3);
		for (const id of orderIDs)
			ctx.emulator.simulateCall(id, { callDuration: 50, callStartTs: 1_780_000_000 });
		const result = await ctx.run({
			resource: 'call',
			operation: 'getAll',
			taskId: userTaskID,
			returnAll: false,
			limit: 2,
			filters: {
				callIds: '',
				intentTags: 'vip',
				durationMin: 10,
				durationMax: 100,
				turnsMin: 1,
				startedAfter: '2026-05-01T00:00:00',
				startedBefore: '2026-07-01T00:00:00',
			},
		});
		const [[name, body]] = sent(ctx.emulator);
		expect(name).toBe('listCall');
		expect(body).toEqual({
			productID: 'callbot',
			userTaskID,
			options: {
				intentTag: ['vip'],
				turnTime: { gt: 1, lt: 0, enable: true },
				callDuration: { gt: 10, lt: 100, enable: true },
				startTs: Date.UTC(2026, 3, 30, 17) / 1000,
				endTs: Date.UTC(2026, 5, 30, 17) / 1000,
			},
			page: 1,
			size: 2,
		});
		// The emulator has no intent tags on these calls.
		expect(result.items).toEqual([]);
		ctx.emulator.clearReceived();
		const limited = await ctx.run({
			resource: 'call',
			operation: 'getAll',
			taskId: userTaskID,
			returnAll: false,
			limit: 2,
			filters: {},
		});
		expect(limited.items).toHaveLength(2);
		expect(sent(ctx.emulator)).toHaveLength(1);
	});
});

describe('Batch → Export', () => {
	it('exports the calls of the latest batch (gzip), one item per call with the batch ID', async () => {
		const { userTaskID, orderIDs } = await createTask(2);
		ctx.emulator.simulateCall(orderIDs[0], {
			intents: [{ intentID: 'I1', intentTag: '', intentName: 'quan tâm', intentLevel: 1 }],
		});
		const result = await ctx.run({ resource: 'batch', operation: 'export', taskId: userTaskID });
		expect(result.error).toBeUndefined();
		const [request] = ctx.emulator.received;
		expect(request.path).toBe(api('exportBatchCall'));
		expect(request.headers['accept-encoding']).toMatch(/gzip/);
		expect(request.body).toEqual({ productID: 'callbot', userTaskID });
		const batchID = ctx.emulator.tasks.get(userTaskID)!.batchID;
		expect(result.items.map((i) => i.json)).toEqual([
			{
				userTaskID,
				batchID,
				orderID: orderIDs[0],
				userPhone: '84910000000',
				other: 'CRM-0',
				callID: expect.any(String),
				callStatus: 1,
				callStartTs: expect.any(Number),
				intents: [{ intentID: 'I1', intentTag: '', intentName: 'quan tâm', intentLevel: 1 }],
			},
		]);
	});

	it('reports a running batch import (retCode 1001) as a temporary error', async () => {
		const { userTaskID } = await createTask(1);
		ctx.emulator.setBatchImportInProgress(userTaskID, true);
		const result = await ctx.run({ resource: 'batch', operation: 'export', taskId: userTaskID });
		expect(result.error?.message).toBe(
			'NXCLOUD error 1001: A batch import is in progress; batch import and export are not available now',
		);
		expect(result.error?.description).toContain('Wait until the running batch import has finished');
	});
});

describe('Account → Ping', () => {
	it('outputs the echo, the server time and the trace ID', async () => {
		const result = await ctx.run({ resource: 'account', operation: 'ping', data: 'xin chào' });
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator)).toEqual([['ping', { data: 'xin chào' }]]);
		expect(result.items.map((i) => i.json)).toEqual([
			{ data: 'xin chào', timestamp: expect.any(Number), reqId: expect.any(String) },
		]);
	});

	it("reads ping's own error envelope (code / msg / reqId)", async () => {
		ctx.emulator.failNext('POST', api('ping'), { body: { code: 7, msg: 'busy', reqId: 'q-1' } });
		const result = await ctx.run({ resource: 'account', operation: 'ping', data: 'x' });
		expect(result.error?.message).toBe('NXCLOUD error 7: The system is busy');
		expect(result.error?.description).toBe(
			'NXCLOUD says: busy. This is temporary: try again later, e.g. with the node setting Retry On Fail. responseID q-1 (quote it to NXCLOUD support).',
		);
	});
});

describe('SHA256 accounts', () => {
	it('the node signs with SHA256 when the credential says so', async () => {
		const sha = await startNxCloud({ algorithm: 'SHA256' });
		try {
			const result = await sha.run({ resource: 'account', operation: 'ping', data: '测试' });
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.data).toBe('测试');
			const [request] = sha.emulator.received;
			expect(request.headers.algorithm).toBe('SHA256');
			expect(request.headers.sign).toMatch(/^[0-9A-F]{64}$/);
		} finally {
			await sha.emulator.stop();
		}
	});
});

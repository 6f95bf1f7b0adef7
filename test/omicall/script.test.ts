import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiRequests, startOmicall, type OmicallContext } from './setup';

let ctx: OmicallContext;
beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => ctx.emulator.server.clearReceived());

describe('Script', () => {
	it('gets many scripts, one item each, with their variables', async () => {
		const result = await ctx.run({ resource: 'script', operation: 'getAll', returnAll: true });
		expect(apiRequests(ctx.emulator).map((r) => [r.method, r.path])).toEqual([
			['GET', '/api/call_bot/script/list'],
		]);
		expect(result.items.map((i) => i.json.name)).toEqual(['Thông báo điểm thi', 'Nhắc lịch hẹn']);
		expect(result.items[0].json.variables).toHaveLength(2);
	});

	it('limits the list', async () => {
		const result = await ctx.run({
			resource: 'script',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
		});
		expect(result.items).toHaveLength(1);
	});

	it('gets one script by ID from an expression', async () => {
		const result = await ctx.run(
			{
				resource: 'script',
				operation: 'get',
				script: { __rl: true, mode: 'id', value: '={{ $json.scriptId }}' },
			},
			{ items: [{ scriptId: '64915bc76a690c0edad14723' }] },
		);
		expect(apiRequests(ctx.emulator).map((r) => [r.method, r.path])).toEqual([
			['GET', '/api/call_bot/get_by_id/64915bc76a690c0edad14723'],
		]);
		expect(result.items[0].json).toMatchObject({
			id: '64915bc76a690c0edad14723',
			nodes: expect.any(Array),
			voice: 'northern_female_ngocanh',
		});
	});

	it('refuses a script ID that resolves to nothing', async () => {
		const result = await ctx.run({
			resource: 'script',
			operation: 'get',
			script: { __rl: true, mode: 'id', value: '={{ $json.none }}' },
		});
		expect(result.error?.message).toBe('Script of item 0 is empty');
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});

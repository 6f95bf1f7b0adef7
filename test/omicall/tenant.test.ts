import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequests, startOmicall, TENANT_KEY, type OmicallContext } from './setup';

let ctx: OmicallContext;
beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());

describe('Tenant → Get', () => {
	it('GETs /api/tenant/detail and outputs the payload', async () => {
		const result = await ctx.run({ resource: 'tenant', operation: 'get' });
		expect(result.error).toBeUndefined();
		const [request] = apiRequests(ctx.emulator);
		expect([request.method, request.path, request.query]).toEqual([
			'GET',
			'/api/tenant/detail',
			{},
		]);
		expect(request.headers['x-api-key']).toBe(TENANT_KEY);
		expect(request.headers.authorization).toMatch(/^Bearer /);
		expect(result.items.map((item) => item.json)).toEqual([ctx.emulator.extendedCalls.tenant]);
	});

	it("an OMICall refusal is an error with OMICall's code; Continue On Fail gives an error item", async () => {
		ctx.emulator.server.failNext('GET', '/api/tenant/detail', {
			body: { status_code: -9999, message: 'tenant_disabled', payload: null },
		});
		const result = await ctx.run(
			{ resource: 'tenant', operation: 'get' },
			{ items: [{}, {}], continueOnFail: true },
		);
		// Two items, two requests: whichever reached OMICall first was refused.
		expect(result.items.map((item) => String(item.json.error ?? 'ok')).sort()).toEqual([
			'OMICall error tenant_disabled: The OMICall tenant is disabled.',
			'ok',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

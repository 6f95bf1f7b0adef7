import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TENANT_KEY, apiRequests, startOmicall, type OmicallContext } from './setup';

let ctx: OmicallContext;
beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());

describe('smoke', () => {
	it('lists scripts', async () => {
		const result = await ctx.run({ resource: 'script', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.id)).toEqual(['64915bc76a690c0edad14723', '653b155db0f7941234567890']);
		const [request] = apiRequests(ctx.emulator);
		expect(request.headers['x-api-key']).toBe(TENANT_KEY);
		expect(request.headers.authorization).toMatch(/^Bearer ey/);
	});
});


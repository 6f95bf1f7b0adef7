import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiRequests, startOmicall, type OmicallContext } from './setup';

/**
 * "Execute Once" (node setting): n8n-core hands the routing engine only the first input item, while
 * the node run's execute data still holds them all. Only the first item's contact may be called.
 */
const script = { __rl: true, mode: 'list', value: '653b155db0f7941234567890' };

let ctx: OmicallContext;
beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => {
	ctx.emulator.server.clearReceived();
	ctx.emulator.campaigns.clear();
});

describe('Execute Once', () => {
	it('Campaign → Start with 3 items and Execute Once calls only the first contact', async () => {
		const result = await ctx.run(
			{
				resource: 'campaign',
				operation: 'start',
				script,
				contactsSource: 'items',
				contactPhone: '={{ $json.phone }}',
			},
			{
				items: [{ phone: '0395187301' }, { phone: '0395187302' }, { phone: '0395187303' }],
				executeOnce: true,
			},
		);
		expect(result.error).toBeUndefined();
		const requests = apiRequests(ctx.emulator);
		expect(requests).toHaveLength(1);
		expect((requests[0].body as { contact_info: unknown }).contact_info).toEqual([
			{ phone: '0395187301' },
		]);
		expect(result.items).toHaveLength(1);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequests, startOmicall, type OmicallContext } from '../omicall/setup';
import { startNxCloud, taskParameters, people, type NxContext } from '../nxcloud/setup';

/**
 * Dates a plain Date rolls over (toEpochMs in nodes/shared/input.ts), through the real routing
 * engine of both nodes: refused before any request, naming the field and the item.
 */

const ROLLING_OVER = ['2031/02/30 10:00', 'Feb 30 2031 10:00', '30 February 2031'];

describe('OMICall Campaign → Start: Start Time', () => {
	let ctx: OmicallContext;
	beforeAll(async () => {
		ctx = await startOmicall();
	});
	afterAll(async () => await ctx.emulator.stop());

	it.each([...ROLLING_OVER, '={{ new Date("not a date") }}'])(
		'refuses %s before any request',
		async (startTime) => {
			ctx.emulator.server.clearReceived();
			const result = await ctx.run({
				resource: 'campaign',
				operation: 'start',
				script: { __rl: true, mode: 'id', value: '653b155db0f7941234567890' },
				contactsSource: 'define',
				contacts: { contact: [{ phone: '0395187319' }] },
				options: { startTime },
			});
			expect(result.error?.message).toMatch(/^Start Time of item 0 .* is not a date$/);
			expect(apiRequests(ctx.emulator)).toHaveLength(0);
		},
	);
});

describe('NXCLOUD Task → Create: Start At', () => {
	let ctx: NxContext;
	beforeAll(async () => {
		ctx = await startNxCloud();
	});
	afterAll(async () => await ctx.emulator.stop());

	it.each(ROLLING_OVER)('refuses %s before any request', async (startAt) => {
		ctx.emulator.reset();
		const result = await ctx.run(taskParameters({ startMode: 'scheduled', startAt }), {
			items: people(1),
		});
		expect(result.error?.message).toBe(`Start At of item 0 "${startAt}" is not a date`);
		expect(ctx.emulator.received).toHaveLength(0);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-globals */
// The process runs in another zone than Vietnam: the window must not depend on the machine's zone.
process.env.TZ = 'America/New_York';

import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NxFault } from '../../emulators/nxcloud';
import { CALL_LOG_FIELD, clearProcessCallLog } from '../../nodes/shared/compliance/callLog';
import type { RunNodeResult } from '../harness/run-node';
import { people, sent, startNxCloud, taskParameters, type NxContext } from './setup';

/**
 * The Decree 91 guard on NXCLOUD's call-starting operations (Task → Create and Call, Order → Add,
 * Replace Latest Batch), through the real routing engine against the emulator, with the clock
 * faked: the calling window at its edges, the task's dialing hours clipped, Do-Not-Call, consent,
 * the 24-hour cap across runs (the workflow's static data carried over as n8n saves it), both
 * opt-outs, version 1 vs 1.1, other countries, and exactly once under Retry On Fail.
 */

let ctx: NxContext;
beforeAll(async () => {
	ctx = await startNxCloud();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => {
	ctx.emulator.reset();
	clearProcessCallLog();
	vi.useFakeTimers({ toFake: ['Date'] });
	at('2026-11-30 10:00');
});
afterEach(() => vi.useRealTimers());

/** Sets the clock to a Vietnam wall-clock time (UTC+7). */
function at(text: string): void {
	vi.setSystemTime(new Date(`${text.replace(' ', 'T')}:00+07:00`));
}

const digits = (phone: unknown) => String(phone).replace(/\D/g, '');
const RETRY = { maxTries: 2, waitBetweenTries: 0 };

const advertising = (rules: INodeParameters = {}): INodeParameters => ({
	callPurpose: 'advertising',
	advertisingRules: rules,
});

/** Create and Call on a node of version 1.1. */
function createAndCall(
	overrides: INodeParameters = {},
	options: Parameters<NxContext['run']>[1] = {},
): Promise<RunNodeResult> {
	return ctx.run(taskParameters({ ...advertising(), ...overrides }), {
		items: people(3),
		typeVersion: 1.1,
		...options,
	});
}

/** Order → Add or Replace Latest Batch, with the callback and contact fields of taskParameters. */
function orderParameters(operation: string, taskId: string): INodeParameters {
	const { orderCallbackUrl, callCallbackUrl, contactsSource, contactPhone } = taskParameters();
	const numbers = { orderCallbackUrl, callCallbackUrl, contactsSource, contactPhone };
	return { resource: 'order', operation, taskId, ...numbers, ...advertising() };
}

/** A task with no numbers yet (made as service calls, outside the guard), for Add and Replace. */
async function existingTask(): Promise<string> {
	const result = await ctx.run(taskParameters({ startMode: 'manual' }), { items: people(1, 900) });
	expect(result.error).toBeUndefined();
	ctx.emulator.clearReceived();
	return result.items[0].json.userTaskID as string;
}

/** How many orders each phone has, across all tasks. */
function ordersPerPhone(): Map<string, number> {
	const counts = new Map<string, number>();
	for (const order of ctx.emulator.orders.values())
		counts.set(order.userPhone, (counts.get(order.userPhone) ?? 0) + 1);
	return counts;
}

describe('the calling window, 08:00–17:00 Vietnam time (process in New York)', () => {
	it.each([
		['07:59', false],
		['08:00', true],
		['16:59', true],
		['17:00', false],
	])('advertising started at %s Vietnam time: sent %s', async (time, allowed) => {
		at(`2026-11-30 ${time}`);
		const result = await createAndCall();
		if (allowed) {
			expect(result.error).toBeUndefined();
			expect(sent(ctx.emulator).map(([name]) => name)).toEqual(['createAndCall']);
			expect(result.items[0].json.compliance).toMatchObject({
				callPurpose: 'advertising',
				callingWindow: 'checked (08:00–17:00 Vietnam time)',
				leftOut: 0,
			});
		} else {
			expect(ctx.emulator.received).toHaveLength(0);
			expect(result.error?.message).toMatch(
				/may start only between 08:00 and 17:00 Vietnam time .* item 0 would start them at 2026-11-30 (07:59|17:00)/,
			);
			expect(result.error?.message).toMatch(
				time === '07:59' ? /from 2026-11-30 08:00/ : /from 2026-12-01 08:00/,
			);
		}
	});

	it('a scheduled start is checked at its own time, not now', async () => {
		at('2026-11-30 20:00');
		const tomorrow = await createAndCall({
			startMode: 'scheduled',
			startAt: '2026-12-01T09:00:00',
		});
		expect(tomorrow.error).toBeUndefined();
		expect(sent(ctx.emulator)[0][1].taskCreateSetting).toMatchObject({
			startupType: 2,
			startupAt: Date.parse('2026-12-01T09:00:00+07:00') / 1000,
		});
		ctx.emulator.clearReceived();
		at('2026-11-30 10:00');
		const evening = await createAndCall({
			startMode: 'scheduled',
			startAt: '2026-11-30T18:00:00',
		});
		expect(evening.error?.message).toMatch(/would start them at 2026-11-30 18:00 Vietnam time/);
		expect(ctx.emulator.received).toHaveLength(0);
	});

	it('Order → Add refuses outside the window now; inside, the output notes the task hours apply', async () => {
		const userTaskID = await existingTask();
		at('2026-11-30 17:30');
		const late = await ctx.run(orderParameters('add', userTaskID), {
			items: people(2),
			typeVersion: 1.1,
		});
		expect(late.error?.message).toMatch(/may start only between 08:00 and 17:00/);
		expect(ctx.emulator.received).toHaveLength(0);
		at('2026-12-01 08:00');
		const result = await ctx.run(orderParameters('add', userTaskID), {
			items: people(2),
			typeVersion: 1.1,
		});
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator).map(([name]) => name)).toEqual(['addBatchCall']);
		expect(result.items[0].json.compliance).toMatchObject({
			callPurpose: 'advertising',
			dialingHours: expect.stringMatching(/task's own dialing hours apply/),
		});
	});

	it('numbers of other countries only: no window (Decree 91 is about Vietnamese numbers)', async () => {
		at('2026-11-30 22:00');
		const result = await createAndCall({}, { items: [{ phone: '+1 212 555 0100' }] });
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator)[0][1].taskCreateSetting).toMatchObject({
			dialAtUpHour: '9,10,11',
			dialAtDownHour: '9,10,11',
		});
		expect(result.items[0].json.compliance).not.toHaveProperty('dialingHours');
	});
});

describe("Create and Call: the task's dialing hours clipped to the window", () => {
	it('07:00–20:00 in Vietnam becomes 08:00–17:00; the output says before → after', async () => {
		const result = await createAndCall({
			dialingHours: { range: [{ from: '07:00', to: '20:00' }] },
		});
		expect(result.error).toBeUndefined();
		const setting = sent(ctx.emulator)[0][1].taskCreateSetting as IDataObject;
		expect(setting.dialAtUpHour).toBe('8,9,10,11,12,13,14,15,16');
		expect(setting.dialAtDownHour).toBe('8,9,10,11,12,13,14,15,16');
		expect(result.items[0].json.compliance).toMatchObject({
			dialingHours: { before: '07:00–20:00', after: '08:00–17:00', timeZone: 'UTC+07:00' },
		});
	});

	it("in the task's own zone (Tokyo, UTC+9) the window is 10:00–19:00", async () => {
		const result = await createAndCall({
			timeZone: 'Asia/Tokyo',
			dialingHours: { range: [{ from: '09:00', to: '12:00' }] },
		});
		expect(result.error).toBeUndefined();
		const setting = sent(ctx.emulator)[0][1].taskCreateSetting as IDataObject;
		expect(setting).toMatchObject({
			zoneSecond: 9 * 3600,
			dialAtUpHour: '10,11',
			dialAtDownHour: '10,11',
		});
		expect(result.items[0].json.compliance).toMatchObject({
			dialingHours: { before: '09:00–12:00', after: '10:00–12:00', timeZone: 'UTC+09:00' },
		});
	});

	it('hours inside the window stay; hours wholly outside are refused before any request', async () => {
		const inside = await createAndCall();
		expect(inside.items[0].json.compliance).toMatchObject({
			dialingHours: { unchanged: '09:00–12:00', timeZone: 'UTC+07:00' },
		});
		ctx.emulator.clearReceived();
		const outside = await createAndCall(
			{ dialingHours: { range: [{ from: '18:00', to: '21:00' }] } },
			{ items: people(3, 10) },
		);
		expect(outside.error?.message).toMatch(
			/Dialing Hours of item 0 \(18:00–21:00, task time zone UTC\+07:00\) lie wholly outside 08:00–17:00 Vietnam time/,
		);
		expect(ctx.emulator.received).toHaveLength(0);
	});

	it('Recipients Agreed to Other Hours: no window, hours unchanged, the output says so', async () => {
		at('2026-11-30 21:00');
		const result = await createAndCall({
			...advertising({ agreedToOtherHours: true }),
			dialingHours: { range: [{ from: '18:00', to: '21:00' }] },
		});
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator)[0][1].taskCreateSetting).toMatchObject({
			dialAtUpHour: '18,19,20',
		});
		expect(result.items[0].json.compliance).toMatchObject({
			callingWindow: 'not checked: the recipients agreed to other hours',
		});
		expect(result.items[0].json.compliance).not.toHaveProperty('dialingHours');
	});

	it('service calls: hours and window unchanged at 21:00', async () => {
		at('2026-11-30 21:00');
		const result = await createAndCall({
			callPurpose: 'service',
			dialingHours: { range: [{ from: '18:00', to: '21:00' }] },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.compliance).toEqual({ callPurpose: 'service' });
	});
});

describe('Do-Not-Call, consent and the 24-hour cap', () => {
	it('consent and the Local Do-Not-Call list: left-out numbers are skipped items paired to their input items', async () => {
		const items = [
			{ phone: '+84910000001', consent: 'yes' },
			{ phone: '+84910000002', consent: '' },
			{ phone: '+84 910 000 003', consent: true },
			{ phone: '+1 212 555 0100', consent: '' },
			{ phone: '+1 212 555 0199', consent: 'yes' },
		];
		const result = await createAndCall(
			advertising({
				consent: '={{ $json.consent }}',
				doNotCall: '84910000003, +1 212 555 0199',
			}),
			{ items },
		);
		expect(result.error).toBeUndefined();
		const callList = (sent(ctx.emulator)[0][1].callInfoList as IDataObject)
			.callList as IDataObject[];
		// A foreign number without consent is not Decree 91's business; the DNC list applies to all.
		expect(callList.map((order) => order.userPhone)).toEqual(['84910000001', '12125550100']);
		const skipped = result.items.filter((item) => item.json.skipped);
		expect(skipped.map((item) => [item.pairedItem, item.json.reason])).toEqual([
			[{ item: 1 }, 'noConsent'],
			[{ item: 2 }, 'doNotCall'],
			[{ item: 4 }, 'doNotCall'],
		]);
		expect(skipped[0].json).toMatchObject({
			phone: '84910000002',
			skipped: true,
			message: expect.stringMatching(/not consented/),
			userTaskID: expect.any(String),
		});
		for (const item of result.items)
			expect(item.json.compliance).toMatchObject({ consent: 'checked', leftOut: 3 });
	});

	it('one call per number in 24 hours across runs, from the static data alone; again after 24 hours', async () => {
		const first = await createAndCall({}, { items: people(3) });
		expect(first.error).toBeUndefined();
		expect(first.staticDataChanged).toBe(true);
		expect(Object.keys(first.staticData.global as IDataObject)).toEqual([CALL_LOG_FIELD]);
		const firstTask = first.items[0].json.userTaskID;

		// A restarted process: only the static data n8n saved remembers the first run.
		clearProcessCallLog();
		at('2026-12-01 09:59');
		ctx.emulator.clearReceived();
		const second = await createAndCall({}, { items: people(4, 2), staticData: first.staticData });
		expect(second.error).toBeUndefined();
		const callList = (sent(ctx.emulator)[0][1].callInfoList as IDataObject)
			.callList as IDataObject[];
		expect(callList.map((order) => order.userPhone)).toEqual([
			digits(people(4, 2)[1].phone),
			digits(people(4, 2)[2].phone),
			digits(people(4, 2)[3].phone),
		]);
		const skipped = second.items.filter((item) => item.json.skipped);
		expect(skipped).toHaveLength(1);
		expect(skipped[0].json).toMatchObject({
			phone: digits(people(1, 2)[0].phone),
			reason: 'calledWithin24Hours',
			campaign: firstTask,
			calledAt: '2026-11-30T03:00:00.000Z',
		});
		expect(skipped[0].pairedItem).toEqual({ item: 0 });

		// 24 hours after the first run the number may be called again.
		clearProcessCallLog();
		at('2026-12-01 10:01');
		ctx.emulator.clearReceived();
		const third = await createAndCall({}, { items: people(1, 2), staticData: first.staticData });
		expect(third.items.filter((item) => item.json.skipped)).toHaveLength(0);
		expect(sent(ctx.emulator).map(([name]) => name)).toEqual(['createAndCall']);
	});

	it("this process's memory alone also remembers (a manual run, whose static data n8n does not save)", async () => {
		await createAndCall({}, { items: people(2) });
		const second = await createAndCall({}, { items: people(2) });
		expect(second.items.map((item) => item.json.reason)).toEqual([
			'calledWithin24Hours',
			'calledWithin24Hours',
		]);
		expect(ordersPerPhone().size).toBe(2);
	});

	it('an item whose numbers are all left out sends nothing (no task is created)', async () => {
		const first = await createAndCall({}, { items: people(2) });
		ctx.emulator.clearReceived();
		const second = await createAndCall({}, { items: people(2), staticData: first.staticData });
		expect(ctx.emulator.received).toHaveLength(0);
		expect(second.items.map((item) => item.json.skipped)).toEqual([true, true]);
	});

	it('Recipients Agreed to More Calls: a second run calls the numbers again, the output says so', async () => {
		const first = await createAndCall(advertising({ agreedToMoreCalls: true }));
		const second = await createAndCall(advertising({ agreedToMoreCalls: true }), {
			staticData: first.staticData,
		});
		expect(second.items.filter((item) => item.json.skipped)).toHaveLength(0);
		expect(second.items[0].json.compliance).toMatchObject({
			oneCallPer24Hours: 'not checked: the recipients agreed to more calls',
		});
	});

	it('Order → Add: a second order of the same number in the same task is a second call, left out', async () => {
		const userTaskID = await existingTask();
		const first = await ctx.run(orderParameters('add', userTaskID), {
			items: people(2),
			typeVersion: 1.1,
		});
		expect(first.error).toBeUndefined();
		const second = await ctx.run(orderParameters('add', userTaskID), {
			items: people(3),
			typeVersion: 1.1,
			staticData: first.staticData,
		});
		expect(second.items.map((item) => item.json.reason ?? item.json.imported)).toEqual([
			'calledWithin24Hours',
			'calledWithin24Hours',
			true,
		]);
		expect(ordersPerPhone().get(digits(people(1)[0].phone))).toBe(1);
	});

	it('numbers NXCLOUD refused for certain are forgotten (a later run may call them)', async () => {
		// The task does not exist: NXCLOUD refuses the request as invalid, nothing is dialed.
		const refused = await ctx.run(orderParameters('add', 'no-such-task'), {
			items: people(2),
			typeVersion: 1.1,
		});
		expect(refused.error).toBeDefined();
		expect((refused.staticData.global as IDataObject)[CALL_LOG_FIELD]).toEqual({});
		const userTaskID = await existingTask();
		const later = await ctx.run(orderParameters('add', userTaskID), {
			items: people(2),
			typeVersion: 1.1,
			staticData: refused.staticData,
		});
		expect(later.items.map((item) => item.json.imported)).toEqual([true, true]);
	});
});

describe('node versions', () => {
	it('version 1 (workflows made before): service calls, with the notice, at any hour', async () => {
		at('2026-11-30 22:00');
		const result = await ctx.run(taskParameters(), { items: people(1) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.compliance).toEqual({
			callPurpose: 'service',
			notice: expect.stringMatching(/node added before version 1\.1/),
		});
	});

	it('version 1.1 without a Call Purpose: refused before any request', async () => {
		// Not set at all: n8n itself refuses to run a node whose required parameter is empty.
		await expect(ctx.run(taskParameters(), { items: people(2), typeVersion: 1.1 })).rejects.toThrow(
			/The workflow has issues/,
		);
		// Set by an expression that gives nothing (e.g. an AI agent's or a mapped value): the node.
		const empty = await ctx.run(taskParameters({ callPurpose: '={{ $json.purpose }}' }), {
			items: people(2),
			typeVersion: 1.1,
		});
		expect(empty.error?.message).toMatch(/Call Purpose of item 0 is not set/);
		expect(ctx.emulator.received).toHaveLength(0);
	});

	it('version 1.1, Continue On Fail: the item without a purpose gets its error, the others are sent', async () => {
		const result = await ctx.run(
			taskParameters({
				callPurpose: '={{ $json.purpose }}',
			}),
			{
				items: [
					{ ...people(1)[0], purpose: 'service' },
					{ ...people(1, 1)[0], purpose: '' },
				],
				typeVersion: 1.1,
				continueOnFail: true,
			},
		);
		const callList = (sent(ctx.emulator)[0][1].callInfoList as IDataObject)
			.callList as IDataObject[];
		expect(callList).toHaveLength(1);
		const error = result.items.find((item) => item.json.error);
		expect(error?.json.error).toMatch(/Call Purpose of item 1 is not set/);
		expect(error?.pairedItem).toEqual({ item: 1 });
	});
});

describe('exactly once with purpose Advertising: each request fails once, Retry On Fail', () => {
	const FAULTS: NxFault[] = ['http503', 'drop'];
	for (const fault of FAULTS) {
		for (const position of [1, 2, 3]) {
			it(`Create and Call, request ${position} of 3 fails (${fault})`, async () => {
				ctx.emulator.failAt(position, fault);
				const input = people(5);
				const result = await createAndCall(
					{ options: { numbersPerRequest: 2 } },
					{ items: input, retryOnFail: RETRY },
				);
				expect(result.error).toBeUndefined();
				// The retry does not leave out its own numbers, and sends none twice.
				expect(result.items.filter((item) => item.json.skipped)).toHaveLength(0);
				expect(result.items.map((item) => item.json.imported)).toEqual(input.map(() => true));
				const counts = ordersPerPhone();
				for (const person of input) expect(counts.get(digits(person.phone))).toBe(1);
				expect(ctx.emulator.tasks.size).toBe(1);
			});
		}
		for (const operation of ['add', 'replaceBatch']) {
			it(`Order → ${operation}, each request fails once in turn (${fault})`, async () => {
				const parameters = (taskId: string) => ({
					...orderParameters(operation, taskId),
					options: { numbersPerRequest: 2 },
				});
				// Count the requests of a clean run first, on a task of its own.
				await ctx.run(parameters(await existingTask()), {
					items: people(5, 500),
					typeVersion: 1.1,
				});
				const requests = ctx.emulator.received.length;
				expect(requests).toBeGreaterThanOrEqual(3);
				for (let position = 1; position <= requests; position++) {
					const userTaskID = await existingTask();
					const input = people(5, position * 10);
					ctx.emulator.failAt(position, fault);
					const result = await ctx.run(parameters(userTaskID), {
						items: input,
						typeVersion: 1.1,
						retryOnFail: RETRY,
					});
					expect(result.error, `request ${position}`).toBeUndefined();
					expect(result.items.filter((item) => item.json.skipped)).toHaveLength(0);
					expect(result.items.map((item) => item.json.imported)).toEqual(input.map(() => true));
					const counts = ordersPerPhone();
					for (const person of input) expect(counts.get(digits(person.phone))).toBe(1);
				}
			});
		}
	}
});

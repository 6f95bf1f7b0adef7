/* eslint-disable @n8n/community-nodes/no-restricted-globals */
// The process runs in another zone than Vietnam: the window must not depend on the machine's zone.
process.env.TZ = 'America/New_York';

import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_LOG_FIELD, clearProcessCallLog } from '../../nodes/shared/compliance/callLog';
import { forgetSendAttempts } from '../../nodes/Omicall/shared/sendOnce';
import type { RunNodeResult } from '../harness/run-node';
import { apiRequests, startOmicall, type OmicallContext } from './setup';

/**
 * The Decree 91 guard on OMICall's call-starting operations (Campaign → Start, Call → Click to
 * Call, Auto-Call → Start by Phone), through the real routing engine against the emulator, with
 * the clock faked: the calling window at its edges (now, or a scheduled start moved to the next
 * opening), Do-Not-Call (the node's list and OMICall's number_dnc), consent, the 24-hour cap across
 * runs (the workflow's static data carried over as n8n saves it), both opt-outs, version 1 vs 1.1,
 * other countries, and exactly once under Retry On Fail.
 */

let ctx: OmicallContext;
beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => {
	ctx.emulator.server.clearReceived();
	ctx.emulator.campaigns.clear();
	ctx.emulator.extendedCalls.clickToCalls.length = 0;
	ctx.emulator.extendedCalls.autoCalls.length = 0;
	ctx.emulator.extendedCalls.autoCallAllowed = true;
	forgetSendAttempts();
	clearProcessCallLog();
	vi.useFakeTimers({ toFake: ['Date'] });
	at('2026-11-30 10:00');
});
afterEach(() => vi.useRealTimers());

/** Sets the clock to a Vietnam wall-clock time (UTC+7). */
function at(text: string): void {
	vi.setSystemTime(new Date(`${text.replace(' ', 'T')}:00+07:00`));
}

const START = '/api/call_bot/execute_by_phone';
const CLICK = '/api/click2call';
const AUTO = '/api/auto_call/execute_by_phone';
const RETRY = { retryOnFail: { maxTries: 2, waitBetweenTries: 0 } };
const sent = (path: string) => apiRequests(ctx.emulator).filter((r) => r.path === path);
const phonesSent = () =>
	sent(START).map((r) =>
		((r.body as IDataObject).contact_info as IDataObject[]).map((c) => c.phone),
	);

const advertising = (rules: INodeParameters = {}): INodeParameters => ({
	callPurpose: 'advertising',
	advertisingRules: rules,
});

/** Campaign → Start, one contact per input item ({ phone, consent? }), on a node of version 1.1. */
function startCampaign(
	items: IDataObject[],
	overrides: INodeParameters = {},
	options: Parameters<OmicallContext['run']>[1] = {},
): Promise<RunNodeResult> {
	return ctx.run(
		{
			resource: 'campaign',
			operation: 'start',
			script: { __rl: true, mode: 'list', value: '653b155db0f7941234567890' },
			contactsSource: 'items',
			contactPhone: '={{ $json.phone }}',
			...advertising(),
			...overrides,
		},
		{ items, typeVersion: 1.1, ...options },
	);
}

const people = (...phones: string[]) => phones.map((phone) => ({ phone }));

const clickToCall = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'call',
	operation: 'clickToCall',
	extension: { __rl: true, mode: 'list', value: '101' },
	hotline: { __rl: true, mode: 'list', value: '842899990338' },
	phoneNumber: '={{ $json.phone }}',
	...advertising(),
	...overrides,
});

const autoCall = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'autoCall',
	operation: 'startByPhone',
	phoneNumbers: '={{ $json.phones }}',
	steps: { step: [{ type: 'Text_variable', text: 'Xin chào quý khách' }] },
	...advertising(),
	...overrides,
});

describe('Campaign → Start: the calling window', () => {
	it.each([
		['07:59', false],
		['08:00', true],
		['16:59', true],
		['17:00', false],
	])('starting now at %s Vietnam time: started %s', async (time, allowed) => {
		at(`2026-11-30 ${time}`);
		const result = await startCampaign(people('0395187301'));
		if (allowed) {
			expect(result.error).toBeUndefined();
			expect(sent(START)).toHaveLength(1);
			expect(result.items[0].json.compliance).toMatchObject({
				callPurpose: 'advertising',
				callingWindow: 'checked (08:00–17:00 Vietnam time)',
				noEndTime: expect.stringMatching(/no end time.*after 17:00/),
			});
		} else {
			expect(result.error?.message).toMatch(
				/may start only between 08:00 and 17:00 Vietnam time.*item 0 would start them at 2026-11-30 (07:59|17:00)/,
			);
			expect(apiRequests(ctx.emulator)).toHaveLength(0);
		}
	});

	it('a scheduled start outside the window is moved to the next opening, and the output says so', async () => {
		// 18:30 Vietnam time on 1 December, given in the workflow's zone (UTC+7).
		const result = await startCampaign(people('0395187301'), {
			options: { startTime: '2026-12-01T18:30:00' },
		});
		expect(result.error).toBeUndefined();
		const [request] = sent(START);
		expect((request.body as IDataObject).send_time).toBe(Date.parse('2026-12-02T08:00:00+07:00'));
		expect(result.items[0].json.compliance).toMatchObject({
			scheduledStart: {
				before: '2026-12-01T11:30:00.000Z',
				after: '2026-12-02T01:00:00.000Z',
				message: expect.stringMatching(/18:30.*moved to 2026-12-02 08:00/),
			},
		});
	});

	it('a scheduled start inside the window is kept, even while it is night now', async () => {
		at('2026-11-30 22:00');
		const result = await startCampaign(people('0395187301'), {
			options: { startTime: '2026-12-01T09:15:00' },
		});
		expect(result.error).toBeUndefined();
		expect((sent(START)[0].body as IDataObject).send_time).toBe(
			Date.parse('2026-12-01T09:15:00+07:00'),
		);
		expect(result.items[0].json.compliance).not.toHaveProperty('scheduledStart');
	});

	it('numbers of other countries only: no window; Recipients Agreed to Other Hours: no window', async () => {
		at('2026-11-30 21:00');
		const foreign = await startCampaign(people('+14155550100'));
		expect(foreign.error).toBeUndefined();
		const agreed = await startCampaign(
			people('0395187301'),
			advertising({ agreedToOtherHours: true }),
		);
		expect(agreed.error).toBeUndefined();
		expect(agreed.items[0].json.compliance).toMatchObject({
			callingWindow: 'not checked: the recipients agreed to other hours',
		});
		expect(agreed.items[0].json.compliance).not.toHaveProperty('noEndTime');
		expect(sent(START)).toHaveLength(2);
	});

	it('service calls start at any hour', async () => {
		at('2026-11-30 23:00');
		const result = await startCampaign(people('0395187301'), { callPurpose: 'service' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.compliance).toEqual({ callPurpose: 'service' });
	});
});

describe('Campaign → Start: the numbers', () => {
	it('consent and the local Do-Not-Call list leave numbers out, each with an item paired to its input', async () => {
		const result = await startCampaign(
			[
				{ phone: '0395187301', consent: 'yes' },
				{ phone: '0395187302', consent: '' },
				{ phone: '0395187303', consent: true },
				{ phone: '+84 395 187 304', consent: 'yes' },
			],
			advertising({ consent: '={{ $json.consent }}', doNotCall: '0395187304, 0912000000' }),
		);
		expect(result.error).toBeUndefined();
		expect(phonesSent()).toEqual([['0395187301', '0395187303']]);
		const [campaign, ...skipped] = result.items;
		expect(campaign.pairedItem).toEqual([{ item: 0 }, { item: 2 }]);
		expect(campaign.json.compliance).toMatchObject({ consent: 'checked', leftOut: 2 });
		expect(skipped.map((item) => [item.json.reason, item.json.phone, item.pairedItem])).toEqual([
			['noConsent', '0395187302', { item: 1 }],
			['doNotCall', '84395187304', { item: 3 }],
		]);
		expect(skipped[0].json).toMatchObject({ skipped: true, message: expect.any(String) });
	});

	it('an item whose numbers are all left out sends nothing', async () => {
		const result = await startCampaign(
			people('0395187301'),
			advertising({ doNotCall: '0395187301' }),
		);
		expect(result.error).toBeUndefined();
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ skipped: true, reason: 'doNotCall', phone: '0395187301' }),
		]);
	});

	it("OMICall's number_dnc: reported per number and forgotten in the 24-hour log", async () => {
		const result = await startCampaign(people('0395187301', '0900000000'));
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.reason, item.pairedItem])).toEqual([
			[undefined, [{ item: 0 }, { item: 1 }]],
			['omicallDoNotCall', { item: 1 }],
		]);
		expect(result.items[1].json).toMatchObject({ phone: '0900000000', vendorCode: 'number_dnc' });
		const log = (result.staticData.global as IDataObject)[CALL_LOG_FIELD] as IDataObject;
		expect(Object.keys(log)).toEqual(['84395187301']);
		// Not called, so a campaign an hour later may call it.
		at('2026-11-30 11:00');
		clearProcessCallLog();
		const later = await startCampaign(
			people('0900000000'),
			{},
			{ staticData: result.staticData, executionId: 'later' },
		);
		expect(later.items[0].json.skipped).toBeUndefined();
		expect(phonesSent()).toEqual([['0395187301', '0900000000'], ['0900000000']]);
	});

	it('the 24-hour cap across runs, from the static data alone; again after 24 hours; Recipients Agreed to More Calls', async () => {
		const first = await startCampaign(people('0395187301', '0395187302'));
		expect(first.staticDataChanged).toBe(true);
		clearProcessCallLog(); // another process: only what n8n saved remains

		at('2026-12-01 09:59');
		const second = await startCampaign(
			people('0395187301', '0395187303'),
			{},
			{ staticData: first.staticData, executionId: 'second' },
		);
		expect(second.error).toBeUndefined();
		expect(phonesSent()[1]).toEqual(['0395187303']);
		const skipped = second.items.find((item) => item.json.skipped)!;
		expect(skipped.json).toMatchObject({
			reason: 'calledWithin24Hours',
			phone: '0395187301',
			calledAt: '2026-11-30T03:00:00.000Z',
			campaign: first.items[0].json.ext_session_id,
		});
		expect(skipped.pairedItem).toEqual({ item: 0 });

		at('2026-12-01 10:01');
		const third = await startCampaign(
			people('0395187301'),
			{},
			{ staticData: second.staticData, executionId: 'third' },
		);
		expect(third.items[0].json.skipped).toBeUndefined();

		const agreed = await startCampaign(
			people('0395187301'),
			advertising({ agreedToMoreCalls: true }),
			{ staticData: third.staticData, executionId: 'fourth' },
		);
		expect(agreed.items[0].json.skipped).toBeUndefined();
		expect(agreed.items[0].json.compliance).toMatchObject({
			oneCallPer24Hours: 'not checked: the recipients agreed to more calls',
		});
		expect(phonesSent()).toHaveLength(4);
	});

	it('the process layer alone (a manual run has no saved static data)', async () => {
		await startCampaign(people('0395187301'));
		const again = await startCampaign(people('0395187301'), {}, { executionId: 'another' });
		expect(again.items[0].json).toMatchObject({ skipped: true, reason: 'calledWithin24Hours' });
		expect(sent(START)).toHaveLength(1);
	});

	it('Define Below: each item screens its own contacts', async () => {
		const result = await ctx.run(
			{
				resource: 'campaign',
				operation: 'start',
				script: { __rl: true, mode: 'list', value: '653b155db0f7941234567890' },
				contactsSource: 'define',
				contacts: { contact: [{ phone: '0395187301' }, { phone: '0395187302' }] },
				...advertising({ doNotCall: '0395187302' }),
			},
			{ typeVersion: 1.1 },
		);
		expect(result.error).toBeUndefined();
		expect(phonesSent()).toEqual([['0395187301']]);
		expect(result.items[1].json).toMatchObject({ skipped: true, reason: 'doNotCall' });
		expect(result.items[1].json.compliance).toMatchObject({ leftOut: 1 });
	});
});

describe('Campaign → Start: versions', () => {
	it('version 1: service calls with the notice; version 1.1 without a purpose: refused before any request', async () => {
		at('2026-11-30 23:00');
		const legacy = await ctx.run(
			{
				resource: 'campaign',
				operation: 'start',
				script: { __rl: true, mode: 'list', value: '653b155db0f7941234567890' },
				contactsSource: 'items',
				contactPhone: '={{ $json.phone }}',
			},
			{ items: people('0395187301') },
		);
		expect(legacy.error).toBeUndefined();
		expect(legacy.items[0].json.compliance).toMatchObject({
			callPurpose: 'service',
			notice: expect.stringMatching(/before version 1.1/),
		});
		ctx.emulator.server.clearReceived();
		// Not set at all: n8n itself refuses to run a node whose required parameter is empty.
		await expect(startCampaign(people('0395187302'), { callPurpose: '' })).rejects.toThrow(
			/The workflow has issues/,
		);
		// Set by an expression that gives nothing (a mapped value, an AI agent's): the node refuses.
		const unset = await startCampaign(people('0395187302'), {
			callPurpose: '={{ $json.purpose }}',
		});
		expect(unset.error?.message).toMatch(/Call Purpose of item 0 is not set/);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});

describe('Campaign → Start: exactly once with Advertising', () => {
	it('the answer is lost: the retry sends the same session, leaves out nothing, OMICall starts one campaign', async () => {
		ctx.emulator.server.failNext(
			'POST',
			START,
			{ status: 502, body: 'Bad Gateway' },
			{
				afterHandling: true,
			},
		);
		const result = await startCampaign(people('0395187301', '0395187302'), {}, RETRY);
		expect(result.error).toBeUndefined();
		const sessions = sent(START).map((r) => (r.body as IDataObject).ext_session_id);
		expect(sessions).toHaveLength(2);
		expect(sessions[1]).toBe(sessions[0]);
		expect(phonesSent()[1]).toEqual(['0395187301', '0395187302']);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ alreadyStarted: true });
		expect(ctx.emulator.campaigns.size).toBe(1);
	});

	it('a definite refusal: the numbers are forgotten, the retry sends them', async () => {
		ctx.emulator.server.failNext('POST', START, {
			status: 400,
			body: { error: 'Invalid request' },
		});
		const result = await startCampaign(people('0395187301'), {}, RETRY);
		expect(result.error).toBeUndefined();
		expect(phonesSent()).toEqual([['0395187301'], ['0395187301']]);
		expect(result.items[0].json).toMatchObject({ alreadyStarted: false });
		expect(ctx.emulator.campaigns.size).toBe(1);
	});
});

describe('Call → Click to Call', () => {
	it.each([
		['07:59', false],
		['08:00', true],
		['16:59', true],
		['17:00', false],
	])('advertising at %s Vietnam time: dialed %s', async (time, allowed) => {
		at(`2026-11-30 ${time}`);
		const result = await ctx.run(clickToCall(), { items: people('0395187319'), typeVersion: 1.1 });
		expect(sent(CLICK)).toHaveLength(allowed ? 1 : 0);
		if (!allowed) expect(result.error?.message).toMatch(/only between 08:00 and 17:00/);
		else expect(result.items[0].json.compliance).toMatchObject({ callPurpose: 'advertising' });
	});

	it('the same number in two items of one run is dialed once; consent; the log across runs', async () => {
		const result = await ctx.run(clickToCall(advertising({ consent: '={{ $json.consent }}' })), {
			items: [
				{ phone: '0395187319', consent: 'yes' },
				{ phone: '+84 395 187 319', consent: 'yes' },
				{ phone: '0395187320', consent: 'no' },
			],
			typeVersion: 1.1,
		});
		expect(result.error).toBeUndefined();
		expect(sent(CLICK).map((r) => (r.body as IDataObject).phone_number)).toEqual(['0395187319']);
		expect(result.items.map((item) => [item.json.reason, item.pairedItem])).toEqual([
			[undefined, { item: 0 }],
			['calledWithin24Hours', { item: 1 }],
			['noConsent', { item: 2 }],
		]);
		clearProcessCallLog();
		const next = await ctx.run(clickToCall(), {
			items: people('0395187319'),
			typeVersion: 1.1,
			staticData: result.staticData,
			executionId: 'next',
		});
		expect(next.items[0].json).toMatchObject({ skipped: true, reason: 'calledWithin24Hours' });
		expect(sent(CLICK)).toHaveLength(1);
	});

	it('Retry On Fail after a definite refusal: the retry dials once, its number not left out', async () => {
		ctx.emulator.server.failNext('POST', CLICK, {
			body: { status_code: -9999, payload: { status: 'fail', error: 'user_busy', message: 'x' } },
		});
		const result = await ctx.run(clickToCall(), {
			items: people('0395187319'),
			typeVersion: 1.1,
			...RETRY,
		});
		expect(result.error).toBeUndefined();
		expect(sent(CLICK)).toHaveLength(2);
		expect(ctx.emulator.extendedCalls.clickToCalls).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ alreadyStarted: false });
	});

	it('Retry On Fail after a lost answer: not redialed, and the number stays logged', async () => {
		ctx.emulator.server.failNext(
			'POST',
			CLICK,
			{ status: 502, body: 'Bad Gateway' },
			{
				afterHandling: true,
			},
		);
		const result = await ctx.run(clickToCall(), {
			items: people('0395187319'),
			typeVersion: 1.1,
			...RETRY,
		});
		expect(result.error?.message).toMatch(/not redialed/);
		expect(ctx.emulator.extendedCalls.clickToCalls).toHaveLength(1);
		expect(
			Object.keys((result.staticData.global as IDataObject)[CALL_LOG_FIELD] as IDataObject),
		).toEqual(['84395187319']);
	});
});

describe('Auto-Call → Start by Phone', () => {
	it('outside the window: refused before any request; inside: the screened numbers only', async () => {
		at('2026-11-30 17:00');
		const late = await ctx.run(autoCall(), {
			items: [{ phones: '0395187319' }],
			typeVersion: 1.1,
		});
		expect(late.error?.message).toMatch(/only between 08:00 and 17:00/);
		expect(sent(AUTO)).toHaveLength(0);

		at('2026-11-30 16:59');
		const result = await ctx.run(autoCall(advertising({ doNotCall: '0395187320' })), {
			items: [{ phones: '0395187319, 0395187320, +14155550100' }],
			typeVersion: 1.1,
		});
		expect(result.error).toBeUndefined();
		expect((sent(AUTO)[0].body as IDataObject).phone_number_list).toEqual([
			'0395187319',
			'14155550100',
		]);
		expect(result.items.map((item) => item.json.reason)).toEqual([undefined, 'doNotCall']);
		expect(result.items[0].json.compliance).toMatchObject({ leftOut: 1 });
	});

	it('Retry On Fail after a definite refusal: one session, no number left out as called', async () => {
		ctx.emulator.server.failNext('POST', AUTO, { status: 400, body: { error: 'Invalid request' } });
		const result = await ctx.run(autoCall(), {
			items: [{ phones: '0395187319, 0395187320' }],
			typeVersion: 1.1,
			...RETRY,
		});
		expect(result.error).toBeUndefined();
		expect(sent(AUTO)).toHaveLength(2);
		expect(ctx.emulator.extendedCalls.autoCalls).toHaveLength(1);
		expect(result.items.filter((item) => item.json.skipped)).toHaveLength(0);
	});
});

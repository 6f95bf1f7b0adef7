import type { IDataObject } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';
import {
	CALL_LOG_FIELD,
	CallLog,
	clearProcessCallLog,
} from '../../nodes/shared/compliance/callLog';
import {
	clipRangesToWindow,
	formatVietnamTime,
	isInsideWindow,
	isVietnameseNumber,
	nextOpening,
	vietnamMinuteOfDay,
} from '../../nodes/shared/compliance/rules';
import { leftOutItems, withSummaries } from '../../nodes/shared/compliance/output';
import {
	doNotCallKeys,
	hasConsent,
	screenAdvertising,
	type LeftOut,
} from '../../nodes/shared/compliance/screen';

/** An instant given as Vietnam wall-clock time (UTC+7). */
const vn = (text: string) => Date.parse(`${text}:00+07:00`);
const HOUR = 3600_000;

describe('Decree 91 calling window (08:00–17:00 Vietnam time)', () => {
	it('is closed at 07:59 and 17:00, open at 08:00 and 16:59, whatever the machine zone', () => {
		// The rules read only the instant, never the machine's time zone (the operations' tests run
		// them with TZ=America/New_York).
		expect(isInsideWindow(vn('2026-11-28T07:59'))).toBe(false);
		expect(isInsideWindow(vn('2026-11-28T08:00'))).toBe(true);
		expect(isInsideWindow(vn('2026-11-28T16:59'))).toBe(true);
		expect(isInsideWindow(vn('2026-11-28T17:00'))).toBe(false);
		expect(isInsideWindow(vn('2026-11-28T16:59') + 59_999)).toBe(true);
		expect(isInsideWindow(vn('2026-11-28T00:00'))).toBe(false);
		expect(vietnamMinuteOfDay(Date.parse('2026-11-28T01:00:00Z'))).toBe(8 * 60);
	});

	it('says when the window opens next', () => {
		expect(formatVietnamTime(nextOpening(vn('2026-11-28T19:05')))).toBe('2026-11-29 08:00');
		expect(formatVietnamTime(nextOpening(vn('2026-11-28T07:59')))).toBe('2026-11-28 08:00');
		expect(formatVietnamTime(nextOpening(vn('2026-11-28T17:00')))).toBe('2026-11-29 08:00');
		const open = vn('2026-11-28T10:30');
		expect(nextOpening(open)).toBe(open);
	});

	it('clips dialing hours of a schedule in any zone to the window', () => {
		// Vietnam time: 07:00–12:00 and 13:00–20:00 become 08:00–12:00 and 13:00–17:00.
		expect(
			clipRangesToWindow(
				[
					{ from: 7 * 60, to: 12 * 60 },
					{ from: 13 * 60, to: 20 * 60 },
				],
				420,
			),
		).toEqual([
			{ from: 8 * 60, to: 12 * 60 },
			{ from: 13 * 60, to: 17 * 60 },
		]);
		// A task kept in UTC: the window is 01:00–10:00 there.
		expect(clipRangesToWindow([{ from: 0, to: 24 * 60 }], 0)).toEqual([{ from: 60, to: 600 }]);
		// UTC−10 (Honolulu): 08:00 VN is 15:00 the day before, 17:00 VN is 00:00: no wrap.
		expect(clipRangesToWindow([{ from: 14 * 60, to: 23 * 60 }], -600)).toEqual([
			{ from: 15 * 60, to: 23 * 60 },
		]);
		// UTC+14: the window 15:00–24:00 there.
		expect(clipRangesToWindow([{ from: 9 * 60, to: 16 * 60 }], 840)).toEqual([
			{ from: 15 * 60, to: 16 * 60 },
		]);
		// UTC−5: 20:00–05:00, across midnight.
		expect(clipRangesToWindow([{ from: 0, to: 24 * 60 }], -300)).toEqual([
			{ from: 0, to: 5 * 60 },
			{ from: 20 * 60, to: 24 * 60 },
		]);
		expect(clipRangesToWindow([{ from: 18 * 60, to: 19 * 60 }], 420)).toEqual([]);
	});

	it('tells Vietnamese numbers in every spelling from other countries', () => {
		for (const phone of [
			'0912345678',
			'+84 912 345 678',
			'0084912345678',
			'84912345678',
			'02873001234',
		])
			expect(isVietnameseNumber(phone)).toBe(true);
		for (const phone of ['+6591234567', '+1 415 555 0100', '8612345', ''])
			expect(isVietnameseNumber(phone)).toBe(false);
	});
});

describe('24-hour call log', () => {
	afterEach(() => clearProcessCallLog());
	const contextWith = (data: IDataObject) => ({ getWorkflowStaticData: () => data });

	it('remembers a number across executions through the static data (and a process restart)', () => {
		const staticData: IDataObject = {};
		const t0 = vn('2026-11-28T09:00');
		new CallLog(contextWith(staticData), t0).record(['84912345678'], 'campaign-a');
		// n8n saves the static data as JSON and loads it for the next execution.
		const saved = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		clearProcessCallLog();
		const next = new CallLog(contextWith(saved), t0 + 23 * HOUR);
		expect(next.lastCall('84912345678')).toMatchObject({ campaign: 'campaign-a' });
		expect(new CallLog(contextWith(saved), t0 + 24 * HOUR + 1000).lastCall('84912345678')).toBe(
			undefined,
		);
	});

	it('remembers a number across workflows of the same process (memory layer)', () => {
		const t0 = vn('2026-11-28T09:00');
		new CallLog(contextWith({}), t0).record(['84912345678'], 'workflow-1');
		expect(new CallLog(contextWith({}), t0 + HOUR).lastCall('84912345678')).toMatchObject({
			campaign: 'workflow-1',
		});
	});

	it('drops entries older than 24 hours when it writes, and forgets refused numbers', () => {
		const staticData: IDataObject = {};
		const t0 = vn('2026-11-28T09:00');
		new CallLog(contextWith(staticData), t0).record(['84900000001'], 'old');
		const log = new CallLog(contextWith(staticData), t0 + 25 * HOUR);
		log.record(['84900000002', '84900000003'], 'new');
		expect(Object.keys(staticData[CALL_LOG_FIELD] as IDataObject).sort()).toEqual([
			'84900000002',
			'84900000003',
		]);
		log.forget(['84900000003', '84900000002'], 'other');
		expect(log.lastCall('84900000003')).toBeDefined();
		log.forget(['84900000003'], 'new');
		expect(log.lastCall('84900000003')).toBeUndefined();
		expect(log.lastCall('84900000002')).toBeDefined();
	});
});

describe('screening an advertising campaign', () => {
	afterEach(() => clearProcessCallLog());

	it('leaves out Do-Not-Call numbers, missing consent and numbers called within 24 hours', () => {
		const now = vn('2026-11-28T10:00');
		const staticData: IDataObject = {};
		new CallLog({ getWorkflowStaticData: () => staticData }, now - 2 * HOUR).record(
			['84933333333'],
			'earlier',
		);
		const log = new CallLog({ getWorkflowStaticData: () => staticData }, now);
		const { send, leftOut } = screenAdvertising(
			[
				{ phone: '0911111111', itemIndex: 0, consent: 'yes' },
				{ phone: '+84 922 222 222', itemIndex: 1, consent: true },
				{ phone: '0933333333', itemIndex: 2, consent: true },
				{ phone: '0944444444', itemIndex: 3, consent: '' },
				{ phone: '+6591234567', itemIndex: 4, consent: false },
				{ phone: '0955555555', itemIndex: 5 },
			],
			{
				doNotCall: doNotCallKeys('84922222222, +6500000000'),
				agreedToMoreCalls: false,
				log,
				campaign: 'now',
			},
		);
		expect(send.map((c) => c.itemIndex)).toEqual([0, 4, 5]);
		expect(leftOut.map((l) => [l.itemIndex, l.reason])).toEqual([
			[1, 'doNotCall'],
			[2, 'calledWithin24Hours'],
			[3, 'noConsent'],
		]);
		expect(leftOut[1]).toMatchObject({ campaign: 'earlier' });
		expect(leftOut[1].message).toContain('2026-11-28 08:00 Vietnam time');
	});

	it('sends repeats when the recipients agreed to more calls', () => {
		const log = new CallLog({ getWorkflowStaticData: () => ({}) }, Date.now());
		log.record(['84933333333'], 'earlier');
		const { send } = screenAdvertising([{ phone: '0933333333', itemIndex: 0 }], {
			doNotCall: new Set(),
			agreedToMoreCalls: true,
			log,
			campaign: 'now',
		});
		expect(send).toHaveLength(1);
	});

	it("does not count the same campaign's earlier attempt as a second call (a retry)", () => {
		const log = new CallLog({ getWorkflowStaticData: () => ({}) }, Date.now());
		log.record(['84933333333'], 'task-1');
		const screen = (campaign: string) =>
			screenAdvertising([{ phone: '0933333333', itemIndex: 0 }], {
				doNotCall: new Set(),
				agreedToMoreCalls: false,
				log,
				campaign,
			});
		expect(screen('task-1').send).toHaveLength(1);
		expect(screen('task-2').leftOut).toHaveLength(1);
	});

	it('reads consent values', () => {
		for (const yes of [true, 1, 'true', 'Yes', ' y ', 'agreed', 'opt-in'])
			expect(hasConsent(yes)).toBe(true);
		for (const no of [false, 0, '', 'no', 'false', null, undefined, {}, 'maybe'])
			expect(hasConsent(no)).toBe(false);
	});
});

describe('the output both vendors share', () => {
	const entries: LeftOut[] = [
		{ phone: '0395187319', itemIndex: 2, reason: 'doNotCall', message: 'On the list.' },
		{
			phone: '0395187320',
			itemIndex: 0,
			reason: 'calledWithin24Hours',
			message: 'Called.',
			calledAt: '2026-11-30T03:00:00.000Z',
			campaign: 'c-1',
		},
	];

	it('an item per number left out, paired; the lead fields first, a repeated one keeps its place', () => {
		const plain = leftOutItems(entries);
		expect(plain.map((item) => Object.keys(item.json))).toEqual([
			['skipped', 'reason', 'message', 'phone'],
			['skipped', 'reason', 'message', 'phone', 'calledAt', 'campaign'],
		]);
		expect(plain.map((item) => item.pairedItem)).toEqual([{ item: 2 }, { item: 0 }]);
		const led = leftOutItems(entries, (entry) => ({ userTaskID: 't-1', phone: entry.phone }));
		expect(Object.keys(led[0].json)).toEqual([
			'userTaskID',
			'phone',
			'skipped',
			'reason',
			'message',
		]);
		expect(led[0].json).toEqual({
			userTaskID: 't-1',
			phone: '0395187319',
			skipped: true,
			reason: 'doNotCall',
			message: 'On the list.',
		});
	});

	it("each output item gets its input item's summary: paired (first of a list), else ownItem", () => {
		const summaries = { 0: { callPurpose: 'service' }, 1: { callPurpose: 'advertising' } };
		const json = { id: 'x' };
		const items = withSummaries(
			[
				{ json, pairedItem: { item: 1 } },
				{ json: {}, pairedItem: [{ item: 0 }, { item: 1 }] },
				{ json: {} },
				{ json: {}, pairedItem: { item: 5 } },
			],
			summaries,
			1,
		);
		expect(items.map((item) => item.json.compliance)).toEqual([
			summaries[1],
			summaries[0],
			summaries[1],
			undefined,
		]);
		// A copy: the answer the items came from is left as it was.
		expect(json).toEqual({ id: 'x' });
		expect(withSummaries([{ json: {} }], undefined, 0)[0].json).toEqual({});
	});
});

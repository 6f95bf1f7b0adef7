import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_WINDOW } from '../../nodes/Omicall/resources/call/shared/history';
import { PAGE_LIMITS } from '../../nodes/Omicall/transport/pagination';
import { RATE_LIMIT_BACKOFF } from '../../nodes/Omicall/transport/rateLimit';
import type { ReceivedRequest } from '../../emulators/http-server';
import { apiRequests, startOmicall, type OmicallContext } from './setup';

const DAY = 24 * 3600_000;
const WINDOW = 30 * DAY;

/** The waits the back-off asked for (no real waiting in tests). */
const waits: number[] = [];
const realSleep = RATE_LIMIT_BACKOFF.sleep;
beforeAll(() => {
	RATE_LIMIT_BACKOFF.sleep = async (ms: number) => {
		waits.push(ms);
	};
});
afterAll(() => {
	RATE_LIMIT_BACKOFF.sleep = realSleep;
});

function ids(items: INodeExecutionData[]): string[] {
	return items.map((item) => String(item.json.transaction_id));
}

/** Every transaction_id exactly once, and exactly the expected ones. */
type Row = Record<string, unknown>;

function expectExactlyOnce(items: INodeExecutionData[], expected: Row[]) {
	const got = ids(items);
	expect(new Set(got).size).toBe(got.length);
	expect([...got].sort()).toEqual(expected.map((c) => String(c.transaction_id)).sort());
}

function datesOf(request: ReceivedRequest): { from: number; to: number } {
	const holder = (request.method === 'GET' ? request.query : request.body) as IDataObject;
	return { from: Number(holder.from_date), to: Number(holder.to_date) };
}

/** The distinct windows the node asked for, in order. */
function windowsOf(requests: ReceivedRequest[]): Array<{ from: number; to: number }> {
	const windows: Array<{ from: number; to: number }> = [];
	for (const request of requests) {
		const dates = datesOf(request);
		const last = windows.at(-1);
		if (!last || last.from !== dates.from || last.to !== dates.to) windows.push(dates);
	}
	return windows;
}

describe('Call history of any period (calls every 7 hours over 400 days)', () => {
	let ctx: OmicallContext;
	let to: number;
	beforeAll(async () => {
		ctx = await startOmicall({ callCount: 1400, callSpacingMs: 7 * 3600_000 });
		to = ctx.emulator.now + 123; // not on a whole second: windows are cut in milliseconds
	});
	afterAll(async () => await ctx.emulator.stop());
	beforeEach(() => {
		ctx.emulator.server.clearReceived();
		ctx.emulator.resetFaults();
		waits.length = 0;
	});

	const getMany = (from: number, until: number, extra: INodeParameters = {}) => ({
		resource: 'call',
		operation: 'getAll',
		fromDate: from,
		toDate: until,
		returnAll: true,
		filters: {},
		...extra,
	});

	it.each([
		['90 days', 90 * DAY + 7, 4],
		['a year', 365 * DAY, 13],
	])(
		'Get Many over %s: windows of at most 30 days, every call once, no request after the last page',
		async (_name, length, windowCount) => {
			const from = to - length;
			const result = await ctx.run(getMany(from, to));
			expect(result.error).toBeUndefined();
			expectExactlyOnce(result.items, ctx.emulator.callsBetween(from, to));

			const requests = apiRequests(ctx.emulator);
			const windows = windowsOf(requests);
			expect(windows).toHaveLength(windowCount);
			// From To backwards; each window ends where the one before began; the last begins at From.
			expect(windows[0].to).toBe(to);
			windows.forEach((window, i) => {
				expect(window.to - window.from).toBeLessThanOrEqual(WINDOW);
				if (i > 0) expect(window.to).toBe(windows[i - 1].from);
			});
			expect(windows.at(-1)!.from).toBe(from);
			// Pages 1..n of each window and not one more: n = the window's rows / 50, at least 1.
			const expectedRequests = windows.reduce(
				(sum, w) =>
					sum + Math.max(1, Math.ceil(ctx.emulator.callsBetween(w.from, w.to).length / 50)),
				0,
			);
			expect(requests).toHaveLength(expectedRequests);
			expect(requests.every((r) => r.query.size === '50')).toBe(true);
		},
	);

	it('a call exactly on a window boundary (and 1 ms either side, and at From and To) appears once', async () => {
		const from = to - 70 * DAY;
		const boundary = to - WINDOW;
		const edge = [
			ctx.emulator.addCall(boundary),
			ctx.emulator.addCall(boundary - 1),
			ctx.emulator.addCall(boundary + 1),
			ctx.emulator.addCall(to - 2 * WINDOW),
			ctx.emulator.addCall(from),
			ctx.emulator.addCall(to),
		];
		const outside = [ctx.emulator.addCall(from - 1), ctx.emulator.addCall(to + 1)];
		const result = await ctx.run(getMany(from, to));
		expect(result.error).toBeUndefined();
		expectExactlyOnce(result.items, ctx.emulator.callsBetween(from, to));
		for (const id of edge) expect(ids(result.items).filter((x) => x === id)).toHaveLength(1);
		for (const id of outside) expect(ids(result.items)).not.toContain(id);
		// The emulator answers the boundary call in both windows that share it: the node drops the repeat.
		const boundaryWindows = windowsOf(apiRequests(ctx.emulator)).filter(
			(w) => w.from <= boundary && boundary <= w.to,
		);
		expect(boundaryWindows).toHaveLength(2);
	});

	it('Limit caps the total across windows: the newest calls of the period, once each', async () => {
		const from = to - 90 * DAY;
		const firstWindow = ctx.emulator.callsBetween(to - WINDOW, to).length;
		const limit = firstWindow + 20;
		const result = await ctx.run(getMany(from, to, { returnAll: false, limit }));
		expect(result.error).toBeUndefined();
		const expected = ctx.emulator
			.callsBetween(from, to)
			.sort((a, b) => Number(b.created_date) - Number(a.created_date))
			.slice(0, limit);
		expect(ids(result.items)).toEqual(expected.map((c) => String(c.transaction_id)));
		// The first window read to its end, the second only as far as needed (one page).
		const windows = windowsOf(apiRequests(ctx.emulator));
		expect(windows).toHaveLength(2);
		expect(apiRequests(ctx.emulator)).toHaveLength(Math.ceil(firstWindow / 50) + 1);
	});

	it('Search over 90 days: body dates in windows, every row once', async () => {
		const from = to - 90 * DAY;
		ctx.emulator.addCall(to - WINDOW, { sip_user: '101' });
		const result = await ctx.run({
			resource: 'call',
			operation: 'search',
			fromDate: from,
			toDate: to,
			userUuids: '101',
			returnAll: true,
			filters: {},
		});
		expect(result.error).toBeUndefined();
		expectExactlyOnce(
			result.items,
			ctx.emulator.callsBetween(from, to).filter((c) => c.sip_user === '101'),
		);
		const requests = apiRequests(ctx.emulator);
		expect(requests.every((r) => r.method === 'POST' && r.query.page !== undefined)).toBe(true);
		const windows = windowsOf(requests);
		expect(windows).toHaveLength(3);
		expect(windows.every((w) => w.to - w.from <= WINDOW)).toBe(true);
	});

	it('Get Report over a year adds up non-overlapping windows (a boundary call counted once)', async () => {
		const from = to - 365 * DAY;
		ctx.emulator.addCall(to - WINDOW, { direction: 'inbound', disposition: 'answered' });
		ctx.emulator.addCall(to - WINDOW - 1, { direction: 'outbound', disposition: 'cancelled' });
		const result = await ctx.run({
			resource: 'call',
			operation: 'getReport',
			fromDate: from,
			toDate: to,
			filters: {},
		});
		expect(result.error).toBeUndefined();
		const requests = apiRequests(ctx.emulator);
		const windows = requests.map(datesOf);
		expect(windows).toHaveLength(13);
		expect(windows[0].to).toBe(to);
		windows.forEach((w, i) => {
			expect(w.to - w.from).toBeLessThanOrEqual(WINDOW);
			if (i > 0) expect(w.to).toBe(windows[i - 1].from - 1);
		});
		expect(windows.at(-1)!.from).toBe(from);

		const rows = ctx.emulator.callsBetween(from, to);
		const count = (p: (c: Row) => boolean) => rows.filter(p).length;
		expect(result.items).toHaveLength(1);
		const report = result.items[0].json;
		expect(report.categorized_by_direction).toEqual(
			['inbound', 'outbound'].map((d) => ({
				_id: d,
				total_count: count((c) => c.direction === d),
				total_time: rows
					.filter((c) => c.direction === d)
					.reduce((s, c) => s + Number(c.bill_sec), 0),
			})),
		);
		expect(report.categorized_by_disposition).toEqual(
			['cancelled', 'answered'].map((d) => ({
				_id: d,
				total_count: count((c) => c.disposition === d),
				total_outbound: count((c) => c.disposition === d && c.direction === 'outbound'),
				total_inbound: count((c) => c.disposition === d && c.direction === 'inbound'),
			})),
		);
		expect(report.categorized_by_local_direction).toEqual({
			total_call: count((c) => c.direction === 'local'),
			total_call_answer: null,
		});
	});

	it('Get Report within 30 days, or without dates, is one request with the dates as given', async () => {
		const from = to - 3 * DAY;
		await ctx.run({ resource: 'call', operation: 'getReport', fromDate: from, toDate: to });
		await ctx.run({ resource: 'call', operation: 'getReport', fromDate: from, toDate: '' });
		expect(apiRequests(ctx.emulator).map((r) => r.query)).toEqual([
			{ from_date: String(from), to_date: String(to) },
			{ from_date: String(from) },
		]);
	});

	it('a server that accepts shorter periods (date_is_too_long): the window is halved, nothing lost', async () => {
		ctx.emulator.historyMaxWindowMs = 10 * DAY;
		try {
			const from = to - 45 * DAY;
			ctx.emulator.addCall(to - 7.5 * DAY);
			const result = await ctx.run(getMany(from, to));
			expect(result.error).toBeUndefined();
			expectExactlyOnce(result.items, ctx.emulator.callsBetween(from, to));
			const accepted = windowsOf(apiRequests(ctx.emulator)).filter(
				(w) => w.to - w.from <= 10 * DAY,
			);
			expect(accepted.every((w) => w.to - w.from === 7.5 * DAY || w.from === from)).toBe(true);
		} finally {
			ctx.emulator.historyMaxWindowMs = WINDOW;
		}
	});

	it('a period that needs more windows than the page cap is refused before any request', async () => {
		PAGE_LIMITS.maxPages = 3;
		try {
			const result = await ctx.run(getMany(to - 91 * DAY, to));
			expect(result.error?.message).toBe('From of item 0 is 91 days before To');
			expect(result.error?.description).toContain('needs 4 windows of 30 days');
			expect(apiRequests(ctx.emulator)).toHaveLength(0);
		} finally {
			PAGE_LIMITS.maxPages = 2000;
		}
	});

	describe('rate limits: a capped back-off, then a clear error', () => {
		it.each(['limit_request_30_minute', 'rate_limit_exceeded', 'http429'] as const)(
			'%s twice: waits 2 s and 5 s, then the list completes',
			async (style) => {
				const from = to - 60 * DAY;
				ctx.emulator.rateLimit = { remaining: 2, style };
				const result = await ctx.run(getMany(from, to));
				expect(result.error).toBeUndefined();
				expectExactlyOnce(result.items, ctx.emulator.callsBetween(from, to));
				expect(waits).toEqual([2000, 5000]);
			},
		);

		it('Get Report and Search back off too', async () => {
			ctx.emulator.rateLimit = { remaining: 1, style: 'rate_limit_exceeded' };
			const report = await ctx.run({
				resource: 'call',
				operation: 'getReport',
				fromDate: to - DAY,
				toDate: to,
			});
			ctx.emulator.rateLimit = { remaining: 1, style: 'limit_request_30_minute' };
			const search = await ctx.run({
				resource: 'call',
				operation: 'search',
				fromDate: to - DAY,
				toDate: to,
				userUuids: '100',
				returnAll: true,
			});
			expect(report.error).toBeUndefined();
			expect(search.error).toBeUndefined();
			expect(waits).toEqual([2000, 2000]);
		});

		it('when the limit holds: a clear error after 5 retries, nothing output', async () => {
			ctx.emulator.rateLimit = { remaining: Infinity, style: 'limit_request_30_minute' };
			const result = await ctx.run(getMany(to - 60 * DAY, to));
			expect(result.items).toHaveLength(0);
			expect(result.error?.message).toBe(
				'OMICall still refuses the request as rate-limited (limit_request_30_minute) after 5 retries over 112 s',
			);
			expect(result.error?.description).toContain('30 minutes apart');
			expect(waits).toEqual([2000, 5000, 15_000, 30_000, 60_000]);
			expect(apiRequests(ctx.emulator)).toHaveLength(6);
		});

		it('when the limit holds, with Continue On Fail: an error item for the item', async () => {
			ctx.emulator.rateLimit = { remaining: Infinity, style: 'http429' };
			const result = await ctx.run(getMany(to - DAY, to), { continueOnFail: true });
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(1);
			expect(String(result.items[0].json.error)).toContain('rate-limited (http_429)');
		});
	});
});

describe('Fault injection: each request of a 90-day read failing once', () => {
	let ctx: OmicallContext;
	let from: number;
	let to: number;
	/** Output and request count of a clean run, by operation. */
	const clean = new Map<string, { items: INodeExecutionData[]; requests: number }>();
	// Calls every 12 hours: three 30-day windows of 60 calls, two pages each (one request each
	// for the report).
	const operations: Record<string, () => INodeParameters> = {
		getAll: () => ({
			resource: 'call',
			operation: 'getAll',
			fromDate: from,
			toDate: to,
			returnAll: true,
			filters: {},
		}),
		search: () => ({
			resource: 'call',
			operation: 'search',
			fromDate: from,
			toDate: to,
			userUuids: '100, 101, 102, 103, 104',
			returnAll: true,
			filters: {},
		}),
		getReport: () => ({
			resource: 'call',
			operation: 'getReport',
			fromDate: from,
			toDate: to,
			filters: {},
		}),
	};
	beforeAll(async () => {
		ctx = await startOmicall({ callCount: 200, callSpacingMs: 12 * 3600_000 });
		to = ctx.emulator.now;
		from = to - 90 * DAY;
		await ctx.run({ resource: 'script', operation: 'getAll', returnAll: true }); // token
		for (const [operation, parameters] of Object.entries(operations)) {
			ctx.emulator.server.clearReceived();
			const result = await ctx.run(parameters());
			expect(result.error).toBeUndefined();
			clean.set(operation, { items: result.items, requests: apiRequests(ctx.emulator).length });
		}
	});
	afterAll(async () => await ctx.emulator.stop());
	afterEach(() => ctx.emulator.resetFaults());
	beforeEach(() => {
		ctx.emulator.server.clearReceived();
		waits.length = 0;
	});

	const faults = {
		http503: { status: 503, body: 'Service Unavailable' },
		dropped: { drop: true },
		busy: {
			body: {
				status_code: -9999,
				instance_id: 'stg',
				message: 'rate_limit_exceeded',
				payload: null,
			},
		},
	};
	const modes = {
		plain: {},
		retryOnFail: { retryOnFail: { maxTries: 2 } },
		continueOnFail: { continueOnFail: true },
		both: { retryOnFail: { maxTries: 2 }, continueOnFail: true },
	};

	it('the clean reads: 6 requests for the lists (3 windows × 2 pages), 3 for the report', () => {
		expect(clean.get('getAll')!.requests).toBe(6);
		expect(clean.get('search')!.requests).toBe(6);
		expect(clean.get('getReport')!.requests).toBe(3);
		expectExactlyOnce(clean.get('getAll')!.items, ctx.emulator.callsBetween(from, to));
		expectExactlyOnce(clean.get('search')!.items, ctx.emulator.callsBetween(from, to));
		expect(clean.get('getReport')!.items).toHaveLength(1);
	});

	const cases = Object.keys(operations).flatMap((operation) =>
		Object.keys(faults).flatMap((fault) =>
			Object.keys(modes).flatMap((mode) =>
				[1, 2, 3, 4, 5, 6]
					.filter((position) => operation !== 'getReport' || position <= 3)
					.map((position) => [operation, fault, mode, position] as const),
			),
		),
	);
	it.each(cases)('%s: %s, %s, request %i', async (operation, fault, mode, position) => {
		ctx.emulator.failRequest(position, faults[fault as keyof typeof faults]);
		const options = modes[mode as keyof typeof modes];
		const result = await ctx.run(operations[operation](), options);
		const expected = clean.get(operation)!.items;
		// n8n retries a node only when it fails: with Continue On Fail the error item is its result.
		const recovers =
			fault === 'busy' || ('retryOnFail' in options && !('continueOnFail' in options));
		if (recovers) {
			expect(result.error).toBeUndefined();
			if (operation === 'getReport') {
				expect(result.items.map((item) => item.json)).toEqual(expected.map((item) => item.json));
			} else {
				expectExactlyOnce(result.items, ctx.emulator.callsBetween(from, to));
			}
			if (fault === 'busy') expect(waits).toEqual([2000]);
			return;
		}
		// Not recovered: no partial list or sum, ever. The run fails, or the item is an error item.
		if ('continueOnFail' in options) {
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json.error).toBeTruthy();
			expect(Object.keys(result.items[0].json)).toEqual(['error']);
		} else {
			expect(result.items).toHaveLength(0);
			expect(result.error).toBeDefined();
		}
	});

	it('two items with Continue On Fail: the failing item gives an error item, the other its full list', async () => {
		ctx.emulator.failRequest(4, faults.http503);
		const result = await ctx.run(operations.getAll(), { continueOnFail: true, items: [{}, {}] });
		const isError = (item: INodeExecutionData) => Boolean(item.json.error ?? item.error);
		const errors = result.items.filter(isError);
		const rows = result.items.filter((item) => !isError(item));
		expect(errors).toHaveLength(1);
		expectExactlyOnce(rows, ctx.emulator.callsBetween(from, to));
		// The engine outputs item 0's result, then item 1's: the error item is first or last.
		const failed = result.items.indexOf(errors[0]) === 0 ? 0 : 1;
		expect([0, result.items.length - 1]).toContain(result.items.indexOf(errors[0]));
		// Every call is paired to the item that read it.
		expect(rows.every((row) => (row.pairedItem as { item: number }).item === 1 - failed)).toBe(
			true,
		);
	});

	it('two items, no fault: each reads the whole period, each call paired to its item', async () => {
		const result = await ctx.run(operations.getAll(), { items: [{}, {}] });
		expect(result.error).toBeUndefined();
		const expected = ctx.emulator.callsBetween(from, to);
		for (const index of [0, 1]) {
			const rows = result.items.filter(
				(row) => (row.pairedItem as { item: number }).item === index,
			);
			expectExactlyOnce(rows, expected);
		}
		expect(result.items).toHaveLength(2 * expected.length);
	});
});

it('HISTORY_WINDOW is the documented 30 days', () => {
	expect(HISTORY_WINDOW.ms).toBe(WINDOW);
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiRequests, startOmicall, TENANT_KEY, type OmicallContext } from './setup';

let ctx: OmicallContext;
beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => ctx.emulator.server.clearReceived());

const V3 = '/api/v3/call-transaction/search';
const V2 = '/api/v2/callTransaction/search';
const HOUR = 3600_000;
const history = () => ctx.emulator.extendedCalls.history;
const newest = () => Math.max(...history().map((row) => row.created_date as number));
const period = () => ({ fromDate: newest() - 100 * HOUR, toDate: newest() + 1000 });
const sent = (path: string) => apiRequests(ctx.emulator).filter((r) => r.path === path);
const ids = (rows: Array<{ json: Record<string, unknown> }>) =>
	rows.map((row) => row.json.transaction_id);
const byNewest = () =>
	[...history()].sort((a, b) => (b.created_date as number) - (a.created_date as number));

describe('Call → Search (V3)', () => {
	it('Return All reads every page (camelCase pages), with {filter, sort} and page/size in the query', async () => {
		const { fromDate, toDate } = period();
		const result = await ctx.run({
			resource: 'call',
			operation: 'searchV3',
			fromDate,
			toDate,
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(75);
		expect(ids(result.items)).toEqual(byNewest().map((row) => row.transaction_id));
		const requests = sent(V3);
		expect(requests.map((r) => [r.method, r.query])).toEqual([
			['POST', { size: '50', page: '1' }],
			['POST', { size: '50', page: '2' }],
		]);
		expect(requests[0].headers['x-api-key']).toBe(TENANT_KEY);
		expect(requests[0].headers.authorization).toMatch(/^Bearer /);
		expect(requests[0].body).toEqual({
			filter: { fromDate, toDate },
			sort: { field: 'created_date', isAsc: false },
		});
	});

	it('sends the filters and the sort; Limit asks for one page of that size', async () => {
		const { fromDate, toDate } = period();
		const result = await ctx.run({
			resource: 'call',
			operation: 'searchV3',
			fromDate,
			toDate,
			limit: 3,
			filters: {
				directions: ['outbound'],
				sipUsers: '100, 102',
				isAnswer: 'true',
				keyword: '039518',
				agentIds: '64915bc76a690c0edad14723',
			},
			sort: { field: 'time_start_call', ascending: true },
		});
		expect(result.error).toBeUndefined();
		const [request] = sent(V3);
		expect(request.query).toEqual({ size: '3', page: '1' });
		expect(request.body).toEqual({
			filter: {
				fromDate,
				toDate,
				directions: ['outbound'],
				sipUsers: ['100', '102'],
				isAnswer: true,
				keyword: '039518',
				agentIds: ['64915bc76a690c0edad14723'],
			},
			sort: { field: 'time_start_call', isAsc: true },
		});
		expect(result.items).toHaveLength(3);
		for (const item of result.items) {
			expect(item.json).toMatchObject({ direction: 'outbound', disposition: 'answered' });
			expect(['100', '102']).toContain(item.json.sip_user);
		}
	});

	it('HTTP 204 (no calls) is an empty result, not an error', async () => {
		const result = await ctx.run({
			resource: 'call',
			operation: 'searchV3',
			fromDate: newest() + HOUR,
			toDate: newest() + 2 * HOUR,
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(sent(V3)).toHaveLength(1);
	});

	it('Simplify keeps the main fields', async () => {
		const { fromDate, toDate } = period();
		const result = await ctx.run({
			resource: 'call',
			operation: 'searchV3',
			fromDate,
			toDate,
			limit: 1,
			simplify: true,
		});
		const row = byNewest()[0];
		expect(result.items[0].json).toEqual({
			transaction_id: row.transaction_id,
			direction: row.direction,
			source_number: row.source_number,
			destination_number: row.destination_number,
			disposition: row.disposition,
			sip_user: row.sip_user,
			duration: row.duration,
			bill_sec: row.bill_sec,
			created_date: row.created_date,
			recording_file: row.recording_file,
			time_start_to_answer: row.time_start_to_answer,
			is_auto_call: row.is_auto_call,
			note: row.note,
			tag: row.tag,
			customer: { full_name: (row.customer as { full_name: string }).full_name },
			user: [{ full_name: 'TestBoss 123' }],
		});
	});

	it('checks the dates before any request', async () => {
		const { fromDate, toDate } = period();
		let result = await ctx.run({
			resource: 'call',
			operation: 'searchV3',
			fromDate: '={{ $json.none }}',
			toDate,
		});
		expect(result.error?.message).toBe('From of item 0 is empty');
		result = await ctx.run({
			resource: 'call',
			operation: 'searchV3',
			fromDate: toDate,
			toDate: fromDate,
		});
		expect(result.error?.message).toBe('To of item 0 is before From');
		expect(sent(V3)).toHaveLength(0);
	});

	it('an HTTP 400 without an envelope is an error; Continue On Fail gives an error item per item', async () => {
		ctx.emulator.server.failNext('POST', V3, { status: 400, body: { error: 'Invalid request' } });
		const { fromDate, toDate } = period();
		const result = await ctx.run(
			{ resource: 'call', operation: 'searchV3', fromDate, toDate, limit: 1 },
			{ items: [{}, {}], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items.filter((item) => item.json.error)).toHaveLength(1);
	});
});

describe('Call → Search (v2, Deprecated)', () => {
	it('sends the flat camelCase body, at most 50 per page, and reads snake_case pages', async () => {
		const { fromDate, toDate } = period();
		const result = await ctx.run({
			resource: 'call',
			operation: 'searchV2',
			fromDate,
			toDate,
			returnAll: true,
			filters: { phoneNumbers: '0395187301', directions: ['inbound', 'outbound'] },
		});
		expect(result.error).toBeUndefined();
		const requests = sent(V2);
		expect(requests.map((r) => r.query)).toEqual([{ size: '50', page: '1' }]);
		expect(requests[0].body).toEqual({
			fromDate,
			toDate,
			directions: ['inbound', 'outbound'],
			phoneNumbers: ['0395187301'],
		});
		const expected = byNewest().filter(
			(row) =>
				['inbound', 'outbound'].includes(String(row.direction)) &&
				row.destination_number === '0395187301',
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(ids(result.items)).toEqual(expected.map((row) => row.transaction_id));
		expect(result.items).toHaveLength(expected.length);
	});

	it('Return All pages through', async () => {
		const { fromDate, toDate } = period();
		const result = await ctx.run({
			resource: 'call',
			operation: 'searchV2',
			fromDate,
			toDate,
			returnAll: true,
		});
		expect(result.items).toHaveLength(75);
		expect(sent(V2).map((r) => r.query.page)).toEqual(['1', '2']);
	});
});

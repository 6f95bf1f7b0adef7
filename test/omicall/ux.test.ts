import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CALL_RECORD_FIELDS } from '../../nodes/Omicall/resources/call/shared/simplify';
import { SCRIPT_FIELDS } from '../../nodes/Omicall/resources/script/get';
import { apiRequests, startOmicall, type OmicallContext } from './setup';

/**
 * The Call ID list (searchRecentCalls) and the locators of Call and Conversation → Transfer, and
 * Simplify on the OMICall operations whose records have many fields, through the real routing
 * engine against the emulator: off by default (the raw records, as before), on → only the chosen
 * fields, with the same requests and paging.
 */

const DAY = 24 * 3600_000;
let ctx: OmicallContext;
let from: number;
let to: number;

beforeAll(async () => {
	ctx = await startOmicall({ callCount: 130 });
	to = ctx.emulator.now + 1000;
	from = to - 6 * DAY;
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => ctx.emulator.server.clearReceived());

const allowed = new Set(CALL_RECORD_FIELDS.map((field) => field.split('.')[0]));

describe('Simplify on call records', () => {
	const getMany = (simplify?: boolean) =>
		ctx.run({
			resource: 'call',
			operation: 'getAll',
			fromDate: from,
			toDate: to,
			returnAll: true,
			filters: {},
			...(simplify === undefined ? {} : { simplify }),
		});

	it('Get Many is off by default: the raw records, every field', async () => {
		const result = await getMany();
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(130);
		const first = ctx.emulator.calls.find(
			(call) => call.transaction_id === result.items[0].json.transaction_id,
		)!;
		expect(result.items[0].json).toEqual(first);
		expect(result.items[0].json).toHaveProperty('provider', 'viettel');
	});

	it('Get Many with Simplify: the same requests and pages, only the chosen fields', async () => {
		const result = await getMany(true);
		expect(result.error).toBeUndefined();
		// Paging still follows has_next through all three pages (the items list keeps its page).
		expect(apiRequests(ctx.emulator).map((r) => r.query.page)).toEqual(['1', '2', '3']);
		expect(result.items).toHaveLength(130);
		const json = result.items[0].json;
		const raw = ctx.emulator.calls.find((call) => call.transaction_id === json.transaction_id)!;
		expect(json).toEqual({
			transaction_id: raw.transaction_id,
			direction: raw.direction,
			source_number: raw.source_number,
			destination_number: raw.destination_number,
			disposition: raw.disposition,
			duration: raw.duration,
			bill_sec: raw.bill_sec,
			time_start_to_answer: raw.time_start_to_answer,
			created_date: raw.created_date,
			recording_file: raw.recording_file,
			sip_user: raw.sip_user,
			is_auto_call: raw.is_auto_call,
			note: raw.note,
			tag: raw.tag,
			customer: { full_name: (raw.customer as { full_name: string }).full_name },
			user: [{ full_name: 'TestBoss 123' }],
		});
		for (const item of result.items) {
			for (const key of Object.keys(item.json)) expect(allowed.has(key)).toBe(true);
		}
		// Every call once: the de-duplication by transaction_id still works on simplified rows.
		expect(new Set(result.items.map((i) => i.json.transaction_id)).size).toBe(130);
	});

	it('Search with Simplify keeps the search-only field dial_status', async () => {
		const result = await ctx.run({
			resource: 'call',
			operation: 'search',
			fromDate: from,
			toDate: to,
			userUuids: '100',
			returnAll: true,
			filters: {},
			simplify: true,
		});
		expect(result.error).toBeUndefined();
		const requests = apiRequests(ctx.emulator);
		expect(requests.map((r) => [r.method, r.path])).toEqual([
			['POST', '/api/call_transaction/search'],
		]);
		expect(requests[0].body).toEqual({ from_date: from, to_date: to, user_uuids: ['100'] });
		expect(result.items.length).toBeGreaterThan(0);
		expect(result.items[0].json).toHaveProperty('dial_status');
		expect(result.items[0].json).not.toHaveProperty('tenant_id');
		for (const item of result.items) {
			for (const key of Object.keys(item.json)) expect(allowed.has(key)).toBe(true);
		}
	});

	it('Get with Simplify and without', async () => {
		const id = String(ctx.emulator.calls[4].transaction_id);
		const raw = await ctx.run({ resource: 'call', operation: 'get', transactionId: id });
		expect(raw.items[0].json).toHaveProperty('call_out_price', 2389);
		const simple = await ctx.run({
			resource: 'call',
			operation: 'get',
			transactionId: id,
			simplify: true,
		});
		expect(apiRequests(ctx.emulator).map((r) => [r.method, r.path])).toEqual([
			['GET', `/api/call_transaction/detail/${id}`],
			['GET', `/api/call_transaction/detail/${id}`],
		]);
		expect(simple.items[0].json).toMatchObject({ transaction_id: id });
		expect(simple.items[0].json).not.toHaveProperty('call_out_price');
		expect(simple.items[0].json).not.toHaveProperty('provider');
	});
});

describe('Simplify on Script → Get', () => {
	const script = { __rl: true, mode: 'list', value: '64915bc76a690c0edad14723' };

	it('off: the whole definition; on: the script without its call flow', async () => {
		const raw = await ctx.run({ resource: 'script', operation: 'get', script });
		expect(raw.error).toBeUndefined();
		const full = raw.items[0].json;
		const simple = await ctx.run({ resource: 'script', operation: 'get', script, simplify: true });
		expect(apiRequests(ctx.emulator).map((r) => [r.method, r.path])).toEqual([
			['GET', '/api/call_bot/get_by_id/64915bc76a690c0edad14723'],
			['GET', '/api/call_bot/get_by_id/64915bc76a690c0edad14723'],
		]);
		const expected = Object.fromEntries(
			SCRIPT_FIELDS.filter((field) => full[field] !== undefined).map((field) => [
				field,
				full[field],
			]),
		);
		expect(simple.items[0].json).toEqual(expected);
		expect(simple.items[0].json).toMatchObject({ id: '64915bc76a690c0edad14723' });
		expect(Object.keys(full).length).toBeGreaterThan(Object.keys(expected).length);
	});
});

const searchCalls = (filter?: string, paginationToken?: string) =>
	ctx.load({
		parameters: { resource: 'call', operation: 'get' },
		method: 'searchRecentCalls',
		filter,
		paginationToken,
	}) as Promise<{ results: Array<{ name: string; value: string }>; paginationToken?: string }>;

describe('Call ID list (searchRecentCalls)', () => {
	it('lists the calls of the last 30 days, 50 a page, the next page as token', async () => {
		const page1 = await searchCalls();
		const [request] = apiRequests(ctx.emulator);
		expect([request.method, request.path]).toEqual(['GET', '/api/call_transaction/list']);
		expect(request.headers.authorization).toMatch(/^Bearer /);
		const sentFrom = Number(request.query.from_date);
		const sentTo = Number(request.query.to_date);
		expect(sentTo - sentFrom).toBe(30 * DAY);
		expect(request.query).toMatchObject({ page: '1', size: '50' });
		expect(request.query).not.toHaveProperty('keyword');
		expect(page1.results).toHaveLength(50);
		expect(page1.paginationToken).toBe('2');
		const newest = ctx.emulator.calls[0];
		expect(page1.results[0]).toEqual({
			name: expect.stringMatching(
				new RegExp(
					`^${String(newest.source_number)} → ${String(newest.destination_number)} · \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC · ${String(newest.disposition)}$`,
				),
			),
			value: newest.transaction_id,
		});

		ctx.emulator.server.clearReceived();
		const page3 = await searchCalls(undefined, '3');
		expect(apiRequests(ctx.emulator)[0].query.page).toBe('3');
		expect(page3.results).toHaveLength(30);
		expect(page3.paginationToken).toBeUndefined();
	});

	it("sends the typed text as OMICall's keyword", async () => {
		const number = String(ctx.emulator.calls[7].destination_number);
		const found = await searchCalls(` ${number} `);
		expect(apiRequests(ctx.emulator)[0].query.keyword).toBe(number);
		expect(found.results.length).toBeGreaterThan(0);
		for (const entry of found.results) expect(entry.name).toContain(number);
	});

	it('reports an OMICall error instead of an empty list', async () => {
		ctx.emulator.server.failNext('GET', '/api/call_transaction/list', {
			body: { status_code: -9999, message: 'permission_denied' },
		});
		await expect(searchCalls()).rejects.toThrow('OMICall error permission_denied');
	});
});

describe('Locators in runs', () => {
	it('Call → Get with a call picked from the list', async () => {
		const id = String(ctx.emulator.calls[2].transaction_id);
		const result = await ctx.run({
			resource: 'call',
			operation: 'get',
			transactionId: { __rl: true, mode: 'list', value: id },
		});
		expect(result.error).toBeUndefined();
		expect(apiRequests(ctx.emulator).map((r) => [r.method, r.path])).toEqual([
			['GET', `/api/call_transaction/detail/${id}`],
		]);
	});

	it('Conversation → Transfer with agents picked from the list and typed By Email', async () => {
		const result = await ctx.run({
			resource: 'conversation',
			operation: 'transfer',
			sourceEmail: { __rl: true, mode: 'list', value: 'agent.a@example.com' },
			targetEmail: { __rl: true, mode: 'email', value: 'agent.b@example.com' },
			transferOptions: { previewChanges: true },
		});
		expect(result.error).toBeUndefined();
		const requests = apiRequests(ctx.emulator);
		expect(requests.map((r) => [r.method, r.path])).toEqual([
			['POST', '/api/v3/agent/conversation/transfer'],
		]);
		expect(requests[0].body).toEqual({
			sourceEmail: 'agent.a@example.com',
			targetEmail: 'agent.b@example.com',
			previewChanges: true,
			replaceExistingMembers: false,
		});
	});
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiRequests, startOmicall, type OmicallContext } from './setup';

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

describe('Call → Get Many', () => {
	it('returns every call of the period across three pages, dates sent in milliseconds', async () => {
		const result = await ctx.run({
			resource: 'call',
			operation: 'getAll',
			fromDate: from,
			toDate: to,
			returnAll: true,
			filters: {},
		});
		expect(result.error).toBeUndefined();
		const requests = apiRequests(ctx.emulator);
		expect(requests.map((r) => [r.method, r.path])).toEqual(
			Array(3).fill(['GET', '/api/call_transaction/list']),
		);
		expect(requests.map((r) => r.query.page)).toEqual(['1', '2', '3']);
		expect(
			requests.every(
				(r) =>
					r.query.from_date === String(from) &&
					r.query.to_date === String(to) &&
					r.query.size === '50',
			),
		).toBe(true);
		expect(result.items).toHaveLength(130);
		expect(result.items[0].json).toMatchObject({
			transaction_id: ctx.emulator.calls[0].transaction_id,
		});
	});

	it('reads date pickers in the workflow time zone and sends every filter', async () => {
		const result = await ctx.run({
			resource: 'call',
			operation: 'getAll',
			fromDate: '2026-11-01T00:00:00',
			toDate: '2026-11-20T23:59:59',
			returnAll: false,
			limit: 10,
			filters: {
				agents: 'a@example.com, b@example.com',
				userUuids: 'u1',
				isAutoCall: 'false',
				direction: ['outbound', 'inbound'],
				disposition: 'answered',
				sipUser: '101',
				sipNumbers: '842899990338',
				keyword: 'Khách',
				queueDestination: '8001,8002',
			},
		});
		expect(result.error).toBeUndefined();
		const [request] = apiRequests(ctx.emulator);
		expect(request.query).toEqual({
			from_date: String(Date.UTC(2026, 9, 31, 17, 0, 0)),
			to_date: String(Date.UTC(2026, 10, 20, 16, 59, 59)),
			page: '1',
			size: '10',
			agents: ['a@example.com', 'b@example.com'],
			user_uuids: 'u1',
			is_auto_call: 'false',
			direction: ['outbound', 'inbound'],
			disposition: 'answered',
			sip_user: '101',
			sip_numbers: '842899990338',
			keyword: 'Khách',
			queue_destination: ['8001', '8002'],
		});
	});

	it('stops at the limit', async () => {
		const result = await ctx.run({
			resource: 'call',
			operation: 'getAll',
			fromDate: from,
			toDate: to,
			returnAll: false,
			limit: 75,
			filters: {},
		});
		expect(apiRequests(ctx.emulator).map((r) => [r.query.page, r.query.size])).toEqual([
			['1', '50'],
			['2', '50'],
		]);
		expect(result.items).toHaveLength(75);
	});

	it.each([
		[{ fromDate: '={{ $json.nothing }}' }, 'From of item 0 is empty'],
		[{ toDate: 'yesterday-ish' }, 'To of item 0 "yesterday-ish" is not a date'],
		[
			{ fromDate: '2026-11-10T00:00:00', toDate: '2026-11-09T00:00:00' },
			'To of item 0 is before From',
		],
	])('checks the date rules before sending (%#)', async (dates, message) => {
		const result = await ctx.run({
			resource: 'call',
			operation: 'getAll',
			fromDate: from,
			toDate: to,
			returnAll: true,
			...dates,
		});
		expect(result.error?.message).toBe(message);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});

describe('Call → Get, Update, Get Report', () => {
	it('gets one call', async () => {
		const id = String(ctx.emulator.calls[5].transaction_id);
		const result = await ctx.run({ resource: 'call', operation: 'get', transactionId: ` ${id} ` });
		expect(apiRequests(ctx.emulator).map((r) => [r.method, r.path])).toEqual([
			['GET', `/api/call_transaction/detail/${id}`],
		]);
		expect(result.items.map((i) => i.json.transaction_id)).toEqual([id]);
	});

	it('updates tags and note', async () => {
		const id = String(ctx.emulator.calls[6].transaction_id);
		const result = await ctx.run({
			resource: 'call',
			operation: 'update',
			transactionId: id,
			updateFields: { tags: 'vip, goilaisau', note: 'Khách hẹn gọi lại' },
		});
		const [request] = apiRequests(ctx.emulator);
		expect([request.method, request.path]).toEqual(['POST', `/api/call_transaction/change/${id}`]);
		expect(request.body).toEqual({ tag: ['vip', 'goilaisau'], note: 'Khách hẹn gọi lại' });
		expect(result.items[0].json).toMatchObject({
			transaction_id: id,
			tag: ['vip', 'goilaisau'],
			note: 'Khách hẹn gọi lại',
		});
	});

	it('sends mapped tags without null entries (never the text "null")', async () => {
		const id = String(ctx.emulator.calls[6].transaction_id);
		await ctx.run({
			resource: 'call',
			operation: 'update',
			transactionId: id,
			updateFields: { tags: ['vip', null, ' hẹn lại '] },
		});
		const [request] = apiRequests(ctx.emulator);
		expect(request.body).toEqual({ tag: ['vip', 'hẹn lại'] });
	});

	it('refuses an update without fields', async () => {
		const result = await ctx.run({
			resource: 'call',
			operation: 'update',
			transactionId: 'x',
			updateFields: {},
		});
		expect(result.error?.message).toBe('Update Fields of item 0 are empty');
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});

	it('refuses a call ID that resolves to nothing', async () => {
		const result = await ctx.run({
			resource: 'call',
			operation: 'get',
			transactionId: '={{ $json.id }}',
		});
		expect(result.error?.message).toBe('Call ID of item 0 is empty');
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});

	it('gets the report with optional dates and filters', async () => {
		const result = await ctx.run({
			resource: 'call',
			operation: 'getReport',
			fromDate: from,
			toDate: '',
			filters: { numbers: '842899990338', sipUser: '101', agents: 'a@example.com' },
		});
		const [request] = apiRequests(ctx.emulator);
		expect(request.path).toBe('/api/call_transaction/report');
		expect(request.query).toEqual({
			from_date: String(from),
			numbers: '842899990338',
			sip_user: '101',
			agents: 'a@example.com',
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toHaveProperty('categorized_by_direction');
		expect(result.items[0].json).toHaveProperty('categorized_by_disposition');
	});
});

describe('Call → Search', () => {
	it('returns all matching rows across camelCase pages of at most 50', async () => {
		const result = await ctx.run({
			resource: 'call',
			operation: 'search',
			fromDate: from,
			toDate: to,
			userUuids: '100, 101, 102',
			returnAll: true,
			filters: {
				direction: ['outbound', 'inbound', 'local'],
				disposition: ['answered', 'cancelled'],
				tags: 't1',
				numbers: '842899990338',
			},
		});
		expect(result.error).toBeUndefined();
		const requests = apiRequests(ctx.emulator);
		expect(requests.map((r) => [r.method, r.path, r.query.page, r.query.size])).toEqual([
			['POST', '/api/call_transaction/search', '1', '50'],
			['POST', '/api/call_transaction/search', '2', '50'],
		]);
		expect(requests[0].body).toEqual({
			from_date: from,
			to_date: to,
			user_uuids: ['100', '101', '102'],
			direction: ['outbound', 'inbound', 'local'],
			disposition: ['answered', 'cancelled'],
			tags: ['t1'],
			numbers: ['842899990338'],
		});
		// 130 calls spread over extensions 100–104; 100, 101 and 102 have 78 of them.
		expect(result.items).toHaveLength(78);
		expect(result.items[0].json).toHaveProperty('dial_status');
	});
});

describe('Call → Add Evaluation, Evaluation Criterion → Get Many', () => {
	it('evaluates a call', async () => {
		const id = String(ctx.emulator.calls[1].transaction_id);
		const result = await ctx.run({
			resource: 'call',
			operation: 'addEvaluation',
			transactionId: id,
			userUuid: '101',
			evaluation: '{"criteria": [{"id": "65a000000000000000000001", "score": 9}]}',
		});
		const [request] = apiRequests(ctx.emulator);
		expect([request.method, request.path]).toEqual([
			'POST',
			`/api/call_transaction/add_evaluation/${id}`,
		]);
		expect(request.body).toEqual({
			user_uuid: '101',
			evaluation: { criteria: [{ id: '65a000000000000000000001', score: 9 }] },
		});
		expect(result.items[0].json).toMatchObject({ transaction_id: id, evaluations: { by: '101' } });
	});

	it('refuses an evaluation that is not a JSON object', async () => {
		const result = await ctx.run({
			resource: 'call',
			operation: 'addEvaluation',
			transactionId: 'x',
			userUuid: '101',
			evaluation: '[1, 2]',
		});
		expect(result.error?.message).toBe('Evaluation (JSON) of item 0 is not a JSON object');
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});

	it('lists the evaluation criteria, one item each, up to the limit', async () => {
		const all = await ctx.run({
			resource: 'evaluationCriterion',
			operation: 'getAll',
			returnAll: true,
		});
		expect(all.items.map((i) => i.json.name)).toEqual(['Chào hỏi', 'Giải quyết vấn đề']);
		const one = await ctx.run({
			resource: 'evaluationCriterion',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
		});
		expect(one.items).toHaveLength(1);
		expect(apiRequests(ctx.emulator).map((r) => r.path)).toEqual(
			Array(2).fill('/api/evaluation_criteria/call/list'),
		);
	});
});

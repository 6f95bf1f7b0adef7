import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failB } from '../../emulators/omicall/answers';
import { Omicall } from '../../nodes/Omicall/Omicall.node';
import { apiRequests, startOmicall, type OmicallContext } from './setup';

let ctx: OmicallContext;
let seededTickets: IDataObject[];
let categoryId: string;
let execution = 0;
beforeAll(async () => {
	ctx = await startOmicall();
	seededTickets = [...ctx.emulator.crm.tickets] as IDataObject[];
	categoryId = String(ctx.emulator.crm.categories[0]._id);
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => {
	ctx.emulator.server.clearReceived();
	ctx.emulator.resetFaults();
	ctx.emulator.crm.tickets.splice(
		0,
		Infinity,
		...(seededTickets.map((t) => ({ ...t })) as typeof ctx.emulator.crm.tickets),
	);
});

const run = (parameters: INodeParameters, options: Parameters<OmicallContext['run']>[1] = {}) =>
	ctx.run(
		{ resource: 'ticket', ...parameters },
		{ executionId: `ticket-${++execution}`, ...options },
	);

const load = (
	kind: 'listSearch' | 'loadOptions',
	method: string,
	parameters = {},
	filter?: string,
) =>
	ctx.load({
		kind,
		method,
		parameters: { resource: 'ticket', operation: 'create', ...parameters },
		filter,
	});

const create = (extra: IDataObject = {}) => ({
	operation: 'create',
	name: 'Khách báo lỗi đơn hàng #1024',
	ticketCategory: { __rl: true, mode: 'list', value: categoryId },
	assignee: { __rl: true, mode: 'list', value: 'binh.tran@example.com' },
	description: 'Sai màu',
	priority: 'high',
	...extra,
});

describe('Ticket → Get Many', () => {
	it('posts the keyword, pages with page/size and Return All reads every page', async () => {
		for (let n = 0; n < 60; n++) {
			ctx.emulator.crm.tickets.push({ ...seededTickets[0], _id: `t-${n}`, unique_id: `9${n}` });
		}
		const result = await run({ operation: 'getAll', returnAll: true });
		const requests = apiRequests(ctx.emulator);
		expect(requests.map((r) => [r.method, r.path, r.query.page, r.query.size])).toEqual([
			['POST', '/api/ticket/list', '1', '50'],
			['POST', '/api/ticket/list', '2', '50'],
		]);
		expect(requests[0].body).toEqual({ keyword: '' });
		expect(result.items).toHaveLength(63);
	});

	it('keyword, Limit and Simplify', async () => {
		const result = await run({
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			filters: { keyword: '2189' },
			simplify: true,
		});
		const [request] = apiRequests(ctx.emulator);
		expect([request.query.size, request.body]).toEqual(['1', { keyword: '2189' }]);
		expect(result.items.map((i) => i.json)).toEqual([
			{
				_id: seededTickets[1]._id,
				unique_id: '2189',
				name: 'Yêu cầu đổi hàng',
				description: '',
				priority: 'medium',
				current_status: 0,
				is_expired: false,
				created_date: seededTickets[1].created_date,
				last_updated_date: seededTickets[1].last_updated_date,
			},
		]);
	});
});

describe('Ticket → Create', () => {
	it('sends the documented fields and outputs the created ticket', async () => {
		const result = await run(
			create({ additionalFields: { typeUuid: '1', createdBy: 'an.nguyen@example.com' } }),
		);
		expect(result.error).toBeUndefined();
		const [request] = apiRequests(ctx.emulator);
		expect([request.method, request.path, request.body]).toEqual([
			'POST',
			'/api/ticket/create',
			{
				name: 'Khách báo lỗi đơn hàng #1024',
				description: 'Sai màu',
				priority: 'high',
				assignee: 'binh.tran@example.com',
				ticket_category_id: categoryId,
				created_by: 'an.nguyen@example.com',
				type_uuid: '1',
			},
		]);
		expect(request.headers.authorization).toMatch(/^Bearer /);
		expect(result.items[0].json).toMatchObject({
			name: 'Khách báo lỗi đơn hàng #1024',
			assignee: 'binh.tran@example.com',
			unique_id: '2191',
		});
	});

	it('refuses an assignee that is not an email before any request', async () => {
		const result = await run(create({ assignee: { __rl: true, mode: 'email', value: 'Bình' } }));
		expect(result.error?.message).toBe('Assignee of item 0 "Bình" is not a valid email address');
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});

	it('Retry On Fail after a lost answer does not create the ticket twice', async () => {
		ctx.emulator.server.failNext(
			'POST',
			'/api/ticket/create',
			{ status: 502, body: 'Bad Gateway' },
			{ afterHandling: true },
		);
		const result = await run(create(), { retryOnFail: { maxTries: 3 } });
		expect(apiRequests(ctx.emulator)).toHaveLength(1);
		expect(ctx.emulator.crm.tickets).toHaveLength(seededTickets.length + 1);
		expect(result.error?.message).toMatch(/^Ticket of item 0 was not sent again/);
	});

	it('Retry On Fail after a refusal sends it again, once', async () => {
		ctx.emulator.failRequest(1, failB('rate_limit_exceeded'));
		const result = await run(create(), { retryOnFail: { maxTries: 2 } });
		expect(result.error).toBeUndefined();
		expect(apiRequests(ctx.emulator)).toHaveLength(2);
		expect(ctx.emulator.crm.tickets).toHaveLength(seededTickets.length + 1);
	});
});

describe('Ticket → Update Status and Delete', () => {
	it('Update Status puts the ticket ID in the path and the status in the body', async () => {
		const id = String(seededTickets[0]._id);
		const result = await run({
			operation: 'updateStatus',
			ticketId: { __rl: true, mode: 'list', value: id },
			status: '3',
		});
		expect(apiRequests(ctx.emulator).map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', `/api/ticket/update_status/${id}`, { status: 3, current_status: 3 }],
		]);
		expect(result.items[0].json).toMatchObject({ _id: id, current_status: 3 });
	});

	it.each(['../delete/x', 'a?b=1', '..'])(
		'refuses the ticket ID %j before any request',
		async (value) => {
			const result = await run({
				operation: 'updateStatus',
				ticketId: { __rl: true, mode: 'id', value },
				status: '1',
			});
			expect(result.error?.message).toMatch(/^Ticket of item 0 /);
			expect(apiRequests(ctx.emulator)).toHaveLength(0);
		},
	);

	it('Delete outputs {deleted: true, id}; an unknown ticket (payload false) is an error', async () => {
		const id = String(seededTickets[2]._id);
		const params = { operation: 'delete', ticketId: { __rl: true, mode: 'id', value: id } };
		const result = await run(params);
		expect(apiRequests(ctx.emulator).map((r) => [r.method, r.path])).toEqual([
			['DELETE', `/api/ticket/delete/${id}`],
		]);
		expect(result.items[0].json).toEqual({ deleted: true, id });
		const again = await run(params, { continueOnFail: true });
		expect(again.items[0].json.error).toBe('OMICall answered false: the delete was not done');
	});

	it('an AI agent (tool mode) cannot pick Delete', () => {
		const tool = new Omicall().description.properties.find(
			(p) =>
				p.name === 'operation' &&
				p.displayOptions?.show?.resource?.[0] === 'ticket' &&
				p.displayOptions?.show?.['@tool'],
		);
		expect(tool?.options?.map((o) => (o as { value: string }).value)).toEqual([
			'create',
			'getAll',
			'updateStatus',
		]);
	});
});

describe('Ticket Category → Get Many and the CRM dropdowns', () => {
	it('lists the categories, one item each; Simplify keeps types and statuses', async () => {
		const result = await ctx.run({
			resource: 'ticketCategory',
			operation: 'getAll',
			returnAll: true,
			simplify: true,
		});
		expect(apiRequests(ctx.emulator).map((r) => [r.method, r.path])).toEqual([
			['GET', '/api/ticket/category/get_all'],
		]);
		expect(result.items.map((i) => i.json.name)).toEqual(['Công việc', 'Khiếu nại']);
		expect(Object.keys(result.items[0].json).sort()).toEqual([
			'_id',
			'default_status',
			'name',
			'priority',
			'ticketStatusSet',
			'types',
		]);
		expect(Object.keys(result.items[0].json.ticketStatusSet as IDataObject)).toEqual(['status']);
	});

	it('categories, their types, tickets and contacts for the lists', async () => {
		expect(await load('listSearch', 'searchTicketCategories', {}, 'khiếu')).toEqual({
			results: [{ name: 'Khiếu nại', value: ctx.emulator.crm.categories[1]._id }],
		});
		expect(
			await load('loadOptions', 'getTicketTypes', {
				ticketCategory: { __rl: true, mode: 'list', value: categoryId },
			}),
		).toEqual([
			{ name: 'Cá nhân', value: '0' },
			{ name: 'Tư vấn', value: '1' },
			{ name: 'Báo giá', value: '2' },
			{ name: 'Chăm sóc', value: '3' },
		]);
		expect(await load('listSearch', 'searchTickets', {}, '2189')).toEqual({
			results: [{ name: '#2189 Yêu cầu đổi hàng', value: seededTickets[1]._id }],
			paginationToken: undefined,
		});
		const contacts = (await load('listSearch', 'searchContacts', {}, 'Hoa')) as {
			results: Array<{ name: string }>;
		};
		expect(contacts.results.map((r) => r.name)).toEqual(['Lê Thị Hoa · 0912000201']);
		const ticketSearch = ctx.emulator.server.requests('/api/ticket/list').at(-1)!;
		expect([ticketSearch.query, ticketSearch.body]).toEqual([
			{ page: '1', size: '50' },
			{ keyword: '2189' },
		]);
	});

	it('the assignee list is the agents list search (searchAgents)', async () => {
		const assignee = new Omicall().description.properties.find((p) => p.name === 'assignee');
		const list = assignee?.modes?.find((m) => m.name === 'list');
		expect(list?.typeOptions?.searchListMethod).toBe('searchAgents');
		const agents = (await load('listSearch', 'searchAgents')) as {
			results: Array<{ value: string }>;
		};
		expect(agents.results.map((r) => r.value)).toContain('binh.tran@example.com');
	});

	it('a failed dropdown request reports the vendor code', async () => {
		ctx.emulator.server.failNext('GET', '/api/ticket/category/get_all', {
			body: { status_code: -9999, message: 'permission_denied' },
		});
		await expect(load('listSearch', 'searchTicketCategories')).rejects.toThrow(
			'OMICall error permission_denied',
		);
	});
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiRequests, startOmicall, type OmicallContext } from './setup';

let ctx: OmicallContext;
beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => ctx.emulator.server.clearReceived());

const STRONG = 'Str0ng!Pass';

describe('Agent → Get Many', () => {
	it('reads every page with Return All, page by page, with the keyword filter', async () => {
		for (let i = 0; i < 4; i++) {
			ctx.emulator.pbx.agents.push({
				_id: `extra-${i}`,
				identify_info: `extra${i}@example.com`,
				is_active: true,
				attribute_structure: [],
			});
		}
		const all = await ctx.run({ resource: 'agent', operation: 'getAll', returnAll: true });
		expect(all.items).toHaveLength(ctx.emulator.pbx.agents.length);
		const requests = apiRequests(ctx.emulator);
		expect(requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/api/agent/list', { size: '50', page: '1' }],
		]);
		expect(requests[0].headers.authorization).toMatch(/^Bearer /);

		ctx.emulator.server.clearReceived();
		const limited = await ctx.run({
			resource: 'agent',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
			filters: { keyword: 'extra' },
		});
		expect(limited.items.map((i) => i.json.identify_info)).toEqual([
			'extra0@example.com',
			'extra1@example.com',
		]);
		expect(apiRequests(ctx.emulator)[0].query).toEqual({ size: '2', keyword: 'extra', page: '1' });

		ctx.emulator.server.clearReceived();
		const paged = await ctx.run({
			resource: 'agent',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: { keyword: 'example.com' },
		});
		// 7 agents match, 5 per page: one page is enough for a Limit of 5.
		expect(paged.items).toHaveLength(5);
		ctx.emulator.pbx.agents.splice(3);
	});

	it('pages until has_next is false', async () => {
		for (let i = 0; i < 120; i++) {
			ctx.emulator.pbx.agents.push({ _id: `bulk-${i}`, identify_info: `bulk${i}@example.com` });
		}
		const all = await ctx.run({ resource: 'agent', operation: 'getAll', returnAll: true });
		expect(all.items).toHaveLength(123);
		expect(apiRequests(ctx.emulator).map((r) => r.query.page)).toEqual(['1', '2', '3']);
		ctx.emulator.pbx.agents.splice(3);
	});
});

describe('Agent → Invite', () => {
	const invite = (fields: Record<string, unknown> = {}) => ({
		resource: 'agent',
		operation: 'invite',
		email: 'moi.nhanvien@example.com',
		fullName: 'Nhân Viên Mới',
		password: STRONG,
		...fields,
	});

	it('sends the documented body and removes the SIP password from the output', async () => {
		const result = await ctx.run(invite({ additionalFields: { uuid: 'NV0042' } }));
		const [request] = apiRequests(ctx.emulator);
		expect([request.method, request.path]).toEqual(['POST', '/api/agent/invite']);
		expect(request.body).toEqual({
			identify_info: 'moi.nhanvien@example.com',
			full_name: 'Nhân Viên Mới',
			password: STRONG,
			role_name: 'Sale',
			uuid: 'NV0042',
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.agent).toEqual({
			full_name: 'Nhân Viên Mới',
			email: 'moi.nhanvien@example.com',
		});
		const pbx = result.items[0].json.pbx_account as Record<string, unknown>;
		expect(pbx.sip_user).toBeTruthy();
		expect(pbx).not.toHaveProperty('password');
		expect(JSON.stringify(result.items)).not.toContain('SipSecret');
		expect(JSON.stringify(result.items)).not.toContain(STRONG);
	});

	it('outputs the SIP password only with Include SIP Passwords', async () => {
		const result = await ctx.run(
			invite({ email: 'with.password@example.com', includeSipPasswords: true }),
		);
		expect((result.items[0].json.pbx_account as Record<string, unknown>).password).toMatch(
			/^SipSecret-/,
		);
	});

	it('maps agent_exists to its documented meaning', async () => {
		const result = await ctx.run(invite({ email: 'an.nguyen@example.com' }));
		expect(result.error?.message).toBe('OMICall error agent_exists: The agent already exists.');
	});

	// n8n attaches the node (its parameters as saved in the workflow) to every error: a password
	// typed into the node is in the workflow anyway. What the node itself adds must not hold it.
	const withoutNode = (data: unknown) =>
		JSON.stringify(data, (key, value: unknown) => (key === 'node' ? undefined : value));

	it('keeps the password out of an HTTP error and out of a vendor error', async () => {
		ctx.emulator.server.failNext('POST', '/api/agent/invite', {
			status: 500,
			body: { error: 'Internal error' },
		});
		const http = await ctx.run(invite({ email: 'http.error@example.com' }), {
			continueOnFail: true,
		});
		expect(http.items).toHaveLength(1);
		expect(http.items[0].json.error).toBeTruthy();
		expect(JSON.stringify(http.items)).not.toContain(STRONG);
		expect(withoutNode(http.run.data.resultData)).not.toContain(STRONG);
		const vendor = await ctx.run(invite({ email: 'an.nguyen@example.com' }));
		expect(vendor.error?.message).toContain('agent_exists');
		expect(withoutNode(vendor.run.data.resultData)).not.toContain(STRONG);
	});

	it('refuses a weak password and a bad email before any request, per item', async () => {
		const result = await ctx.run(
			invite({ email: '={{ $json.email }}', password: '={{ $json.password }}' }),
			{
				continueOnFail: true,
				items: [
					{ email: 'not-an-email', password: STRONG },
					{ email: 'weak@example.com', password: 'abc' },
					{ email: 'good.one@example.com', password: STRONG },
				],
			},
		);
		expect(result.items.map((i) => i.json.error ?? 'ok')).toEqual([
			'Email of item 0 "not-an-email" is not a valid email address',
			'Password of item 1 is too weak',
			'ok',
		]);
		expect(JSON.stringify(result.items)).not.toContain("'abc'");
		expect(apiRequests(ctx.emulator)).toHaveLength(1);
		expect(apiRequests(ctx.emulator)[0].body).toMatchObject({
			identify_info: 'good.one@example.com',
		});
	});
});

describe('Agent → Delete', () => {
	it('deletes by the email chosen in the list and outputs deleted: true', async () => {
		const result = await ctx.run({
			resource: 'agent',
			operation: 'delete',
			agent: { __rl: true, mode: 'list', value: 'cuong.le@example.com' },
		});
		const [request] = apiRequests(ctx.emulator);
		expect([request.method, request.path, request.query]).toEqual([
			'DELETE',
			'/api/agent/delete',
			{ identify_info: 'cuong.le@example.com' },
		]);
		expect(result.items.map((i) => i.json)).toEqual([
			{ deleted: true, id: 'cuong.le@example.com' },
		]);
		expect(ctx.emulator.pbx.agents.map((a) => a.identify_info)).not.toContain(
			'cuong.le@example.com',
		);
	});

	it('reports an unknown agent as an API error, per item with Continue On Fail', async () => {
		const result = await ctx.run(
			{
				resource: 'agent',
				operation: 'delete',
				agent: { __rl: true, mode: 'email', value: '={{ $json.email }}' },
			},
			{
				continueOnFail: true,
				items: [{ email: 'nobody@example.com' }, { email: 'a&b=c' }],
			},
		);
		expect(result.items.map((i) => i.json.error)).toEqual([
			'OMICall error resource_not_found: The resource does not exist. Check the ID.',
			'Agent of item 1 "a&b=c" is not a valid email address',
		]);
		expect(apiRequests(ctx.emulator)).toHaveLength(1);
	});
});

describe('searchAgents', () => {
	const search = (filter?: string, paginationToken?: string) =>
		ctx.load({
			parameters: { resource: 'agent', operation: 'delete' },
			method: 'searchAgents',
			filter,
			paginationToken,
		});

	it('lists agents by email, named with the full name, keyword sent to OMICall', async () => {
		const result = (await search('bình')) as { results: unknown[] };
		expect(result.results).toEqual([
			{ name: 'Trần Thị Bình (binh.tran@example.com)', value: 'binh.tran@example.com' },
		]);
		const request = apiRequests(ctx.emulator).at(-1)!;
		expect([request.path, request.query]).toEqual([
			'/api/agent/list',
			{ page: '1', size: '50', keyword: 'bình' },
		]);
	});

	it('gives the next page as the pagination token', async () => {
		for (let i = 0; i < 60; i++) {
			ctx.emulator.pbx.agents.push({ _id: `p-${i}`, identify_info: `p${i}@example.com` });
		}
		const first = (await search()) as { results: unknown[]; paginationToken?: string };
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		const second = (await search(undefined, '2')) as {
			results: unknown[];
			paginationToken?: string;
		};
		expect(second.results.length).toBe(ctx.emulator.pbx.agents.length - 50);
		expect(second.paginationToken).toBeUndefined();
		ctx.emulator.pbx.agents.splice(3);
	});
});

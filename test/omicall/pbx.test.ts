import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiRequests, startOmicall, type OmicallContext } from './setup';

let ctx: OmicallContext;
beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => ctx.emulator.server.clearReceived());

const dropdown = (kind: 'listSearch' | 'loadOptions', method: string, filter?: string) =>
	ctx.load({
		kind,
		method,
		parameters: { resource: 'internalGroup', operation: 'create' },
		filter,
	});

describe('Internal Phone', () => {
	it('gets many internal phones without their SIP passwords', async () => {
		const result = await ctx.run({
			resource: 'internalPhone',
			operation: 'getAll',
			returnAll: true,
			filters: { keyword: '10' },
		});
		const [request] = apiRequests(ctx.emulator);
		expect([request.method, request.path, request.query]).toEqual([
			'GET',
			'/api/call_center/internal_phone/list',
			{ size: '50', keyword: '10', page: '1' },
		]);
		expect(request.headers.authorization).toMatch(/^Bearer /);
		expect(result.items.map((i) => i.json.sip_user)).toEqual(['100', '101', '102']);
		expect(result.items[0].json).not.toHaveProperty('password');
		expect(JSON.stringify(result.items)).not.toContain('SipSecret');
		expect(result.items[0].json).toMatchObject({
			email: 'an.nguyen@example.com',
			domain: expect.any(String),
		});
	});

	it('keeps the SIP passwords with Include SIP Passwords', async () => {
		const result = await ctx.run({
			resource: 'internalPhone',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			includeSipPasswords: true,
		});
		expect(result.items.map((i) => i.json.password)).toEqual(['SipSecret-100']);
	});

	it('turns an internal phone off with PUT and the query OMICall documents', async () => {
		const result = await ctx.run({
			resource: 'internalPhone',
			operation: 'updateStatus',
			internalPhone: { __rl: true, mode: 'list', value: '101' },
			enabled: false,
		});
		const [request] = apiRequests(ctx.emulator);
		expect([request.method, request.path, request.query]).toEqual([
			'PUT',
			'/api/call_center/internal_phone/status',
			{ enabled: 'false', sip_user: '101' },
		]);
		expect(result.items.map((i) => i.json)).toEqual([
			{ sip_user: '101', enabled: false, result: true },
		]);
		expect(ctx.emulator.pbx.internalPhones[1].enabled).toBe(false);
	});

	it('maps an unknown extension to its meaning and refuses a bad SIP user, per item', async () => {
		const result = await ctx.run(
			{
				resource: 'internalPhone',
				operation: 'updateStatus',
				internalPhone: { __rl: true, mode: 'sipUser', value: '={{ $json.sip }}' },
				enabled: true,
			},
			{
				continueOnFail: true,
				items: [{ sip: '999' }, { sip: '100&enabled=false' }, { sip: '100' }],
			},
		);
		expect(result.items.map((i) => i.json.error ?? i.json.sip_user)).toEqual([
			'OMICall error extension_invalid: The extension does not exist or is disabled.',
			'Internal Phone of item 1 "100&enabled=false" is not a valid ID',
			'100',
		]);
		expect(apiRequests(ctx.emulator).map((r) => r.query.sip_user)).toEqual(['999', '100']);
	});
});

describe('Hotline', () => {
	it("gets an extension's hotlines", async () => {
		const result = await ctx.run({
			resource: 'hotline',
			operation: 'getAll',
			extension: { __rl: true, mode: 'list', value: '100' },
			returnAll: true,
		});
		const [request] = apiRequests(ctx.emulator);
		expect([request.method, request.path, request.query]).toEqual([
			'GET',
			'/api/call_center/hotline/list',
			{ extension: '100' },
		]);
		expect(result.items.map((i) => i.json)).toEqual([
			{ hotline: '02873001234', directions: ['inbound', 'outbound'] },
		]);
	});

	it('reads a list of plain numbers too', async () => {
		ctx.emulator.pbx.hotlines.set('102', ['02873009999', '02873008888'] as never);
		const result = await ctx.run({
			resource: 'hotline',
			operation: 'getAll',
			extension: { __rl: true, mode: 'sipUser', value: '102' },
			returnAll: false,
			limit: 1,
		});
		expect(result.items.map((i) => i.json)).toEqual([{ value: '02873009999' }]);
	});

	it("updates an extension's directions on a hotline", async () => {
		const result = await ctx.run({
			resource: 'hotline',
			operation: 'updateExtension',
			hotline: '02873001234',
			agent: { __rl: true, mode: 'list', value: 'binh.tran@example.com' },
			directions: 'outbound',
		});
		const [request] = apiRequests(ctx.emulator);
		expect([request.method, request.path, request.body]).toEqual([
			'POST',
			'/api/call_center/hotline/extension/update',
			{ hotline: '02873001234', user_email: 'binh.tran@example.com', directions: ['outbound'] },
		]);
		expect(result.items.map((i) => i.json)).toEqual([
			{
				hotline: '02873001234',
				user_email: 'binh.tran@example.com',
				directions: ['outbound'],
				result: true,
			},
		]);
	});

	it('refuses empty directions before any request', async () => {
		const result = await ctx.run({
			resource: 'hotline',
			operation: 'updateExtension',
			hotline: '02873001234',
			agent: { __rl: true, mode: 'email', value: 'binh.tran@example.com' },
			directions: ' , ',
		});
		expect(result.error?.message).toBe('Directions of item 0 is empty');
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});

describe('Extension → Get', () => {
	it('gets the SIP account by email, without the SIP password', async () => {
		const result = await ctx.run({
			resource: 'extension',
			operation: 'get',
			lookUpBy: 'user_email',
			lookUpValue: 'an.nguyen@example.com',
		});
		const [request] = apiRequests(ctx.emulator);
		expect([request.method, request.path, request.query]).toEqual([
			'GET',
			'/api/call_center/extensions/detail',
			{ type: 'user_email', keyword: 'an.nguyen@example.com' },
		]);
		const account = result.items[0].json.pbx_account as Record<string, unknown>;
		expect(account).toMatchObject({ sip_user: '100', transport: ['wss', 'udp'] });
		expect(account).not.toHaveProperty('sip_password');
	});

	it('outputs sip_password with Include SIP Passwords', async () => {
		const result = await ctx.run({
			resource: 'extension',
			operation: 'get',
			lookUpBy: 'sip_user',
			lookUpValue: '100',
			includeSipPasswords: true,
		});
		expect((result.items[0].json.pbx_account as Record<string, unknown>).sip_password).toBe(
			'SipSecret-100',
		);
	});

	it('removes passwords in any spelling at any depth, and a subtree too deep to check', async () => {
		// An envelope OMICall might change to: the SIP account deeper than today's pbx_account.
		const account = {
			sip_user: '100',
			password: 'Deep-1',
			sipPassword: 'Deep-2',
			Password: 'Deep-3',
			SIP_PASSWORD: 'Deep-4',
			'sip-password': 'Deep-5',
			devices: [{ name: 'desk', credentials: { passwd: 'Deep-6', pwd: 'Deep-7', port: 5060 } }],
		};
		let tooDeep: Record<string, unknown> = { password: 'Deep-8' };
		for (let level = 0; level < 40; level++) tooDeep = { level: tooDeep };
		const payload = { data: { items: [{ pbx_account: account }], total: 1 }, tooDeep };
		const extensionGet = {
			resource: 'extension',
			operation: 'get',
			lookUpBy: 'sip_user',
			lookUpValue: '100',
		};
		ctx.emulator.server.failNext('GET', '/api/call_center/extensions/detail', {
			body: { status_code: 9999, payload },
		});
		const result = await ctx.run(extensionGet);
		expect(result.error).toBeUndefined();
		const json = result.items[0].json as typeof payload;
		expect(json.data.items[0].pbx_account).toEqual({
			sip_user: '100',
			devices: [{ name: 'desk', credentials: { port: 5060 } }],
		});
		expect(json.data.total).toBe(1);
		expect(JSON.stringify(result.items)).not.toContain('Deep-');
		expect(JSON.stringify(json.tooDeep)).toContain('[removed: nested too deep');
		// Include SIP Passwords outputs the answer as OMICall sent it.
		ctx.emulator.server.failNext('GET', '/api/call_center/extensions/detail', {
			body: { status_code: 9999, payload },
		});
		const whole = await ctx.run({ ...extensionGet, includeSipPasswords: true });
		expect(whole.items[0].json).toEqual(payload);
	});

	it('maps resource_not_found', async () => {
		const result = await ctx.run({
			resource: 'extension',
			operation: 'get',
			lookUpBy: 'sip_user',
			lookUpValue: '555',
		});
		expect(result.error?.message).toBe(
			'OMICall error resource_not_found: The resource does not exist. Check the ID.',
		);
	});
});

describe('PBX dropdowns', () => {
	it('lists internal phones by SIP user, with no password in the list', async () => {
		const found = (await dropdown('listSearch', 'searchInternalPhones', 'bình')) as {
			results: unknown[];
		};
		expect(found.results).toEqual([
			{ name: '101: Trần Thị Bình (binh.tran@example.com)', value: '101' },
		]);
		const all = await dropdown('loadOptions', 'getInternalPhones');
		expect(JSON.stringify(all)).not.toContain('SipSecret');
		expect((all as unknown[]).length).toBe(ctx.emulator.pbx.internalPhones.length);
	});

	it('lists greetings filtered locally (greeting/list takes no keyword)', async () => {
		const found = (await dropdown('listSearch', 'searchGreetings', 'ngoài')) as {
			results: Array<{ name: string }>;
		};
		expect(found.results.map((r) => r.name)).toEqual(['Ngoài giờ']);
		expect(apiRequests(ctx.emulator).at(-1)!.query).toEqual({ page: '1', size: '50' });
	});
});

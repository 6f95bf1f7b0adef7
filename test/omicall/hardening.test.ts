import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OmicallApi } from '../../credentials/OmicallApi.credentials';
import { forgetOmicallTokens, OMICALL_TIMEOUT } from '../../nodes/Omicall/transport/auth';
import { PAGE_LIMITS } from '../../nodes/Omicall/transport/pagination';
import { testCredential } from '../harness/run-node';
import { apiRequests, startOmicall, TENANT_KEY, type OmicallContext } from './setup';

let ctx: OmicallContext;
beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => {
	ctx.emulator.server.clearReceived();
	ctx.emulator.pagingFault = undefined;
	ctx.emulator.hangPaths.clear();
	ctx.emulator.tokenErrorStyle = 'http401';
	ctx.emulator.webhooks = [{ url: 'https://n8n.example.com/webhook/x', type: 'call' }];
});

const AUDIT_CHANNEL = '../webhooks/destroy?hook_type=call#';
const SIBLINGS: IDataObject[string][] = [
	AUDIT_CHANNEL,
	'..',
	'.',
	'',
	'   ',
	'a/b',
	'%2e%2e',
	'%2E%2E/webhooks',
	'?x=1',
	'x?hook_type=call',
	'#',
	'a#b',
	'..\\webhooks',
	{ value: 'livetalk' },
	['livetalk'],
];

function expectNothingReachedTheApi() {
	// No request at all left the node (so none reached /api/webhooks/destroy).
	expect(ctx.emulator.server.requests('/api/webhooks/destroy')).toHaveLength(0);
	expect(apiRequests(ctx.emulator)).toHaveLength(0);
	expect(ctx.emulator.webhooks).toHaveLength(1);
}

describe('Path parameters are checked and encoded (no path injection)', () => {
	it('the audit payload in Channel sends nothing, above all no POST /api/webhooks/destroy', async () => {
		for (const operation of ['create', 'sendMessage']) {
			const result = await ctx.run(
				{
					resource: 'conversation',
					operation,
					channel: '={{ $json.channel }}',
					conversationUuid: 'chat-1',
					content: 'hi',
				},
				{ items: [{ channel: AUDIT_CHANNEL }] },
			);
			expect(result.error?.message).toBe(
				`Channel of item 0 "${AUDIT_CHANNEL}" is not one of livetalk, facebook, zalo`,
			);
		}
		expectNothingReachedTheApi();
	});

	it.each(SIBLINGS.map((value) => [JSON.stringify(value), value]))(
		'Channel %s is refused before any request',
		async (_name, value) => {
			const result = await ctx.run(
				{ resource: 'conversation', operation: 'create', channel: '={{ $json.channel }}' },
				{ items: [{ channel: value }] },
			);
			expect(result.error?.message).toMatch(/^Channel of item 0 /);
			expectNothingReachedTheApi();
		},
	);

	const idOperations: Array<[string, INodeParameters, string]> = [
		[
			'call get',
			{ resource: 'call', operation: 'get', transactionId: '={{ $json.id }}' },
			'Call ID',
		],
		[
			'call update',
			{
				resource: 'call',
				operation: 'update',
				transactionId: '={{ $json.id }}',
				updateFields: { note: 'x' },
			},
			'Call ID',
		],
		[
			'call add evaluation',
			{
				resource: 'call',
				operation: 'addEvaluation',
				transactionId: '={{ $json.id }}',
				userUuid: '101',
				evaluation: '{}',
			},
			'Call ID',
		],
		[
			'script get',
			{
				resource: 'script',
				operation: 'get',
				script: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			'Script',
		],
	];
	for (const [name, parameters, label] of idOperations) {
		it.each(SIBLINGS.map((value) => [JSON.stringify(value), value]))(
			`${name}: ID %s is refused before any request`,
			async (_value, value) => {
				const result = await ctx.run(parameters, { items: [{ id: value }] });
				expect(result.error?.message).toMatch(new RegExp(`^${label} of item 0 `));
				expectNothingReachedTheApi();
			},
		);
	}

	it('a valid ID is percent-safe and reaches the documented path', async () => {
		const id = String(ctx.emulator.calls[0].transaction_id);
		const result = await ctx.run(
			{ resource: 'call', operation: 'get', transactionId: '={{ $json.id }}' },
			{ items: [{ id: ` ${id} ` }] },
		);
		expect(result.error).toBeUndefined();
		expect(apiRequests(ctx.emulator).map((r) => r.path)).toEqual([
			`/api/call_transaction/detail/${id}`,
		]);
	});
});

describe('Query parameters cannot add other query keys', () => {
	const listCalls = (filters: INodeParameters): INodeParameters => ({
		resource: 'call',
		operation: 'getAll',
		fromDate: ctx.emulator.now - 3600_000,
		toDate: ctx.emulator.now,
		returnAll: false,
		limit: 5,
		filters,
	});

	it('a value with & and = is sent as one value of its own key', async () => {
		const result = await ctx.run(listCalls({ keyword: 'x&size=1000&page=7' }));
		expect(result.error).toBeUndefined();
		const [request] = apiRequests(ctx.emulator);
		expect(request.query.keyword).toBe('x&size=1000&page=7');
		expect(request.query.size).toBe('5');
		expect(request.query.page).toBe('1');
	});

	it('an object (which would become keyword[size]=…) is refused before any request', async () => {
		const result = await ctx.run(listCalls({ keyword: '={{ $json.keyword }}' }), {
			items: [{ keyword: { size: 1000 } }],
		});
		expect(result.error?.message).toBe(
			'Query parameter keyword of item 0 is an object, not text, a number or a list of them',
		);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});

	it('a hotline (sent as the cid query) that is not a number is refused', async () => {
		const result = await ctx.run({
			resource: 'campaign',
			operation: 'start',
			script: { __rl: true, mode: 'id', value: '653b155db0f7941234567890' },
			hotline: '842899990338&cid=1',
			contactsSource: 'define',
			contacts: { contact: [{ phone: '0395187319' }] },
		});
		expect(result.error?.message).toBe(
			'Hotline of item 0 "842899990338&cid=1" is not a phone number',
		);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});

describe('Pagination stops on a broken server, with a clear error', () => {
	const logs = { resource: 'campaign', operation: 'getManyAnalyzedLogs', returnAll: true };
	const calls = () => ({
		resource: 'call',
		operation: 'getAll',
		fromDate: ctx.emulator.now - 10 * 24 * 3600_000,
		toDate: ctx.emulator.now,
		returnAll: true,
	});
	const search = () => ({
		resource: 'call',
		operation: 'search',
		fromDate: ctx.emulator.now - 10 * 24 * 3600_000,
		toDate: ctx.emulator.now,
		userUuids: '100,101,102,103,104',
		returnAll: true,
	});

	it.each([
		['analyzed logs', () => logs],
		['call history', calls],
		['call search (camelCase)', search],
	])('%s: a server that ignores page (page 1 forever) stops at page 2', async (_name, params) => {
		ctx.emulator.pagingFault = 'repeatPage';
		const result = await ctx.run(params());
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('OMICall answered page 1 when asked for page 2');
		expect(apiRequests(ctx.emulator)).toHaveLength(2);
	});

	it('a bogus total that answers the last page again past the end stops at once', async () => {
		ctx.emulator.pagingFault = 'bogusTotal';
		const result = await ctx.run(logs);
		expect(result.error?.message).toBe('OMICall answered page 4 with the same records as page 3');
		expect(apiRequests(ctx.emulator)).toHaveLength(4);
	});

	it('a server that makes up new pages forever stops at the page cap', async () => {
		const cap = PAGE_LIMITS.maxPages;
		expect(cap).toBe(2000);
		PAGE_LIMITS.maxPages = 5;
		try {
			ctx.emulator.pagingFault = 'endless';
			const result = await ctx.run(logs);
			expect(result.error?.message).toBe('OMICall still reports more records after 5 pages');
			expect(result.error?.description).toContain('Narrow the filters');
			expect(apiRequests(ctx.emulator)).toHaveLength(5);
		} finally {
			PAGE_LIMITS.maxPages = cap;
		}
	});

	it('plain-array pages (messages): a repeated page stops with an error', async () => {
		const room = '67a2d199beda7563afac2300';
		for (let i = 0; i < 20; i++) {
			ctx.emulator.messages.push({ _id: `m${i}`, room_id: room, content: `m${i}` });
		}
		ctx.emulator.pagingFault = 'repeatPage';
		const result = await ctx.run({
			resource: 'conversation',
			operation: 'getManyMessages',
			conversationId: room,
			returnAll: true,
		});
		expect(result.error?.message).toBe('OMICall answered page 2 with the same records as page 1');
		expect(apiRequests(ctx.emulator)).toHaveLength(2);
	});
});

describe('Every request has a timeout (a server that accepts and never answers)', () => {
	const standard = OMICALL_TIMEOUT.ms;
	beforeEach(() => {
		expect(standard).toBe(30_000);
		OMICALL_TIMEOUT.ms = 300;
		forgetOmicallTokens();
		ctx.credentials.store.set('omicallApi', {
			baseUrl: ctx.emulator.url,
			apiKey: TENANT_KEY,
			accessToken: '',
		});
	});
	afterEach(() => {
		OMICALL_TIMEOUT.ms = standard;
	});

	it('the token exchange (/api/auth) times out and the node fails', async () => {
		ctx.emulator.hangPaths.add('/api/auth');
		const result = await ctx.run({ resource: 'script', operation: 'getAll', returnAll: true });
		expect(result.error).toBeDefined();
		expect(JSON.stringify(result.error)).toMatch(/timeout/i);
		expect(ctx.emulator.server.requests('/api/auth')).toHaveLength(1);
	});

	it('a node request times out and the node fails', async () => {
		ctx.emulator.hangPaths.add('/api/call_bot/script/list');
		const result = await ctx.run({ resource: 'script', operation: 'getAll', returnAll: true });
		expect(result.error).toBeDefined();
		expect(JSON.stringify(result.error)).toMatch(/timeout/i);
	});

	it('the credential test times out', async () => {
		ctx.emulator.hangPaths.add('/api/auth');
		const outcome = await testCredential(new OmicallApi(), {
			baseUrl: ctx.emulator.url,
			apiKey: TENANT_KEY,
			accessToken: '',
		});
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toMatch(/aborted|timeout/i);
	});

	it('the script dropdown (loadOptions) times out', async () => {
		ctx.emulator.hangPaths.add('/api/call_bot/script/list');
		await expect(ctx.load({ method: 'searchScripts' })).rejects.toThrow(
			/^OMICall did not answer GET \/api\/call_bot\/script\/list within \d/,
		);
	});
});

describe('token_expired inside an HTTP 200 answer', () => {
	let local: OmicallContext;
	beforeEach(async () => {
		local = await startOmicall();
	});
	afterEach(async () => await local.emulator.stop());

	it('5 items: exactly one new token, one retry each, every item succeeds', async () => {
		const ids = local.emulator.calls.slice(0, 5).map((c) => ({ id: String(c.transaction_id) }));
		await local.run({ resource: 'script', operation: 'getAll', returnAll: true });
		const oldToken = local.credentials.store.get('omicallApi')?.accessToken;
		local.emulator.server.clearReceived();
		// The server now refuses every token it issued, inside HTTP 200 answers.
		local.emulator.refuseNextTokenCheck = 'token_expired';

		const result = await local.run(
			{ resource: 'call', operation: 'get', transactionId: '={{ $json.id }}' },
			{ items: ids },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.transaction_id)).toEqual(ids.map((i) => i.id));
		expect(local.emulator.server.requests('/api/auth')).toHaveLength(1);
		const newToken = local.credentials.store.get('omicallApi')?.accessToken;
		expect(newToken).not.toBe(oldToken);
		// Each item: at most one refused request with the old token (an item that starts after the
		// refusal is known sends none: its token is replaced first), one with the new token.
		const calls = apiRequests(local.emulator);
		const old = calls.filter((r) => r.headers.authorization === `Bearer ${oldToken}`);
		expect(old.length).toBeGreaterThanOrEqual(1);
		expect(old.length).toBeLessThanOrEqual(5);
		expect(calls.filter((r) => r.headers.authorization === `Bearer ${newToken}`)).toHaveLength(5);
		expect(calls).toHaveLength(old.length + 5);
	});

	it('auth_invalid on a paginated list: one new token, the list completes', async () => {
		await local.run({ resource: 'script', operation: 'getAll', returnAll: true });
		local.emulator.server.clearReceived();
		local.emulator.refuseNextTokenCheck = 'auth_invalid';
		const result = await local.run({
			resource: 'campaign',
			operation: 'getManyAnalyzedLogs',
			campaignId: '67ee1138e4c40956087cd265',
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(130);
		expect(local.emulator.server.requests('/api/auth')).toHaveLength(1);
	});

	it('the script dropdown retries once with a new token too', async () => {
		await local.run({ resource: 'script', operation: 'getAll', returnAll: true });
		local.emulator.refuseNextTokenCheck = 'token_expired';
		const found = (await local.load({ method: 'searchScripts' })) as { results: unknown[] };
		expect(found.results).toHaveLength(2);
	});

	it('when the new token is refused too, the error says so truthfully', async () => {
		await local.run({ resource: 'script', operation: 'getAll', returnAll: true });
		local.emulator.server.clearReceived();
		local.emulator.refuseNextTokenCheck = 'token_expired';
		// Refuse the retry's token as well.
		local.emulator.server.failNext('GET', '/api/call_bot/script/list', {
			body: { status_code: -9999, message: 'token_expired', payload: null },
		});
		local.emulator.server.failNext('GET', '/api/call_bot/script/list', {
			body: { status_code: -9999, message: 'token_expired', payload: null },
		});
		const result = await local.run({ resource: 'script', operation: 'getAll', returnAll: true });
		expect(result.error?.message).toBe(
			'OMICall refused the access token (token_expired), also a new one fetched just before',
		);
		expect(result.error?.description).toContain('retried once');
		expect(local.emulator.server.requests('/api/auth')).toHaveLength(1);
		expect(JSON.stringify(result.error)).not.toContain(TENANT_KEY);
	});
});

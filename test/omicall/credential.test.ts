import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OmicallApi } from '../../credentials/OmicallApi.credentials';
import { forgetOmicallTokens } from '../../nodes/Omicall/transport/auth';
import { TestCredentialsHelper } from '../harness/credentials-helper';
import { testCredential } from '../harness/run-node';
import { apiRequests, startOmicall, TENANT_KEY, type OmicallContext } from './setup';

let ctx: OmicallContext;
const listScripts = { resource: 'script', operation: 'getAll', returnAll: true };
const paths = () => ctx.emulator.server.received.map((r) => r.path);

beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => {
	ctx.emulator.server.clearReceived();
	ctx.credentials.store.set('omicallApi', {
		baseUrl: ctx.emulator.url,
		apiKey: TENANT_KEY,
		accessToken: '',
	});
	ctx.credentials.preAuthCalls.clear();
});

function jwt(exp: number): string {
	const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
	return `${part({ alg: 'RS256' })}.${part({ exp })}.sig`;
}

describe('OMICall credential', () => {
	it('fetches a token once, stores it, and sends it with the API key on every request', async () => {
		await ctx.run(listScripts);
		await ctx.run(listScripts);
		expect(paths()).toEqual([
			'/api/auth',
			'/api/call_bot/script/list',
			'/api/call_bot/script/list',
		]);
		const [auth, first, second] = ctx.emulator.server.received;
		expect(auth.query).toEqual({ apiKey: TENANT_KEY });
		const token = ctx.credentials.store.get('omicallApi')?.accessToken;
		expect(token).toMatch(/^ey/);
		for (const request of [first, second]) {
			expect(request.headers['x-api-key']).toBe(TENANT_KEY);
			expect(request.headers.authorization).toBe(`Bearer ${token}`);
		}
	});

	it('after a 401 (token expired on the server) fetches exactly one new token and retries', async () => {
		await ctx.run(listScripts);
		const oldToken = ctx.credentials.store.get('omicallApi')?.accessToken;
		ctx.emulator.expireTokens();
		ctx.emulator.server.clearReceived();

		const result = await ctx.run(listScripts);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(paths()).toEqual([
			'/api/call_bot/script/list',
			'/api/auth',
			'/api/call_bot/script/list',
		]);
		const [rejected, , retried] = ctx.emulator.server.received;
		expect(rejected.headers.authorization).toBe(`Bearer ${oldToken}`);
		const newToken = ctx.credentials.store.get('omicallApi')?.accessToken;
		expect(newToken).not.toBe(oldToken);
		expect(retried.headers.authorization).toBe(`Bearer ${newToken}`);
	});

	it('refreshes ahead of time when the stored token has expired by its own exp claim', async () => {
		ctx.credentials.store.set('omicallApi', {
			baseUrl: ctx.emulator.url,
			apiKey: TENANT_KEY,
			accessToken: jwt(Math.floor(Date.now() / 1000) - 5),
		});
		const result = await ctx.run(listScripts);
		expect(result.error).toBeUndefined();
		// No request is wasted on the expired token.
		expect(paths()).toEqual(['/api/auth', '/api/call_bot/script/list']);
		expect(ctx.credentials.preAuthCalls.get('omicallApi')).toBe(1);
	});

	it('reports a wrong API key in plain words, without echoing the key', async () => {
		ctx.credentials.store.set('omicallApi', {
			baseUrl: ctx.emulator.url,
			apiKey: 'wrong-key-value',
			accessToken: '',
		});
		const result = await ctx.run(listScripts);
		expect(result.error?.message).toContain('OMICall rejected the API key (api_key_invalid)');
		expect(JSON.stringify(result.error)).not.toContain('wrong-key-value');
		expect(paths()).toEqual(['/api/auth']);
	});

	it('credential test: OK with the right key, a clear message with a wrong one', async () => {
		const credential = new OmicallApi();
		expect(
			await testCredential(credential, {
				baseUrl: `${ctx.emulator.url}/`,
				apiKey: TENANT_KEY,
				accessToken: '',
			}),
		).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const failed = await testCredential(credential, {
			baseUrl: ctx.emulator.url,
			apiKey: 'nope',
			accessToken: '',
		});
		expect(failed.status).toBe('Error');
		expect(failed.message).toContain('api_key_invalid');
		expect(failed.message).toContain('API management');
	});
});

describe('One token per run', () => {
	const KEY_B = 'second-tenant-key';
	const KEY_C = 'third-tenant-key';
	const KEY_D = 'fourth-tenant-key';
	let shared: OmicallContext;
	beforeAll(async () => {
		shared = await startOmicall({ extraApiKeys: [KEY_B, KEY_C, KEY_D] });
	});
	afterAll(async () => await shared.emulator.stop());
	beforeEach(() => shared.emulator.server.clearReceived());

	/** A second n8n credential (its own stored data) on the same emulator, with its own API key. */
	function credentialWith(apiKey: string): TestCredentialsHelper {
		const helper = new TestCredentialsHelper([new OmicallApi()]);
		helper.store.set('omicallApi', { baseUrl: shared.emulator.url, apiKey, accessToken: '' });
		return helper;
	}

	const getCalls = { resource: 'call', operation: 'get', transactionId: '={{ $json.id }}' };
	const tenItems = () =>
		shared.emulator.calls.slice(0, 10).map((call) => ({ id: String(call.transaction_id) }));

	it('10 items on a fresh credential: exactly one /api/auth, every request with that token', async () => {
		const helper = credentialWith(TENANT_KEY);
		const result = await shared.run(getCalls, { items: tenItems(), credentialsHelper: helper });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(10);
		expect(shared.emulator.server.requests('/api/auth')).toHaveLength(1);
		const token = helper.store.get('omicallApi')?.accessToken;
		const calls = apiRequests(shared.emulator);
		expect(calls).toHaveLength(10);
		expect(calls.every((r) => r.headers.authorization === `Bearer ${token}`)).toBe(true);
	});

	it('10 items paging through call history on a fresh credential: one /api/auth', async () => {
		const helper = credentialWith(KEY_B);
		const now = shared.emulator.now;
		const result = await shared.run(
			{
				resource: 'call',
				operation: 'getAll',
				fromDate: now - 6 * 24 * 3600_000,
				toDate: now,
				returnAll: true,
			},
			{ items: Array.from({ length: 10 }, () => ({})), credentialsHelper: helper },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(10 * 130);
		expect(shared.emulator.server.requests('/api/auth')).toHaveLength(1);
	});

	it('two credentials (two accounts) at the same time: one /api/auth each, never a shared token', async () => {
		// Two accounts no test before has used: both credentials fresh.
		const a = credentialWith(KEY_C);
		const b = credentialWith(KEY_D);
		const [resultA, resultB] = await Promise.all([
			shared.run(getCalls, { items: tenItems(), credentialsHelper: a }),
			shared.run(getCalls, { items: tenItems(), credentialsHelper: b }),
		]);
		expect(resultA.error).toBeUndefined();
		expect(resultB.error).toBeUndefined();
		const auths = shared.emulator.server.requests('/api/auth');
		expect(auths.map((r) => r.query.apiKey).sort()).toEqual([KEY_C, KEY_D].sort());
		const tokenA = a.store.get('omicallApi')?.accessToken;
		const tokenB = b.store.get('omicallApi')?.accessToken;
		expect(tokenA).not.toBe(tokenB);
		// The emulator accepts a token only with the API key it was issued for.
		const calls = apiRequests(shared.emulator);
		expect(calls).toHaveLength(20);
		for (const request of calls) {
			const expected = request.headers['x-api-key'] === KEY_D ? tokenB : tokenA;
			expect(request.headers.authorization).toBe(`Bearer ${expected}`);
		}
	});

	it('a remembered token the server no longer accepts is replaced once, and the run completes', async () => {
		const first = credentialWith(TENANT_KEY);
		await shared.run(getCalls, { items: tenItems(), credentialsHelper: first });
		shared.emulator.expireTokens();
		shared.emulator.server.clearReceived();
		// A fresh credential of the same account gets the token remembered from the run before…
		const second = credentialWith(TENANT_KEY);
		const result = await shared.run(getCalls, { items: tenItems(), credentialsHelper: second });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(10);
		// …which the server refuses (401): one new token for all ten items.
		expect(shared.emulator.server.requests('/api/auth')).toHaveLength(1);
	});
});

describe('A stored token never outlives an edit of the credential', () => {
	const KEY_A = 'edit-tenant-a';
	const KEY_B = 'edit-tenant-b';
	let edit: OmicallContext;
	beforeAll(async () => {
		edit = await startOmicall({ apiKey: KEY_A, extraApiKeys: [KEY_B] });
	});
	afterAll(async () => await edit.emulator.stop());
	beforeEach(() => {
		forgetOmicallTokens();
		edit.emulator.server.clearReceived();
		edit.credentials.store.set('omicallApi', {
			baseUrl: edit.emulator.url,
			apiKey: KEY_A,
			accessToken: '',
		});
	});

	const stored = () => edit.credentials.store.get('omicallApi')!;

	it('a token stored for key A is not sent after the key is changed to B: one /api/auth with B, every request with the new token', async () => {
		const first = await edit.run(listScripts);
		expect(first.error).toBeUndefined();
		const tokenA = String(stored().accessToken);
		expect(tokenA).not.toBe('');

		// The user edits the credential: n8n keeps the hidden fields (token and its owner).
		edit.credentials.store.set('omicallApi', { ...stored(), apiKey: KEY_B });
		edit.emulator.server.clearReceived();
		const second = await edit.run(listScripts, { items: [{}, {}, {}] });
		expect(second.error).toBeUndefined();
		const auths = edit.emulator.server.requests('/api/auth');
		expect(auths.map((r) => r.query.apiKey)).toEqual([KEY_B]);
		const tokenB = String(stored().accessToken);
		expect(tokenB).not.toBe(tokenA);
		const calls = apiRequests(edit.emulator);
		expect(calls.length).toBeGreaterThanOrEqual(3);
		for (const request of calls) {
			expect(request.headers.authorization).toBe(`Bearer ${tokenB}`);
			expect(request.headers['x-api-key']).toBe(KEY_B);
		}
		// The stored owner of the token is a digest, never the key itself.
		expect(String(stored().tokenFor)).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(stored())).not.toContain(KEY_A);
	});

	it('the same for a changed Base URL (another OMICall host, same key)', async () => {
		await edit.run(listScripts);
		const tokenA = String(stored().accessToken);
		const other = await startOmicall({ apiKey: KEY_A });
		try {
			edit.credentials.store.set('omicallApi', { ...stored(), baseUrl: other.emulator.url });
			const result = await edit.run(listScripts);
			expect(result.error).toBeUndefined();
			expect(other.emulator.server.requests('/api/auth')).toHaveLength(1);
			const calls = apiRequests(other.emulator);
			expect(calls.length).toBeGreaterThan(0);
			expect(calls.every((r) => r.headers.authorization !== `Bearer ${tokenA}`)).toBe(true);
		} finally {
			await other.emulator.stop();
		}
	});

	it('a token stored before tokens had an owner is exchanged once, then kept', async () => {
		const legacy = edit.emulator.issueToken(KEY_A);
		edit.credentials.store.set('omicallApi', { ...stored(), accessToken: legacy });
		const result = await edit.run(listScripts);
		expect(result.error).toBeUndefined();
		expect(edit.emulator.server.requests('/api/auth')).toHaveLength(1);
		expect(
			apiRequests(edit.emulator).every((r) => r.headers.authorization !== `Bearer ${legacy}`),
		).toBe(true);
		edit.emulator.server.clearReceived();
		await edit.run(listScripts);
		expect(edit.emulator.server.requests('/api/auth')).toHaveLength(0);
	});

	it('an unchanged credential keeps its token: no exchange on the next run', async () => {
		await edit.run(listScripts);
		const token = String(stored().accessToken);
		edit.emulator.server.clearReceived();
		const result = await edit.run(listScripts, { items: [{}, {}] });
		expect(result.error).toBeUndefined();
		expect(edit.emulator.server.requests('/api/auth')).toHaveLength(0);
		expect(stored().accessToken).toBe(token);
	});
});

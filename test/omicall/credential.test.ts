import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OmicallApi } from '../../credentials/OmicallApi.credentials';
import { testCredential } from '../harness/run-node';
import { startOmicall, TENANT_KEY, type OmicallContext } from './setup';

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

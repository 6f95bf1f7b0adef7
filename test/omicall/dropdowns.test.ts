import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOmicall, type OmicallContext } from './setup';

let ctx: OmicallContext;
beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());

const load = (
	kind: 'listSearch' | 'loadOptions',
	method: string,
	parameters: Record<string, unknown>,
	filter?: string,
) =>
	ctx.load({
		kind,
		method,
		parameters: { resource: 'campaign', operation: 'start', ...parameters } as never,
		filter,
	});

describe('OMICall dropdowns', () => {
	it('lists scripts from script/list, filtered by what the user types', async () => {
		expect(await load('listSearch', 'searchScripts', {})).toEqual({
			results: [
				{ name: 'Thông báo điểm thi', value: '64915bc76a690c0edad14723' },
				{ name: 'Nhắc lịch hẹn', value: '653b155db0f7941234567890' },
			],
		});
		expect(await load('listSearch', 'searchScripts', {}, 'nhắc')).toEqual({
			results: [{ name: 'Nhắc lịch hẹn', value: '653b155db0f7941234567890' }],
		});
		const request = ctx.emulator.server.requests('/api/call_bot/script/list').at(-1)!;
		expect(request.headers['x-api-key']).toBeTruthy();
		expect(request.headers.authorization).toMatch(/^Bearer /);
	});

	it("offers the selected script's variables for Script Variables", async () => {
		const options = await load('loadOptions', 'getScriptVariables', {
			script: { __rl: true, mode: 'list', value: '64915bc76a690c0edad14723' },
		});
		expect(options).toEqual([
			{ name: 'tên thí sinh', value: 'tên thí sinh' },
			{ name: 'Toán (uB131frQEU)', value: 'uB131frQEU' },
		]);
	});

	it('reports an API failure instead of an empty list', async () => {
		ctx.emulator.server.failNext('GET', '/api/call_bot/script/list', {
			body: { status_code: -9999, message: 'permission_denied' },
		});
		await expect(load('listSearch', 'searchScripts', {})).rejects.toThrow(
			'OMICall error permission_denied',
		);
	});
});

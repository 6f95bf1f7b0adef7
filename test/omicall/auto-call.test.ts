import { beforeAll, afterAll, beforeEach, describe, expect, it } from 'vitest';
import { forgetSendAttempts } from '../../nodes/Omicall/shared/sendOnce';
import { apiRequests, startOmicall, TENANT_KEY, type OmicallContext } from './setup';

let ctx: OmicallContext;
beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => {
	ctx.emulator.server.clearReceived();
	ctx.emulator.extendedCalls.autoCalls.length = 0;
	ctx.emulator.extendedCalls.autoCallAllowed = true;
	forgetSendAttempts();
});

const BY_PHONE = '/api/auto_call/execute_by_phone';
const BY_EXTENSION = '/api/auto_call/execute_by_extension';
const sent = (path: string) => apiRequests(ctx.emulator).filter((r) => r.path === path);
const sessions = () => ctx.emulator.extendedCalls.autoCalls;
const steps = (...rows: Array<Record<string, string>>) => ({ step: rows });
const byPhone = (extra: Record<string, unknown> = {}) => ({
	resource: 'autoCall',
	operation: 'startByPhone',
	phoneNumbers: '0395 187 319, +84 395 187 319\n0395187320',
	steps: steps(
		{ type: 'Recording', target: '64915bc76a690c0edad14723' },
		{ type: 'Text_variable', text: 'Xin chào quý khách' },
		{ type: 'Ivr_menu', target: '65a000000000000000000009' },
	),
	...extra,
});

describe('Auto-Call → Start by Phone', () => {
	it('sends phone_number_list (each number once, any spelling), the steps and the options', async () => {
		const result = await ctx.run(
			byPhone({
				hotline: '842899990338',
				options: { name: 'Nhắc hẹn', voice: 'southern_female', speed: 1, num_retry: 2 },
			}),
		);
		expect(result.error).toBeUndefined();
		const [request] = sent(BY_PHONE);
		expect(request.method).toBe('POST');
		expect(request.headers['x-api-key']).toBe(TENANT_KEY);
		expect(request.headers.authorization).toMatch(/^Bearer /);
		expect(request.body).toEqual({
			name: 'Nhắc hẹn',
			voice: 'southern_female',
			speed: 1,
			num_retry: 2,
			cid: '842899990338',
			phone_number_list: ['0395187319', '0395187320'],
			template_dialplans: [
				{ target_type: 'Recording', target: '64915bc76a690c0edad14723' },
				{ target_type: 'Text_variable', target: '' },
				{ target_type: 'Ivr_menu', target: '65a000000000000000000009' },
			],
			variables: ['Xin chào quý khách'],
		});
		expect(result.items.map((item) => item.json)).toEqual([
			{
				autocall_id: sessions()[0].autocall_id,
				name: 'Nhắc hẹn',
				alreadyStarted: false,
				// A version 1 node: service calls (Decree 91 guard, test/omicall/compliance.test.ts).
				compliance: {
					callPurpose: 'service',
					notice: expect.stringMatching(/before version 1\.1/),
				},
			},
		]);
	});

	it('takes a list from an expression', async () => {
		const result = await ctx.run(byPhone({ phoneNumbers: '={{ $json.phones }}' }), {
			items: [{ phones: ['0395187319', '0395187321'] }],
		});
		expect(result.error).toBeUndefined();
		expect(sent(BY_PHONE)[0].body).toMatchObject({
			phone_number_list: ['0395187319', '0395187321'],
		});
	});

	it('refuses more than 300 text-to-speech characters per session before sending', async () => {
		const result = await ctx.run(
			byPhone({
				steps: steps(
					{ type: 'Text_variable', text: 'a'.repeat(200) },
					{ type: 'Text_variable', text: 'b'.repeat(101) },
				),
			}),
		);
		expect(result.error?.message).toBe(
			'Steps of item 0 have 301 text-to-speech characters, more than the 300 OMICall allows per session',
		);
		expect(sent(BY_PHONE)).toHaveLength(0);
	});

	it('checks numbers, steps and options before any request', async () => {
		for (const [extra, message] of [
			[{ phoneNumbers: '0395187319, 12ab' }, /Phone Numbers \(number 2\) of item 0 "12ab"/],
			[{ phoneNumbers: '={{ $json.none }}' }, /Phone Numbers of item 0 is empty/],
			[{ steps: steps({ type: 'Text_variable', text: ' ' }) }, /Step 1 of item 0 has no text/],
			[{ steps: steps({ type: 'Recording' }) }, /Step 1 of item 0 has no recording or menu ID/],
			[{ hotline: 'hotline' }, /Hotline of item 0 "hotline" is not a phone number/],
			[{ options: { num_retry: '={{ 11 }}' } }, /Retries of item 0 "11" is not a whole number/],
		] as const) {
			const result = await ctx.run(byPhone(extra));
			expect(result.error?.message).toMatch(message);
		}
		expect(sent(BY_PHONE)).toHaveLength(0);
	});

	it("maps OMICall's refusal (limit_service) to its documented meaning, per item with Continue On Fail", async () => {
		ctx.emulator.extendedCalls.autoCallAllowed = false;
		const result = await ctx.run(byPhone(), { items: [{}, {}], continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.error)).toEqual([
			'OMICall error limit_service: The plan (for example a trial) does not allow auto-calls.',
			'OMICall error limit_service: The plan (for example a trial) does not allow auto-calls.',
		]);
	});

	it('Retry On Fail after an answer lost (HTTP 503 after OMICall started the session) starts nothing again', async () => {
		ctx.emulator.server.failNext(
			'POST',
			BY_PHONE,
			{ status: 503, body: 'Service Unavailable' },
			{ afterHandling: true },
		);
		const result = await ctx.run(byPhone(), { retryOnFail: { maxTries: 3, waitBetweenTries: 0 } });
		expect(sent(BY_PHONE)).toHaveLength(1);
		expect(sessions()).toHaveLength(1);
		expect(result.error?.message).toMatch(
			/Auto-call start by phone of item 0 not redialed: the earlier attempt may have reached OMICall/,
		);
	});

	it('Retry On Fail after an answer that names no documented refusal (HTTP 200, no code) starts nothing again', async () => {
		ctx.emulator.server.failNext(
			'POST',
			BY_PHONE,
			{ body: { status_code: -9999, payload: null } },
			{ afterHandling: true },
		);
		const result = await ctx.run(byPhone(), { retryOnFail: { maxTries: 3, waitBetweenTries: 0 } });
		expect(sent(BY_PHONE)).toHaveLength(1);
		expect(sessions()).toHaveLength(1);
		expect(result.error?.message).toMatch(/not redialed/);
		expect(JSON.stringify(result.error)).toMatch(/HTTP 200: OMICall error unknown_error/);
	});

	it('Retry On Fail after a refusal sends again', async () => {
		ctx.emulator.server.failNext('POST', BY_PHONE, {
			body: { status_code: -9999, message: 'balance_is_not_enough', payload: null },
		});
		const result = await ctx.run(byPhone(), { retryOnFail: { maxTries: 2, waitBetweenTries: 0 } });
		expect(result.error).toBeUndefined();
		expect(sent(BY_PHONE)).toHaveLength(2);
		expect(sessions()).toHaveLength(1);
	});
});

describe('Auto-Call → Start by Extension', () => {
	const byExtension = (extra: Record<string, unknown> = {}) => ({
		resource: 'autoCall',
		operation: 'startByExtension',
		hotline: '842899990338',
		extensions: '101, 102, 101',
		steps: steps({ type: 'Text_variable', text: 'Họp lúc 9 giờ' }),
		options: { brand_name: 'ACME' },
		...extra,
	});

	it('sends cid, the extensions once each and the steps; outputs the session', async () => {
		const result = await ctx.run(byExtension());
		expect(result.error).toBeUndefined();
		expect(sent(BY_EXTENSION)[0].body).toEqual({
			brand_name: 'ACME',
			cid: '842899990338',
			extensions: ['101', '102'],
			template_dialplans: [{ target_type: 'Text_variable', target: '' }],
			variables: ['Họp lúc 9 giờ'],
		});
		expect(result.items[0].json).toEqual({
			autocall_uuids: sessions()[0].autocall_uuids,
			autocall_id: sessions()[0].autocall_id,
			alreadyStarted: false,
		});
	});

	it('requires the hotline and checks the extensions before any request', async () => {
		let result = await ctx.run(byExtension({ hotline: '={{ $json.none }}' }));
		expect(result.error?.message).toBe('Hotline of item 0 is empty');
		result = await ctx.run(byExtension({ extensions: '101, 1 02' }));
		expect(result.error?.message).toBe(
			'Extensions (extension 2) of item 0 "1 02" is not an extension',
		);
		expect(sent(BY_EXTENSION)).toHaveLength(0);
	});

	it('Retry On Fail after a timeout-like drop starts nothing again', async () => {
		ctx.emulator.server.failNext('POST', BY_EXTENSION, { drop: true }, { afterHandling: true });
		const result = await ctx.run(byExtension(), {
			retryOnFail: { maxTries: 2, waitBetweenTries: 0 },
		});
		expect(sessions()).toHaveLength(1);
		expect(sent(BY_EXTENSION)).toHaveLength(1);
		expect(result.error?.message).toMatch(/not redialed/);
	});
});

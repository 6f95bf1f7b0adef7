import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forgetSendAttempts } from '../../nodes/Omicall/shared/sendOnce';
import { OMICALL_TIMEOUT } from '../../nodes/Omicall/transport/auth';
import { apiRequests, startOmicall, TENANT_KEY, type OmicallContext } from './setup';

let ctx: OmicallContext;
beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => {
	ctx.emulator.server.clearReceived();
	ctx.emulator.hangPaths.clear();
	ctx.emulator.extendedCalls.clickToCalls.length = 0;
	forgetSendAttempts();
});

const PATH = '/api/click2call';
const clickToCall = (extra: Record<string, unknown> = {}) => ({
	resource: 'call',
	operation: 'clickToCall',
	extension: { __rl: true, mode: 'list', value: '101' },
	hotline: { __rl: true, mode: 'list', value: '842899990338' },
	phoneNumber: '0395 187 319',
	...extra,
});
const sent = () => apiRequests(ctx.emulator).filter((r) => r.path === PATH);
const dialed = () => ctx.emulator.extendedCalls.clickToCalls;

describe('Call → Click to Call', () => {
	it('sends the documented body with both auth headers and outputs the call_uuid', async () => {
		const result = await ctx.run(clickToCall());
		expect(result.error).toBeUndefined();
		const [request] = sent();
		expect(request.method).toBe('POST');
		expect(request.query).toEqual({});
		expect(request.headers['x-api-key']).toBe(TENANT_KEY);
		expect(request.headers.authorization).toMatch(/^Bearer /);
		expect(request.body).toEqual({
			extension: '101',
			hotline: '842899990338',
			phone_number: '0395187319',
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({
			call_uuid: dialed()[0].call_uuid,
			alreadyStarted: false,
			// A version 1 node: service calls (Decree 91 guard, test/omicall/compliance.test.ts).
			compliance: { callPurpose: 'service', notice: expect.stringMatching(/before version 1\.1/) },
		});
	});

	it('checks the input before any request, naming field and item', async () => {
		for (const [extra, message] of [
			[{ phoneNumber: '12ab' }, /Phone Number of item 0 "12ab" is not a phone number/],
			[{ phoneNumber: '={{ $json.missing }}' }, /Phone Number of item 0 is empty/],
			[
				{ extension: { __rl: true, mode: 'id', value: '={{ "../x" }}' } },
				/Extension of item 0 "..\/x" is not an extension/,
			],
			[
				{ hotline: { __rl: true, mode: 'number', value: '={{ $json.missing }}' } },
				/Hotline of item 0 is empty/,
			],
		] as const) {
			const result = await ctx.run(clickToCall(extra));
			expect(result.error?.message).toMatch(message);
		}
		expect(sent()).toHaveLength(0);
	});

	it("maps OMICall's refusal to its documented meaning; Continue On Fail keeps the other items", async () => {
		const result = await ctx.run(clickToCall({ extension: '={{ $json.ext }}' }), {
			items: [{ ext: '103' }, { ext: '101' }, { ext: '999' }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.error ?? item.json.call_uuid)).toEqual([
			expect.stringMatching(/user_not_registered: The extension is not registered/),
			dialed()[0].call_uuid,
			expect.stringMatching(/extension_invalid: The extension does not exist or is disabled/),
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	it('lists extensions (internal phones) and the hotlines of the chosen extension', async () => {
		const load = (method: string, parameters: Record<string, unknown>, filter?: string) =>
			ctx.load({ method, parameters: clickToCall(parameters) as never, filter });
		const extensions = (await load('searchInternalPhones', {})) as { results: unknown[] };
		expect(extensions.results.map((entry) => (entry as { value: string }).value)).toEqual([
			'100',
			'101',
			'102',
		]);
		const listed = ctx.emulator.server.requests('/api/call_center/internal_phone/list').at(-1)!;
		expect(listed.query).toMatchObject({ page: '1', size: '50' });
		expect(await load('searchHotlines', {})).toEqual({
			results: [{ name: '02873001234', value: '02873001234' }],
		});
		const hotlines = ctx.emulator.server.requests('/api/call_center/hotline/list').at(-1)!;
		expect(hotlines.query).toEqual({ extension: '101' });
	});
});

describe('Click to Call never dials twice on Retry On Fail', () => {
	const standard = OMICALL_TIMEOUT.ms;
	afterEach(() => {
		OMICALL_TIMEOUT.ms = standard;
	});
	const retry = { retryOnFail: { maxTries: 3, waitBetweenTries: 0 } };

	it('an answer lost after OMICall dialed (HTTP 502): the retry sends nothing and says why', async () => {
		ctx.emulator.server.failNext(
			'POST',
			PATH,
			{ status: 502, body: 'Bad Gateway' },
			{
				afterHandling: true,
			},
		);
		const result = await ctx.run(clickToCall(), retry);
		expect(sent()).toHaveLength(1);
		expect(dialed()).toHaveLength(1);
		expect(result.error?.message).toMatch(
			/Click-to-call of item 0 not redialed: the earlier attempt may have reached OMICall/,
		);
		expect(JSON.stringify(result.error)).toMatch(/HTTP 502.*call history/);
	});

	it('a timeout: the retry sends nothing', async () => {
		OMICALL_TIMEOUT.ms = 300;
		ctx.emulator.hangPaths.add(PATH);
		const result = await ctx.run(clickToCall(), retry);
		expect(sent()).toHaveLength(1);
		expect(result.error?.message).toMatch(/not redialed/);
	});

	// Changed deliberately (review finding 2): OMICall's `Unknown` ("unspecified error") used to
	// count as a refusal and be dialed again; it says nothing about whether OMICall dialed.
	for (const [name, response] of [
		[
			"a proxy's HTML page with HTTP 200",
			{
				body: '<html><body>Upstream error</body></html>',
				headers: { 'content-type': 'text/html' },
			},
		],
		['an error envelope without a code', { body: { status_code: -9999 } }],
		['a bare message', { body: { message: 'Internal server error' } }],
		[
			"OMICall's Unknown code",
			{ body: { status_code: -9999, payload: { status: 'fail', error: 'Unknown', message: 'x' } } },
		],
		["HTTP 404 with a proxy's HTML page", { status: 404, body: '<html>Not Found</html>' }],
		['HTTP 429', { status: 429, body: { error: 'Too many requests' } }],
	] as const) {
		it(`an unsure answer after OMICall dialed (${name}): the retry sends nothing, one dial`, async () => {
			ctx.emulator.server.failNext('POST', PATH, response, { afterHandling: true });
			const result = await ctx.run(clickToCall(), retry);
			expect(sent()).toHaveLength(1);
			expect(dialed()).toHaveLength(1);
			expect(result.error?.message).toBe(
				'Click-to-call of item 0 not redialed: the earlier attempt may have reached OMICall',
			);
		});
	}

	for (const [name, response] of [
		[
			'a documented code (Form A)',
			{ body: { status_code: -9999, payload: { status: 'fail', error: 'user_busy' } } },
		],
		['a documented code (Form B)', { body: { status_code: -9999, message: 'extension_invalid' } }],
		['HTTP 403 with a JSON body', { status: 403, body: { status_code: -9999, message: 'x' } }],
	] as const) {
		it(`a definite refusal (${name}): the retry sends and succeeds`, async () => {
			ctx.emulator.server.failNext('POST', PATH, response);
			const result = await ctx.run(clickToCall(), retry);
			expect(result.error).toBeUndefined();
			expect(sent()).toHaveLength(2);
			expect(dialed()).toHaveLength(1);
			expect(result.items[0].json).toMatchObject({ alreadyStarted: false });
		});
	}

	it('another item fails: the retry outputs the dialed item again and does not redial it', async () => {
		// Item 1's first request is refused; Retry On Fail runs the whole node again.
		ctx.emulator.server.failNext('POST', PATH, { status: 400, body: { error: 'Invalid request' } });
		const result = await ctx.run(clickToCall({ phoneNumber: '={{ $json.phone }}' }), {
			...retry,
			items: [{ phone: '0395187301' }, { phone: '0395187302' }],
		});
		expect(result.error).toBeUndefined();
		const numbers = ['0395187301', '0395187302'];
		expect(
			dialed()
				.map((call) => call.phone_number)
				.sort(),
		).toEqual(['0395187301', '0395187302']);
		expect(sent()).toHaveLength(3);
		const again = result.items.filter((item) => item.json.alreadyStarted);
		expect(again).toHaveLength(1);
		// The item dialed by the first attempt is output again, with the call_uuid of that call.
		expect(again[0].json.call_uuid).toBe(dialed()[0].call_uuid);
		expect(again[0].pairedItem).toEqual({
			item: numbers.indexOf(String(dialed()[0].phone_number)) === 0 ? 0 : 1,
		});
	});

	it('Continue On Fail with Retry On Fail: the error item does not make n8n run the node again; one call', async () => {
		// n8n-core retries a node whose first output item has json.error; the routing engine's error
		// items are { json: {}, error }, so a declarative node with Continue On Fail is not retried.
		ctx.emulator.server.failNext(
			'POST',
			PATH,
			{ status: 502, body: 'Bad Gateway' },
			{
				afterHandling: true,
			},
		);
		const result = await ctx.run(clickToCall(), { ...retry, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(dialed()).toHaveLength(1);
		expect(sent()).toHaveLength(1);
		expect(result.items[0].json.error).toMatch(/Bad gateway/);
	});

	it('a new execution sends again (the guard is per execution)', async () => {
		await ctx.run(clickToCall(), { executionId: 'exec-a' });
		await ctx.run(clickToCall(), { executionId: 'exec-b' });
		expect(dialed()).toHaveLength(2);
	});
});

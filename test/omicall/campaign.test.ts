import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiRequests, startOmicall, TENANT_KEY, type OmicallContext } from './setup';

const SCRIPT = '653b155db0f7941234567890';
const script = { __rl: true, mode: 'list', value: SCRIPT };

let ctx: OmicallContext;
beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => {
	ctx.emulator.server.clearReceived();
	ctx.emulator.campaigns.clear();
});

describe('Campaign → Start', () => {
	it('starts one campaign per item with the contacts defined in the node', async () => {
		const result = await ctx.run({
			resource: 'campaign',
			operation: 'start',
			script,
			hotline: '842899990338',
			contactsSource: 'define',
			contacts: {
				contact: [
					{
						phone: '039 518 7319',
						email: 'tien@example.com',
						externalContactCode: 'CRM-1',
						variables: { variable: [{ name: 'full_name', value: 'Trần Văn Tiến' }] },
					},
					{ phone: '0900000000' },
				],
			},
			options: {
				name: 'Nhắc lịch hẹn tháng 5',
				voice: 'southern_female_honganh',
				speed: 1,
				retries: 2,
				callsPerRound: 10,
				secondsBetweenRounds: 45,
				secondsBetweenRetries: 600,
				autoPause: true,
				startTime: '2026-12-01T08:30:00',
			},
		});
		expect(result.error).toBeUndefined();

		const [request] = apiRequests(ctx.emulator);
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/api/call_bot/execute_by_phone');
		expect(request.query).toEqual({ cid: '842899990338' });
		expect(request.headers['x-api-key']).toBe(TENANT_KEY);
		expect(request.headers['content-type']).toMatch(/application\/json/);
		const body = request.body as Record<string, unknown>;
		expect(body).toMatchObject({
			bot_script_id: SCRIPT,
			cid: '842899990338',
			name: 'Nhắc lịch hẹn tháng 5',
			voice: 'southern_female_honganh',
			speed: 1,
			num_retry: 2,
			num_per_call: 10,
			distance_per_call: 45,
			distance_retry: 600,
			auto_pause: true,
			// 08:30 in the workflow's time zone (Asia/Ho_Chi_Minh, UTC+7) is 01:30 UTC.
			send_time: Date.UTC(2026, 11, 1, 1, 30),
			contact_info: [
				{
					phone: '0395187319',
					email: 'tien@example.com',
					ext_contact_code: 'CRM-1',
					mapping_variables: { full_name: 'Trần Văn Tiến' },
				},
				{ phone: '0900000000' },
			],
		});
		expect(body.ext_session_id).toMatch(/^n8n[0-9a-f]{24}$/);

		expect(result.items).toHaveLength(1);
		const output = result.items[0].json;
		expect(output.bot_script_id).toBe(SCRIPT);
		expect(output.autocall_id).toMatch(/^[0-9a-f]{24}$/);
		expect(output.ext_session_id).toBe(body.ext_session_id);
		// The per-number rejection stays visible.
		expect(output.errors).toEqual([
			{ phone: '0900000000', error_code: 'number_dnc', message: 'Number DNC' },
		]);
	});

	it('starts a single campaign for many input items, one contact per item', async () => {
		const items = [
			{ phone: '0395187301', name: 'An', crmId: 'C1' },
			{ phone: '+84 395 187 302', name: 'Bình', crmId: 'C2' },
			{ phone: '0395187303', name: 'Chi', crmId: 'C3' },
		];
		const result = await ctx.run(
			{
				resource: 'campaign',
				operation: 'start',
				script,
				contactsSource: 'items',
				contactPhone: '={{ $json.phone }}',
				contactExternalCode: '={{ $json.crmId }}',
				contactVariables: { variable: [{ name: 'full_name', value: '={{ $json.name }}' }] },
			},
			{ items },
		);
		expect(result.error).toBeUndefined();
		const requests = apiRequests(ctx.emulator);
		expect(requests).toHaveLength(1);
		expect((requests[0].body as { contact_info: unknown }).contact_info).toEqual([
			{ phone: '0395187301', ext_contact_code: 'C1', mapping_variables: { full_name: 'An' } },
			{ phone: '84395187302', ext_contact_code: 'C2', mapping_variables: { full_name: 'Bình' } },
			{ phone: '0395187303', ext_contact_code: 'C3', mapping_variables: { full_name: 'Chi' } },
		]);
		expect(requests[0].query).toEqual({ cid: '' });
		expect(result.items).toHaveLength(1);
		expect(ctx.emulator.campaigns.size).toBe(1);
	});

	it('names the input item whose phone number is wrong, and sends nothing', async () => {
		const result = await ctx.run(
			{
				resource: 'campaign',
				operation: 'start',
				script,
				contactsSource: 'items',
				contactPhone: '={{ $json.phone }}',
			},
			{ items: [{ phone: '0395187301' }, { phone: '12ab' }] },
		);
		expect(result.error?.message).toBe(
			'Contact phone of item 1 "12ab" is not a valid phone number',
		);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});

	it('reads contacts from a JSON array, accepting both field spellings', async () => {
		const result = await ctx.run({
			resource: 'campaign',
			operation: 'start',
			script,
			contactsSource: 'json',
			contactsJson: JSON.stringify([
				{ phone: '0395187319', mapping_variables: { full_name: 'An' } },
				{ phone: '0395187320', externalContactCode: 'X-2', variables: { gender1: 'Chị' } },
			]),
		});
		expect(result.error).toBeUndefined();
		expect((apiRequests(ctx.emulator)[0].body as { contact_info: unknown }).contact_info).toEqual([
			{ phone: '0395187319', mapping_variables: { full_name: 'An' } },
			{ phone: '0395187320', ext_contact_code: 'X-2', mapping_variables: { gender1: 'Chị' } },
		]);
	});

	it('uses the same ext_session_id on Retry On Fail, so a lost answer cannot start a second campaign', async () => {
		// The first attempt creates the campaign but its answer is lost (HTTP 502).
		ctx.emulator.server.failNext(
			'POST',
			'/api/call_bot/execute_by_phone',
			{ status: 502, body: 'Bad Gateway' },
			{ afterHandling: true },
		);
		const parameters = {
			resource: 'campaign',
			operation: 'start',
			script,
			contactsSource: 'define',
			contacts: { contact: [{ phone: '0395187319' }] },
		};
		const result = await ctx.run(parameters, { retryOnFail: { maxTries: 2 } });
		const attempts = apiRequests(ctx.emulator);
		expect(attempts).toHaveLength(2);
		const ids = attempts.map((r) => (r.body as { ext_session_id: string }).ext_session_id);
		expect(ids[0]).toBe(ids[1]);
		expect(ctx.emulator.campaigns.size).toBe(1);
		// OMICall refuses the repeat; the run succeeds and says the campaign was started before,
		// without the autocall_id, which OMICall does not return for a refused session.
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			alreadyStarted: true,
			ext_session_id: ids[0],
			autocall_id: null,
			vendorCode: 'ext_session_id_exists',
		});
		expect(result.items[0].json.message).toContain('No second campaign was started');

		// Another execution is another campaign: a different derived ID.
		ctx.emulator.server.clearReceived();
		const next = await ctx.run(parameters, { executionId: 'exec-2' });
		expect(next.error).toBeUndefined();
		expect(
			(apiRequests(ctx.emulator)[0].body as { ext_session_id: string }).ext_session_id,
		).not.toBe(ids[0]);
	});

	it("sends the user's own ext_session_id as given", async () => {
		await ctx.run({
			resource: 'campaign',
			operation: 'start',
			script,
			contactsSource: 'define',
			contacts: { contact: [{ phone: '0395187319' }] },
			options: { extSessionId: 'crm-campaign-0001' },
		});
		expect((apiRequests(ctx.emulator)[0].body as { ext_session_id: string }).ext_session_id).toBe(
			'crm-campaign-0001',
		);
	});

	it.each([
		[
			{ script: { __rl: true, mode: 'id', value: '={{ $json.scriptId }}' } },
			'Script of item 0 is empty',
		],
		[{ contactsSource: 'define', contacts: {} }, 'Contacts of item 0 is empty'],
		[
			{ contactsSource: 'json', contactsJson: '{not json' },
			'Contacts (JSON) of item 0 is not valid JSON',
		],
		[
			{ contactsSource: 'json', contactsJson: '[{"phone": ""}]' },
			'Contact 1: phone of item 0 is empty',
		],
		[
			{ contactsSource: 'define', contacts: { contact: [{ phone: '0395187319', email: 'nope' }] } },
			'Contact 1: email of item 0 "nope" is not a valid email address',
		],
		[
			{
				contactsSource: 'define',
				contacts: { contact: [{ phone: '0395187319' }] },
				options: { startTime: 'next tuesday' },
			},
			'Start Time of item 0 "next tuesday" is not a date',
		],
	])('rejects bad input before sending anything (%#)', async (override, message) => {
		const result = await ctx.run({
			resource: 'campaign',
			operation: 'start',
			script,
			contactsSource: 'define',
			...override,
		});
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toBeTruthy();
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});

describe('Campaign → Count Calls', () => {
	it('counts the calls of a campaign for some numbers', async () => {
		await ctx.run({
			resource: 'campaign',
			operation: 'start',
			script,
			contactsSource: 'define',
			contacts: {
				contact: [{ phone: '0395187319' }, { phone: '0395187320' }, { phone: '0395187321' }],
			},
		});
		const autocallId = [...ctx.emulator.campaigns.keys()][0];
		ctx.emulator.server.clearReceived();
		const result = await ctx.run({
			resource: 'campaign',
			operation: 'countCalls',
			campaignId: autocallId,
			phones: '0395187319, 0395187321',
		});
		const [request] = apiRequests(ctx.emulator);
		expect(request.path).toBe('/api/call_bot/call/count');
		expect(request.body).toEqual({ autocall_id: autocallId, phones: ['0395187319', '0395187321'] });
		expect(result.items.map((i) => i.json)).toEqual([{ autocall_id: autocallId, count: 2 }]);
	});

	it('requires the campaign ID', async () => {
		const result = await ctx.run({
			resource: 'campaign',
			operation: 'countCalls',
			campaignId: '={{ $json.autocallId }}',
		});
		expect(result.error?.message).toBe('Campaign ID of item 0 is empty');
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});

describe('Campaign → Get Many Analyzed Logs', () => {
	it('returns all logs of a campaign across three pages', async () => {
		const result = await ctx.run({
			resource: 'campaign',
			operation: 'getManyAnalyzedLogs',
			campaignId: '67ee1138e4c40956087cd265',
			returnAll: true,
			filters: {},
		});
		expect(result.error).toBeUndefined();
		const requests = apiRequests(ctx.emulator);
		expect(requests.map((r) => r.query)).toEqual([
			{ size: '50', page: '1' },
			{ size: '50', page: '2' },
			{ size: '50', page: '3' },
		]);
		expect(
			requests.every(
				(r) => (r.body as { ref_uuid: string }).ref_uuid === '67ee1138e4c40956087cd265',
			),
		).toBe(true);
		expect(result.items).toHaveLength(130);
		expect(result.items[0].json).toMatchObject({
			intent: expect.any(String),
			ref_uuid: '67ee1138e4c40956087cd265',
		});
	});

	it('stops at the limit', async () => {
		const result = await ctx.run({
			resource: 'campaign',
			operation: 'getManyAnalyzedLogs',
			campaignId: '',
			returnAll: false,
			limit: 55,
			filters: { keyword: 'vâng' },
		});
		const requests = apiRequests(ctx.emulator);
		expect(requests).toHaveLength(2);
		expect(requests[0].body).toEqual({ keyword: 'vâng' });
		expect(requests.map((r) => r.query.size)).toEqual(['50', '50']);
		expect(result.items).toHaveLength(55);
		expect(result.items.every((i) => i.json.content === 'vâng')).toBe(true);
	});
});

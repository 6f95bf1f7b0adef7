import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OMICALL_ERRORS } from '../../nodes/Omicall/transport/errors';
import { apiRequests, startOmicall, type OmicallContext } from './setup';

let ctx: OmicallContext;
let from: number;
let to: number;
beforeAll(async () => {
	ctx = await startOmicall();
	to = ctx.emulator.now;
	from = to - 24 * 3600_000;
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => ctx.emulator.server.clearReceived());

const listCalls = () => ({
	resource: 'call',
	operation: 'getAll',
	fromDate: from,
	toDate: to,
	returnAll: true,
});

describe('API failures become NodeApiErrors with the vendor code and its meaning', () => {
	it('form A: the code inside payload', async () => {
		const result = await ctx.run({
			resource: 'call',
			operation: 'get',
			transactionId: 'no-such-call',
		});
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			'OMICall error resource_not_found: The resource does not exist. Check the ID.',
		);
		expect(result.error?.description).toContain('OMICall says: Call not found');
		expect(
			(result.error as unknown as { context: { vendorCode: string } }).context.vendorCode,
		).toBe('resource_not_found');
	});

	it('form B: the code in the top-level message', async () => {
		// (A rate-limit code here would be retried: see test/omicall/call-history.test.ts.)
		ctx.emulator.server.failNext('GET', '/api/call_transaction/list', {
			body: { status_code: -9999, message: 'date_invalid', payload: null },
		});
		const result = await ctx.run(listCalls());
		expect(result.error?.message).toBe(
			`OMICall error date_invalid: ${OMICALL_ERRORS.date_invalid}`,
		);
		expect((result.error as unknown as { httpCode: string }).httpCode).toBe('200');
	});

	it('form C: HTTP 400 without an envelope', async () => {
		ctx.emulator.server.failNext('POST', '/api/call_bot/analyzed_log/list', {
			status: 400,
			body: { error: 'Invalid request' },
		});
		const result = await ctx.run({
			resource: 'campaign',
			operation: 'getManyAnalyzedLogs',
			campaignId: 'x',
			returnAll: true,
		});
		expect(result.error?.name).toBe('NodeApiError');
		expect((result.error as unknown as { httpCode: string }).httpCode).toBe('400');
		expect(JSON.stringify(result.error)).toContain('Invalid request');
	});

	it('a code the documentation does not list is still reported with its text', async () => {
		ctx.emulator.server.failNext('GET', '/api/call_bot/script/list', {
			body: {
				status_code: -9999,
				payload: { status: 'fail', error: 'brand_new_code', message: 'Something new' },
			},
		});
		const result = await ctx.run({ resource: 'script', operation: 'getAll', returnAll: true });
		expect(result.error?.message).toBe('OMICall error brand_new_code');
		expect(result.error?.description).toContain('not in the OMICall documentation');
		expect(result.error?.description).toContain('Something new');
	});

	it('status_code given as text is read as a number', async () => {
		ctx.emulator.server.failNext('GET', '/api/call_bot/script/list', {
			body: { status_code: '9999', payload: [{ id: 's1' }] },
		});
		const result = await ctx.run({ resource: 'script', operation: 'getAll', returnAll: true });
		expect(result.items.map((i) => i.json)).toEqual([{ id: 's1' }]);
	});

	it('HTTP 500 is an error; HTTP 204 is an empty page', async () => {
		ctx.emulator.server.failNext('GET', '/api/call_bot/script/list', { status: 500, body: 'oops' });
		const failed = await ctx.run({ resource: 'script', operation: 'getAll', returnAll: true });
		expect(failed.error?.name).toBe('NodeApiError');
		ctx.emulator.server.failNext('POST', '/api/call_transaction/search', { status: 204 });
		const empty = await ctx.run({
			resource: 'call',
			operation: 'search',
			fromDate: from,
			toDate: to,
			userUuids: '101',
			returnAll: true,
		});
		expect(empty.error).toBeUndefined();
		expect(empty.items).toEqual([]);
	});

	it('knows every code of the reference (section 3.5)', () => {
		const documented = [
			'api_key_is_required',
			'api_key_invalid',
			'request_body_required',
			'token_expired',
			'auth_invalid',
			'tenant_disabled',
			'individual_package_expired',
			'service_package_customer_limit',
			'resource_not_found',
			'permission_denied',
			'rate_limit_exceeded',
			'invalid_phone_number',
			'source_contact_not_exists',
			'data_is_required',
			'tenant_invalid',
			'user_not_registered',
			'number_call_out_invalid',
			'extension_invalid',
			'user_busy',
			'do_not_call',
			'Unknown',
			'limit_service',
			'limit_word',
			'limit_word_session',
			'balance_is_not_enough',
			'number_dnc',
			'full_name_is_required',
			'identify_info_invalid',
			'password_invalid',
			'role_is_required',
			'agent_exists',
			'limit_agent',
			'invite_error',
			'agent_uuid_exists',
			'limit_request_30_minute',
			'from_date_is_required',
			'to_date_is_required',
			'date_invalid',
			'date_is_too_long',
		];
		expect(documented.filter((code) => !OMICALL_ERRORS[code])).toEqual([]);
	});
});

describe('Continue On Fail works per item', () => {
	it('gives an error item for the bad item and results for the others', async () => {
		const ids = ctx.emulator.calls.slice(0, 3).map((c) => String(c.transaction_id));
		const result = await ctx.run(
			{ resource: 'call', operation: 'get', transactionId: '={{ $json.id }}' },
			{
				items: [{ id: ids[0] }, { id: '' }, { id: 'unknown-call' }, { id: ids[2] }],
				continueOnFail: true,
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(4);
		expect(result.items[0].json.transaction_id).toBe(ids[0]);
		expect(result.items[1].json.error).toBe('Call ID of item 1 is empty');
		expect(result.items[2].json.error).toContain('resource_not_found');
		expect(result.items[3].json.transaction_id).toBe(ids[2]);
		// The empty ID sent nothing; the others did.
		expect(apiRequests(ctx.emulator)).toHaveLength(3);
	});

	it('without it, the first failing item stops the node and names the item', async () => {
		const result = await ctx.run(
			{ resource: 'call', operation: 'get', transactionId: '={{ $json.id }}' },
			{ items: [{ id: String(ctx.emulator.calls[0].transaction_id) }, { id: '' }] },
		);
		expect(result.error?.message).toBe('Call ID of item 1 is empty');
	});
});

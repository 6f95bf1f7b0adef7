import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forgetOmicallTokens } from '../../nodes/Omicall/transport/auth';
import { apiRequests, startOmicall, type OmicallContext } from './setup';

const SCRIPT = '653b155db0f7941234567890';
const script = { __rl: true, mode: 'id', value: SCRIPT };

let ctx: OmicallContext;
beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => {
	ctx.emulator.server.clearReceived();
	ctx.emulator.campaigns.clear();
});

const sent = () =>
	apiRequests(ctx.emulator)
		.filter((r) => r.path === '/api/call_bot/execute_by_phone')
		.map((r) =>
			(r.body as { contact_info: Array<{ phone: string }> }).contact_info.map((c) => c.phone),
		);
const dialed = () =>
	[...ctx.emulator.campaigns.values()].flatMap((c) =>
		(c.contact_info as Array<{ phone: string }>).map((contact) => contact.phone),
	);
const start = (extra: Record<string, unknown>) => ({
	resource: 'campaign',
	operation: 'start',
	script,
	...extra,
});

describe('Duplicate numbers in one run', () => {
	it('JSON Array, Continue On Fail: a number of an item that fails its own checks is not a "duplicate" elsewhere', async () => {
		const result = await ctx.run(
			start({
				contactsSource: 'json',
				contactsJson: '={{ JSON.stringify($json.contacts) }}',
				hotline: '={{ $json.hotline }}',
			}),
			{
				items: [
					{ hotline: 'not a number', contacts: [{ phone: '0395187301' }] },
					{ hotline: '', contacts: [{ phone: '0395187301' }, { phone: '0395187302' }] },
				],
				continueOnFail: true,
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items.some((item) => item.json.skipped)).toBe(false);
		expect(dialed().sort()).toEqual(['0395187301', '0395187302']);
	});

	it('one contact per item: 0912345678 and +84 912 345 678 are sent once; the repeat is an output item', async () => {
		const result = await ctx.run(
			start({ contactsSource: 'items', contactPhone: '={{ $json.phone }}' }),
			{
				items: [{ phone: '0912345678' }, { phone: '0395187301' }, { phone: '+84 912 345 678' }],
			},
		);
		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([['0912345678', '0395187301']]);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.autocall_id).toMatch(/^[0-9a-f]{24}$/);
		expect(result.items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[1].json).toEqual({
			skipped: true,
			reason: 'duplicate',
			duplicateOfItem: 0,
			phone: '84912345678',
		});
		expect(result.items[1].pairedItem).toEqual({ item: 2 });
	});

	it('Define Below: a number twice in one list, and a number another item already sends', async () => {
		const result = await ctx.run(
			start({
				contactsSource: 'define',
				contacts: {
					contact: [
						{ phone: '={{ $json.a }}' },
						{ phone: '={{ $json.b }}' },
						{ phone: '0084912345678' },
					],
				},
			}),
			{
				items: [
					{ a: '0912345678', b: '0395187301' },
					{ a: '0395187302', b: '0395.187.301' },
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([['0912345678', '0395187301'], ['0395187302']]);
		const skipped = result.items.filter((item) => item.json.skipped);
		// Every output item carries the Decree 91 summary (a version 1 node: service calls).
		for (const item of skipped)
			expect(item.json.compliance).toMatchObject({ callPurpose: 'service' });
		expect(
			skipped.map((item) => [{ ...item.json, compliance: undefined }, item.pairedItem]),
		).toEqual([
			[
				{
					skipped: true,
					reason: 'duplicate',
					duplicateOfItem: 0,
					phone: '0084912345678',
					contact: 3,
				},
				{ item: 0 },
			],
			[
				{ skipped: true, reason: 'duplicate', duplicateOfItem: 0, phone: '0395187301', contact: 2 },
				{ item: 1 },
			],
			[
				{
					skipped: true,
					reason: 'duplicate',
					duplicateOfItem: 0,
					phone: '0084912345678',
					contact: 3,
				},
				{ item: 1 },
			],
		]);
	});

	it('JSON Array: the repeat is left out and reported', async () => {
		const result = await ctx.run(
			start({
				contactsSource: 'json',
				contactsJson: JSON.stringify([{ phone: '0912345678' }, { phone: '84912345678' }]),
			}),
		);
		expect(sent()).toEqual([['0912345678']]);
		expect(result.items[1].json).toMatchObject({ skipped: true, duplicateOfItem: 0, contact: 2 });
	});

	it.each([
		[
			'items',
			{ contactsSource: 'items', contactPhone: '={{ $json.phone }}' },
			[{ phone: '0912345678' }, { phone: '+84 912 345 678' }],
			'Contact phone of item 1 "84912345678" is the same number as item 0',
		],
		[
			'define',
			{
				contactsSource: 'define',
				contacts: { contact: [{ phone: '0912345678' }, { phone: '84912345678' }] },
			},
			[{}],
			'Contact 2: phone of item 0 "84912345678" is the same number as Contact 1',
		],
		[
			'json',
			{ contactsSource: 'json', contactsJson: '={{ JSON.stringify($json.list) }}' },
			[
				{ list: [{ phone: '0912345678' }] },
				{ list: [{ phone: '0395187301' }, { phone: '+84912345678' }] },
			],
			'Contact 1: phone of item 0 "0912345678" is the same number as in item 1',
		],
	])(
		'Stop with an Error (%s): names both, sends nothing',
		async (_name, params, items, message) => {
			const result = await ctx.run(start({ ...params, options: { duplicateNumbers: 'error' } }), {
				items,
			});
			expect(result.error?.message).toBe(message);
			expect(result.error?.description).toContain('Duplicate Numbers');
			expect(apiRequests(ctx.emulator)).toHaveLength(0);
		},
	);
});

describe('Idempotency Key: re-running a failed execution cannot start a second campaign', () => {
	it('two executions with the same key: one campaign; the second run says it was already started', async () => {
		const params = start({
			contactsSource: 'items',
			contactPhone: '={{ $json.phone }}',
			options: { idempotencyKey: '={{ $json.eventId }}' },
		});
		const items = [
			{ phone: '0395187301', eventId: 'crm-evt-1' },
			{ phone: '0395187302', eventId: 'crm-evt-2' },
		];
		const first = await ctx.run(params, { items, executionId: 'exec-a' });
		expect(first.error).toBeUndefined();
		expect(first.items[0].json.alreadyStarted).toBe(false);
		const again = await ctx.run(params, { items, executionId: 'exec-b' });
		expect(again.error).toBeUndefined();
		expect(ctx.emulator.campaigns.size).toBe(1);
		const [a, b] = apiRequests(ctx.emulator).map(
			(r) => (r.body as { ext_session_id: string }).ext_session_id,
		);
		expect(a).toBe(b);
		expect(again.items).toHaveLength(1);
		expect(again.items[0].json).toMatchObject({
			alreadyStarted: true,
			autocall_id: null,
			ext_session_id: a,
		});
		expect(again.items[0].json.message).toContain(
			"OMICall does not return the earlier campaign's autocall_id",
		);
		// Another event is another campaign.
		const other = await ctx.run(params, {
			items: [{ phone: '0395187303', eventId: 'crm-evt-3' }],
			executionId: 'exec-c',
		});
		expect(other.items[0].json.alreadyStarted).toBe(false);
		expect(ctx.emulator.campaigns.size).toBe(2);
	});

	it('Define Below: per item; an explicit Deduplication Session ID still wins', async () => {
		const run = (executionId: string, extSessionId = '') =>
			ctx.run(
				start({
					contactsSource: 'define',
					contacts: { contact: [{ phone: '0395187319' }] },
					options: { idempotencyKey: 'evt-9', extSessionId },
				}),
				{ executionId },
			);
		await run('exec-1');
		await run('exec-2');
		expect(ctx.emulator.campaigns.size).toBe(1);
		await run('exec-3', 'crm-own-1');
		const ids = apiRequests(ctx.emulator).map(
			(r) => (r.body as { ext_session_id: string }).ext_session_id,
		);
		expect(ids[0]).toBe(ids[1]);
		expect(ids[2]).toBe('crm-own-1');
	});
});

describe('Continue On Fail: bad contacts are reported, the valid ones are sent', () => {
	it('one contact per item: the bad item gets its error, the campaign has the others', async () => {
		const result = await ctx.run(
			start({ contactsSource: 'items', contactPhone: '={{ $json.phone }}' }),
			{
				items: [{ phone: '12ab' }, { phone: '0395187301' }, { phone: '' }, { phone: '0395187302' }],
				continueOnFail: true,
			},
		);
		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([['0395187301', '0395187302']]);
		const errors = result.items.filter((item) => item.json.error).map((item) => item.json.error);
		expect(errors).toEqual([
			'Contact phone of item 0 "12ab" is not a valid phone number',
			'Contact phone of item 2 is empty',
		]);
		const campaign = result.items.find((item) => item.json.autocall_id);
		expect(campaign?.pairedItem).toEqual([{ item: 1 }, { item: 3 }]);
	});

	it.each([
		[
			'define',
			{
				contactsSource: 'define',
				contacts: {
					contact: [{ phone: '0395187301' }, { phone: 'nope' }, { phone: '0395187302' }],
				},
			},
		],
		[
			'json',
			{
				contactsSource: 'json',
				contactsJson: '[{"phone":"0395187301"},{"phone":"nope"},{"phone":"0395187302"}]',
			},
		],
	])(
		'%s: a bad row is an error item paired to its item, the rest is sent',
		async (_name, params) => {
			const result = await ctx.run(start(params), { continueOnFail: true });
			expect(sent()).toEqual([['0395187301', '0395187302']]);
			expect(result.items).toHaveLength(2);
			expect(result.items[0].json.autocall_id).toBeDefined();
			expect(result.items[1].json.error).toBe(
				'Contact 2: phone of item 0 "nope" is not a valid phone number',
			);
			expect(result.items[1].pairedItem).toEqual({ item: 0 });
		},
	);

	it("one contact per item: the leader's bad campaign settings give every covered item its own error item", async () => {
		// The hotline is a per-item expression; the first valid item (the leader) holds the settings.
		const result = await ctx.run(
			start({
				contactsSource: 'items',
				contactPhone: '={{ $json.phone }}',
				hotline: '={{ $json.hotline }}',
			}),
			{
				items: [
					{ phone: 'bad' },
					{ phone: '0395187301', hotline: 'no-hotline' },
					{ phone: '0395187302', hotline: '842899990338' },
					{ phone: '0395187303', hotline: '842899990338' },
				],
				continueOnFail: true,
			},
		);
		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([]);
		const byItem = result.items.map((item) => [
			(item.pairedItem as { item: number }).item,
			item.json.error,
		]);
		expect(byItem.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
			[0, 'Contact phone of item 0 "bad" is not a valid phone number'],
			[1, 'Hotline of item 1 "nohotline" is not a phone number'],
			[2, 'Hotline of item 1 "nohotline" is not a phone number'],
			[3, 'Hotline of item 1 "nohotline" is not a phone number'],
		]);
	});

	it("one contact per item, without Continue On Fail: the leader's bad settings stop the run, nothing sent", async () => {
		const result = await ctx.run(
			start({
				contactsSource: 'items',
				contactPhone: '={{ $json.phone }}',
				hotline: '={{ $json.hotline }}',
			}),
			{
				items: [
					{ phone: '0395187301', hotline: 'x' },
					{ phone: '0395187302', hotline: '842899990338' },
				],
			},
		);
		expect(result.error?.message).toBe('Hotline of item 0 "x" is not a phone number');
		expect(sent()).toEqual([]);
	});

	it('without Continue On Fail, a bad row stops the item before anything is sent', async () => {
		const result = await ctx.run(
			start({
				contactsSource: 'define',
				contacts: { contact: [{ phone: '0395187301' }, { phone: 'nope' }] },
			}),
		);
		expect(result.error?.message).toBe(
			'Contact 2: phone of item 0 "nope" is not a valid phone number',
		);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});

describe('Bad input is refused before any request, naming the field and the item', () => {
	const define = { contactsSource: 'define', contacts: { contact: [{ phone: '0395187319' }] } };
	it.each([
		[
			{ options: { startTime: '2025-02-30T10:00:00' } },
			'Start Time of item 0 "2025-02-30T10:00:00" is not a date',
		],
		[
			{ options: { startTime: '2030-13-01T10:00:00' } },
			'Start Time of item 0 "2030-13-01T10:00:00" is not a date',
		],
		[
			{ options: { startTime: '2030-01-01T25:00:00' } },
			'Start Time of item 0 "2030-01-01T25:00:00" is not a date',
		],
		[{ options: { speed: 4 } }, 'Speed of item 0 4 is out of range'],
		[{ options: { speed: '={{ "fast" }}' } }, 'Speed of item 0 "fast" is not a number'],
		[{ options: { retries: 11 } }, 'Retries of item 0 11 is out of range'],
		[{ options: { retries: 1.5 } }, 'Retries of item 0 1.5 is not a whole number'],
		[{ options: { callsPerRound: 0 } }, 'Calls per Round of item 0 0 is out of range'],
		[{ options: { callsPerRound: 501 } }, 'Calls per Round of item 0 501 is out of range'],
		[
			{ options: { secondsBetweenRounds: -1 } },
			'Seconds Between Rounds of item 0 -1 is out of range',
		],
		[
			{ options: { secondsBetweenRetries: '={{ {} }}' } },
			'Seconds Between Retries of item 0 "[object Object]" is not a number',
		],
		[{ hotline: '={{ {"n": 1} }}' }, 'Hotline of item 0 is an object, not a number'],
		[
			{ script: { __rl: true, mode: 'id', value: '={{ {"id": 1} }}' } },
			'Script of item 0 is an object, not an ID',
		],
		[
			{ script: { __rl: true, mode: 'id', value: '={{ ".." }}' } },
			'Script of item 0 ".." is not a valid ID',
		],
		[
			{
				contactsSource: 'json',
				contactsJson: '[{"phone":"0395187319","mapping_variables":["An"]}]',
			},
			'Contact 1: script variables (mapping_variables) of item 0 are a list',
		],
		[{ options: { voice: 'robot' } }, 'Voice of item 0 "robot" is not a voice of OMICall'],
	])('%j', async (override, message) => {
		const result = await ctx.run(start({ ...define, ...override }));
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toBeTruthy();
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});

	it('a start time already past is refused, saying the time and the current time', async () => {
		const result = await ctx.run(
			start({ ...define, options: { startTime: '2020-01-01T00:00:00Z' } }),
		);
		expect(result.error?.message).toMatch(
			/^Start Time of item 0 \(2020-01-01T00:00:00\.000Z\) is already past: it is now 20\d\d-/,
		);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});

	it('Count Calls: a campaign ID of ".." or an object is refused', async () => {
		for (const id of ['..', { a: 1 }]) {
			const result = await ctx.run(
				{ resource: 'campaign', operation: 'countCalls', campaignId: '={{ $json.id }}' },
				{ items: [{ id }] },
			);
			expect(result.error?.message).toMatch(/^Campaign ID of item 0 /);
		}
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});

describe('Fault injection: each request of token fetch + campaign start fails once', () => {
	const failures = {
		'HTTP 503': { status: 503, body: 'Service Unavailable' },
		'dropped connection': { drop: true },
		'vendor busy envelope': {
			body: { status_code: -9999, message: 'rate_limit_exceeded', payload: null },
		},
	};
	const positions: Array<[string, string, string, boolean]> = [
		['token fetch', 'GET', '/api/auth', false],
		['campaign start, before OMICall handles it', 'POST', '/api/call_bot/execute_by_phone', false],
		[
			'campaign start, answer lost after OMICall started it',
			'POST',
			'/api/call_bot/execute_by_phone',
			true,
		],
	];
	// The vendor's busy envelope is an answer, so it is not combined with a lost answer.
	const cases = positions.flatMap(([where, method, path, after]) =>
		Object.entries(failures)
			.filter(([kind]) => !(after && kind === 'vendor busy envelope'))
			.flatMap(([kind, response]) =>
				[false, true].flatMap((retry) =>
					[false, true].map(
						(cof) =>
							[
								`${where} / ${kind} / retry ${retry} / continue ${cof}`,
								method,
								path,
								after,
								response,
								retry,
								cof,
							] as const,
					),
				),
			),
	);

	it.each(cases)('%s', async (_name, method, path, after, response, retry, continueOnFail) => {
		// Start without a token, so the run sends the token fetch and then the campaign.
		forgetOmicallTokens();
		ctx.credentials.store.set('omicallApi', {
			...ctx.credentials.store.get('omicallApi'),
			accessToken: '',
		});
		ctx.emulator.server.failNext(method, path, response, { afterHandling: after });
		const items = [{ phone: '0395187301' }, { phone: '0395187302' }, { phone: '0395187301' }];
		const result = await ctx.run(
			start({ contactsSource: 'items', contactPhone: '={{ $json.phone }}' }),
			{
				items,
				retryOnFail: retry ? { maxTries: 2, waitBetweenTries: 0 } : undefined,
				continueOnFail,
			},
		);
		// Never a number twice, never a second campaign.
		expect(ctx.emulator.campaigns.size).toBeLessThanOrEqual(1);
		expect(new Set(dialed()).size).toBe(dialed().length);
		if (retry && !continueOnFail) {
			// Retry On Fail (n8n retries only a node that fails, so not with Continue On Fail): the run ends with the one campaign (started now, or earlier and refused now).
			expect(result.error).toBeUndefined();
			expect(ctx.emulator.campaigns.size).toBe(1);
			expect(dialed().sort()).toEqual(['0395187301', '0395187302']);
			const campaign = result.items.find((item) => item.json.ext_session_id);
			expect(campaign?.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
			expect(campaign?.json.alreadyStarted).toBe(after);
			expect(result.items.find((item) => item.json.skipped)?.pairedItem).toEqual({ item: 2 });
		} else if (continueOnFail) {
			// Every input item the campaign covered gets its own error item (paired, with the session
			// ID), or the campaign item when Retry On Fail got it through; the skipped repeat is still
			// output: every input item is accounted for.
			expect(result.error).toBeUndefined();
			const covered = result.items.flatMap((item) =>
				[item.pairedItem].flat().map((paired) => (paired as { item: number }).item),
			);
			expect(covered).toEqual([0, 1, 2]);
			expect(result.items.at(-1)?.json).toMatchObject({ skipped: true, duplicateOfItem: 0 });
			const failed = result.items.filter((item) => item.json.error);
			if (!retry || failed.length) {
				expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				const sessions = new Set(failed.map((item) => item.json.ext_session_id));
				expect(sessions.size).toBe(1);
				expect([...sessions][0]).toMatch(/^n8n/);
			}
			expect(ctx.emulator.campaigns.size).toBe(failed.length && !after ? 0 : 1);
		} else {
			expect(result.error).toBeDefined();
			expect(ctx.emulator.campaigns.size).toBe(after ? 1 : 0);
		}
	});

	const pageFailures = [
		['HTTP 503', { status: 503, body: 'Service Unavailable' }],
		['dropped connection', { drop: true }],
		[
			'vendor busy envelope',
			{ body: { status_code: -9999, message: 'rate_limit_exceeded', payload: null } },
		],
	] as const;
	it.each(
		[1, 2, 3].flatMap((page) =>
			pageFailures.flatMap(([kind, response]) =>
				[false, true].map((cof) => [page, kind, response, cof] as const),
			),
		),
	)(
		'paginated list: page %i fails once (%s, continue %s)',
		async (page, _kind, response, continueOnFail) => {
			const path = '/api/call_bot/analyzed_log/list';
			let answered = 0;
			const listener = (request: { path: string }) => {
				if (request.path === path && ++answered === page - 1) {
					ctx.emulator.server.failNext('POST', path, response);
				}
			};
			if (page === 1) ctx.emulator.server.failNext('POST', path, response);
			else ctx.emulator.server.listeners.push(listener);
			const parameters = {
				resource: 'campaign',
				operation: 'getManyAnalyzedLogs',
				campaignId: '67ee1138e4c40956087cd265',
				returnAll: true,
			};
			try {
				const failed = await ctx.run(parameters, { continueOnFail });
				// Without a retry the list is not output half: an error (item), never a silent part.
				if (continueOnFail) {
					expect(failed.items).toHaveLength(1);
					expect(failed.items[0].json.error).toBeDefined();
				} else expect(failed.error).toBeDefined();
				answered = -100;
				if (page === 1) ctx.emulator.server.failNext('POST', path, response);
				else answered = 0;
				// Retry On Fail completes it (n8n retries only a node that fails, so without Continue On Fail).
				const retried = await ctx.run(parameters, {
					retryOnFail: { maxTries: 2, waitBetweenTries: 0 },
				});
				expect(retried.error?.message).toBeUndefined();
				expect(retried.items[0]?.json.error).toBeUndefined();
				expect(retried.items).toHaveLength(130);
				expect(new Set(retried.items.map((item) => item.json._id)).size).toBe(130);
			} finally {
				ctx.emulator.server.listeners.splice(ctx.emulator.server.listeners.indexOf(listener), 1);
			}
		},
	);
});

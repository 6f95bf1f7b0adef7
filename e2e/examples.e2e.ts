/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeOutput, postWebhook, startStack, type Stack } from './stack';

let stack: Stack;
beforeAll(async () => {
	stack = await startStack();
});
afterAll(async () => {
	await stack?.stop();
});

const omicallApi = () =>
	stack.sandbox.omicall.server.received.filter((r) => r.path !== '/api/auth');

describe(`examples in real n8n ${process.env.E2E_N8N_VERSION ?? ''}`, () => {
	it('loads the package as a community package (types n8n-nodes-callbot.*)', () => {
		const types = stack.workflows.flatMap(({ workflow }) =>
			workflow.nodes.map((node) => String(node.type)),
		);
		expect(types.filter((type) => type.startsWith('n8n-nodes-callbot.')).length).toBeGreaterThan(0);
		expect(stack.log()).not.toMatch(/error.*n8n-nodes-callbot/i);
	});

	it('runs on the ports it is given, in the Asia/Ho_Chi_Minh time zone, without the WEBHOOK_URL deprecation', async () => {
		// The stack takes free ports unless E2E_N8N_PORT / SANDBOX_*_PORT name them: the examples
		// must follow them (2a's callbackBase, the "Post to CRM" nodes; the tests below use them).
		const used = {
			E2E_N8N_PORT: stack.port,
			SANDBOX_OMICALL_PORT: Number(new URL(stack.sandbox.urls.omicall).port),
			SANDBOX_NXCLOUD_PORT: Number(new URL(stack.sandbox.urls.nxcloud).port),
			SANDBOX_CAPTURE_PORT: Number(new URL(stack.sandbox.urls.capture).port),
		};
		process.stdout.write(`ports: ${JSON.stringify(used)}\n`);
		for (const [variable, port] of Object.entries(used))
			if (!process.env[variable]) expect([5678, 4310, 4320, 4330], variable).not.toContain(port);
		expect((await stack.settings()).timezone).toBe(
			process.env.GENERIC_TIMEZONE || 'Asia/Ho_Chi_Minh',
		);
		// 2.x reads N8N_WEBHOOK_URL and warns about WEBHOOK_URL; 1.x reads WEBHOOK_URL only.
		expect(stack.log()).not.toMatch(/WEBHOOK_URL ->/);
	});

	it('Example 1: a CRM webhook starts one OMICall campaign for all its contacts', async () => {
		stack.sandbox.omicall.server.clearReceived();
		const event = {
			campaign: 'Nhắc lịch hẹn tháng 12',
			contacts: [
				{ id: 'CRM-1', name: 'Trần Văn Tiến', salutation: 'Anh', phone: '0395187319' },
				{ id: 'CRM-2', name: 'Nguyễn Thị Lan', salutation: 'Chị', phone: '+84 979 816 773' },
				{ id: 'CRM-3', name: 'Lê Minh', salutation: 'Anh', phone: '0900000000' },
			],
		};
		const response = await postWebhook(stack.webhookUrl('callbotEx001'), JSON.stringify(event));
		expect(response.status).toBe(200);
		const campaign = JSON.parse(response.text);
		expect(campaign.autocall_id).toMatch(/^[0-9a-f]{24}$/);
		expect(campaign.errors).toEqual([
			{ phone: '0900000000', error_code: 'number_dnc', message: 'Number DNC' },
		]);
		expect(campaign.refused).toEqual([]);

		const starts = omicallApi().filter((r) => r.path === '/api/call_bot/execute_by_phone');
		expect(starts).toHaveLength(1);
		const [start] = starts;
		expect(start.query).toEqual({ cid: '842899990338' });
		expect(start.headers['x-api-key']).toBe('sandbox-omicall-key');
		expect(start.headers.authorization).toMatch(/^Bearer ey/);
		expect(start.body).toMatchObject({
			bot_script_id: '653b155db0f7941234567890',
			name: 'Nhắc lịch hẹn tháng 12',
			voice: 'southern_female_honganh',
			num_retry: 1,
			contact_info: [
				{
					phone: '0395187319',
					ext_contact_code: 'CRM-1',
					mapping_variables: { full_name: 'Trần Văn Tiến', gender1: 'Anh' },
				},
				{
					phone: '84979816773',
					ext_contact_code: 'CRM-2',
					mapping_variables: { full_name: 'Nguyễn Thị Lan', gender1: 'Chị' },
				},
				{
					phone: '0900000000',
					ext_contact_code: 'CRM-3',
					mapping_variables: { full_name: 'Lê Minh', gender1: 'Anh' },
				},
			],
		});
		expect((start.body as { ext_session_id: string }).ext_session_id).toMatch(/^n8n[0-9a-f]{24}$/);
	});

	it("Example 1: a contact the node refuses is answered 422 with the node's message, nothing dialed; valid contacts beside it are called", async () => {
		const url = stack.webhookUrl('callbotEx001');
		const valid = { id: 'CRM-8', name: 'Trần Văn Tiến', salutation: 'Anh', phone: '0395187319' };
		const refused = { id: 'CRM-9', name: 'Lê Minh', salutation: 'Anh', phone: '12ab' };
		const starts = () => omicallApi().filter((r) => r.path === '/api/call_bot/execute_by_phone');
		stack.sandbox.omicall.server.clearReceived();

		const bad = await postWebhook(url, JSON.stringify({ campaign: 'Bad', contacts: [refused] }));
		expect(bad.status, bad.text).toBe(422);
		const answer = JSON.parse(bad.text);
		expect(answer.error).toContain('"12ab" is not a valid phone number');
		expect(answer.refused).toHaveLength(1);
		expect(answer.refused).toEqual([answer.error]);
		expect(starts()).toHaveLength(0);

		const mixed = await postWebhook(
			url,
			JSON.stringify({ campaign: 'Mixed', contacts: [valid, refused] }),
		);
		expect(mixed.status, mixed.text).toBe(200);
		const campaign = JSON.parse(mixed.text);
		expect(campaign.autocall_id).toMatch(/^[0-9a-f]{24}$/);
		expect(campaign.refused).toHaveLength(1);
		expect(campaign.refused[0]).toContain('of item 1 "12ab" is not a valid phone number');
		expect(starts()).toHaveLength(1);
		expect(
			(starts()[0].body as { contact_info: Array<{ phone: string }> }).contact_info.map(
				(c) => c.phone,
			),
		).toEqual(['0395187319']);
	});

	it('Example 1: an event without a contacts array is answered 422 before Split Out, nothing sent', async () => {
		const url = stack.webhookUrl('callbotEx001');
		stack.sandbox.omicall.server.clearReceived();
		for (const event of [{ campaign: 'No contacts' }, { campaign: 'Empty', contacts: [] }]) {
			const answer = await postWebhook(url, JSON.stringify(event));
			expect(answer.status, answer.text).toBe(422);
			expect(JSON.parse(answer.text)).toMatchObject({
				error: expect.stringContaining('The event has no contacts'),
				refused: [],
			});
		}
		expect(omicallApi()).toEqual([]);
	});

	const event = (campaign: string) =>
		JSON.stringify({
			campaign,
			contacts: [
				{ id: 'CRM-5', name: 'Trần Văn Tiến', salutation: 'Anh', phone: '0395187319' },
				{ id: 'CRM-6', name: 'Lê Minh', salutation: 'Anh', phone: '12ab' },
			],
		});
	const START = '/api/call_bot/execute_by_phone';

	it('Example 1: OMICall refusing the start (an error code in its answer) is answered 502 with the code, not 422', async () => {
		stack.sandbox.omicall.server.clearReceived();
		const campaigns = stack.sandbox.omicall.campaigns.size;
		stack.sandbox.omicall.server.failNext('POST', START, {
			body: { status_code: -9999, message: 'balance_is_not_enough', payload: null },
		});
		const answer = await postWebhook(stack.webhookUrl('callbotEx001'), event('Refused'));
		expect(answer.status, answer.text).toBe(502);
		const body = JSON.parse(answer.text);
		expect(body.error).toBe('OMICall error balance_is_not_enough: The account balance is too low.');
		expect(body.ext_session_id).toMatch(/^n8n[0-9a-f]{24}$/);
		expect(body.refused).toEqual([
			expect.stringContaining('of item 1 "12ab" is not a valid phone number'),
		]);
		expect(omicallApi().filter((r) => r.path === START)).toHaveLength(1);
		expect(stack.sandbox.omicall.campaigns.size).toBe(campaigns);
	});

	it('Example 1: no definite answer (HTTP 503, or the answer lost after OMICall started it) is answered 503 "may have started", not 422', async () => {
		const url = stack.webhookUrl('callbotEx001');
		for (const [afterHandling, response] of [
			[false, { status: 503 }],
			[true, { drop: true }],
		] as const) {
			stack.sandbox.omicall.server.clearReceived();
			const campaigns = stack.sandbox.omicall.campaigns.size;
			stack.sandbox.omicall.server.failNext('POST', START, response, { afterHandling });
			const answer = await postWebhook(url, event(`Unknown ${String(afterHandling)}`));
			expect(answer.status, answer.text).toBe(503);
			const body = JSON.parse(answer.text);
			expect(body.error).toContain('the campaign may have started');
			expect(body.error).toContain(body.ext_session_id);
			expect(body.ext_session_id).toMatch(/^n8n[0-9a-f]{24}$/);
			expect(body.cause).toEqual(expect.any(String));
			expect(body.refused).toHaveLength(1);
			const starts = omicallApi().filter((r) => r.path === START);
			expect(starts).toHaveLength(1);
			expect((starts[0].body as { ext_session_id: string }).ext_session_id).toBe(
				body.ext_session_id,
			);
			// The lost answer: OMICall did start it, which is why the CRM must check before resending.
			expect(stack.sandbox.omicall.campaigns.size).toBe(campaigns + (afterHandling ? 1 : 0));
		}
	});

	it('Example 3: exports the last 24 hours of call history into spreadsheet rows', async () => {
		stack.sandbox.omicall.server.clearReceived();
		const { code, run, output } = await stack.execute('callbotEx003');
		expect(code, output.slice(-2000)).toBe(0);
		const rows = nodeOutput(run, 'Spreadsheet Rows');
		const expected = stack.sandbox.omicall.calls.filter(
			(call) => (call.created_date as number) >= Date.now() - 24 * 3600_000 - 60_000,
		);
		expect(rows.length).toBeGreaterThanOrEqual(expected.length - 1);
		expect(rows.length).toBeLessThanOrEqual(expected.length);
		expect(Object.keys(rows[0])).toEqual([
			'Call ID',
			'Time',
			'Direction',
			'From',
			'To',
			'Answered',
			'Talk Seconds',
			'Extension',
			'Auto-Call',
			'Recording',
			'Tags',
			'Note',
		]);
		expect(rows[0]['Time']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		const list = omicallApi().filter((r) => r.path === '/api/call_transaction/list');
		expect(list.length).toBeGreaterThanOrEqual(1);
		const window = Number(list[0].query.to_date) - Number(list[0].query.from_date);
		expect(Math.abs(window - 24 * 3600_000)).toBeLessThan(5_000);
	});

	it('OMICall token flow: after the sandbox expires the token, n8n re-authenticates once and succeeds', async () => {
		await stack.execute('callbotEx003');
		stack.sandbox.omicall.expireTokens();
		stack.sandbox.omicall.server.clearReceived();
		const { code, output } = await stack.execute('callbotEx003');
		expect(code, output.slice(-2000)).toBe(0);
		const paths = stack.sandbox.omicall.server.received.map((r) => r.path);
		expect(paths.filter((p) => p === '/api/auth')).toHaveLength(1);
		expect(paths[0]).toBe('/api/call_transaction/list');
		expect(paths[1]).toBe('/api/auth');
		expect(paths.slice(2).every((p) => p === '/api/call_transaction/list')).toBe(true);
	});

	it('Example 2: contacts → NXCLOUD create-and-call task; signed call results come back through the trigger and go on to the CRM', async () => {
		stack.sandbox.nxcloud.received.length = 0;
		stack.sandbox.captured.clear();
		const { code, run, output } = await stack.execute('callbotEx02a');
		expect(code, output.slice(-2000)).toBe(0);

		const creates = stack.sandbox.nxcloud.received.filter((r) => r.path.endsWith('/createAndCall'));
		expect(creates).toHaveLength(1);
		const body = creates[0].body as {
			userTaskID: string;
			callInfoList: {
				callList: Array<{ userPhone: string; other: string }>;
				callCallbackUrl: string;
			};
		};
		expect(body.userTaskID).toMatch(/^n8n[0-9a-f]{29}$/);
		expect(body.callInfoList.callList.map((c) => [c.userPhone, c.other])).toEqual([
			['84395187319', 'CRM-101'],
			['84979816773', 'CRM-102'],
			['8613800138000', 'CRM-103'],
		]);
		expect(body.callInfoList.callCallbackUrl).toBe(`${stack.webhookUrl('callbotEx02b')}?kind=call`);
		// The emulator verified the signature over the raw bytes; the Chinese name travelled as UTF-8.
		expect(creates[0].rawBody.toString('utf8')).toContain('王小明');
		expect(nodeOutput(run, 'Create Task and Call')).toHaveLength(3);

		await stack.sandbox.settled();
		await expect
			.poll(() => stack.sandbox.captured.get('nxcloud-call-results')?.length ?? 0, {
				timeout: 20_000,
			})
			.toBe(3);
		const results = stack.sandbox.captured.get('nxcloud-call-results') as Array<
			Record<string, unknown>
		>;
		// Each CRM record is its order's call, whole. The three callbacks start three executions at
		// once, the first this workflow ever ran: Remove Duplicates fails in all but one of them (its
		// history is created by a find-then-insert, "UNIQUE constraint failed: processed_data…"), n8n
		// replaces those items' fields with {error}, and CRM Fields reads the trigger's item instead.
		const orders = [...stack.sandbox.nxcloud.orders.values()].filter(
			(order) => order.userTaskID === body.userTaskID,
		);
		const byCrmId = (a: Record<string, unknown>, b: Record<string, unknown>) =>
			String(a.crmId).localeCompare(String(b.crmId));
		expect([...results].sort(byCrmId)).toEqual(
			orders
				.map((order) => ({
					crmId: order.other,
					phone: order.userPhone,
					task: body.userTaskID,
					order: order.orderID,
					talkSeconds: 42,
					recording: order.calls.at(-1)?.callAudioUrl,
					event: 'callFinished',
				}))
				.sort(byCrmId),
		);
		expect(results.map((r) => r.crmId).sort()).toEqual(['CRM-101', 'CRM-102', 'CRM-103']);
		// Order callbacks were delivered too, acknowledged, and started nothing (the trigger listens to calls only).
		const orderCallbacks = stack.sandbox.nxcloud.callbacksSent.filter((c) => c.kind === 'order');
		expect(orderCallbacks.length).toBe(3);
		expect(orderCallbacks.every((c) => c.status === 200)).toBe(true);
	});

	it('NXCLOUD trigger in n8n: a tampered callback gets 401 and starts nothing; a valid one starts the workflow', async () => {
		const url = `${stack.webhookUrl('callbotEx02b')}?kind=call`;
		const [orderID] = [...stack.sandbox.nxcloud.orders.keys()];
		// A new call attempt (a new callID): the trigger drops repeats of calls it has already seen.
		stack.sandbox.nxcloud.simulateCall(orderID, { callDuration: 42 });
		const callback = stack.sandbox.nxcloud.signedCallback(
			'call',
			stack.sandbox.nxcloud.callCallbackPayload(orderID),
		);
		const before = stack.sandbox.captured.get('nxcloud-call-results')?.length ?? 0;

		const tampered = await postWebhook(
			url,
			callback.rawBody.replace('"callDuration":42', '"callDuration":4200'),
			callback.headers,
		);
		expect(tampered.status).toBe(401);
		const unsigned = await postWebhook(url, callback.rawBody, {
			'content-type': 'application/json',
		});
		expect(unsigned.status).toBe(401);

		const valid = await postWebhook(url, callback.rawBody, callback.headers);
		expect(valid.status).toBe(200);
		expect(JSON.parse(valid.text)).toEqual({ retCode: 0, retMsg: 'success' });
		await expect
			.poll(() => stack.sandbox.captured.get('nxcloud-call-results')?.length ?? 0, {
				timeout: 20_000,
			})
			.toBe(before + 1);
		// Nothing more arrives: the two refused callbacks started no execution.
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(stack.sandbox.captured.get('nxcloud-call-results')).toHaveLength(before + 1);
	});

	it('Example 4: a guest message goes into OMICall; the OMICall Trigger receives the chatbot reply', async () => {
		stack.sandbox.captured.clear();
		stack.sandbox.omicall.server.clearReceived();
		const { code, output } = await stack.execute('callbotEx04a');
		expect(code, output.slice(-2000)).toBe(0);
		const sent = omicallApi().filter((r) => r.path === '/api/social/livetalk/guest_send_message');
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toMatchObject({
			content: 'Chào shop, tôi muốn đổi lịch hẹn sang thứ Bảy.',
		});

		await stack.sandbox.settled();
		await expect
			.poll(() => stack.sandbox.captured.get('omicall-replies')?.length ?? 0, { timeout: 20_000 })
			.toBe(1);
		const [reply] = stack.sandbox.captured.get('omicall-replies') as Array<Record<string, unknown>>;
		expect(reply).toMatchObject({ event: 'chatMessage', from: 'bot' });
		expect(String(reply.text)).toContain('đổi lịch hẹn');
		expect(stack.sandbox.omicall.deliveredCallbacks.at(-1)?.status).toBe(200);
	});

	it('Example 5: the AI agent starts an OMICall campaign with the node as its tool (scripted model of the sandbox)', async () => {
		stack.sandbox.omicall.server.clearReceived();
		stack.sandbox.openai.clear();
		const response = await postWebhook(
			stack.nodeWebhookUrl('callbotEx005', 'When Chat Message Received'),
			JSON.stringify({
				action: 'sendMessage',
				sessionId: 'e2e-example-5',
				chatInput: 'Call contact_name: Nguyễn Thị Lan, phone: 0979816773',
			}),
		);
		expect(response.status, response.text).toBe(200);
		const starts = omicallApi().filter((r) => r.path === '/api/call_bot/execute_by_phone');
		expect(starts).toHaveLength(1);
		expect(starts[0].body).toMatchObject({
			contact_info: [{ phone: '0979816773', mapping_variables: { full_name: 'Nguyễn Thị Lan' } }],
		});
		// The newest campaign of the sandbox, passed back to the model and quoted in the answer.
		const autocallId = [...stack.sandbox.omicall.campaigns.keys()].at(-1)!;
		const [result] = stack.sandbox.openai.requests.at(-1)!.turn.toolResults;
		expect(result.name).toBe('Start_Callbot_Campaign');
		expect(result.output).toContain(autocallId);
		expect(JSON.parse(response.text).output).toContain(autocallId);
	});

	it('OMICall trigger in n8n: no secret → 401 and nothing starts; with the secret the answer comes well inside 2 s', async () => {
		const url = stack.webhookUrl('callbotEx04b');
		const message = JSON.stringify({
			uuid: `m-${Date.now()}`,
			conv_uuid: 'c-1',
			member_type: 'agent',
			content: 'Xin chào',
		});
		const before = stack.sandbox.captured.get('omicall-replies')?.length ?? 0;

		const refused = await postWebhook(url, message);
		expect(refused.status).toBe(401);
		const wrong = await postWebhook(`${url}?secret=not-the-secret`, message);
		expect(wrong.status).toBe(401);

		const accepted = await postWebhook(`${url}?secret=sandbox-webhook-secret`, message);
		expect(accepted.status).toBe(200);
		expect(JSON.parse(accepted.text)).toEqual({});
		// OMICall gives up after 2 s: the trigger answers before the workflow runs.
		expect(accepted.ms).toBeLessThan(2000);
		process.stdout.write(`OMICall webhook answered in ${accepted.ms.toFixed(0)} ms\n`);
		await expect
			.poll(() => stack.sandbox.captured.get('omicall-replies')?.length ?? 0, { timeout: 20_000 })
			.toBe(before + 1);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(stack.sandbox.captured.get('omicall-replies')).toHaveLength(before + 1);
	});
});

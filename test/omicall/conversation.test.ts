/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiRequests, startOmicall, TENANT_KEY, type OmicallContext } from './setup';

let ctx: OmicallContext;
beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => ctx.emulator.server.clearReceived());

describe('Conversation', () => {
	it('creates a conversation and outputs the conversation, not the envelope', async () => {
		const result = await ctx.run({
			resource: 'conversation',
			operation: 'create',
			channel: 'livetalk',
			conversationUuid: 'chat-0001',
			guestInfo: { phone: '0395 187 319', full_name: 'Nguyễn Văn Hiền', domain: 'support130' },
		});
		const [request] = apiRequests(ctx.emulator);
		expect([request.method, request.path]).toEqual(['POST', '/api/social/livetalk/new_room']);
		expect(request.headers['x-api-key']).toBe(TENANT_KEY);
		expect(request.body).toEqual({
			uuid: 'chat-0001',
			guest_info: { phone: '0395187319', full_name: 'Nguyễn Văn Hiền', domain: 'support130' },
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			uuid: 'chat-0001',
			status: 'active',
			_id: expect.any(String),
		});
	});

	it('sends guest messages with attachments and lists them across pages', async () => {
		const created = await ctx.run({
			resource: 'conversation',
			operation: 'create',
			channel: 'livetalk',
			conversationUuid: '',
			guestInfo: {},
		});
		expect((apiRequests(ctx.emulator)[0].body as { uuid: string }).uuid).toBe('');
		const { uuid, _id } = created.items[0].json as { uuid: string; _id: string };

		const messages = Array.from({ length: 20 }, (_, i) => ({ text: `Tin nhắn ${i + 1} 你好` }));
		ctx.emulator.server.clearReceived();
		const sent = await ctx.run(
			{
				resource: 'conversation',
				operation: 'sendMessage',
				channel: 'livetalk',
				conversationUuid: uuid,
				content: '={{ $json.text }}',
				attachments: {
					attachment: [
						{ name: 'a.png', url: 'https://example.com/a.png', content_type: 'image/png' },
					],
				},
			},
			{ items: messages },
		);
		expect(sent.error).toBeUndefined();
		expect(sent.items).toHaveLength(20);
		const sends = apiRequests(ctx.emulator);
		expect(sends).toHaveLength(20);
		expect(sends[0].path).toBe('/api/social/livetalk/guest_send_message');
		expect(sends.map((r) => (r.body as { content: string }).content).sort()).toEqual(
			messages.map((m) => m.text).sort(),
		);
		expect(sends[0].body).toMatchObject({
			uuid,
			multimedias: [{ name: 'a.png', url: 'https://example.com/a.png', content_type: 'image/png' }],
		});

		ctx.emulator.server.clearReceived();
		const listed = await ctx.run({
			resource: 'conversation',
			operation: 'getManyMessages',
			conversationId: _id,
			returnAll: true,
		});
		const pages = apiRequests(ctx.emulator);
		expect(pages.map((r) => [r.path, r.query.page, r.query.size])).toEqual([
			['/api/social/message/list', '1', '15'],
			['/api/social/message/list', '2', '15'],
		]);
		expect(pages[0].body).toEqual({ conv_id: _id });
		expect(listed.items).toHaveLength(20);

		ctx.emulator.server.clearReceived();
		const limited = await ctx.run({
			resource: 'conversation',
			operation: 'getManyMessages',
			conversationId: _id,
			returnAll: false,
			limit: 5,
		});
		expect(apiRequests(ctx.emulator).map((r) => r.query.size)).toEqual(['5']);
		expect(limited.items).toHaveLength(5);
	});

	it.each([
		[
			{ operation: 'sendMessage', conversationUuid: 'c', content: '={{ $json.none }}' },
			'Message of item 0 is empty',
		],
		[
			{
				operation: 'sendMessage',
				conversationUuid: 'c',
				content: 'hi',
				attachments: { attachment: [{ name: 'x' }] },
			},
			'Attachment 1 URL of item 0 is empty',
		],
		[
			{ operation: 'getManyMessages', conversationId: '={{ $json.none }}', returnAll: true },
			'Conversation ID of item 0 is empty',
		],
		[
			{ operation: 'create', guestInfo: { phone: 'abc' } },
			'Guest Info phone of item 0 "abc" is not a valid phone number',
		],
		[
			{ operation: 'transfer', sourceEmail: 'agent.a', targetEmail: 'b@example.com' },
			'From Agent Email of item 0 "agent.a" is not a valid email address',
		],
		[
			{
				operation: 'transfer',
				sourceEmail: 'a@example.com',
				targetEmail: 'b@example.com',
				transferOptions: { callbackHeaders: { header: [{ name: 'X-A', value: '1' }] } },
			},
			'Result Callback Headers of item 0 are set without a Result Callback URL',
		],
	])('checks input before sending (%#)', async (parameters, message) => {
		const result = await ctx.run({ resource: 'conversation', channel: 'livetalk', ...parameters });
		expect(result.error?.message).toBe(message);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});

describe('Conversation → Transfer', () => {
	let receiver: Server;
	const received: Array<{ headers: Record<string, unknown>; body: unknown }> = [];
	let receiverUrl: string;
	beforeAll(async () => {
		receiver = createServer((req, res) => {
			let raw = '';
			req.on('data', (c) => (raw += c));
			req.on('end', () => {
				received.push({ headers: req.headers, body: JSON.parse(raw) });
				res.end('{}');
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
	});
	afterAll(() => receiver.close());

	it('starts a transfer (HTTP 202) whose result callback carries the chosen headers', async () => {
		const result = await ctx.run({
			resource: 'conversation',
			operation: 'transfer',
			sourceEmail: 'agent.a@example.com',
			targetEmail: 'agent.b@example.com',
			transferOptions: {
				replaceExistingMembers: true,
				convIds: 'c1, c2',
				callbackUrl: receiverUrl,
				callbackHeaders: { header: [{ name: 'X-Callbot-Secret', value: 's3cret' }] },
			},
		});
		expect(result.error).toBeUndefined();
		const [request] = apiRequests(ctx.emulator);
		expect([request.method, request.path]).toEqual(['POST', '/api/v3/agent/conversation/transfer']);
		expect(request.body).toEqual({
			sourceEmail: 'agent.a@example.com',
			targetEmail: 'agent.b@example.com',
			previewChanges: false,
			replaceExistingMembers: true,
			convIds: ['c1', 'c2'],
			callbackResultConfig: { url: receiverUrl, headers: { 'X-Callbot-Secret': 's3cret' } },
		});
		const requestId = result.items[0].json.requestId;
		expect(requestId).toEqual(expect.any(String));
		await expect.poll(() => received.length).toBe(1);
		expect(received[0].headers['x-callbot-secret']).toBe('s3cret');
		expect(received[0].body).toMatchObject({
			requestId,
			action: 'CONVERSATION_AGENT_TRANSFER',
			status: 'SUCCESS',
		});
	});
});

import type { INodeProperties } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Omicall } from '../../nodes/Omicall/Omicall.node';
import { apiRequests, startOmicall, TENANT_KEY, type OmicallContext } from './setup';

let ctx: OmicallContext;
beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());

const CDR = {
	url: 'https://crm.example.com/omicall/cdr',
	type: 'call',
	status: 'actived',
	events: null,
	headers: [],
};
const EVENTS = {
	url: 'https://crm.example.com/omicall/events',
	type: 'call_event',
	status: 'actived',
	events: ['ringing', 'answered', 'hangup'],
	headers: [],
};
beforeEach(() => {
	ctx.emulator.server.clearReceived();
	ctx.emulator.webhooks = [structuredClone(CDR), structuredClone(EVENTS)];
});
const sent = () => apiRequests(ctx.emulator);

describe('Webhook → Get Many', () => {
	it('lists the webhooks, one item each; Limit cuts the list', async () => {
		let result = await ctx.run({ resource: 'webhook', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([CDR, EVENTS]);
		const [request] = sent();
		expect([request.method, request.path, request.query]).toEqual([
			'GET',
			'/api/webhooks/list',
			{},
		]);
		expect(request.headers['x-api-key']).toBe(TENANT_KEY);
		expect(request.headers.authorization).toMatch(/^Bearer /);
		result = await ctx.run({ resource: 'webhook', operation: 'getAll', limit: 1 });
		expect(result.items.map((item) => item.json)).toEqual([CDR]);
	});
});

describe('Webhook → Register', () => {
	it('sends the documented wrapped body for end-of-call records (events null)', async () => {
		const result = await ctx.run({
			resource: 'webhook',
			operation: 'register',
			hookType: 'call',
			url: 'https://hooks.example.com/cdr',
		});
		expect(result.error).toBeUndefined();
		expect(sent()[0].body).toEqual({
			webhook: { type: 'call', url: 'https://hooks.example.com/cdr', events: null },
		});
		expect(result.items[0].json).toEqual({ registered: true, hookType: 'call', events: null });
		// OMICall keeps one webhook per type: the CDR webhook was replaced.
		expect(ctx.emulator.webhooks.find((w) => w.type === 'call')?.url).toBe(
			'https://hooks.example.com/cdr',
		);
	});

	it('live call events are type call with an events list', async () => {
		const result = await ctx.run({
			resource: 'webhook',
			operation: 'register',
			hookType: 'call_event',
			url: 'https://hooks.example.com/events',
			events: ['answered', 'hangup'],
		});
		expect(result.error).toBeUndefined();
		expect(sent()[0].body).toEqual({
			webhook: {
				type: 'call',
				url: 'https://hooks.example.com/events',
				events: ['answered', 'hangup'],
			},
		});
		expect(ctx.emulator.webhooks.find((w) => w.type === 'call_event')?.events).toEqual([
			'answered',
			'hangup',
		]);
	});

	it('refuses a URL that is not HTTPS before any request', async () => {
		for (const [url, message] of [
			['http://hooks.example.com/cdr', 'URL of item 0 is not an HTTPS address'],
			['hooks.example.com', 'URL of item 0 "hooks.example.com" is not a URL'],
			['={{ $json.none }}', 'URL of item 0 is empty'],
		]) {
			const result = await ctx.run({ resource: 'webhook', operation: 'register', url });
			expect(result.error?.message).toBe(message);
		}
		expect(sent()).toHaveLength(0);
	});
});

describe('Webhook → Remove', () => {
	it('sends hook_type in the query and outputs {deleted: true, hookType}', async () => {
		const result = await ctx.run({ resource: 'webhook', operation: 'remove', hookType: 'call' });
		expect(result.error).toBeUndefined();
		const [request] = sent();
		expect([request.method, request.path, request.query]).toEqual([
			'POST',
			'/api/webhooks/destroy',
			{ hook_type: 'call' },
		]);
		expect(result.items[0].json).toEqual({ deleted: true, hookType: 'call' });
		expect(ctx.emulator.webhooks).toEqual([]);
	});

	it("an OMICall refusal is an error with OMICall's code", async () => {
		ctx.emulator.server.failNext('POST', '/api/webhooks/destroy', {
			body: { status_code: -9999, message: 'permission_denied', payload: null },
		});
		const result = await ctx.run({ resource: 'webhook', operation: 'remove', hookType: 'contact' });
		expect(result.error?.message).toBe(
			'OMICall error permission_denied: The API key has no permission for this operation.',
		);
	});
});

describe('Webhook in tool mode', () => {
	it('an AI agent gets Get Many only: Register and Remove are hidden', () => {
		const operations = new Omicall().description.properties.filter(
			(p: INodeProperties) =>
				p.name === 'operation' && p.displayOptions?.show?.resource?.includes('webhook'),
		);
		const tool = operations.find((p) => p.displayOptions?.show?.['@tool']);
		const workflow = operations.find((p) => !p.displayOptions?.show?.['@tool']);
		expect(tool?.options?.map((o) => (o as { value: string }).value)).toEqual(['getAll']);
		expect(workflow?.options?.map((o) => (o as { value: string }).value)).toEqual([
			'getAll',
			'register',
			'remove',
		]);
	});
});

import {
	NodeConnectionTypes,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
} from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OmicallApi } from '../../credentials/OmicallApi.credentials';
import { Omicall } from '../../nodes/Omicall/Omicall.node';
import { runNode } from '../harness/run-node';
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
/** The value an OMICall Trigger puts in its registered URL's query (`?secret=…`). */
const HIDDEN = 'TOPSECRET-0123456789';

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

describe('Webhook → Get Many: the secret in a registered URL', () => {
	// What the OMICall Trigger registers (its secret in the query), and the reference's own sample.
	const TRIGGER = {
		...CDR,
		url: `https://n8n.example.com/webhook/abc/webhook?secret=${HIDDEN}`,
	};
	const SAMPLE = {
		...EVENTS,
		url: `https://ops:${HIDDEN}@example.com/omicall/events?key=${HIDDEN}&v=2&${HIDDEN}#${HIDDEN}`,
	};
	beforeEach(() => {
		ctx.emulator.webhooks = [structuredClone(TRIGGER), structuredClone(SAMPLE)];
	});
	const getMany = (parameters: INodeParameters = {}) =>
		ctx.run({ resource: 'webhook', operation: 'getAll', returnAll: true, ...parameters });

	it('redacts every query value by default and keeps the names', async () => {
		const result = await getMany();
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			{ ...TRIGGER, url: 'https://n8n.example.com/webhook/abc/webhook?secret=[redacted]' },
			{
				...SAMPLE,
				url: 'https://[redacted]@example.com/omicall/events?key=[redacted]&v=[redacted]&[redacted]#[redacted]',
			},
		]);
		expect(JSON.stringify(result.items)).not.toContain(HIDDEN);
	});

	it('outputs the URLs whole with Include URL Secrets', async () => {
		const result = await getMany({ includeUrlSecrets: true });
		expect(result.items.map((item) => item.json)).toEqual([TRIGGER, SAMPLE]);
	});

	it('an AI agent never gets the secret, even from a tool node saved with Include URL Secrets', async () => {
		const description = new Omicall().description;
		// The tool variant as n8n names it (`<name>Tool`, so `@tool` is true), runnable by the harness.
		const toolNode: INodeType = {
			description: {
				...description,
				name: `${description.name}Tool`,
				inputs: [NodeConnectionTypes.Main],
				outputs: [NodeConnectionTypes.Main],
			},
			methods: new Omicall().methods,
		};
		const property = toolNode.description.properties.find((p) => p.name === 'includeUrlSecrets');
		expect(property?.displayOptions?.hide?.['@tool']).toEqual([true]);
		const result = await runNode({
			nodeType: toolNode,
			credentialTypes: [new OmicallApi()],
			credentialsHelper: ctx.credentials,
			parameters: {
				resource: 'webhook',
				operation: 'getAll',
				returnAll: true,
				includeUrlSecrets: true,
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.url)).toEqual([
			'https://n8n.example.com/webhook/abc/webhook?secret=[redacted]',
			'https://[redacted]@example.com/omicall/events?key=[redacted]&v=[redacted]&[redacted]#[redacted]',
		]);
		expect(JSON.stringify(result.items)).not.toContain(HIDDEN);
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

	it('names a bad URL by its origin and path only: the query secret stays out of the error', async () => {
		for (const [url, message] of [
			[
				`https://n8n.example.com/webhook/abc/webhook?secret=${HIDDEN} &v=2`,
				'URL of item 0 "https://n8n.example.com/webhook/abc/webhook" is not a URL (it contains a space)',
			],
			[
				`https://n8n.example.com/web hook?secret=${HIDDEN}#${HIDDEN}`,
				'URL of item 0 "https://n8n.example.com/web%20hook" is not a URL (it contains a space)',
			],
			[
				`https://ops:${HIDDEN}@n8n example.com/hook?secret=${HIDDEN}`,
				'URL of item 0 "https://n8n example.com/hook" is not a URL (it contains a space)',
			],
			[
				`n8n.example.com/hook?secret=${HIDDEN}`,
				'URL of item 0 "n8n.example.com/hook" is not a URL',
			],
		]) {
			const result = await ctx.run({ resource: 'webhook', operation: 'register', url });
			expect(result.error?.message).toBe(message);
			// n8n attaches the node (its saved parameters, the URL typed in) to every error; what the
			// node itself adds must not hold the secret.
			const added = JSON.stringify(result.error, (key, value: unknown) =>
				key === 'node' ? undefined : value,
			);
			expect(added).not.toContain(HIDDEN);
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

/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INodeParameters } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OmicallApi } from '../../credentials/OmicallApi.credentials';
import { OmicallTrigger } from '../../nodes/OmicallTrigger/OmicallTrigger.node';
import { forgetDeliveries } from '../../nodes/shared/webhook';
import { OmicallEmulator } from '../emulators/omicall';
import { captureLogs, type CapturedLogs } from '../harness/capture-logs';
import { WebhookHarness } from '../harness/run-webhook';

const API_KEY = 'sandbox-tenant';
const SECRET = 'dummy-registration-secret-0001';
const EVENT_STATES = ['ringing', 'answered', 'hangup'];

const OLD_CDR = {
	url: 'https://crm.example.com/omicall/cdr?key=OLD',
	type: 'call',
	status: 'actived',
	events: null,
	headers: [],
};
const OLD_EVENTS = {
	url: 'https://crm.example.com/omicall/events?key=OLD',
	type: 'call_event',
	status: 'actived',
	events: EVENT_STATES,
	headers: [],
};

/**
 * n8n's webhook server, reduced to what the test needs: it hands each POST to the trigger through
 * the harness and sends back the answer. OMICall's `deliver()` posts to the URL it has registered.
 */
class N8nStandIn {
	private server?: Server;
	harness?: WebhookHarness;
	baseUrl = '';

	async start(): Promise<void> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const url = new URL(req.url ?? '/', 'http://127.0.0.1');
				const query: Record<string, string> = {};
				url.searchParams.forEach((value, key) => (query[key] = value));
				void this.harness!.deliver({
					headers: req.headers as Record<string, string>,
					query,
					body: Buffer.concat(chunks),
				}).then((delivery) => {
					res.writeHead(delivery.status, { 'content-type': 'application/json' });
					res.end(JSON.stringify(delivery.body ?? null));
				});
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook`;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}
}

let omicall: OmicallEmulator;
let n8n: N8nStandIn;
let logs: CapturedLogs;

beforeEach(async () => {
	forgetDeliveries();
	logs = captureLogs();
	omicall = new OmicallEmulator({ apiKey: API_KEY });
	await omicall.start();
	n8n = new N8nStandIn();
	await n8n.start();
});

afterEach(async () => {
	logs.restore();
	await omicall.server.stop();
	await n8n.stop();
});

function trigger(parameters: INodeParameters = {}) {
	const harness = new WebhookHarness({
		nodeType: new OmicallTrigger(),
		credentialTypes: [new OmicallApi()],
		credentials: { omicallApi: { baseUrl: omicall.url, apiKey: API_KEY, accessToken: '' } },
		parameters: {
			events: ['callEnded', 'callState'],
			secret: SECRET,
			registerWebhook: true,
			...parameters,
		},
		webhookBaseUrl: n8n.baseUrl,
	});
	n8n.harness = harness;
	return harness;
}

/** The webhook calls the trigger made (without the token exchange). */
function managementCalls() {
	return omicall.server.received
		.filter((r) => r.path.startsWith('/api/webhooks/'))
		.map(
			(r) =>
				`${r.method} ${r.path}${r.query.hook_type ? `?hook_type=${String(r.query.hook_type)}` : ''}`,
		);
}

describe('OMICall Trigger: registration lifecycle', () => {
	it('registers on activation, is found by checkExists, and restores the previous webhooks on deactivation', async () => {
		omicall.webhooks = [structuredClone(OLD_CDR), structuredClone(OLD_EVENTS)];
		const before = structuredClone(omicall.webhooks);
		const harness = trigger();
		const url = `${harness.webhookUrl()}?secret=${SECRET}`;

		expect(await harness.hook('checkExists')).toBe(false);
		expect(await harness.hook('create')).toBe(true);
		expect(omicall.webhooks).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ type: 'call', url, events: null }),
				expect.objectContaining({ type: 'call_event', url, events: EVENT_STATES }),
			]),
		);
		expect(omicall.webhooks).toHaveLength(2);
		// The documented wrapped body.
		const registers = omicall.server.requests('/api/webhooks/register');
		expect(registers.map((r) => r.body)).toEqual([
			{ webhook: { type: 'call', url, events: null } },
			{ webhook: { type: 'call', url, events: EVENT_STATES } },
		]);
		// The list now shows it: activating again registers nothing more.
		expect(await harness.hook('checkExists')).toBe(true);
		omicall.server.clearReceived();
		await harness.activate();
		expect(managementCalls()).toEqual(['GET /api/webhooks/list']);

		await harness.hook('delete');
		expect(omicall.webhooks).toEqual(expect.arrayContaining(before));
		expect(omicall.webhooks).toHaveLength(2);
		expect(harness.staticData).toEqual({});
	});

	it('removes its registration and leaves nothing when nothing was registered before', async () => {
		const harness = trigger();
		await harness.activate();
		expect(omicall.webhooks.map((w) => w.type).sort()).toEqual(['call', 'call_event']);
		await harness.deactivate();
		expect(omicall.webhooks).toEqual([]);
	});

	it('restores a webhook of the other type that removing its own took along', async () => {
		omicall.webhooks = [structuredClone(OLD_CDR)];
		const harness = trigger({ events: ['callState'] });
		await harness.activate();
		expect(omicall.webhooks).toHaveLength(2);
		await harness.deactivate();
		// The emulator's destroy?hook_type=call removes both types; the old CDR webhook is put back.
		expect(omicall.webhooks).toEqual([
			expect.objectContaining({ type: 'call', url: OLD_CDR.url, events: null }),
		]);
	});

	it('does not restore over a webhook registered by someone else in the meantime', async () => {
		omicall.webhooks = [structuredClone(OLD_CDR)];
		const harness = trigger({ events: ['callEnded'] });
		await harness.activate();
		const newcomer = { ...OLD_CDR, url: 'https://other.example.com/cdr' };
		omicall.webhooks = [newcomer];
		await harness.deactivate();
		expect(omicall.webhooks).toEqual([newcomer]);
	});

	it('delivers what OMICall posts to the registered URL, with the secret in its query', async () => {
		const harness = trigger({ options: { dropRepeats: true } });
		await harness.activate();
		const registered = String(omicall.webhooks.find((w) => w.type === 'call')!.url);
		const cdr = { transaction_id: 'tx-1', state: 'cdr', direction: 'outbound', bill_sec: 10 };
		expect(await omicall.deliver(registered, {}, cdr)).toBe(200);
		expect(await omicall.deliver(registered, {}, cdr)).toBe(200);
		const withoutSecret = registered.split('?')[0];
		expect(await omicall.deliver(withoutSecret, {}, cdr)).toBe(401);
		expect(omicall.deliveredCallbacks.map((d) => d.status)).toEqual([200, 200, 401]);
	});

	it('registers the test URL when listening for a test event', async () => {
		const harness = trigger({ events: ['callEnded'] });
		await harness.activate({ isTest: true });
		expect(omicall.webhooks).toEqual([
			expect.objectContaining({
				type: 'call',
				url: `${harness.webhookUrl(true)}?secret=${SECRET}`,
			}),
		]);
		await harness.deactivate({ isTest: true });
		expect(omicall.webhooks).toEqual([]);
	});

	it('calls no OMICall API when automatic registration is off', async () => {
		omicall.webhooks = [structuredClone(OLD_CDR)];
		const harness = trigger({ registerWebhook: false });
		await harness.activate();
		await harness.deactivate();
		expect(managementCalls()).toEqual([]);
		expect(omicall.webhooks).toEqual([OLD_CDR]);
	});

	it('refuses to register a URL without the secret (header mode cannot register)', async () => {
		const harness = trigger({ secretLocation: 'header', headerName: 'x-omicall-secret' });
		// Register Webhook Automatically is not shown in header mode, so it is off.
		expect(await harness.hook('checkExists')).toBe(true);
		const forced = trigger({ secret: '' });
		expect(await forced.hook('checkExists')).toBe(false);
		await expect(forced.hook('create')).rejects.toThrow(
			'Automatic registration needs the secret in the URL query',
		);
		expect(managementCalls()).toEqual([]);
	});

	it('reports an OMICall refusal, and deactivation still restores what was there', async () => {
		omicall.webhooks = [structuredClone(OLD_CDR)];
		const harness = trigger({ events: ['callEnded'] });
		omicall.server.failNext('POST', '/api/webhooks/register', {
			body: { status_code: -9999, payload: { status: 'fail', error: 'permission_denied' } },
		});
		await expect(harness.hook('create')).rejects.toThrow(
			'OMICall error permission_denied: The API key has no permission for this operation.',
		);
		await harness.deactivate();
		expect(omicall.webhooks).toEqual([OLD_CDR]);
	});

	it('needs the OMICall credential only for automatic registration', async () => {
		const description = new OmicallTrigger().description;
		expect(description.credentials).toEqual([
			{ name: 'omicallApi', required: true, displayOptions: { show: { registerWebhook: [true] } } },
		]);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INodeParameters } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OmicallApi } from '../../credentials/OmicallApi.credentials';
import { OmicallWebhookApi } from '../../credentials/OmicallWebhookApi.credentials';
import { OmicallTrigger } from '../../nodes/Omicall/OmicallTrigger.node';
import { registrationSettings } from '../../nodes/Omicall/trigger/requests';
import { forgetDeliveries } from '../../nodes/shared/webhook/repeats';
import { OmicallEmulator } from '../../emulators/omicall';
import { captureLogs, type CapturedLogs } from '../harness/capture-logs';
import { WebhookHarness } from '../harness/run-webhook';

const API_KEY = 'sandbox-tenant';
const SECRET = 'dummy-registration-secret-0001';
const EVENT_STATES = ['ringing', 'answered', 'hangup'];

/** Other integrations' webhooks, with plain URLs (restorable) … */
const OLD_CDR = {
	url: 'https://crm.example.com/omicall/cdr',
	type: 'call',
	status: 'actived',
	events: null,
	headers: [],
};
const OLD_EVENTS = {
	url: 'https://crm.example.com/omicall/events',
	type: 'call_event',
	status: 'actived',
	events: EVENT_STATES,
	headers: [],
};
/** … and with their own secret in the query (never stored, so not restorable). */
const OLD_CDR_WITH_SECRET = {
	...OLD_CDR,
	url: 'https://crm.example.com/omicall/cdr?key=OLD-SECRET',
};
const OLD_EVENTS_WITH_SECRET = {
	...OLD_EVENTS,
	url: 'https://user:OLD-PASSWORD@crm.example.com/omicall/events',
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

const SECRET_FIELDS = ['secret', 'secretLocation', 'queryParameterName', 'headerName'];
/** The credential's name of a version 1 parameter, where it differs. */
const CREDENTIAL_FIELD: Record<string, string> = { secretLocation: 'location' };

/** An OMICall Trigger; the secret settings go to the credential from version 2 on. */
function trigger(
	parameters: INodeParameters = {},
	{ version = 2, baseUrl }: { version?: number; baseUrl?: string } = {},
) {
	const all: INodeParameters = {
		events: ['callEnded', 'callState'],
		secret: SECRET,
		registerWebhook: true,
		...parameters,
	};
	const nodeParameters: INodeParameters = {};
	const secretCredential: Record<string, string> = {};
	for (const [name, value] of Object.entries(all)) {
		if (version >= 2 && SECRET_FIELDS.includes(name))
			secretCredential[CREDENTIAL_FIELD[name] ?? name] = String(value);
		else nodeParameters[name] = value;
	}
	const harness = new WebhookHarness({
		nodeType: new OmicallTrigger(),
		credentialTypes: [new OmicallApi(), new OmicallWebhookApi()],
		credentials: {
			omicallApi: { baseUrl: baseUrl ?? omicall.url, apiKey: API_KEY, accessToken: '' },
			...(version >= 2 ? { omicallWebhookApi: secretCredential } : {}),
		},
		parameters: nodeParameters,
		typeVersion: version,
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
		const v1 = trigger(
			{ secretLocation: 'header', headerName: 'x-omicall-secret' },
			{ version: 1 },
		);
		// Version 1 does not show Register Webhook Automatically in header mode, so it is off.
		expect(await v1.hook('checkExists')).toBe(true);
		// Version 2 keeps the location in the credential: activation fails with the reason.
		const v2 = trigger({ secretLocation: 'header', headerName: 'x-omicall-secret' });
		expect(await v2.hook('checkExists')).toBe(false);
		await expect(v2.hook('create')).rejects.toThrow(
			'Automatic registration needs the secret in the URL query',
		);
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

	it('needs the OMICall API credential only for automatic registration, and the secret credential from version 2', async () => {
		const description = new OmicallTrigger().description;
		expect(description.credentials).toEqual([
			{
				name: 'omicallWebhookApi',
				required: true,
				testedBy: 'testSecretCredential',
				displayOptions: { show: { '@version': [2] } },
			},
			{ name: 'omicallApi', required: true, displayOptions: { show: { registerWebhook: [true] } } },
		]);
	});

	it('version 1 registers with the secret of its parameters, as before', async () => {
		const harness = trigger({ events: ['callEnded'] }, { version: 1 });
		await harness.activate();
		expect(omicall.webhooks).toEqual([
			expect.objectContaining({ type: 'call', url: `${harness.webhookUrl()}?secret=${SECRET}` }),
		]);
		await harness.deactivate();
		expect(omicall.webhooks).toEqual([]);
	});
});

describe('OMICall Trigger: registration with a refused token', () => {
	for (const code of ['token_expired', 'auth_invalid']) {
		it(`fetches a new token once and retries when OMICall refuses the token inside an HTTP 200 (${code})`, async () => {
			omicall.webhooks = [structuredClone(OLD_CDR)];
			const harness = trigger({ events: ['callEnded'] });
			// The first authorized request (GET /api/webhooks/list) is refused inside an HTTP 200, and
			// every token issued so far becomes invalid (refused the same way) until a new one is fetched.
			omicall.refuseNextTokenCheck = code;
			await harness.activate();
			expect(omicall.webhooks).toEqual([
				expect.objectContaining({ type: 'call', url: `${harness.webhookUrl()}?secret=${SECRET}` }),
			]);
			// checkExists' list was refused; every later request went with a new token.
			expect(omicall.server.requests('/api/auth')).toHaveLength(2);

			// Deactivation too: the token is refused again on its first request.
			omicall.refuseNextTokenCheck = code;
			await harness.deactivate();
			expect(omicall.webhooks).toEqual([OLD_CDR]);
			expect(omicall.server.requests('/api/auth')).toHaveLength(3);
		});
	}

	it('says so truthfully when OMICall refuses the new token too, and retries only once', async () => {
		const harness = trigger({ events: ['callEnded'] });
		omicall.tokenErrorStyle = 'envelope';
		omicall.envelopeTokenCode = 'auth_invalid';
		omicall.expireTokens();
		// Every token is refused: the tokens issued are unknown to the emulator.
		let issued = 0;
		omicall.issueToken = () => `refused-token-${Date.now()}-${++issued}`;
		await expect(harness.hook('create')).rejects.toThrow(
			'OMICall refused the access token (auth_invalid), also a new one fetched just before',
		);
		// One list request and one retry, no loop.
		expect(managementCalls()).toEqual(['GET /api/webhooks/list', 'GET /api/webhooks/list']);
	});
});

describe('OMICall Trigger: what registration stores', () => {
	it("stores no other integration's URL with a query or user info, and warns that it cannot put it back", async () => {
		omicall.webhooks = [
			structuredClone(OLD_CDR_WITH_SECRET),
			structuredClone(OLD_EVENTS_WITH_SECRET),
		];
		const harness = trigger();
		await harness.activate();
		const stored = JSON.stringify(harness.staticData);
		expect(stored).not.toContain('OLD-SECRET');
		expect(stored).not.toContain('OLD-PASSWORD');
		expect(stored).not.toContain('?');
		expect(stored).not.toContain(SECRET);
		expect(logs.lines().filter((line) => line.startsWith('warn:'))).toHaveLength(2);
		expect(logs.lines().join('\n')).toContain('https://crm.example.com');

		await harness.deactivate();
		// Nothing could be put back; the deactivation says so instead.
		expect(omicall.webhooks).toEqual([]);
		expect(logs.lines().join('\n')).toMatch(/is not put back, as n8n did not store its URL/);
		expect(JSON.stringify(logs.lines())).not.toMatch(/OLD-SECRET|OLD-PASSWORD/);
		expect(harness.staticData).toEqual({});
	});

	it("puts back a plain URL, and this trigger's own URL of the other mode with the current secret", async () => {
		const production = trigger({ events: ['callEnded'] });
		await production.activate();
		const productionUrl = `${production.webhookUrl()}?secret=${SECRET}`;
		expect(omicall.webhooks).toEqual([
			expect.objectContaining({ type: 'call', url: productionUrl }),
		]);

		// Listening for a test event replaces the production registration for a while.
		await production.activate({ isTest: true });
		expect(omicall.webhooks).toEqual([
			expect.objectContaining({ url: `${production.webhookUrl(true)}?secret=${SECRET}` }),
		]);
		expect(JSON.stringify(production.staticData)).not.toContain(SECRET);
		await production.deactivate({ isTest: true });
		expect(omicall.webhooks).toEqual([
			expect.objectContaining({ type: 'call', url: productionUrl }),
		]);
	});

	it("cleans static data saved by an earlier version (other integrations' URLs with their query secrets)", async () => {
		const harness = trigger({ events: ['callEnded', 'callState'] });
		const own = harness.webhookUrl().replace(/\/+$/, '');
		// The format saved before: `previous[].url` kept the whole URL, query secrets included.
		const oldFormat = {
			url: own,
			previous: [
				{ type: 'call', url: OLD_CDR_WITH_SECRET.url, events: null },
				{ type: 'call_event', url: OLD_EVENTS_WITH_SECRET.url, events: EVENT_STATES },
			],
		};
		for (const run of ['activate', 'deactivate'] as const) {
			omicall.webhooks = [];
			harness.staticData.omicallWebhookRegistration = structuredClone(oldFormat);
			if (run === 'activate') {
				// Activation reuses the saved registration (same URL), cleaned and written back clean.
				await harness.hook('create');
				const stored = JSON.stringify(harness.staticData);
				expect(stored).not.toMatch(/OLD-SECRET|OLD-PASSWORD|\?/);
				expect(harness.staticData.omicallWebhookRegistration).toEqual({
					url: own,
					previous: [
						{ type: 'call', events: null, origin: 'https://crm.example.com' },
						{ type: 'call_event', events: EVENT_STATES, origin: 'https://crm.example.com' },
					],
				});
			}
			await harness.deactivate();
			// Neither URL with a secret is registered again; the warning names only the host.
			expect(omicall.server.requests('/api/webhooks/register').map((r) => r.body)).not.toEqual(
				expect.arrayContaining([
					expect.objectContaining({
						webhook: expect.objectContaining({ url: expect.stringMatching(/OLD-/) }),
					}),
				]),
			);
			expect(omicall.webhooks).toEqual([]);
			expect(JSON.stringify(logs.lines())).not.toMatch(/OLD-SECRET|OLD-PASSWORD/);
			expect(logs.lines().join('\n')).toMatch(/is not put back, as n8n did not store its URL/);
			expect(harness.staticData).toEqual({});
			omicall.server.clearReceived();
		}
	});

	it('cleans an old saved URL of this trigger in the other mode: restored with the current secret, not the stored one', async () => {
		const harness = trigger({ events: ['callEnded'] });
		harness.staticData.omicallWebhookRegistration = {
			url: harness.webhookUrl().replace(/\/+$/, ''),
			previous: [
				{ type: 'call', url: `${harness.webhookUrl(true)}?secret=OLD-SECRET`, events: null },
			],
		};
		await harness.deactivate();
		expect(omicall.webhooks).toEqual([
			expect.objectContaining({
				type: 'call',
				url: `${harness.webhookUrl(true)}?secret=${SECRET}`,
			}),
		]);
	});

	it('a failure of any request during activation leaves what deactivation needs to undo it', async () => {
		const steps = [
			['GET', '/api/webhooks/list'],
			['POST', '/api/webhooks/register'],
		] as const;
		for (const [method, path] of steps) {
			omicall.webhooks = [structuredClone(OLD_CDR), structuredClone(OLD_EVENTS)];
			const harness = trigger();
			omicall.server.failNext(method, path, {
				body: { status_code: -9999, payload: { status: 'fail', error: 'permission_denied' } },
			});
			await expect(harness.activate()).rejects.toThrow('OMICall error permission_denied');
			await harness.deactivate();
			expect(omicall.webhooks).toEqual(
				expect.arrayContaining([
					expect.objectContaining(OLD_CDR),
					expect.objectContaining(OLD_EVENTS),
				]),
			);
			expect(omicall.webhooks).toHaveLength(2);
			// Activating again after the failure works.
			await harness.activate();
			await harness.deactivate();
			expect(omicall.webhooks).toHaveLength(2);
		}
	});
});

describe('OMICall Trigger: registration timeout', () => {
	let hanging: Server;
	let hangingUrl = '';
	const original = registrationSettings.timeoutMs;

	beforeEach(async () => {
		// Answers the token exchange, then accepts every webhook request and never answers it.
		hanging = createServer((req, res) => {
			if ((req.url ?? '').startsWith('/api/auth')) {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify({ status_code: 9999, payload: { access_token: 'token-from-hanging' } }),
				);
			}
		});
		await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
		hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
		registrationSettings.timeoutMs = 300;
	});

	afterEach(async () => {
		registrationSettings.timeoutMs = original;
		hanging.closeAllConnections();
		await new Promise<void>((resolve) => hanging.close(() => resolve()));
	});

	it('is 30 s by default', () => {
		expect(original).toBe(30_000);
	});

	it('fails activation and deactivation with a clear error instead of hanging', async () => {
		const harness = trigger({}, { baseUrl: hangingUrl });
		await expect(harness.activate()).rejects.toThrow(
			'OMICall did not answer GET /api/webhooks/list within 0.3 s',
		);
		harness.staticData.omicallWebhookRegistration = {
			url: 'https://n8n.example.com/x',
			previous: [],
		};
		await expect(harness.deactivate()).rejects.toThrow(
			'OMICall did not answer GET /api/webhooks/list within 0.3 s',
		);
	});
});

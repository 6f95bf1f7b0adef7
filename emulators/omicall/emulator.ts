/**
 * OMICall public API emulator, written from OMICall's public documentation (docs/vendor-docs.md).
 *
 * It checks what a client must send (the API key in `x-api-key` and a Bearer token from
 * `GET /api/auth` on every call, methods, paths, required query and body fields) and answers in the
 * documented shapes: the `status_code` 9999 envelope, error forms A/B/C, snake_case and camelCase
 * pages, HTTP 202 for transfers, HTTP 401 for an expired token. State lives in memory.
 *
 * Invented where the reference is silent (marked "emulator:" below): the error code for a repeated
 * ext_session_id, and `resource_not_found` for unknown IDs.
 */
import { randomBytes } from 'node:crypto';
import {
	EmulatorServer,
	type EmulatorResponse,
	type ReceivedRequest,
	type RouteHandler,
} from '../http-server';
import { failB, ok, uuid, type Json, type PagingFault } from './answers';
import { callbotRoutes } from './callbot';
import { callHistoryRoutes } from './call-history';
import { createCrmState, crmRoutes } from './crm';
import { createExtendedCallsState, extendedCallsRoutes } from './extended-calls';
import { omnichannelRoutes } from './omnichannel';
import { createPbxState, pbxRoutes } from './pbx';
import { seedAnalyzedLogs, seedCalls, seedCriteria, seedScripts } from './seed';
import type { OmicallRateLimit, OmicallState, SecuredRoute } from './state';
import { webhookRoutes } from './webhooks';

export interface OmicallEmulatorOptions {
	apiKey?: string;
	/** More tenants on the same host: API keys accepted besides `apiKey`, each with its own tokens. */
	extraApiKeys?: string[];
	/** Lifetime of issued tokens (the real one is 24 h). */
	tokenLifetimeSeconds?: number;
	/** How many call-history records to generate (one per `callSpacingMs` going back from `now`). */
	callCount?: number;
	/** Time between two generated calls (default one hour). */
	callSpacingMs?: number;
	/**
	 * The longest call-history period (to_date − from_date) accepted before `date_is_too_long`:
	 * 30 days, documented for list; emulator: assumed for report and search too.
	 */
	historyMaxWindowMs?: number;
	/** Numbers on the do-not-call list: execute_by_phone reports them in payload.errors. */
	dncNumbers?: string[];
	now?: number;
}

const HOUR = 3600_000;

export class OmicallEmulator implements OmicallState {
	readonly server = new EmulatorServer();
	readonly apiKey: string;
	readonly now: number;
	private readonly tokenLifetime: number;
	/** Issued tokens: expiry (Unix ms) and the API key (tenant) each was issued for. */
	private readonly tokens = new Map<string, { expiry: number; apiKey: string }>();
	private readonly apiKeys: Set<string>;
	readonly dnc: Set<string>;

	readonly scripts: Json[] = seedScripts();
	readonly calls: Json[];
	readonly campaigns = new Map<string, Json>();
	readonly conversations = new Map<string, Json>();
	readonly messages: Json[] = [];
	readonly analyzedLogs: Json[] = [];
	webhooks: Json[] = [];
	readonly criteria: Json[] = seedCriteria();
	/** EXTENDED sections (4.4, 4.6, 4.7, tenant): click-to-call, auto-call, history v2/v3. */
	readonly extendedCalls = createExtendedCallsState();
	/** EXTENDED section 4.8: agents and PBX configuration. */
	readonly pbx = createPbxState();
	/** EXTENDED section 4.8: contacts and tickets. */
	readonly crm = createCrmState();
	/** Longest accepted call-history period, in ms (see the option). */
	historyMaxWindowMs: number;
	/**
	 * Rate limit of the call-history endpoints: the next `remaining` requests are refused in this
	 * style (Infinity: the limit holds). The rule behind OMICall's limits is
	 * undocumented; emulator: refused requests change nothing.
	 */
	rateLimit: OmicallRateLimit | undefined;
	/** Answers by the number of the authorized-path request (1 = the first since `resetFaults`). */
	private readonly faults = new Map<number, EmulatorResponse>();
	private requestNumber = 0;
	/** Paths that accept a request and never answer it (a hung server). */
	readonly hangPaths = new Set<string>();
	/** How an unknown or expired token is refused: HTTP 401 (default) or an HTTP 200 envelope. */
	tokenErrorStyle: 'http401' | 'envelope' = 'http401';
	envelopeTokenCode = 'token_expired';
	/**
	 * The next authorized request is refused inside an HTTP 200 envelope with this code, and every
	 * token issued so far becomes invalid (refused the same way) until a new one is fetched.
	 */
	refuseNextTokenCheck: string | undefined;
	/**
	 * Broken paging of the list endpoints: 'repeatPage' ignores `page` (page 1 again and again, with
	 * has_next true); 'bogusTotal' reports a huge total and has_next true, answering pages past the
	 * end with the last page again; 'endless' reports has_next true and makes up new records on
	 * every page past the end.
	 */
	pagingFault: PagingFault | undefined;
	/** Transfer-result callbacks the emulator has delivered (or failed to deliver). */
	readonly deliveredCallbacks: Array<{
		url: string;
		headers: Record<string, string>;
		body: Json;
		status?: number;
		error?: string;
	}> = [];

	constructor(options: OmicallEmulatorOptions = {}) {
		this.apiKey = options.apiKey ?? 'test-api-key';
		this.apiKeys = new Set([this.apiKey, ...(options.extraApiKeys ?? [])]);
		this.tokenLifetime = options.tokenLifetimeSeconds ?? 24 * 3600;
		this.now = options.now ?? Date.now();
		this.historyMaxWindowMs = options.historyMaxWindowMs ?? 30 * 24 * HOUR;
		const spacing = options.callSpacingMs ?? HOUR;
		this.dnc = new Set(options.dncNumbers ?? ['0900000000']);
		this.calls = seedCalls(this.now, options.callCount ?? 130, spacing);
		this.analyzedLogs.push(...seedAnalyzedLogs(this.now));
		this.routes();
	}

	async start(port = 0): Promise<string> {
		return await this.server.start(port);
	}

	async stop(): Promise<void> {
		await this.server.stop();
	}

	get url(): string {
		return this.server.url;
	}

	/** Adds a call made at exactly `createdDate` (Unix ms); returns its transaction_id. */
	addCall(createdDate: number, fields: Json = {}): string {
		const n = this.calls.length;
		const call: Json = {
			...this.calls[0],
			transaction_id: uuid(`added-call-${n}-${createdDate}`),
			destination_number: `0395100${String(n % 1000).padStart(3, '0')}`,
			time_start_to_answer: Math.floor(createdDate / 1000),
			created_date: createdDate,
			last_updated_date: createdDate + 3000,
			...fields,
		};
		this.calls.push(call);
		return String(call.transaction_id);
	}

	/** The calls with from ≤ created_date ≤ to (both inclusive, as the emulator reads the dates). */
	callsBetween(from: number, to: number): Json[] {
		return this.calls.filter(
			(c) => (c.created_date as number) >= from && (c.created_date as number) <= to,
		);
	}

	/** Answer the `n`-th authorized-path request from now on (1 = the next) with `response`. */
	failRequest(n: number, response: EmulatorResponse): void {
		this.faults.set(this.requestNumber + n, response);
	}

	/** Forgets planned faults and rate limits. */
	resetFaults(): void {
		this.faults.clear();
		this.rateLimit = undefined;
	}

	/** Invalidates every issued token: the next request gets HTTP 401 token_expired. */
	expireTokens(): void {
		this.tokens.clear();
	}

	issueToken(apiKey = this.apiKey): string {
		const header = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'RS256' })).toString('base64url');
		const iat = Math.floor(Date.now() / 1000);
		const claims = Buffer.from(
			JSON.stringify({ iat, exp: iat + this.tokenLifetime, jti: randomBytes(6).toString('hex') }),
		).toString('base64url');
		const token = `${header}.${claims}.${randomBytes(16).toString('base64url')}`;
		this.tokens.set(token, { expiry: (iat + this.tokenLifetime) * 1000, apiKey });
		return token;
	}

	/** Checks the API key and the Bearer token; undefined when the request may go on. */
	private authorize(request: ReceivedRequest): EmulatorResponse | undefined {
		if (this.refuseNextTokenCheck) {
			// The token is refused inside an HTTP 200 answer, whatever it is (as OMICall's own client handles it).
			const code = this.refuseNextTokenCheck;
			this.refuseNextTokenCheck = undefined;
			this.tokens.clear();
			this.tokenErrorStyle = 'envelope';
			this.envelopeTokenCode = code;
			return failB(code);
		}
		const key = request.headers['x-api-key'];
		if (!key) return failB('api_key_is_required');
		if (!this.apiKeys.has(String(key))) return failB('api_key_invalid');
		const auth = String(request.headers.authorization ?? '');
		const token = /^Bearer (.+)$/.exec(auth)?.[1];
		const issued = token ? this.tokens.get(token) : undefined;
		// A token is good only for the tenant it was issued to.
		if (!token || !issued || issued.expiry < Date.now() || issued.apiKey !== key) {
			return this.tokenErrorStyle === 'envelope'
				? failB(this.envelopeTokenCode)
				: failB('token_expired', 401, 401);
		}
		return undefined;
	}

	private secured(method: string, path: string, handler: RouteHandler): void {
		this.server.route(method, path, async (request, params) => {
			if (this.hangPaths.has(request.path)) return { hang: true };
			const fault = this.faults.get(++this.requestNumber);
			if (fault) {
				this.faults.delete(this.requestNumber);
				return fault;
			}
			const denied = this.authorize(request);
			if (denied) return denied;
			if (method === 'POST' && request.rawBody.length && request.body === undefined) {
				return { status: 400, body: { error: 'Invalid request' } };
			}
			return await handler(request, params);
		});
	}

	private routes(): void {
		this.server.route('GET', '/api/auth', async (request) => {
			if (this.hangPaths.has(request.path)) return { hang: true };
			const key = request.query.apiKey;
			if (!key) return failB('api_key_is_required');
			if (!this.apiKeys.has(String(key))) return failB('api_key_invalid');
			return ok({
				access_token: this.issueToken(String(key)),
				access_type: 'normal',
				token_type: 'Bearer',
			});
		});

		const secured: SecuredRoute = (method, path, handler) => this.secured(method, path, handler);
		callbotRoutes(this, secured); // 4.1 Callbot
		callHistoryRoutes(this, secured); // 4.2 Call history
		omnichannelRoutes(this, secured); // 4.3 Omnichannel
		webhookRoutes(this, secured); // 4.5 Webhook management
		extendedCallsRoutes(this.extendedCalls, secured); // 4.4, 4.6, 4.7, tenant
		pbxRoutes(this.pbx, secured); // 4.8 Agents and PBX
		crmRoutes(this.crm, secured); // 4.8 Contacts and tickets
	}

	/** POSTs a JSON callback the way OMICall does, and records the outcome. */
	async deliver(
		url: string,
		headers: Record<string, string>,
		body: Json,
	): Promise<number | undefined> {
		const record: (typeof this.deliveredCallbacks)[number] = { url, headers, body };
		this.deliveredCallbacks.push(record);
		try {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: JSON.stringify(body),
				signal: AbortSignal.timeout(2000),
			});
			record.status = response.status;
			return response.status;
		} catch (error) {
			record.error = (error as Error).message;
			return undefined;
		}
	}
}

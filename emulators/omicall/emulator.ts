/**
 * OMICall public API emulator, written from shared/api/omicall/REFERENCE.md.
 *
 * It checks what a client must send (the API key in `x-api-key` and a Bearer token from
 * `GET /api/auth` on every call, methods, paths, required query and body fields) and answers in the
 * documented shapes: the `status_code` 9999 envelope, error forms A/B/C, snake_case and camelCase
 * pages, HTTP 202 for transfers, HTTP 401 for an expired token. State lives in memory.
 *
 * Invented where the reference is silent (marked "emulator:" below): the error code for a repeated
 * ext_session_id, and `resource_not_found` for unknown IDs.
 */
import { createHash, randomBytes } from 'node:crypto';
import { EmulatorServer, type EmulatorResponse, type ReceivedRequest } from './http-server';

type Json = Record<string, unknown>;

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
const HISTORY_PATHS = [
	'/api/call_transaction/list',
	'/api/call_transaction/report',
	'/api/call_transaction/search',
];

export function ok(payload: unknown, status = 200): EmulatorResponse {
	return {
		status,
		body: {
			instance_id: 'stg',
			payload,
			instance_version: '1.2.164',
			key_enabled: false,
			status_code: 9999,
		},
	};
}

/** Form A: the code inside payload (click-to-call page). */
export function failA(error: string, message = 'Please check your input param'): EmulatorResponse {
	return {
		body: {
			status_code: -9999,
			instance_id: 'stg',
			instance_version: '1.2.163',
			payload: { status: 'fail', error, message },
			key_enabled: false,
		},
	};
}

/** Form B: the code in the top-level message (overview page). */
export function failB(message: string, statusCode = -9999, httpStatus = 200): EmulatorResponse {
	return {
		status: httpStatus,
		body: { status_code: statusCode, instance_id: 'stg', message, payload: null },
	};
}

function hex24(seed: string): string {
	return createHash('sha1').update(seed).digest('hex').slice(0, 24);
}

function uuid(seed: string): string {
	const h = createHash('sha1').update(seed).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function list(value: unknown): string[] {
	if (value === undefined) return [];
	return (Array.isArray(value) ? value : [value])
		.flatMap((v) => String(v).split(','))
		.filter(Boolean);
}

/** snake_case page (section 5.1). */
export function snakePage(all: unknown[], page: number, size: number): Json {
	const totalPages = Math.max(1, Math.ceil(all.length / size));
	return {
		items: all.slice((page - 1) * size, page * size),
		page_number: page,
		page_size: size,
		total_items: all.length,
		total_pages: totalPages,
		has_next: page < totalPages,
		next_page: page < totalPages ? page + 1 : page,
		has_previous: page > 1,
		previous_page: Math.max(1, page - 1),
	};
}

/** camelCase page (section 5.2). */
function camelPage(all: unknown[], page: number, size: number): Json {
	const totalPages = Math.max(1, Math.ceil(all.length / size));
	return {
		items: all.slice((page - 1) * size, page * size),
		pageNumber: page,
		pageSize: size,
		totalItems: all.length,
		totalPages,
		hasNext: page < totalPages,
		nextPage: page < totalPages ? page + 1 : page,
		hasPrevious: page > 1,
		previousPage: Math.max(1, page - 1),
	};
}

function pageParams(request: ReceivedRequest, defaultSize: number, maxSize = Infinity) {
	const page = Math.max(1, Number(request.query.page ?? 1) || 1);
	const size = Math.min(
		maxSize,
		Math.max(1, Number(request.query.size ?? defaultSize) || defaultSize),
	);
	return { page, size };
}

export class OmicallEmulator {
	readonly server = new EmulatorServer();
	readonly apiKey: string;
	readonly now: number;
	private readonly tokenLifetime: number;
	/** Issued tokens: expiry (Unix ms) and the API key (tenant) each was issued for. */
	private readonly tokens = new Map<string, { expiry: number; apiKey: string }>();
	private readonly apiKeys: Set<string>;
	readonly dnc: Set<string>;

	readonly scripts: Json[] = [
		{
			id: '64915bc76a690c0edad14723',
			name: 'Thông báo điểm thi',
			variables: [
				{
					field_name: 'tên thí sinh',
					field_code: 'tên thí sinh',
					field_value: '',
					field_type: '',
					type: '',
					is_dynamic_attribute: true,
				},
				{
					field_name: 'Toán',
					field_code: 'uB131frQEU',
					field_value: '',
					field_type: 'single_text',
					type: 'CONTACT',
					is_dynamic_attribute: true,
				},
			],
		},
		{
			id: '653b155db0f7941234567890',
			name: 'Nhắc lịch hẹn',
			variables: [
				{
					field_name: 'Danh xưng',
					field_code: 'gender1',
					field_value: '',
					field_type: 'single_text',
					type: 'CONTACT',
					is_dynamic_attribute: true,
				},
				{
					field_name: 'Họ tên',
					field_code: 'full_name',
					field_value: '',
					field_type: 'single_text',
					type: 'CONTACT',
					is_dynamic_attribute: true,
				},
			],
		},
	];
	readonly calls: Json[] = [];
	readonly campaigns = new Map<string, Json>();
	readonly conversations = new Map<string, Json>();
	readonly messages: Json[] = [];
	readonly analyzedLogs: Json[] = [];
	webhooks: Json[] = [];
	readonly criteria: Json[] = [
		{ _id: '65a000000000000000000001', name: 'Chào hỏi', max_score: 10 },
		{ _id: '65a000000000000000000002', name: 'Giải quyết vấn đề', max_score: 10 },
	];
	/** Longest accepted call-history period, in ms (see the option). */
	historyMaxWindowMs: number;
	/**
	 * Rate limit of the call-history endpoints: the next `remaining` requests are refused in this
	 * style (Infinity: the limit holds). The rule behind OMICall's limits is unknown (reference §8
	 * item 5); emulator: refused requests change nothing.
	 */
	rateLimit:
		| {
				remaining: number;
				style: 'limit_request_30_minute' | 'rate_limit_exceeded' | 'http429';
		  }
		| undefined;
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
	pagingFault: 'repeatPage' | 'bogusTotal' | 'endless' | undefined;
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
		const directions = ['outbound', 'inbound', 'outbound', 'local'];
		for (let i = 0; i < (options.callCount ?? 130); i++) {
			const created = this.now - i * spacing;
			const answered = i % 3 !== 0;
			this.calls.push({
				transaction_id: uuid(`call-${i}`),
				direction: directions[i % 4],
				source_number: '842899990338',
				destination_number: `03951873${String(i % 100).padStart(2, '0')}`,
				disposition: answered ? 'answered' : 'cancelled',
				duration: 20 + (i % 40),
				bill_sec: answered ? 10 + (i % 30) : 0,
				record_seconds: answered ? 10 + (i % 30) : 0,
				time_start_to_answer: Math.floor(created / 1000),
				recording_file: `https://public-v1-stg.omicrm.com/third_party/recording/uc?id=${i}&code=${uuid(`call-${i}`)}`,
				sip_user: String(100 + (i % 5)),
				provider: 'viettel',
				call_out_price: 2389,
				note: '',
				tag: [],
				ivr: 'none',
				is_auto_call: i % 2 === 0,
				created_date: created,
				last_updated_date: created + 3000,
				user: [
					{ full_name: 'TestBoss 123', full_name_unsigned: 'TestBoss 123', note: '', tag: [] },
				],
				customer: { full_name: `Khách hàng ${i}`, full_name_unsigned: `Khach hang ${i}` },
				is_have_forward_out: false,
				bill_sec_forward_out: 0,
			});
		}
		for (let i = 0; i < 140; i++) {
			this.analyzedLogs.push({
				_id: hex24(`log-${i}`),
				tenant_id: '67eb4821758a5a4891925d99',
				is_deleted: false,
				created_date: this.now - i * 60_000,
				last_updated_date: this.now - i * 60_000,
				content: i % 2 ? 'vâng' : 'không',
				content_search: i % 2 ? 'vang' : 'khong',
				status: 'new',
				intent: i % 2 ? 'omi_intent_confirm_right' : 'omi_intent_deny',
				session_id: uuid(`session-${i}`),
				node_id: 'peIbVXdZuH',
				ref_uuid: i < 130 ? '67ee1138e4c40956087cd265' : 'other-campaign-00000000',
				callbot_uuid: 'e6465c1d-ab6f-472b-a0bb-e21588298882',
			});
		}
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

	/** Rate limit and period length of the call-history endpoints; undefined when the request may go on. */
	private historyGate(
		request: ReceivedRequest,
		from: number,
		to: number,
	): EmulatorResponse | undefined {
		const limit = this.rateLimit;
		if (limit && limit.remaining > 0) {
			limit.remaining--;
			if (limit.style === 'http429') {
				return { status: 429, body: { error: 'Too Many Requests' } };
			}
			return failB(limit.style);
		}
		if (!HISTORY_PATHS.includes(request.path)) return undefined;
		if (to - from > this.historyMaxWindowMs) return failB('date_is_too_long');
		return undefined;
	}

	/** Newest first (emulator: the order of OMICall's rows is not documented). */
	private newestFirst(rows: Json[]): Json[] {
		return [...rows].sort((a, b) => (b.created_date as number) - (a.created_date as number));
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
			// The token is refused inside an HTTP 200 answer, whatever it is (reference §2.5.4, §3.2).
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

	private secured(
		method: string,
		path: string,
		handler: (
			request: ReceivedRequest,
			params: Record<string, string>,
		) => EmulatorResponse | Promise<EmulatorResponse>,
	): void {
		this.server.route(method, path, async (request, params) => {
			if (this.hangPaths.has(request.path)) return await new Promise<EmulatorResponse>(() => {});
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

	private findCall(id: string): Json | undefined {
		return this.calls.find((call) => call.transaction_id === id);
	}

	private routes(): void {
		this.server.route('GET', '/api/auth', async (request) => {
			if (this.hangPaths.has(request.path)) return await new Promise<EmulatorResponse>(() => {});
			const key = request.query.apiKey;
			if (!key) return failB('api_key_is_required');
			if (!this.apiKeys.has(String(key))) return failB('api_key_invalid');
			return ok({
				access_token: this.issueToken(String(key)),
				access_type: 'normal',
				token_type: 'Bearer',
			});
		});

		// 4.1 Callbot
		this.secured('POST', '/api/call_bot/execute_by_phone', (request) => {
			if (!('cid' in request.query)) return failA('data_is_required', 'cid is required');
			const body = (request.body ?? {}) as Json;
			const script = this.scripts.find((s) => s.id === body.bot_script_id);
			if (!script) return failA('resource_not_found', 'Script not found'); // emulator: code for an unknown script
			const contacts = body.contact_info;
			if (!Array.isArray(contacts) || contacts.length === 0)
				return failA('data_is_required', 'contact_info is required');
			if (contacts.some((c) => typeof c !== 'object' || !c || !(c as Json).phone)) {
				return failA('invalid_phone_number', 'Every contact needs a phone');
			}
			const sessionId = body.ext_session_id as string | undefined;
			if (sessionId && [...this.campaigns.values()].some((c) => c.ext_session_id === sessionId)) {
				return failA('ext_session_id_exists', 'Session already exists'); // emulator: the real code is undocumented
			}
			const autocallId = hex24(`campaign-${this.campaigns.size}-${sessionId ?? Math.random()}`);
			const errors = (contacts as Json[])
				.filter((c) => this.dnc.has(String(c.phone)))
				.map((c) => ({ phone: c.phone, error_code: 'number_dnc', message: 'Number DNC' }));
			this.campaigns.set(autocallId, {
				...body,
				cid_query: request.query.cid,
				autocall_id: autocallId,
			});
			return ok({ bot_script_id: script.id, autocall_id: autocallId, errors });
		});
		this.secured('GET', '/api/call_bot/script/list', () => ok(this.scripts));
		this.secured('GET', '/api/call_bot/get_by_id/:id', (_request, { id }) => {
			const script = this.scripts.find((s) => s.id === id);
			if (!script) return failA('resource_not_found', 'Script not found');
			return ok({
				...script,
				uuid: uuid(`script-${id}`),
				tenant_id: '67eb4821758a5a4891925d99',
				nodes: [{ id: 'begin', node_type: 'BEGIN', next_nodes: ['n1'], is_collapse: false }],
				connections: [],
				is_draft: false,
				is_publish: true,
				version: 3,
				voice: 'northern_female_ngocanh',
				speed: 1,
				type: 'NORMAL',
			});
		});
		this.secured('POST', '/api/call_bot/call/count', (request) => {
			const body = (request.body ?? {}) as Json;
			if (!body.autocall_id) return failA('data_is_required', 'autocall_id is required');
			const campaign = this.campaigns.get(String(body.autocall_id));
			const phones = list(body.phones);
			const contacts = ((campaign?.contact_info as Json[]) ?? []).filter(
				(c) => !phones.length || phones.includes(String(c.phone)),
			);
			return ok(contacts.length);
		});
		this.secured('POST', '/api/call_bot/analyzed_log/list', (request) => {
			const body = (request.body ?? {}) as Json;
			const { page, size } = pageParams(request, 50);
			const logs = this.analyzedLogs.filter(
				(log) =>
					(!body.ref_uuid || log.ref_uuid === body.ref_uuid) &&
					(!body.keyword || String(log.content).includes(String(body.keyword))),
			);
			return ok({ ...this.faultyPage(logs, page, size, snakePage), extension: null });
		});

		// 4.2 Call history
		this.secured('GET', '/api/call_transaction/list', (request) => {
			const q = request.query;
			if (q.from_date === undefined) return failB('from_date_is_required');
			if (q.to_date === undefined) return failB('to_date_is_required');
			const from = Number(q.from_date);
			const to = Number(q.to_date);
			if (!Number.isFinite(from) || !Number.isFinite(to) || String(q.from_date).length < 12)
				return failB('date_invalid');
			const gate = this.historyGate(request, from, to);
			if (gate) return gate;
			const { page, size } = pageParams(request, 50);
			const directions = list(q.direction);
			const rows = this.newestFirst(this.calls).filter(
				(c) =>
					(c.created_date as number) >= from &&
					(c.created_date as number) <= to &&
					(!directions.length || directions.includes(String(c.direction))) &&
					(!q.disposition || c.disposition === q.disposition) &&
					(q.is_auto_call === undefined || String(c.is_auto_call) === String(q.is_auto_call)) &&
					(!q.sip_user || c.sip_user === q.sip_user) &&
					(!q.keyword || JSON.stringify(c).includes(String(q.keyword))),
			);
			return {
				body: {
					status_code: 9999,
					instance_id: 'stg',
					instance_name: 'emulator',
					payload: this.faultyPage(rows, page, size, snakePage),
					key_enabled: false,
				},
			};
		});
		this.secured('GET', '/api/call_transaction/detail/:id', (_request, { id }) => {
			const call = this.findCall(id);
			return call ? ok(call) : failA('resource_not_found', 'Call not found');
		});
		this.secured('POST', '/api/call_transaction/change/:id', (request, { id }) => {
			const call = this.findCall(id);
			if (!call) return failA('resource_not_found', 'Call not found');
			const body = (request.body ?? {}) as Json;
			if (body.tag !== undefined) {
				if (!Array.isArray(body.tag)) return failA('data_is_required', 'tag must be an array');
				call.tag = body.tag;
				call.user = [
					{
						...((call.user as Json[])[0] ?? {}),
						tag: (body.tag as string[]).map((name) => ({ name })),
					},
				];
			}
			if (body.note !== undefined) call.note = body.note;
			call.last_updated_date = Date.now();
			return { body: { status_code: 9999, payload: call } };
		});
		this.secured('GET', '/api/call_transaction/report', (request) => {
			const from = Number(request.query.from_date ?? 0);
			const to = Number(request.query.to_date ?? Number.MAX_SAFE_INTEGER);
			// emulator: a report without both dates covers everything (the reference does not say).
			const bothDates =
				request.query.from_date !== undefined && request.query.to_date !== undefined;
			const gate = this.historyGate(request, bothDates ? from : 0, bothDates ? to : 0);
			if (gate) return gate;
			const rows = this.calls.filter(
				(c) => (c.created_date as number) >= from && (c.created_date as number) <= to,
			);
			const count = (pred: (c: Json) => boolean) => rows.filter(pred).length;
			return ok({
				categorized_by_direction: ['inbound', 'outbound'].map((d) => ({
					_id: d,
					total_count: count((c) => c.direction === d),
					total_time: rows
						.filter((c) => c.direction === d)
						.reduce((s, c) => s + Number(c.bill_sec), 0),
				})),
				categorized_by_disposition: ['cancelled', 'answered'].map((d) => ({
					_id: d,
					total_count: count((c) => c.disposition === d),
					total_outbound: count((c) => c.disposition === d && c.direction === 'outbound'),
					total_inbound: count((c) => c.disposition === d && c.direction === 'inbound'),
				})),
				categorized_by_local_direction: {
					total_call: count((c) => c.direction === 'local'),
					total_call_answer: null,
				},
			});
		});
		this.secured('POST', '/api/call_transaction/search', (request) => {
			const body = (request.body ?? {}) as Json;
			if (!Array.isArray(body.user_uuids) || body.user_uuids.length === 0)
				return failA('data_is_required', 'user_uuids is required');
			if (typeof body.from_date !== 'number') return failB('from_date_is_required');
			if (typeof body.to_date !== 'number') return failB('to_date_is_required');
			const gate = this.historyGate(request, body.from_date, body.to_date);
			if (gate) return gate;
			const { page, size } = pageParams(request, 20, 50);
			const directions = list(body.direction);
			const dispositions = list(body.disposition);
			const rows = this.newestFirst(this.calls)
				.filter(
					(c) =>
						(c.created_date as number) >= (body.from_date as number) &&
						(c.created_date as number) <= (body.to_date as number) &&
						(body.user_uuids as string[]).includes(String(c.sip_user)) &&
						(!directions.length || directions.includes(String(c.direction))) &&
						(!dispositions.length || dispositions.includes(String(c.disposition))),
				)
				.map((c) => ({
					...c,
					_id: hex24(String(c.transaction_id)),
					is_callbot: c.is_auto_call,
					dial_status: c.disposition === 'answered' ? 'ANSWER' : 'CANCEL',
				}));
			return ok(this.faultyPage(rows, page, size, camelPage));
		});
		this.secured('GET', '/api/evaluation_criteria/call/list', () => ok(this.criteria));
		this.secured('POST', '/api/call_transaction/add_evaluation/:id', (request, { id }) => {
			const call = this.findCall(id);
			if (!call) return failA('resource_not_found', 'Call not found');
			const body = (request.body ?? {}) as Json;
			if (!body.user_uuid || typeof body.evaluation !== 'object' || body.evaluation === null) {
				return failA('data_is_required', 'user_uuid and evaluation are required');
			}
			call.evaluations = { by: body.user_uuid, ...(body.evaluation as Json) };
			return ok(call);
		});

		// 4.3 Omnichannel
		const channels = ['livetalk', 'facebook', 'zalo'];
		this.secured('POST', '/api/social/:channel/new_room', (request, { channel }) => {
			if (!channels.includes(channel)) return failA('data_is_required', 'Unknown channel');
			const body = (request.body ?? {}) as Json;
			const conversationUuid = String(body.uuid || `000000000000-${this.conversations.size + 1}`);
			const guest = (body.guest_info ?? {}) as Json;
			const conversation = {
				_id: hex24(`room-${conversationUuid}`),
				uuid: conversationUuid,
				channel,
				guest_info: {
					phone: guest.phone ?? null,
					full_name: guest.full_name ?? null,
					email: null,
					contact_id: null,
					new_contact: false,
					uuid: conversationUuid,
					domain: guest.domain ?? '',
				},
				status: 'active',
				name: guest.full_name ?? guest.phone ?? conversationUuid,
				start_type: 'script',
				members: [],
				last_message: null,
				created_date: Date.now(),
				last_updated_date: Date.now(),
			};
			this.conversations.set(conversationUuid, conversation);
			return ok({ conversation });
		});
		this.secured('POST', '/api/social/:channel/guest_send_message', (request) => {
			const body = (request.body ?? {}) as Json;
			const conversation = this.conversations.get(String(body.uuid ?? ''));
			if (!conversation) return failA('resource_not_found', 'Conversation not found');
			if (!body.content) return failA('data_is_required', 'content is required');
			const message = {
				_id: hex24(`msg-${this.messages.length}`),
				uuid: uuid(`msg-${this.messages.length}`),
				conv_uuid: conversation.uuid,
				room_id: conversation._id,
				member_type: 'guest',
				type: 'chat',
				kind: 'normal',
				content: body.content,
				multimedias:
					Array.isArray(body.multimedias) && body.multimedias.length ? body.multimedias : null,
				created_date: Date.now(),
				last_updated_date: Date.now(),
			};
			this.messages.push(message);
			return ok(message);
		});
		this.secured('POST', '/api/social/message/list', (request) => {
			const body = (request.body ?? {}) as Json;
			if (!body.conv_id) return failA('data_is_required', 'conv_id is required');
			const { page, size } = pageParams(request, 15);
			const rows = this.messages.filter(
				(m) => m.room_id === body.conv_id || m.conv_uuid === body.conv_id,
			);
			const from = this.pagingFault === 'repeatPage' ? 0 : (page - 1) * size;
			return ok(rows.slice(from, from + size));
		});
		this.secured('POST', '/api/v3/agent/conversation/transfer', (request) => {
			const body = (request.body ?? {}) as Json;
			if (!body.sourceEmail || !body.targetEmail)
				return failA('data_is_required', 'sourceEmail and targetEmail are required');
			const requestId = uuid(`transfer-${Date.now()}-${Math.random()}`);
			const config = body.callbackResultConfig as
				| { url?: string; headers?: Record<string, string> }
				| undefined;
			if (config?.url) {
				const requestTimeMs = Date.now();
				void this.deliver(config.url, config.headers ?? {}, {
					requestId,
					requestTimeMs,
					action: 'CONVERSATION_AGENT_TRANSFER',
					status: 'SUCCESS',
					responseTimeMs: requestTimeMs + 300,
					payload: { updatedRecords: 8 },
				});
			}
			return ok({ requestId }, 202);
		});

		// 4.5 Webhook management (EXTENDED; the documented body is wrapped in "webhook")
		this.secured('GET', '/api/webhooks/list', () => ok(this.webhooks));
		this.secured('POST', '/api/webhooks/register', (request) => {
			const body = (request.body ?? {}) as Json;
			const hook = ((body.webhook as Json) ?? body) as Json;
			if (!hook.url || !['call', 'contact'].includes(String(hook.type)))
				return failA('data_is_required', 'webhook.type and webhook.url are required');
			const events = Array.isArray(hook.events) ? hook.events : null;
			const type = hook.type === 'call' && events ? 'call_event' : hook.type;
			this.webhooks = this.webhooks.filter((w) => w.type !== type);
			this.webhooks.push({ url: hook.url, type, status: 'actived', events, headers: [] });
			return ok(true);
		});
		this.secured('POST', '/api/webhooks/destroy', (request) => {
			const hookType = String(request.query.hook_type ?? '');
			if (!['call', 'contact', 'call_event'].includes(hookType))
				return failA('data_is_required', 'hook_type is required');
			// emulator: destroying "call" removes both the CDR and the call-event registration.
			this.webhooks = this.webhooks.filter(
				(w) => !(w.type === hookType || (hookType === 'call' && w.type === 'call_event')),
			);
			return ok(true);
		});
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

	/** A page, with the broken behaviour of `pagingFault`. */
	private faultyPage(
		all: unknown[],
		page: number,
		size: number,
		shape: (all: unknown[], page: number, size: number) => Json,
	): Json {
		const camel = shape === camelPage;
		const fields = (result: Json, pageNumber: number, hasNext: boolean, total: number) => ({
			...result,
			[camel ? 'pageNumber' : 'page_number']: pageNumber,
			[camel ? 'hasNext' : 'has_next']: hasNext,
			[camel ? 'totalItems' : 'total_items']: total,
		});
		const lastPage = Math.max(1, Math.ceil(all.length / size));
		switch (this.pagingFault) {
			case 'repeatPage':
				return fields(shape(all, 1, size), 1, true, all.length);
			case 'bogusTotal':
				return fields(shape(all, Math.min(page, lastPage), size), page, true, 1_000_000_000);
			case 'endless': {
				if (page <= lastPage) return fields(shape(all, page, size), page, true, 1_000_000_000);
				const made = Array.from({ length: size }, (_, i) => ({
					_id: hex24(`made-${page}-${i}`),
					page,
				}));
				return fields(shape(made, 1, size), page, true, 1_000_000_000);
			}
			default:
				return shape(all, page, size);
		}
	}
}

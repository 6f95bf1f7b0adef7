/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * The sandbox: the OMICall and NXCLOUD emulators in emulators/, plus a capture endpoint standing in
 * for a CRM, on 127.0.0.1. It also plays the platforms' side of the conversation:
 * - OMICall: a guest message gets a chatbot reply, delivered to the chat webhook URL (an OMICall
 *   Trigger) the way OMICall's omnichannel webhook does;
 * - NXCLOUD: every order of a task is dialed and its call result is sent as a signed call callback
 *   to the order's callCallbackUrl (an NXCLOUD Callbot Trigger), then an order callback.
 * The capture server also serves an OpenAI-compatible mock with a scripted model under /openai/v1
 * (emulators/openai): the model of example 5's AI Agent, which uses the action nodes as tools.
 *
 * Use it with the sandbox credentials below; with real credentials the same workflows talk to the
 * real platforms.
 */
import { OmicallEmulator } from '../emulators/omicall';
import {
	EmulatorServer,
	type EmulatorResponse,
	type ReceivedRequest,
	type RouteHandler,
} from '../emulators/http-server';
import { NxCloudEmulator } from '../emulators/nxcloud';
import { OpenAiMock } from '../emulators/openai';

export const SANDBOX_CREDENTIALS = {
	omicall: { apiKey: 'sandbox-omicall-key' },
	nxcloud: { uuid: 'sandbox-uuid', secretKey: 'sandbox-secret', algorithm: 'MD5' as const },
	/** The shared secret the example OMICall Trigger expects (OMICall does not sign webhooks). */
	omicallWebhookSecret: 'sandbox-webhook-secret',
	/** The OpenAI-compatible mock's key (n8n's OpenAI credential, Base URL `<capture>/openai/v1`). */
	openai: { apiKey: 'sandbox-openai-key' },
};

/** Where the OpenAI-compatible mock is mounted on the capture server. */
export const OPENAI_PATH = '/openai/v1';

export interface SandboxOptions {
	host?: string;
	omicallPort?: number;
	nxcloudPort?: number;
	capturePort?: number;
	/** Where guest messages get their chatbot reply (e.g. an OMICall Trigger's URL with its secret). */
	omicallChatWebhookUrl?: string;
	/** Delay before the platform "answers" (bot reply, call result), in ms. */
	replyDelayMs?: number;
	/**
	 * Whether the sandbox plays the platforms' side (dials every NXCLOUD order and sends its
	 * callbacks, answers OMICall guest messages). Default true; the benchmark turns it off. Env:
	 * SANDBOX_PLAY_PLATFORM=0.
	 */
	playPlatform?: boolean;
	/** How close to a real network and account the sandbox behaves (default: from the environment). */
	realism?: Partial<Realism>;
	log?: (line: string) => void;
}

/**
 * Realism knobs, so the same workflows and benchmark can model a real network and account. All can be
 * changed while the sandbox runs (`sandbox.realism.latencyMs = 80`). Defaults come from the
 * environment (SANDBOX_LATENCY_MS, SANDBOX_RATE_LIMIT, SANDBOX_PAGE_SIZE, SANDBOX_OMICALL_CALLS,
 * SANDBOX_OMICALL_CALL_DAYS), else the loopback values below.
 */
export interface Realism {
	/** Added to every API request before it is handled (a network round trip), in ms. Default 0. */
	latencyMs: number;
	/**
	 * Requests per second each platform accepts (a sliding one-second window), 0 for no limit (the
	 * default). Neither vendor documents a figure. Over it, OMICall answers HTTP 429 with
	 * `rate_limit_exceeded` in its error envelope (the code its vendor client knows) and NXCLOUD
	 * answers retCode 7 "System busy" (signed), without doing the work.
	 */
	rateLimitPerSecond: number;
	/**
	 * Largest page the list endpoints answer (OMICall call history, search and logs: a bigger `size` is
	 * cut down to it; NXCLOUD list endpoints: refused with retCode 4, as the emulator's pageSize
	 * limit). 0 for the emulators' own behaviour (the default).
	 */
	maxPageSize: number;
	/** Requests refused by the rate limit so far, by platform. */
	readonly rateLimited: { omicall: number; nxcloud: number };
}

/** OMICall call history: `count` calls spread evenly over the last `days` days (from `now`). */
export function spreadCallHistory(
	omicall: OmicallEmulator,
	count: number,
	days: number,
	now = omicall.now,
): void {
	const template = omicall.calls[0];
	const span = days * 24 * 3600_000;
	const step = count > 1 ? span / count : 0;
	omicall.calls.length = 0;
	for (let i = 0; i < count; i++) {
		const created = Math.floor(now - i * step);
		omicall.calls.push({
			...template,
			transaction_id: `bench-${String(i).padStart(7, '0')}-${created}`,
			created_date: created,
			last_updated_date: created + 3000,
			time_start_to_answer: Math.floor(created / 1000),
			destination_number: `0395${String(i).padStart(6, '0')}`,
		});
	}
}

const numberFromEnv = (name: string, fallback: number): number => {
	const value = Number(process.env[name]);
	return process.env[name] !== undefined && Number.isFinite(value) ? value : fallback;
};

/**
 * Puts the realism knobs in front of every route of an emulator: latency, then the rate limit, then
 * the page-size cap, wrapped once after construction through the emulator server's `wrapRoutes`.
 */
function applyRealism(
	server: EmulatorServer,
	realism: Realism,
	platform: 'omicall' | 'nxcloud',
	throttled: (request: ReceivedRequest, handler: RouteHandler) => EmulatorResponse,
): void {
	const window: number[] = [];
	server.wrapRoutes((handler) => async (request, params) => {
		if (realism.latencyMs > 0) {
			await new Promise((resolve) => setTimeout(resolve, realism.latencyMs));
		}
		if (realism.rateLimitPerSecond > 0) {
			const now = Date.now();
			while (window.length && window[0] <= now - 1000) window.shift();
			if (window.length >= realism.rateLimitPerSecond) {
				(realism.rateLimited as { omicall: number; nxcloud: number })[platform]++;
				return throttled(request, handler);
			}
			window.push(now);
		}
		if (realism.maxPageSize > 0 && platform === 'omicall' && request.query.size !== undefined) {
			const size = Number(request.query.size);
			if (Number.isFinite(size) && size > realism.maxPageSize) {
				request.query.size = String(realism.maxPageSize);
			}
		}
		return await handler(request, params);
	});
}

export interface Sandbox {
	omicall: OmicallEmulator;
	nxcloud: NxCloudEmulator;
	capture: EmulatorServer;
	/** What the capture endpoint received, by name (POST /capture/:name). */
	captured: Map<string, unknown[]>;
	/** The OpenAI-compatible mock with a scripted model, on the capture server under OPENAI_PATH. */
	openai: OpenAiMock;
	/** The realism knobs in force; change them at any time. */
	realism: Realism;
	urls: { omicall: string; nxcloud: string; capture: string; openai: string };
	/** Resolves when every reply/callback scheduled so far has been delivered. */
	settled(): Promise<void>;
	stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const log = options.log ?? (() => undefined);
	const delay = options.replyDelayMs ?? 300;
	const playPlatform = options.playPlatform ?? process.env.SANDBOX_PLAY_PLATFORM !== '0';
	const realism: Realism = {
		latencyMs: numberFromEnv('SANDBOX_LATENCY_MS', 0),
		rateLimitPerSecond: numberFromEnv('SANDBOX_RATE_LIMIT', 0),
		maxPageSize: numberFromEnv('SANDBOX_PAGE_SIZE', 0),
		...options.realism,
		rateLimited: { omicall: 0, nxcloud: 0 },
	};
	const pending = new Set<Promise<unknown>>();
	const later = (work: () => Promise<unknown>) => {
		const job = new Promise((resolve) => setTimeout(resolve, delay))
			.then(work)
			.catch((error: Error) => log(`sandbox: ${error.message}`));
		pending.add(job);
		void job.finally(() => pending.delete(job));
	};

	// OMICall
	const omicall = new OmicallEmulator({ apiKey: SANDBOX_CREDENTIALS.omicall.apiKey });
	const callCount = numberFromEnv('SANDBOX_OMICALL_CALLS', 0);
	if (callCount > 0) {
		spreadCallHistory(omicall, callCount, numberFromEnv('SANDBOX_OMICALL_CALL_DAYS', 90));
	}
	applyRealism(omicall.server, realism, 'omicall', () => ({
		status: 429,
		body: { status_code: -9999, instance_id: 'stg', message: 'rate_limit_exceeded', payload: null },
	}));
	omicall.server.listeners.push((request, response) => {
		if (!playPlatform) return;
		const body = response.body as
			| { status_code?: number; payload?: Record<string, unknown> }
			| undefined;
		if (
			!/^\/api\/social\/[^/]+\/guest_send_message$/.test(request.path) ||
			body?.status_code !== 9999
		)
			return;
		const url = options.omicallChatWebhookUrl;
		if (!url) return;
		const guest = body.payload ?? {};
		later(async () => {
			const reply = {
				_id: `bot-${String(guest._id)}`,
				uuid: `bot-${String(guest.uuid)}`,
				conv_uuid: guest.conv_uuid,
				room_id: guest.room_id,
				member_type: 'bot',
				type: 'chat',
				kind: 'normal',
				content: `Chào bạn! Chatbot đã nhận: "${String(guest.content)}". Nhân viên sẽ liên hệ sớm.`,
				multimedias: null,
				created_date: Date.now(),
				omi_bot_node_id: 'sandbox-bot',
			};
			const status = await omicall.deliver(url, {}, reply);
			log(
				`sandbox: OMICall chatbot reply → ${url.replace(/secret=[^&]+/, 'secret=…')} (HTTP ${status ?? 'error'})`,
			);
		});
	});

	// NXCLOUD
	const nxcloud = new NxCloudEmulator({
		uuid: SANDBOX_CREDENTIALS.nxcloud.uuid,
		secret: SANDBOX_CREDENTIALS.nxcloud.secretKey,
		algorithm: SANDBOX_CREDENTIALS.nxcloud.algorithm,
		...(realism.maxPageSize > 0 ? { limits: { pageSize: realism.maxPageSize } } : {}),
	});
	// Over the rate limit: the emulator's own signed retCode 7 "System busy" answer, work not done.
	applyRealism(nxcloud, realism, 'nxcloud', (request, handler) => {
		const name = request.path.split('/').pop() ?? '';
		nxcloud.failAt(1, 'busy', name);
		return handler(request, {}) as EmulatorResponse;
	});
	const dialed = new Set<string>();
	nxcloud.listeners.push((request) => {
		if (!playPlatform) return;
		if (!/\/(createAndCall|addBatchCall|importBatchCall)$/.test(request.path)) return;
		later(async () => {
			for (const [orderID, order] of nxcloud.orders) {
				if (dialed.has(orderID) || order.stopped) continue;
				dialed.add(orderID);
				nxcloud.simulateCall(orderID, { callDuration: 42 });
				if (order.callCallbackUrl) {
					const sent = await nxcloud.sendCallback(
						'call',
						order.callCallbackUrl,
						nxcloud.callCallbackPayload(orderID),
					);
					log(`sandbox: NXCLOUD call callback for order ${orderID} → HTTP ${sent.status}`);
				}
				if (order.orderCallbackUrl) {
					await nxcloud.sendCallback(
						'order',
						order.orderCallbackUrl,
						nxcloud.orderCallbackPayload(orderID),
					);
				}
			}
		});
	});

	// Capture endpoint (stands in for a CRM)
	const capture = new EmulatorServer();
	const captured = new Map<string, unknown[]>();
	capture.route('POST', '/capture/:name', (request, { name }) => {
		const list = captured.get(name) ?? [];
		list.push(request.body ?? request.rawBody.toString('utf8'));
		captured.set(name, list);
		return { body: { ok: true, count: list.length } };
	});
	capture.route('GET', '/capture/:name', (_request, { name }) => ({
		body: captured.get(name) ?? [],
	}));
	capture.route('GET', '/capture', () => ({ body: Object.fromEntries(captured) }));

	// OpenAI-compatible mock (the model of example 5's AI Agent), on the capture server's port
	const openai = new OpenAiMock({ apiKey: SANDBOX_CREDENTIALS.openai.apiKey });
	openai.mount(capture, OPENAI_PATH);

	const host = options.host ?? '127.0.0.1';
	await omicall.server.start(options.omicallPort ?? 0, host);
	await nxcloud.start(options.nxcloudPort ?? 0, host);
	await capture.start(options.capturePort ?? 0, host);

	return {
		omicall,
		nxcloud,
		capture,
		captured,
		openai,
		realism,
		urls: {
			omicall: omicall.url,
			nxcloud: nxcloud.url,
			capture: capture.url,
			openai: `${capture.url}${OPENAI_PATH}`,
		},
		async settled() {
			while (pending.size) await Promise.all([...pending]);
		},
		async stop() {
			await Promise.all([omicall.stop(), nxcloud.stop(), capture.stop()]);
		},
	};
}

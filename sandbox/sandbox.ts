/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * The sandbox: the OMICall and NXCLOUD emulators from the tests, plus a capture endpoint standing in
 * for a CRM, on 127.0.0.1. It also plays the platforms' side of the conversation:
 * - OMICall: a guest message gets a chatbot reply, delivered to the chat webhook URL (an OMICall
 *   Trigger) the way OMICall's omnichannel webhook does;
 * - NXCLOUD: every order of a task is dialed and its call result is sent as a signed call callback
 *   to the order's callCallbackUrl (an NXCLOUD Callbot Trigger), then an order callback.
 *
 * Use it with the sandbox credentials below; with real credentials the same workflows talk to the
 * real platforms.
 */
import { OmicallEmulator } from '../test/emulators/omicall';
import { EmulatorServer } from '../test/emulators/http-server';
import { NxCloudEmulator } from '../test/emulators/nxcloud';

export const SANDBOX_CREDENTIALS = {
	omicall: { apiKey: 'sandbox-omicall-key' },
	nxcloud: { uuid: 'sandbox-uuid', secretKey: 'sandbox-secret', algorithm: 'MD5' as const },
	/** The shared secret the example OMICall Trigger expects (OMICall does not sign webhooks). */
	omicallWebhookSecret: 'sandbox-webhook-secret',
};

export interface SandboxOptions {
	host?: string;
	omicallPort?: number;
	nxcloudPort?: number;
	capturePort?: number;
	/** Where guest messages get their chatbot reply (e.g. an OMICall Trigger's URL with its secret). */
	omicallChatWebhookUrl?: string;
	/** Delay before the platform "answers" (bot reply, call result), in ms. */
	replyDelayMs?: number;
	log?: (line: string) => void;
}

export interface Sandbox {
	omicall: OmicallEmulator;
	nxcloud: NxCloudEmulator;
	capture: EmulatorServer;
	/** What the capture endpoint received, by name (POST /capture/:name). */
	captured: Map<string, unknown[]>;
	urls: { omicall: string; nxcloud: string; capture: string };
	/** Resolves when every reply/callback scheduled so far has been delivered. */
	settled(): Promise<void>;
	stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const log = options.log ?? (() => undefined);
	const delay = options.replyDelayMs ?? 300;
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
	omicall.server.listeners.push((request, response) => {
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
	});
	const dialed = new Set<string>();
	nxcloud.listeners.push((request) => {
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

	const host = options.host ?? '127.0.0.1';
	await omicall.server.start(options.omicallPort ?? 0, host);
	await nxcloud.start(options.nxcloudPort ?? 0, host);
	await capture.start(options.capturePort ?? 0, host);

	return {
		omicall,
		nxcloud,
		capture,
		captured,
		urls: { omicall: omicall.url, nxcloud: nxcloud.url, capture: capture.url },
		async settled() {
			while (pending.size) await Promise.all([...pending]);
		},
		async stop() {
			await Promise.all([omicall.stop(), nxcloud.stop(), capture.stop()]);
		},
	};
}

import * as crypto from 'crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NxCloudCallbotApi } from '../../credentials/NxCloudCallbotApi.credentials';
import { OmicallWebhookApi } from '../../credentials/OmicallWebhookApi.credentials';
import { NxCloudCallbotTrigger } from '../../nodes/NxCloudCallbot/NxCloudCallbotTrigger.node';
import { OmicallTrigger } from '../../nodes/Omicall/OmicallTrigger.node';
import { NxCloudEmulator } from '../../emulators/nxcloud';
import { captureLogs, type CapturedLogs } from '../harness/capture-logs';
import { WebhookHarness } from '../harness/run-webhook';

// Every comparison of a secret or a signature must go through crypto.timingSafeEqual.
vi.mock('crypto', async (importOriginal) => {
	const actual = await importOriginal<typeof import('crypto')>();
	return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const timingSafeEqual = vi.mocked(crypto.timingSafeEqual);
const TOKEN = 'dummy-constant-time-token-0001';

let logs: CapturedLogs;
beforeEach(() => {
	timingSafeEqual.mockClear();
	logs = captureLogs();
});
afterEach(() => logs.restore());

describe('constant-time comparisons', () => {
	it('OMICall Trigger compares the secret with timingSafeEqual', async () => {
		const harness = new WebhookHarness({
			nodeType: new OmicallTrigger(),
			credentialTypes: [new OmicallWebhookApi()],
			credentials: { omicallWebhookApi: { secret: TOKEN } },
			parameters: { events: ['callEnded'] },
		});
		const wrong = `${TOKEN.slice(0, -1)}2`;
		const delivery = await harness.deliver({
			headers: { 'content-type': 'application/json' },
			query: { secret: wrong },
			body: JSON.stringify({ transaction_id: 't', state: 'cdr' }),
		});
		expect(delivery.status).toBe(401);
		expect(timingSafeEqual).toHaveBeenCalledWith(Buffer.from(wrong), Buffer.from(TOKEN));
	});

	it('NXCLOUD Callbot Trigger compares the uuid and the sign with timingSafeEqual', async () => {
		const uuid = 'dummy-account-uuid-0001';
		const harness = new WebhookHarness({
			nodeType: new NxCloudCallbotTrigger(),
			credentialTypes: [new NxCloudCallbotApi()],
			credentials: { nxCloudCallbotApi: { uuid, secretKey: TOKEN, algorithm: 'MD5' } },
			parameters: {},
		});
		const callback = new NxCloudEmulator({ uuid, secret: TOKEN }).signedCallback('task', {
			taskStatus: 3,
			taskStat: {},
		});
		const sign = callback.headers.sign;
		const forged = `${sign.slice(0, -1)}${sign.endsWith('0') ? '1' : '0'}`;
		const delivery = await harness.deliver({
			headers: { ...callback.headers, sign: forged },
			body: callback.rawBody,
		});
		expect(delivery.status).toBe(401);
		expect(timingSafeEqual).toHaveBeenCalledWith(Buffer.from(uuid), Buffer.from(uuid));
		expect(timingSafeEqual).toHaveBeenCalledWith(Buffer.from(sign), Buffer.from(forged));
	});
});

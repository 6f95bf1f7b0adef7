import { PollContext } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type IDataObject,
	type INode,
	type INodeParameters,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OmicallCallbotResultsTrigger } from '../../nodes/Omicall/OmicallCallbotResultsTrigger.node';
import { POLL_CLOCK } from '../../nodes/Omicall/polling/poll';
import { ANALYZED_LOG_PAGES } from '../../nodes/Omicall/polling/output';
import { EMITTED_LIMIT, RATE_LIMIT_PAUSE } from '../../nodes/Omicall/polling/state';
import { forgetOmicallTokens } from '../../nodes/Omicall/transport/auth';
import { captureLogs, type CapturedLogs } from '../harness/capture-logs';
import { startOmicall, type OmicallContext } from '../omicall/setup';

/**
 * The OMICall Callbot Results Trigger's poll() through n8n-core's real PollContext (parameters,
 * credentials through the credentials helper, `getWorkflowStaticData('node')`,
 * `helpers.httpRequestWithAuthentication`), against the OMICall emulator.
 *
 * What n8n does around poll() is imitated as in n8n 1.123.50 (ActiveWorkflows.activatePolling and
 * ActiveWorkflowManager.getExecutePollFunctions): the items of a poll that returns data are emitted
 * and the workflow's static data is saved then (and at activation); a poll that returns null saves
 * nothing. A restart builds a new Workflow from the saved static data (as n8n reads it from its
 * database) and forgets the tokens in memory.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const CAMPAIGN_A = '67ee1138e4c40956087cd265';
const CAMPAIGN_B = '67ee1138e4c40956087cd266';
const LIST = '/api/call_transaction/list';

class Poller {
	/** What n8n's database holds of the workflow's static data. */
	saved: IDataObject = {};
	workflow!: Workflow;
	readonly node: INode;
	private readonly nodeType = new OmicallCallbotResultsTrigger();

	constructor(
		private readonly omicall: OmicallContext,
		parameters: INodeParameters,
	) {
		const description = this.nodeType.description;
		const node: INode = {
			id: '0b7e9c1a-0000-4000-8000-00000000ca11',
			name: 'OMICall Callbot Results Trigger',
			type: `test.${description.name}`,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			credentials: { omicallApi: { id: 'cred-omicallApi', name: 'OMICall account' } },
		};
		node.parameters =
			NodeHelpers.getNodeParameters(
				description.properties,
				parameters,
				true,
				false,
				node,
				description,
			) ?? {};
		this.node = node;
		this.restart();
	}

	/** n8n starts again: static data as saved, no token in memory. */
	restart(): void {
		forgetOmicallTokens();
		this.workflow = new Workflow({
			id: 'callbotEx06',
			name: 'Callbot results',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: {
				getByName: () => this.nodeType,
				getByNameAndVersion: () => this.nodeType,
				getKnownTypes: () => ({}),
			},
			staticData: JSON.parse(JSON.stringify(this.saved)) as IDataObject,
			settings: { executionOrder: 'v1', timezone: 'Asia/Ho_Chi_Minh' },
		});
	}

	private save(): void {
		const data = JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
		delete data.__dataChanged;
		this.saved = data;
	}

	/** One poll; the emitted items' JSON, or null when the poll emitted nothing. */
	async poll(
		mode: WorkflowExecuteMode = 'trigger',
		{ crashBeforeSave = false } = {},
	): Promise<IDataObject[] | null> {
		const additionalData = {
			credentialsHelper: this.omicall.credentials,
			currentNodeExecutionIndex: 0,
			variables: {},
			restApiUrl: 'https://n8n.example.com/rest',
			instanceBaseUrl: 'https://n8n.example.com',
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new PollContext(this.workflow, this.node, additionalData, mode, 'activate');
		const result = await this.nodeType.poll.call(context);
		if (result === null) return null;
		if (mode !== 'manual' && !crashBeforeSave) this.save();
		return result[0].map((item) => item.json);
	}

	/** Activation: the first poll, then n8n saves static data. */
	async activate(): Promise<IDataObject[] | null> {
		const result = await this.poll();
		this.save();
		return result;
	}

	get state(): IDataObject {
		return (this.workflow.staticData as IDataObject)[
			'node:OMICall Callbot Results Trigger'
		] as IDataObject;
	}
}

let omicall: OmicallContext;
let now: number;
let logs: CapturedLogs;

function setClock(at: number): void {
	now = at;
	POLL_CLOCK.now = () => now;
}

/** A finished callbot call of a campaign, created `ago` ms before the poller's clock. */
function callbotCall(ago: number, fields: IDataObject = {}): string {
	return omicall.emulator.addCall(now - ago, {
		is_auto_call: true,
		autocall_id: CAMPAIGN_A,
		direction: 'outbound',
		disposition: 'answered',
		bill_sec: 42,
		...fields,
	});
}

const ids = (items: IDataObject[] | null) => (items ?? []).map((item) => item.transaction_id);

beforeEach(async () => {
	omicall = await startOmicall({ callCount: 20 });
	logs = captureLogs();
	setClock(omicall.emulator.now + 60 * MINUTE);
});

afterEach(async () => {
	logs.restore();
	POLL_CLOCK.now = () => Date.now();
	EMITTED_LIMIT.max = 5000;
	ANALYZED_LOG_PAGES.max = 20;
	await omicall.emulator.stop();
});

describe('OMICall Callbot Results Trigger: each finished callbot call once', () => {
	it('starts at activation, then emits each new callbot call once, oldest first, with its outcome', async () => {
		const poller = new Poller(omicall, {});
		expect(await poller.activate()).toBeNull();
		expect(omicall.emulator.server.requests(LIST)).toHaveLength(0);

		setClock(now + 10 * MINUTE);
		const first = callbotCall(8 * MINUTE);
		const second = callbotCall(7 * MINUTE, {
			disposition: 'cancelled',
			bill_sec: 0,
			autocall_id: 12345,
		});
		omicall.emulator.addCall(now - 7 * MINUTE, { is_auto_call: false });
		const items = await poller.poll();
		expect(ids(items)).toEqual([first, second]);
		expect(items![0]).toMatchObject({
			transaction_id: first,
			autocall_id: CAMPAIGN_A,
			autocallId: CAMPAIGN_A,
			answered: true,
			talkSeconds: 42,
			finishedAt: new Date(now - 8 * MINUTE).toISOString(),
		});
		expect(items![0].recordingUrl).toMatch(/^https:\/\//);
		expect(items![1]).toMatchObject({ answered: false, talkSeconds: 0, autocallId: '12345' });
		expect(Object.keys(items![0])).not.toContain('user');

		const [request] = omicall.emulator.server.requests(LIST);
		expect(request.method).toBe('GET');
		expect(request.query).toMatchObject({ is_auto_call: 'true', page: '1', size: '50' });
		// From the activation's cursor (10 min ago − 5 min settle) minus the look-back, but not
		// before the activation; to now − 5 min settle.
		expect(Number(request.query.to_date)).toBe(now - 5 * MINUTE);
		expect(Number(request.query.from_date)).toBe(now - 10 * MINUTE - 5 * MINUTE + 1);
		expect(request.headers['x-api-key']).toBe('sandbox-tenant');

		setClock(now + MINUTE);
		expect(await poller.poll()).toBeNull();
	});

	it('carries its cursor and emitted IDs across restarts: no repeat, no gap', async () => {
		const poller = new Poller(omicall, {});
		await poller.activate();
		setClock(now + 10 * MINUTE);
		const before = callbotCall(6 * MINUTE);
		expect(ids(await poller.poll())).toEqual([before]);

		// A poll that emits nothing is not saved by n8n; a crash after it loses only that poll.
		setClock(now + MINUTE);
		expect(await poller.poll()).toBeNull();
		poller.restart();
		setClock(now + 2 * MINUTE);
		const during = callbotCall(7 * MINUTE);
		expect(ids(await poller.poll())).toEqual([during]);

		poller.restart();
		setClock(now + 3 * MINUTE);
		const after = callbotCall(6 * MINUTE);
		expect(ids(await poller.poll())).toEqual([after]);
		poller.restart();
		expect(await poller.poll()).toBeNull();
	});

	it("repeats only the last poll's calls when n8n stops between the emit and its static-data write", async () => {
		const poller = new Poller(omicall, {});
		await poller.activate();
		setClock(now + 10 * MINUTE);
		const saved = callbotCall(8 * MINUTE);
		expect(ids(await poller.poll())).toEqual([saved]);
		setClock(now + MINUTE);
		const lost = callbotCall(5.5 * MINUTE);
		expect(ids(await poller.poll('trigger', { crashBeforeSave: true }))).toEqual([lost]);
		poller.restart();
		setClock(now + MINUTE);
		expect(ids(await poller.poll())).toEqual([lost]);
		expect(await poller.poll()).toBeNull();
	});

	it('reads every page; a call on a page boundary once, also when a new call shifts the pages', async () => {
		const poller = new Poller(omicall, {});
		await poller.activate();
		setClock(now + 60 * MINUTE);
		const added: string[] = [];
		for (let i = 0; i < 120; i++) added.push(callbotCall(50 * MINUTE - i * 10_000));
		// After page 1 was answered, a newer call is listed on top: page 2 then starts with the
		// last call of page 1 again (emitted once), and the newer call, now on page 1, is read by
		// the next poll's look-back.
		let late: string | undefined;
		omicall.emulator.server.listeners.push((request) => {
			if (request.path === LIST && !late) late = callbotCall(20 * MINUTE);
		});
		const items = await poller.poll();
		const pages = omicall.emulator.server.requests(LIST).map((r) => r.query.page);
		expect(pages).toEqual(['1', '2', '3']);
		expect(ids(items)).toEqual(added);
		expect(new Set(ids(items)).size).toBe(120);
		setClock(now + MINUTE);
		expect(ids(await poller.poll())).toEqual([late]);
		expect(await poller.poll()).toBeNull();
	});

	it('reads a long pause in windows of at most 30 days, a call on the windows boundary once', async () => {
		const poller = new Poller(omicall, { options: { lookBackMinutes: 60 } });
		await poller.activate();
		const start = now;
		setClock(start + 45 * DAY);
		const to = now - 5 * MINUTE;
		const boundary = omicall.emulator.addCall(to - 30 * DAY, { is_auto_call: true });
		const early = omicall.emulator.addCall(start + DAY, { is_auto_call: true });
		const late = callbotCall(20 * MINUTE);
		const items = await poller.poll();
		expect(ids(items)).toEqual([early, boundary, late]);
		const windows = omicall.emulator.server
			.requests(LIST)
			.map((r) => [Number(r.query.from_date), Number(r.query.to_date)]);
		expect(windows).toEqual([
			[to - 30 * DAY, to],
			[start - 5 * MINUTE + 1, to - 30 * DAY],
		]);
		for (const [from, until] of windows) expect(until - from).toBeLessThanOrEqual(30 * DAY);
	});

	it('emits a call that OMICall lists late, within the look-back; not one older than it', async () => {
		const poller = new Poller(omicall, { options: { lookBackMinutes: 30 } });
		await poller.activate();
		setClock(now + 20 * MINUTE);
		expect(await poller.poll()).toBeNull();
		// Listed only now, though made 10 minutes before the last poll's end.
		const late = callbotCall(5 * MINUTE + 10 * MINUTE);
		setClock(now + 20 * MINUTE);
		const tooLate = callbotCall(5 * MINUTE + 20 * MINUTE + 35 * MINUTE);
		expect(ids(await poller.poll())).toEqual([late]);
		expect(ids(await poller.poll())).not.toContain(tooLate);
	});

	it('waits for the settle delay, so the call comes with the recording OMICall adds later', async () => {
		const poller = new Poller(omicall, { options: { settleMinutes: 5 } });
		await poller.activate();
		setClock(now + 10 * MINUTE);
		const id = callbotCall(2 * MINUTE, { recording_file: '', record_seconds: 0 });
		expect(await poller.poll()).toBeNull();
		const call = omicall.emulator.calls.find((c) => c.transaction_id === id)!;
		call.recording_file = 'https://public-v1-stg.omicrm.com/third_party/recording/uc?id=9';
		call.record_seconds = 40;
		setClock(now + 4 * MINUTE);
		const items = await poller.poll();
		expect(ids(items)).toEqual([id]);
		expect(items![0]).toMatchObject({ record_seconds: 40, recordingUrl: call.recording_file });
	});

	it('emulator: a recording listed only after its recording_after moment', async () => {
		const poller = new Poller(omicall, { options: { settleMinutes: 0 } });
		await poller.activate();
		setClock(now + MINUTE);
		callbotCall(10_000, { recording_after: Date.now() + DAY });
		const items = await poller.poll();
		expect(items![0]).toMatchObject({ recording_file: '', record_seconds: 0, recordingUrl: null });
		expect(items![0]).not.toHaveProperty('recording_after');
	});

	it('emits only the selected campaigns (autocall_id as text or number, either spelling)', async () => {
		const poller = new Poller(omicall, { campaignIds: `${CAMPAIGN_A}, 777` });
		await poller.activate();
		setClock(now + 10 * MINUTE);
		const a = callbotCall(9 * MINUTE);
		callbotCall(8 * MINUTE, { autocall_id: CAMPAIGN_B });
		const numeric = callbotCall(7 * MINUTE, { autocall_id: undefined, autocallId: 777 });
		callbotCall(6 * MINUTE, { autocall_id: undefined });
		expect(ids(await poller.poll())).toEqual([a, numeric]);
	});

	it.each([
		['limit_request_30_minute' as const],
		['http429' as const],
		['rate_limit_exceeded' as const],
	])(
		'skips a poll OMICall refuses as rate-limited (%s), keeps the cursor, says so in the log',
		async (style) => {
			const poller = new Poller(omicall, {});
			await poller.activate();
			setClock(now + 10 * MINUTE);
			const id = callbotCall(8 * MINUTE);
			const cursor = (poller.state.callbotResults as IDataObject).cursor;
			omicall.emulator.rateLimit = { remaining: 1, style };
			expect(await poller.poll()).toBeNull();
			expect((poller.state.callbotResults as IDataObject).cursor).toBe(cursor);
			expect(logs.lines().join('\n')).toMatch(/rate-limited .*this poll is skipped/);
			setClock(now + MINUTE);
			expect(ids(await poller.poll())).toEqual([id]);
		},
	);

	it('backs off after rate-limited polls (1, 2, 4 … minutes), asks nothing while paused, fails from the 5th in a row, and starts over after a finished poll', async () => {
		const poller = new Poller(omicall, {});
		await poller.activate();
		setClock(now + 10 * MINUTE);
		const start = now;
		const id = callbotCall(8 * MINUTE);
		const cursor = (poller.state.callbotResults as IDataObject).cursor;
		omicall.emulator.rateLimit = { remaining: 1000, style: 'limit_request_30_minute' };
		const sent = () => omicall.emulator.server.requests(LIST).length;
		const asked: number[] = [];
		const failed: Array<[number, string]> = [];
		// One poll a minute for 45 minutes, OMICall refusing every request.
		for (let minute = 0; minute < 45; minute++) {
			setClock(start + minute * MINUTE);
			const before = sent();
			try {
				expect(await poller.poll()).toBeNull();
			} catch (error) {
				failed.push([minute, (error as Error).message]);
			}
			if (sent() > before) asked.push(minute);
			expect(sent() - before).toBeLessThanOrEqual(1);
		}
		// Pauses of 1, 2, 4, 8, 16, then 30 minutes after each refused poll.
		expect(asked).toEqual([0, 1, 3, 7, 15, 31]);
		expect(failed.map(([minute]) => minute)).toEqual([15, 31]);
		expect(RATE_LIMIT_PAUSE).toEqual({ firstMs: MINUTE, maxMs: 30 * MINUTE, failAfter: 5 });
		expect(failed[0][1]).toBe(
			`OMICall refused 5 polls in a row as rate-limited (limit_request_30_minute); no call has been emitted since ${new Date(start).toISOString()}`,
		);
		expect(failed[1][1]).toMatch(/^OMICall refused 6 polls in a row/);
		expect(logs.lines().join('\n')).toMatch(/No poll asks OMICall again before/);
		expect((poller.state.callbotResults as IDataObject).cursor).toBe(cursor);
		expect(poller.state.callbotResultsPause).toMatchObject({
			limited: 6,
			pausedUntil: start + 61 * MINUTE,
		});

		// OMICall answers again: the first poll after the pause emits the call and ends the pause.
		omicall.emulator.rateLimit = undefined;
		setClock(start + 60 * MINUTE);
		expect(await poller.poll()).toBeNull();
		setClock(start + 61 * MINUTE);
		expect(ids(await poller.poll())).toEqual([id]);
		expect(poller.state.callbotResultsPause).toBeUndefined();
		// A later rate limit starts with a one-minute pause again.
		omicall.emulator.rateLimit = { remaining: 1, style: 'http429' };
		setClock(now + MINUTE);
		expect(await poller.poll()).toBeNull();
		expect(poller.state.callbotResultsPause).toMatchObject({
			limited: 1,
			pausedUntil: now + MINUTE,
		});
	});

	it('fails a poll on another OMICall error, without moving on', async () => {
		const poller = new Poller(omicall, {});
		await poller.activate();
		setClock(now + 10 * MINUTE);
		const id = callbotCall(8 * MINUTE);
		omicall.emulator.failRequest(1, {
			body: { status_code: -9999, message: 'date_invalid' },
		});
		await expect(poller.poll()).rejects.toMatchObject({
			message: expect.stringContaining('OMICall error date_invalid'),
		});
		expect(ids(await poller.poll())).toEqual([id]);
	});

	it('Fetch Test Event returns the latest few calls and moves nothing', async () => {
		const poller = new Poller(omicall, { options: { testEventCount: 2 } });
		await poller.activate();
		const saved = JSON.stringify(poller.state);
		setClock(now + 10 * MINUTE);
		callbotCall(9 * MINUTE);
		const b = callbotCall(8 * MINUTE);
		const c = callbotCall(7 * MINUTE);
		const items = await poller.poll('manual');
		expect(ids(items)).toEqual([b, c]);
		expect(JSON.stringify(poller.state)).toBe(saved);
		expect(ids(await poller.poll())).toHaveLength(3);
	});

	it('adds the analysed log of each call from analyzed_log/list by campaign (ref_uuid)', async () => {
		const poller = new Poller(omicall, { options: { includeAnalyzedLog: true } });
		await poller.activate();
		setClock(now + 10 * MINUTE);
		const id = callbotCall(8 * MINUTE);
		omicall.emulator.analyzedLogs.push(
			{ _id: 'l1', ref_uuid: CAMPAIGN_A, session_id: id, intent: 'omi_intent_confirm_right' },
			{ _id: 'l2', ref_uuid: CAMPAIGN_A, session_id: 'another-call', intent: 'omi_intent_deny' },
		);
		const items = await poller.poll();
		expect(items![0].analyzedLogComplete).toBe(true);
		expect(items![0].analyzedLog).toEqual([
			{ _id: 'l1', ref_uuid: CAMPAIGN_A, session_id: id, intent: 'omi_intent_confirm_right' },
		]);
		const logRequests = omicall.emulator.server.requests('/api/call_bot/analyzed_log/list');
		expect(logRequests.map((r) => r.body)).toEqual([
			{ ref_uuid: CAMPAIGN_A },
			{ ref_uuid: CAMPAIGN_A },
			{ ref_uuid: CAMPAIGN_A },
		]);
	});

	it('marks the analysed log of a call as incomplete when the campaign has more entries than it reads', async () => {
		ANALYZED_LOG_PAGES.max = 2;
		const poller = new Poller(omicall, { options: { includeAnalyzedLog: true } });
		await poller.activate();
		setClock(now + 10 * MINUTE);
		const id = callbotCall(8 * MINUTE);
		const seeded = omicall.emulator.analyzedLogs.filter((l) => l.ref_uuid === CAMPAIGN_A).length;
		expect(seeded).toBeGreaterThan(100);
		omicall.emulator.analyzedLogs.push({
			_id: 'l1',
			ref_uuid: CAMPAIGN_A,
			session_id: id,
			intent: 'omi_intent_confirm_right',
		});
		const items = await poller.poll();
		expect(items![0]).toMatchObject({ analyzedLog: [], analyzedLogComplete: false });
		expect(omicall.emulator.server.requests('/api/call_bot/analyzed_log/list')).toHaveLength(2);
	});

	it('keeps its memory bounded: the oldest IDs are forgotten and never read again', async () => {
		EMITTED_LIMIT.max = 3;
		const poller = new Poller(omicall, {});
		await poller.activate();
		setClock(now + 10 * MINUTE);
		const first = [9, 8, 7, 6, 5.5].map((m) => callbotCall(m * MINUTE));
		expect(ids(await poller.poll())).toEqual(first);
		const state = poller.state.callbotResults as IDataObject;
		expect(Object.keys(state.emitted as IDataObject)).toHaveLength(3);
		setClock(now + MINUTE);
		expect(await poller.poll()).toBeNull();
	});
});

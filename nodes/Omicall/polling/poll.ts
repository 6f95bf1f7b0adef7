import {
	NodeApiError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';
import { callKey, readCallHistory } from './history';
import { pollSettings, type PollSettings } from './description';
import {
	analyzedLogsByCall,
	callResult,
	type AnalyzedLogs,
	campaignOf,
	createdOf,
	isNotAutoCall,
	logOfCall,
} from './output';
import { rateLimitCode } from '../transport/rateLimit';
import { nodeError } from '../transport/request';
import {
	advance,
	endPause,
	loadPause,
	loadState,
	pauseAfterLimit,
	RATE_LIMIT_PAUSE,
	saveState,
	skipPoll,
	type PollPause,
} from './state';

/**
 * The poll of the OMICall Callbot Results Trigger (docs/callbot-results.md):
 *
 * 1. `to` = now − Settle Delay. The first poll only remembers where it starts (`to`) and emits
 *    nothing: calls made before the trigger was activated are not emitted.
 * 2. Later polls read every auto-call and callbot call of [max(floor, cursor − Look-Back), to]
 *    (history.ts: all pages, 30-day windows, inclusive bounds), keep those of the selected
 *    campaigns that were not emitted before (state.ts), add their outcome and optionally their
 *    analysed log (output.ts), and emit them, oldest first, in one execution.
 * 3. The new cursor and the emitted IDs go into the node's static data before the items are
 *    returned: n8n saves static data when the poll emits (see the docs for what a crash between
 *    the emit and that save repeats).
 * 4. OMICall answering rate-limited (HTTP 429, limit_request_30_minute, rate_limit_exceeded) skips
 *    the poll: nothing emitted, the cursor not moved, a warning in n8n's log, and the poller pauses
 *    (state.ts RATE_LIMIT_PAUSE: 1, 2, 4 … up to 30 minutes; polls during the pause send nothing).
 *    From the 5th rate-limited poll in a row on, each one is an error of the poll, so that n8n
 *    records it. A poll that finishes ends the pause. Any other failure is an error of the poll
 *    (n8n records it), and the cursor stays too.
 *
 * Fetch Test Event (manual mode) returns the latest few calls and changes nothing.
 */

/** The poller's clock (an object so that tests can move time on). */
export const POLL_CLOCK = { now: () => Date.now() };

const DAY_MS = 24 * 60 * 60 * 1000;

type Emitted = INodeExecutionData[][] | null;

function selected(call: IDataObject, settings: PollSettings): boolean {
	if (isNotAutoCall(call)) return false;
	if (!settings.campaigns.length) return true;
	const campaign = campaignOf(call);
	return campaign !== undefined && settings.campaigns.includes(campaign);
}

/** The items of the given calls, oldest first, with their analysed log when asked for. */
async function itemsOf(
	ctx: IPollFunctions,
	calls: IDataObject[],
	settings: PollSettings,
): Promise<INodeExecutionData[]> {
	const ordered = [...calls].sort(
		(a, b) =>
			(createdOf(a) ?? 0) - (createdOf(b) ?? 0) ||
			String(callKey(a)).localeCompare(String(callKey(b))),
	);
	let logs: AnalyzedLogs | undefined;
	if (settings.includeAnalyzedLog) {
		const campaigns = [...new Set(ordered.map(campaignOf).filter((id) => id !== undefined))];
		logs = await analyzedLogsByCall(ctx, campaigns as string[]);
	}
	return ordered.map((call) => ({
		json: callResult(call, settings.simplify, logs ? logOfCall(call, logs) : undefined),
	}));
}

/** Fetch Test Event: the latest few selected calls of the last seven days; nothing is remembered. */
async function testEvent(
	ctx: IPollFunctions,
	settings: PollSettings,
	to: number,
): Promise<Emitted> {
	const { calls } = await readCallHistory(ctx, to - 7 * DAY_MS, to, {
		stopAfter: settings.campaigns.length ? Number.POSITIVE_INFINITY : settings.testEventCount,
	});
	const latest = calls
		.filter((call) => selected(call, settings))
		.sort((a, b) => (createdOf(b) ?? 0) - (createdOf(a) ?? 0))
		.slice(0, settings.testEventCount);
	if (!latest.length) return null;
	return [await itemsOf(ctx, latest, settings)];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The error of a rate-limited poll from RATE_LIMIT_PAUSE.failAfter in a row on. */
function stillRateLimited(
	ctx: IPollFunctions,
	error: unknown,
	code: string,
	pause: PollPause,
	cursor: number,
): NodeApiError {
	const apiError = new NodeApiError(
		ctx.getNode(),
		((error as NodeApiError)?.errorResponse ?? {}) as JsonObject,
		{
			message: `OMICall refused ${pause.limited} polls in a row as rate-limited (${code}); no call has been emitted since ${iso(pause.since)}`,
			description: `No call is lost: the cursor stays at ${iso(cursor)}, and the calls since then are emitted once OMICall answers a whole poll. The poller does not ask OMICall again before ${iso(pause.pausedUntil)} (it pauses 1, 2, 4 … up to 30 minutes after each rate-limited poll; ${pause.skipped} polls skipped so far). OMICall's rule behind its limit is unknown (limit_request_30_minute may mean requests 30 minutes apart): set Poll Times less often (e.g. every 30 minutes) or a shorter Look-Back Window, so that a poll needs fewer requests (one per 50 calls).`,
			httpCode: String((error as NodeApiError)?.httpCode ?? '429'),
		},
	);
	apiError.context.vendorCode = code;
	return apiError;
}

export async function pollCallbotResults(this: IPollFunctions): Promise<Emitted> {
	const settings = pollSettings(this);
	const now = POLL_CLOCK.now();
	const to = now - settings.settleMs;
	if (this.getMode() === 'manual') {
		try {
			return await testEvent(this, settings, to);
		} catch (error) {
			throw nodeError(this, error);
		}
	}

	const staticData = this.getWorkflowStaticData('node');
	const state = loadState(staticData);
	if (!state) {
		saveState(staticData, { cursor: to, floor: to + 1, emitted: {} });
		this.logger.info(
			`OMICall Callbot Results Trigger: first poll, emitting calls created after ${new Date(to).toISOString()}`,
		);
		return null;
	}
	const pause = loadPause(staticData);
	if (pause && now < pause.pausedUntil) {
		skipPoll(staticData, pause);
		this.logger.debug(
			`OMICall Callbot Results Trigger: paused after rate-limited polls until ${iso(pause.pausedUntil)}; this poll sends nothing`,
		);
		return null;
	}
	const from = Math.max(state.floor, state.cursor - settings.lookBackMs);
	if (from > to) return null;

	let items: INodeExecutionData[];
	let fresh: IDataObject[];
	try {
		const { calls } = await readCallHistory(this, from, to);
		fresh = calls.filter((call) => {
			const key = callKey(call);
			const created = createdOf(call) ?? to;
			return (
				key !== undefined &&
				state.emitted[key] === undefined &&
				created >= from &&
				created <= to &&
				selected(call, settings)
			);
		});
		items = await itemsOf(this, fresh, settings);
	} catch (error) {
		const code = rateLimitCode(error);
		if (!code) throw nodeError(this, error);
		const paused = pauseAfterLimit(staticData, pause, now);
		if (paused.limited >= RATE_LIMIT_PAUSE.failAfter) {
			throw stillRateLimited(this, error, code, paused, state.cursor);
		}
		this.logger.warn(
			`OMICall Callbot Results Trigger: OMICall refused a request as rate-limited (${code}); this poll is skipped and the cursor stays at ${iso(state.cursor)}. No poll asks OMICall again before ${iso(paused.pausedUntil)} (rate-limited polls in a row: ${paused.limited}; from ${RATE_LIMIT_PAUSE.failAfter} on, each is an error). The next poll that asks reads the same calls.`,
		);
		return null;
	}
	endPause(staticData);

	const next = advance(
		state,
		Math.max(state.cursor, to),
		settings.lookBackMs,
		fresh.map((call) => [callKey(call) as string, createdOf(call) ?? to]),
	);
	saveState(staticData, next);
	return items.length ? [items] : null;
}

import type { IDataObject } from 'n8n-workflow';

/**
 * The poller's memory, kept in the workflow's static data of the node
 * (`getWorkflowStaticData('node')`), which n8n saves with the workflow (see docs/callbot-results.md
 * for when exactly):
 *
 * - `cursor`: the `to` of the last poll that finished (Unix ms). The next poll reads from
 *   `cursor − look-back` to `now − settle delay`.
 * - `floor`: no call created before it is ever emitted (Unix ms): just after the first poll's `to`,
 *   then `cursor − look-back` (the IDs before it are forgotten), or later when the memory below
 *   drops its oldest IDs.
 * - `emitted`: transaction_id → created_date of the calls emitted whose created_date is still
 *   inside the look-back of the cursor; a call read again by the look-back is not emitted again.
 *   At most `EMITTED_LIMIT.max` IDs: when more are emitted within one look-back, the oldest are
 *   forgotten and `floor` moves past them, so they are never read again (a call of those moments
 *   arriving even later is then not emitted: never twice wins over late).
 */

export interface PollState {
	cursor: number;
	floor: number;
	emitted: Record<string, number>;
}

/** The most transaction IDs remembered (about 60 bytes each in the saved static data). */
export const EMITTED_LIMIT = { max: 5000 };

const STATE_VERSION = 1;

/** The state saved in static data, or undefined before the first poll (or when it is unreadable). */
export function loadState(staticData: IDataObject): PollState | undefined {
	const saved = staticData.callbotResults as IDataObject | undefined;
	if (!saved || typeof saved !== 'object' || saved.version !== STATE_VERSION) return undefined;
	const cursor = Number(saved.cursor);
	const floor = Number(saved.floor);
	if (!Number.isFinite(cursor) || !Number.isFinite(floor)) return undefined;
	const emitted: Record<string, number> = {};
	const entries = saved.emitted && typeof saved.emitted === 'object' ? saved.emitted : {};
	for (const [id, created] of Object.entries(entries as IDataObject)) {
		if (Number.isFinite(Number(created))) emitted[id] = Number(created);
	}
	return { cursor, floor, emitted };
}

/**
 * Writes the state into static data: n8n notices the change (its static data is a proxy that sets
 * `__dataChanged`) and saves it the next time it saves the workflow's static data.
 */
export function saveState(staticData: IDataObject, state: PollState): void {
	staticData.callbotResults = {
		version: STATE_VERSION,
		cursor: state.cursor,
		floor: state.floor,
		emitted: { ...state.emitted },
	};
}

/**
 * The state after a poll of [.., to] that emitted `calls` (id → created_date): cursor `to`, the new
 * IDs remembered, the IDs older than the next poll's look-back forgotten, and the memory bounded.
 */
export function advance(
	state: PollState,
	to: number,
	lookBackMs: number,
	calls: Array<[string, number]>,
): PollState {
	const emitted: Record<string, number> = { ...state.emitted };
	for (const [id, created] of calls) emitted[id] = created;
	// IDs older than the next poll's look-back are forgotten, and the floor moves up to there, so
	// that a longer Look-Back Window set later cannot read them again.
	const keepFrom = to - lookBackMs;
	let floor = Math.max(state.floor, keepFrom);
	const kept = Object.entries(emitted)
		.filter(([, created]) => created >= keepFrom)
		.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
	let remembered = kept;
	if (kept.length > EMITTED_LIMIT.max) {
		// Forget whole milliseconds only: the floor moves past the newest forgotten call, and every
		// call of that millisecond is forgotten with it.
		const newestForgotten = kept[EMITTED_LIMIT.max][1];
		remembered = kept.filter(([, created]) => created > newestForgotten);
		floor = Math.max(floor, newestForgotten + 1);
	}
	return { cursor: to, floor, emitted: Object.fromEntries(remembered) };
}

/**
 * The back-off after polls that OMICall refused as rate-limited, kept in the node's static data
 * next to the poller's memory (key `callbotResultsPause`), in n8n's process: n8n saves it only with
 * the next emit or at deactivation, so after a restart the first poll asks OMICall again.
 *
 * - `pausedUntil` (Unix ms): polls before it send nothing and emit nothing.
 * - `limited`: rate-limited polls in a row; the pause after the n-th is
 *   `firstMs × 2^(n − 1)`, at most `maxMs` (1, 2, 4, 8, 16, 30, 30 … minutes).
 * - `skipped`: polls skipped during the pauses; `since`: when the first of these polls was refused.
 *
 * A poll that finishes (whether it emits or not) removes it. From the `failAfter`-th rate-limited
 * poll in a row on, each rate-limited poll is an error of the poll (n8n records an error execution),
 * so the user sees that no call is being emitted.
 */
export interface PollPause {
	pausedUntil: number;
	limited: number;
	skipped: number;
	since: number;
}

/** The pauses after rate-limited polls, and when they become an error (an object for the tests). */
export const RATE_LIMIT_PAUSE = { firstMs: 60_000, maxMs: 30 * 60_000, failAfter: 5 };

const PAUSE_KEY = 'callbotResultsPause';

/** The current pause, or undefined when the last poll finished (or none was rate-limited). */
export function loadPause(staticData: IDataObject): PollPause | undefined {
	const saved = staticData[PAUSE_KEY] as IDataObject | undefined;
	if (!saved || typeof saved !== 'object') return undefined;
	const [pausedUntil, limited, skipped, since] = [
		saved.pausedUntil,
		saved.limited,
		saved.skipped,
		saved.since,
	].map(Number);
	if (![pausedUntil, limited, skipped, since].every(Number.isFinite)) return undefined;
	return { pausedUntil, limited, skipped, since };
}

/** Notes a poll skipped during the pause. */
export function skipPoll(staticData: IDataObject, pause: PollPause): void {
	staticData[PAUSE_KEY] = { ...pause, skipped: pause.skipped + 1 };
}

/** The pause after a rate-limited poll at `now`, written into static data. */
export function pauseAfterLimit(
	staticData: IDataObject,
	pause: PollPause | undefined,
	now: number,
): PollPause {
	const limited = (pause?.limited ?? 0) + 1;
	const { firstMs, maxMs } = RATE_LIMIT_PAUSE;
	const next: PollPause = {
		pausedUntil: now + Math.min(firstMs * 2 ** Math.min(limited - 1, 30), maxMs),
		limited,
		skipped: pause?.skipped ?? 0,
		since: pause?.since ?? now,
	};
	staticData[PAUSE_KEY] = { ...next };
	return next;
}

/** A poll finished: no pause any more. */
export function endPause(staticData: IDataObject): void {
	if (staticData[PAUSE_KEY] !== undefined) delete staticData[PAUSE_KEY];
}

import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { CAP_PERIOD_MS } from './rules';

/**
 * Which numbers were sent for an advertising call, when and in which campaign, so that no number
 * gets a second advertising call within 24 hours (Decree 91/2020/ND-CP; see docs/compliance.md).
 *
 * Two layers, because no n8n mechanism a declarative node can reach covers every case:
 *
 * 1. **The workflow's static data** (`getWorkflowStaticData('global')`, shared by every node of the
 *    workflow). n8n saves it to the workflow's database row at the end of every production
 *    execution (trigger, webhook, schedule, CLI; success or error: hookFunctionsSave /
 *    hookFunctionsSaveWorker → WorkflowStaticDataService.saveStaticDataById when it changed) and
 *    loads it at the start of the next one, in whatever process: it survives restarts and covers
 *    queue mode's workers. It is per workflow, not saved for manual executions from the editor, and
 *    n8n reads, then writes it whole without a lock: two executions of the same workflow that
 *    overlap each start from the same copy, and the last to finish overwrites the other's entries.
 * 2. **This process's memory**: every workflow run by this n8n process (all of them in regular
 *    mode; one worker's in queue mode), manual executions included, until the process restarts.
 *
 * n8n's other stores do not reach a declarative node's hooks: the deduplication helpers
 * (`checkProcessedAndRecord`, node or workflow scope) and data tables (project scope) are on
 * `IExecuteFunctions` only, not on the `IExecuteSingleFunctions` that preSend and pagination
 * functions get (n8n-core ExecuteSingleContext). So two different workflows in two queue-mode
 * workers, or two overlapping executions of one workflow in two workers, are not guarded against
 * each other: use one workflow for advertising campaigns, or the Local Do-Not-Call list.
 *
 * Entries are never dropped before 24 hours: forgetting a number could call it twice. Each costs
 * about 45 bytes of static data (10,000 numbers a day ≈ 450 kB, saved with each execution).
 */

/** Where the entries are in the workflow's global static data. */
export const CALL_LOG_FIELD = 'decree91AdvertisingCalls';

/** When a number was last sent for an advertising call, and the campaign it was sent in. */
export interface CallRecord {
	/** Unix ms. */
	at: number;
	campaign: string;
}

/** The process-wide layer: number key → its last advertising call. */
const processLog = new Map<string, CallRecord>();

function pruneProcessLog(now: number): void {
	// Insertion order is time order (a re-recorded number is deleted, then set again).
	for (const [key, record] of processLog) {
		if (record.at > now - CAP_PERIOD_MS) break;
		processLog.delete(key);
	}
}

/** The stored entries of static data: { key: [at (Unix seconds), campaign] }. */
function storedEntries(data: IDataObject): Record<string, [number, string]> {
	const stored = data[CALL_LOG_FIELD];
	if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return {};
	const entries: Record<string, [number, string]> = {};
	for (const [key, value] of Object.entries(stored as IDataObject)) {
		if (Array.isArray(value) && typeof value[0] === 'number')
			entries[key] = [value[0], String(value[1] ?? '')];
	}
	return entries;
}

/** The 24-hour call log as one node run sees it. */
export class CallLog {
	private readonly data: IDataObject;

	constructor(
		ctx: Pick<IExecuteSingleFunctions, 'getWorkflowStaticData'>,
		private readonly now: number = Date.now(),
	) {
		this.data = ctx.getWorkflowStaticData('global');
		pruneProcessLog(now);
	}

	/** The number's advertising call within the last 24 hours, if any (the later of both layers). */
	lastCall(key: string): CallRecord | undefined {
		const oldest = this.now - CAP_PERIOD_MS;
		const stored = storedEntries(this.data)[key];
		const fromData =
			stored && stored[0] * 1000 > oldest
				? { at: stored[0] * 1000, campaign: stored[1] }
				: undefined;
		const inMemory = processLog.get(key);
		const fromMemory = inMemory && inMemory.at > oldest ? inMemory : undefined;
		if (!fromData) return fromMemory;
		if (!fromMemory) return fromData;
		return fromMemory.at > fromData.at ? fromMemory : fromData;
	}

	/**
	 * Remembers that these numbers were sent now in `campaign` (call it before the request: an
	 * answer that never comes still counts as a call). Writes the static data as one new object,
	 * dropping entries older than 24 hours, which marks it changed for n8n to save.
	 */
	record(keys: string[], campaign: string): void {
		if (!keys.length) return;
		const seconds = Math.ceil(this.now / 1000);
		const entries = this.freshEntries();
		for (const key of keys) {
			entries[key] = [seconds, campaign];
			processLog.delete(key);
			processLog.set(key, { at: this.now, campaign });
		}
		this.data[CALL_LOG_FIELD] = entries;
	}

	/**
	 * Forgets numbers recorded by `record` for `campaign` that the vendor refused for certain (they
	 * were not called). Entries of other campaigns are kept.
	 */
	forget(keys: string[], campaign: string): void {
		if (!keys.length) return;
		const entries = this.freshEntries();
		let changed = false;
		for (const key of keys) {
			if (entries[key]?.[1] === campaign) {
				delete entries[key];
				changed = true;
			}
			if (processLog.get(key)?.campaign === campaign) processLog.delete(key);
		}
		if (changed) this.data[CALL_LOG_FIELD] = entries;
	}

	private freshEntries(): Record<string, [number, string]> {
		const oldest = this.now - CAP_PERIOD_MS;
		const entries: Record<string, [number, string]> = {};
		for (const [key, entry] of Object.entries(storedEntries(this.data))) {
			if (entry[0] * 1000 > oldest) entries[key] = entry;
		}
		return entries;
	}
}

/** Forgets this process's layer (tests: a "restarted" process). */
export function clearProcessCallLog(): void {
	processLog.clear();
}

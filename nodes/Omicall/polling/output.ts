import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { listItems } from '../transport/output';
import { callKey } from './history';
import { omicallRequest } from '../transport/direct';

/**
 * What the poller emits for one call: the call-history record (all of it, or its main fields with
 * Simplify) plus its outcome, and optionally the campaign's analysed log entries of this call.
 *
 * Which campaign a call belongs to: `autocall_id`. OMICall documents `autocall_id` and
 * `autocall_uuid` only as field names of v2 call history and of the CDR webhook; that v1
 * `call_transaction/list` rows carry them too is [inferred] (reference §4.2, §7.2, §7.9). Both
 * spellings (autocall_id, autocallId) are read, as text or number.
 */

/** The campaign (autocall_id) of a call record, as text, or undefined. */
export function campaignOf(call: IDataObject): string | undefined {
	for (const field of ['autocall_id', 'autocallId', 'autocall_uuid', 'autocallUuid']) {
		const value = call[field];
		if ((typeof value === 'string' && value.trim()) || typeof value === 'number') {
			return String(value).trim();
		}
	}
	return undefined;
}

/** Whether a record says it is not an auto-call (is_auto_call false, as boolean or text). */
export function isNotAutoCall(call: IDataObject): boolean {
	const flag = call.is_auto_call ?? call.isAutoCall;
	return flag === false || String(flag).toLowerCase() === 'false';
}

/** The creation time of a call record (Unix ms; number or numeric text), or undefined. */
export function createdOf(call: IDataObject): number | undefined {
	const value = Number(call.created_date ?? call.createdDate);
	return Number.isFinite(value) && value > 0 ? value : undefined;
}

const SIMPLE_FIELDS = [
	'transaction_id',
	'direction',
	'source_number',
	'destination_number',
	'disposition',
	'duration',
	'bill_sec',
	'record_seconds',
	'recording_file',
	'created_date',
	'time_start_to_answer',
	'is_auto_call',
	'customer',
];

/** The outcome fields added to every emitted call. */
function outcome(call: IDataObject): IDataObject {
	const created = createdOf(call);
	const recording = call.recording_file ?? call.recording_file_url ?? call.recordingFile;
	return {
		autocallId: campaignOf(call) ?? null,
		answered: String(call.disposition ?? '').toLowerCase() === 'answered',
		talkSeconds: Number(call.bill_sec ?? call.billSec ?? 0) || 0,
		recordingUrl: typeof recording === 'string' && recording ? recording : null,
		finishedAt: created === undefined ? null : new Date(created).toISOString(),
	};
}

/** One emitted item's JSON. */
export function callResult(
	call: IDataObject,
	simplify: boolean,
	analyzed?: { analyzedLog: IDataObject[]; analyzedLogComplete: boolean },
): IDataObject {
	const record: IDataObject = {};
	if (simplify) {
		for (const field of SIMPLE_FIELDS) if (call[field] !== undefined) record[field] = call[field];
		const campaign = call.autocall_id ?? call.autocallId;
		if (campaign !== undefined) record.autocall_id = campaign;
	} else Object.assign(record, call);
	return {
		...record,
		...outcome(call),
		...(analyzed ?? {}),
	};
}

/** The most pages of analysed log read per campaign in one poll (50 entries a page). */
export const ANALYZED_LOG_PAGES = { max: 20 };

export interface AnalyzedLogs {
	/** The entries read, by session_id. */
	bySession: Map<string, IDataObject[]>;
	/** The campaigns whose log had more pages than ANALYZED_LOG_PAGES.max: not read in full. */
	cutOff: Set<string>;
}

/**
 * The analysed log entries of each campaign (POST /api/call_bot/analyzed_log/list with ref_uuid =
 * the campaign's autocall_id, which the reference marks [inferred]), read once per campaign per
 * poll, grouped by `session_id`. The list has no session or date filter (reference §4.1.5), so at
 * most ANALYZED_LOG_PAGES.max pages (1,000 entries) of each campaign are read, in OMICall's order;
 * a campaign with more is in `cutOff`.
 */
export async function analyzedLogsByCall(
	ctx: IPollFunctions,
	campaigns: string[],
): Promise<AnalyzedLogs> {
	const bySession = new Map<string, IDataObject[]>();
	const cutOff = new Set<string>();
	for (const campaign of campaigns) {
		let complete = false;
		for (let page = 1; page <= ANALYZED_LOG_PAGES.max; page++) {
			const payload = await omicallRequest(ctx, 'POST', '/api/call_bot/analyzed_log/list', {
				qs: { page, size: 50 },
				body: { ref_uuid: campaign },
			});
			const rows = listItems(payload);
			const entries = (Array.isArray(rows) ? rows : []).filter(
				(row): row is IDataObject => typeof row === 'object' && row !== null,
			);
			for (const entry of entries) {
				const session = String(entry.session_id ?? entry.sessionId ?? '');
				if (!session) continue;
				bySession.set(session, [...(bySession.get(session) ?? []), entry]);
			}
			const info = (payload && typeof payload === 'object' ? payload : {}) as IDataObject;
			if (String(info.has_next ?? info.hasNext) !== 'true' || !entries.length) {
				complete = true;
				break;
			}
		}
		if (!complete) cutOff.add(campaign);
	}
	return { bySession, cutOff };
}

/**
 * The analysed log entries of one call: those whose session_id is the call's transaction_id (or its
 * own session_id, when the record has one). That a callbot conversation session is the call is
 * [inferred]: OMICall does not document how analysed logs link to calls.
 */
export function logOfCall(
	call: IDataObject,
	{ bySession, cutOff }: AnalyzedLogs,
): { analyzedLog: IDataObject[]; analyzedLogComplete: boolean } {
	const keys = [callKey(call), call.session_id, call.sessionId]
		.filter((key) => key !== undefined && key !== null && key !== '')
		.map(String);
	const campaign = campaignOf(call);
	return {
		analyzedLog: [...new Set(keys)].flatMap((key) => bySession.get(key) ?? []),
		// false when the campaign's log was cut off (entries of this call may be missing), or when
		// the call has no campaign ID (no log could be read for it)
		analyzedLogComplete: campaign !== undefined && !cutOff.has(campaign),
	};
}

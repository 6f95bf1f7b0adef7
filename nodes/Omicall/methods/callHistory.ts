import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { asText } from '../../shared/input';
import { omicallRequest } from '../transport/direct';

/**
 * How far back the Call list of the Call ID field looks: OMICall accepts at most 30 days of call
 * history per request (`date_is_too_long`). Older calls are entered By ID.
 */
export const RECENT_CALLS = { days: 30, pageSize: 50 };

const DAY_MS = 24 * 60 * 60 * 1000;

/** "0395187319 → 842899990338 · 2026-11-28 08:30 UTC · answered". */
function callEntry(call: IDataObject): INodeListSearchItems {
	const created = Number(call.created_date);
	const when = Number.isFinite(created) && created > 0 ? new Date(created).toISOString() : '';
	const name = [
		`${asText(call.source_number)} → ${asText(call.destination_number)}`,
		when && `${when.slice(0, 10)} ${when.slice(11, 16)} UTC`,
		asText(call.disposition),
	]
		.filter(Boolean)
		.join(' · ');
	return { name, value: asText(call.transaction_id) };
}

/**
 * The calls of the last RECENT_CALLS.days days for the Call ID field (`GET
 * /api/call_transaction/list`, 50 a page, the next page as pagination token). Typed text is sent as
 * OMICall's `keyword` (e.g. a phone number).
 */
export async function searchRecentCalls(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken) || 1;
	const to = Date.now();
	const qs: IDataObject = {
		from_date: to - RECENT_CALLS.days * DAY_MS,
		to_date: to,
		page,
		size: RECENT_CALLS.pageSize,
	};
	const keyword = (filter ?? '').trim();
	if (keyword) qs.keyword = keyword;
	const payload = (await omicallRequest(this, 'GET', '/api/call_transaction/list', { qs })) as
		| IDataObject
		| IDataObject[]
		| undefined;
	const paging = Array.isArray(payload) ? {} : (payload ?? {});
	const records = Array.isArray(payload) ? payload : ((paging.items as IDataObject[]) ?? []);
	const results = records.map(callEntry).filter((entry) => entry.value !== '');
	const hasNext = String(paging.has_next ?? paging.hasNext) === 'true' && records.length > 0;
	return hasNext ? { results, paginationToken: String(page + 1) } : { results };
}

/** OMICall API section 4.2: call history (list, detail, change, report, search, evaluations). */
import type { EmulatorResponse, ReceivedRequest } from '../http-server';
import {
	camelPage,
	failA,
	failB,
	faultyPage,
	hex24,
	list,
	newestFirst,
	ok,
	pageParams,
	snakePage,
	type Json,
} from './answers';
import type { OmicallState, SecuredRoute } from './state';

const HISTORY_PATHS = [
	'/api/call_transaction/list',
	'/api/call_transaction/report',
	'/api/call_transaction/search',
];

/** Rate limit and period length of the call-history endpoints; undefined when the request may go on. */
function historyGate(
	emulator: OmicallState,
	request: ReceivedRequest,
	from: number,
	to: number,
): EmulatorResponse | undefined {
	const limit = emulator.rateLimit;
	if (limit && limit.remaining > 0) {
		limit.remaining--;
		if (limit.style === 'http429') {
			return { status: 429, body: { error: 'Too Many Requests' } };
		}
		return failB(limit.style);
	}
	if (!HISTORY_PATHS.includes(request.path)) return undefined;
	if (to - from > emulator.historyMaxWindowMs) return failB('date_is_too_long');
	return undefined;
}

/**
 * A call as the history lists it. emulator: a call added with `recording_after` (Unix ms, an
 * emulator-only field, never answered) has no recording yet before that moment (`recording_file`
 * empty, `record_seconds` 0), as OMICall adds a recording some time after the call ends.
 */
export function listedCall(call: Json, now = Date.now()): Json {
	if (call.recording_after === undefined) return call;
	const { recording_after: readyAt, ...listed } = call;
	if (now < Number(readyAt)) return { ...listed, recording_file: '', record_seconds: 0 };
	return listed;
}

function findCall(emulator: OmicallState, id: string): Json | undefined {
	return emulator.calls.find((call) => call.transaction_id === id);
}

/** Registers the call-history endpoints. */
export function callHistoryRoutes(emulator: OmicallState, secured: SecuredRoute): void {
	secured('GET', '/api/call_transaction/list', (request) => {
		const q = request.query;
		if (q.from_date === undefined) return failB('from_date_is_required');
		if (q.to_date === undefined) return failB('to_date_is_required');
		const from = Number(q.from_date);
		const to = Number(q.to_date);
		if (!Number.isFinite(from) || !Number.isFinite(to) || String(q.from_date).length < 12)
			return failB('date_invalid');
		const gate = historyGate(emulator, request, from, to);
		if (gate) return gate;
		const { page, size } = pageParams(request, 50);
		const directions = list(q.direction);
		const rows = newestFirst(emulator.calls)
			.filter(
				(c) =>
					(c.created_date as number) >= from &&
					(c.created_date as number) <= to &&
					(!directions.length || directions.includes(String(c.direction))) &&
					(!q.disposition || c.disposition === q.disposition) &&
					(q.is_auto_call === undefined || String(c.is_auto_call) === String(q.is_auto_call)) &&
					(!q.sip_user || c.sip_user === q.sip_user) &&
					(!q.keyword || JSON.stringify(c).includes(String(q.keyword))),
			)
			.map((c) => listedCall(c));
		return {
			body: {
				status_code: 9999,
				instance_id: 'stg',
				instance_name: 'emulator',
				payload: faultyPage(emulator.pagingFault, rows, page, size, snakePage),
				key_enabled: false,
			},
		};
	});
	secured('GET', '/api/call_transaction/detail/:id', (_request, { id }) => {
		const call = findCall(emulator, id);
		return call ? ok(listedCall(call)) : failA('resource_not_found', 'Call not found');
	});
	secured('POST', '/api/call_transaction/change/:id', (request, { id }) => {
		const call = findCall(emulator, id);
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
	secured('GET', '/api/call_transaction/report', (request) => {
		const from = Number(request.query.from_date ?? 0);
		const to = Number(request.query.to_date ?? Number.MAX_SAFE_INTEGER);
		// emulator: a report without both dates covers everything (the reference does not say).
		const bothDates = request.query.from_date !== undefined && request.query.to_date !== undefined;
		const gate = historyGate(emulator, request, bothDates ? from : 0, bothDates ? to : 0);
		if (gate) return gate;
		const rows = emulator.calls.filter(
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
	secured('POST', '/api/call_transaction/search', (request) => {
		const body = (request.body ?? {}) as Json;
		if (!Array.isArray(body.user_uuids) || body.user_uuids.length === 0)
			return failA('data_is_required', 'user_uuids is required');
		if (typeof body.from_date !== 'number') return failB('from_date_is_required');
		if (typeof body.to_date !== 'number') return failB('to_date_is_required');
		const gate = historyGate(emulator, request, body.from_date, body.to_date);
		if (gate) return gate;
		const { page, size } = pageParams(request, 20, 50);
		const directions = list(body.direction);
		const dispositions = list(body.disposition);
		const rows = newestFirst(emulator.calls)
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
		return ok(faultyPage(emulator.pagingFault, rows, page, size, camelPage));
	});
	secured('GET', '/api/evaluation_criteria/call/list', () => ok(emulator.criteria));
	secured('POST', '/api/call_transaction/add_evaluation/:id', (request, { id }) => {
		const call = findCall(emulator, id);
		if (!call) return failA('resource_not_found', 'Call not found');
		const body = (request.body ?? {}) as Json;
		if (!body.user_uuid || typeof body.evaluation !== 'object' || body.evaluation === null) {
			return failA('data_is_required', 'user_uuid and evaluation are required');
		}
		call.evaluations = { by: body.user_uuid, ...(body.evaluation as Json) };
		return ok(call);
	});
}

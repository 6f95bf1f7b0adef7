/**
 * OMICall API sections 4.4 (click-to-call), 4.6 (call history v2 and v3), 4.7 (plain auto-call) and
 * the tenant (4.8), EXTENDED: Bearer auth (checked by `secured`), the standard envelope.
 *
 * Invented where the reference is silent (marked "emulator:"): the state (extensions, hotlines,
 * busy numbers, balance), the history rows (v1's snake_case rows), the page shapes of v2 (snake) and
 * v3 (camel; the reference says to read both), the order and matching of the filters, and the
 * error forms of checks the reference lists without a form.
 */
import type { ReceivedRequest } from '../http-server';
import {
	camelPage,
	failA,
	failB,
	hex24,
	ok,
	pageParams,
	snakePage,
	uuid,
	type Json,
} from './answers';
import { seedCalls } from './seed';
import type { SecuredRoute } from './state';

/** This section's in-memory state. */
export interface ExtendedCallsState {
	/** Requests this section accepted, newest last (for tests). */
	accepted: Array<{ path: string; body: unknown }>;
	/** Extensions (sip_user) and whether a softphone, IP phone or web client is registered. */
	extensions: Map<string, { registered: boolean }>;
	hotlines: Set<string>;
	/** Numbers that answer user_busy / do_not_call to click-to-call. */
	busy: Set<string>;
	doNotCall: Set<string>;
	/** Click-to-calls placed (each one dials). */
	clickToCalls: Json[];
	/** Auto-call sessions started (each one dials). */
	autoCalls: Json[];
	/** When false, auto-calls answer limit_service (a trial plan). */
	autoCallAllowed: boolean;
	tenant: Json;
	/** Rows of the v2 and v3 history. */
	history: Json[];
}

const HOUR = 3600_000;

export function createExtendedCallsState(now = Date.now()): ExtendedCallsState {
	return {
		accepted: [],
		// emulator: the PBX section's extensions 100–102, plus 103 with no phone registered.
		extensions: new Map([
			['100', { registered: true }],
			['101', { registered: true }],
			['102', { registered: true }],
			['103', { registered: false }],
		]),
		hotlines: new Set(['02873001234', '842899990338']),
		busy: new Set(['0395000486']),
		doNotCall: new Set(['0900000000']),
		clickToCalls: [],
		autoCalls: [],
		autoCallAllowed: true,
		tenant: {
			domain: 'sandbox.omicall.vn',
			balance: 1_250_000,
			public_numbers: ['02873001234', '842899990338'],
			service_package: { name: 'Enterprise', max_agents: 20, max_ccu: 10 },
			created_date: now - 400 * 24 * HOUR,
			expired_date: now + 365 * 24 * HOUR,
		},
		history: seedCalls(now, 75, HOUR),
	};
}

function bodyOf(request: ReceivedRequest): Json {
	const body = request.body;
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : {};
}

const isText = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const strings = (value: unknown) =>
	Array.isArray(value) && value.every((entry) => typeof entry === 'string');

function accept(state: ExtendedCallsState, request: ReceivedRequest): void {
	state.accepted.push({ path: request.path, body: request.body });
}

/** The TTS limit of a session (documented: 300 characters). */
function ttsTooLong(body: Json): boolean {
	const texts = Array.isArray(body.variables) ? body.variables : [];
	return texts.reduce((sum: number, text) => sum + [...String(text)].length, 0) > 300;
}

const STEP_TYPES = ['Recording', 'Text_variable', 'Ivr_menu'];

function stepsInvalid(body: Json): boolean {
	if (body.template_dialplans === undefined) return false;
	if (!Array.isArray(body.template_dialplans)) return true;
	return body.template_dialplans.some(
		(step: Json) => !step || !STEP_TYPES.includes(String(step.target_type)),
	);
}

/** Filters of the v2 body and of v3's `filter` (camelCase keys, dates in ms). */
function filtered(rows: Json[], filter: Json): Json[] | undefined {
	const from = filter.fromDate;
	const to = filter.toDate;
	if (typeof from !== 'number' || typeof to !== 'number') return undefined;
	return rows.filter((row) => {
		const created = row.created_date as number;
		if (created < from || created > to) return false;
		if (strings(filter.directions) && (filter.directions as string[]).length)
			if (!(filter.directions as string[]).includes(String(row.direction))) return false;
		if (strings(filter.sipUsers) && (filter.sipUsers as string[]).length)
			if (!(filter.sipUsers as string[]).includes(String(row.sip_user))) return false;
		if (strings(filter.phoneNumbers) && (filter.phoneNumbers as string[]).length)
			if (!(filter.phoneNumbers as string[]).includes(String(row.destination_number))) return false;
		if (strings(filter.transactionIds) && (filter.transactionIds as string[]).length)
			if (!(filter.transactionIds as string[]).includes(String(row.transaction_id))) return false;
		if (typeof filter.isAnswer === 'boolean')
			if ((row.disposition === 'answered') !== filter.isAnswer) return false;
		// emulator: the keyword matches the numbers.
		if (isText(filter.keyword))
			if (!`${row.source_number} ${row.destination_number}`.includes(String(filter.keyword)))
				return false;
		return true;
	});
}

/** Registers this section's endpoints. */
export function extendedCallsRoutes(state: ExtendedCallsState, secured: SecuredRoute): void {
	secured('POST', '/api/click2call', (request) => {
		const body = bodyOf(request);
		if (!isText(body.extension) || !isText(body.phone_number)) return failA('data_is_required');
		if (!isText(body.hotline) || !state.hotlines.has(String(body.hotline)))
			return failA('number_call_out_invalid', 'Hotline invalid');
		const extension = state.extensions.get(String(body.extension));
		if (!extension) return failA('extension_invalid', 'Extension not found or disabled');
		if (!extension.registered) return failA('user_not_registered', 'User not registered');
		if (state.doNotCall.has(String(body.phone_number))) return failA('do_not_call', 'Do not call');
		if (state.busy.has(String(body.phone_number))) return failA('user_busy', 'User busy');
		accept(state, request);
		const call = {
			call_uuid: uuid(`click2call-${state.clickToCalls.length}-${String(body.phone_number)}`),
		};
		state.clickToCalls.push({ ...body, ...call });
		return ok(call);
	});

	secured('POST', '/api/auto_call/execute_by_phone', (request) => {
		const body = bodyOf(request);
		const phones = body.phone_number_list;
		if (!strings(phones) || !(phones as string[]).length || stepsInvalid(body))
			return failA('data_is_required');
		if (!state.autoCallAllowed) return failA('limit_service', 'Limit service');
		if (ttsTooLong(body)) return failA('limit_word_session', 'Limit word session');
		accept(state, request);
		const session = {
			autocall_id: hex24(`autocall-${state.autoCalls.length}`),
			name: body.name ?? '',
		};
		state.autoCalls.push({ ...body, ...session });
		return ok(session);
	});

	secured('POST', '/api/auto_call/execute_by_extension', (request) => {
		const body = bodyOf(request);
		if (!isText(body.cid) || stepsInvalid(body)) return failA('data_is_required');
		if (body.extensions !== undefined && !strings(body.extensions))
			return failA('data_is_required');
		if (!state.autoCallAllowed) return failA('limit_service', 'Limit service');
		if (ttsTooLong(body)) return failA('limit_word_session', 'Limit word session');
		accept(state, request);
		const id = hex24(`autocall-${state.autoCalls.length}`);
		const extensions = (body.extensions as string[] | undefined) ?? [];
		const session = {
			autocall_uuids: extensions.map((extension) => uuid(`${id}-${extension}`)),
			autocall_id: id,
		};
		state.autoCalls.push({ ...body, ...session });
		return ok(session);
	});

	secured('GET', '/api/tenant/detail', () => ok(state.tenant));

	secured('POST', '/api/v3/call-transaction/search', (request) => {
		const body = bodyOf(request);
		const filter = body.filter as Json | undefined;
		const rows = filter && typeof filter === 'object' ? filtered(state.history, filter) : undefined;
		// emulator: a body without filter dates is refused in form C.
		if (!rows) return { status: 400, body: { error: 'Invalid request' } };
		const sort = (body.sort ?? {}) as Json;
		const field = sort.field === 'time_start_call' ? 'time_start_to_answer' : 'created_date';
		const sorted = [...rows].sort(
			(a, b) => ((a[field] as number) - (b[field] as number)) * (sort.isAsc === true ? 1 : -1),
		);
		const { page, size } = pageParams(request, 20, 100);
		const answer = camelPage(sorted, page, size);
		// Documented by third parties: HTTP 204 with no body for an empty page.
		if (!(answer.items as Json[]).length) return { status: 204 };
		return ok(answer);
	});

	secured('POST', '/api/v2/callTransaction/search', (request) => {
		const body = bodyOf(request);
		const requested = Number(request.query.size ?? 20);
		// emulator: the documented maximum page size (50) is enforced with a form-B refusal.
		if (requested > 50) return failB('size_invalid');
		const rows = filtered(state.history, body);
		if (!rows) return { status: 400, body: { error: 'Invalid request' } };
		const { page, size } = pageParams(request, 20, 50);
		return ok(snakePage(rows, page, size));
	});
}

/** OMICall API section 4.1: callbot campaigns, scripts and analyzed logs. */
import {
	failA,
	faultyPage,
	hex24,
	list,
	ok,
	pageParams,
	snakePage,
	uuid,
	type Json,
} from './answers';
import type { OmicallState, SecuredRoute } from './state';

/** Registers the callbot endpoints. */
export function callbotRoutes(emulator: OmicallState, secured: SecuredRoute): void {
	secured('POST', '/api/call_bot/execute_by_phone', (request) => {
		if (!('cid' in request.query)) return failA('data_is_required', 'cid is required');
		const body = (request.body ?? {}) as Json;
		const script = emulator.scripts.find((s) => s.id === body.bot_script_id);
		if (!script) return failA('resource_not_found', 'Script not found'); // emulator: code for an unknown script
		const contacts = body.contact_info;
		if (!Array.isArray(contacts) || contacts.length === 0)
			return failA('data_is_required', 'contact_info is required');
		if (contacts.some((c) => typeof c !== 'object' || !c || !(c as Json).phone)) {
			return failA('invalid_phone_number', 'Every contact needs a phone');
		}
		const sessionId = body.ext_session_id as string | undefined;
		if (sessionId && [...emulator.campaigns.values()].some((c) => c.ext_session_id === sessionId)) {
			return failA('ext_session_id_exists', 'Session already exists'); // emulator: the real code is undocumented
		}
		const autocallId = hex24(`campaign-${emulator.campaigns.size}-${sessionId ?? Math.random()}`);
		const errors = (contacts as Json[])
			.filter((c) => emulator.dnc.has(String(c.phone)))
			.map((c) => ({ phone: c.phone, error_code: 'number_dnc', message: 'Number DNC' }));
		emulator.campaigns.set(autocallId, {
			...body,
			cid_query: request.query.cid,
			autocall_id: autocallId,
		});
		return ok({ bot_script_id: script.id, autocall_id: autocallId, errors });
	});
	secured('GET', '/api/call_bot/script/list', () => ok(emulator.scripts));
	secured('GET', '/api/call_bot/get_by_id/:id', (_request, { id }) => {
		const script = emulator.scripts.find((s) => s.id === id);
		if (!script) return failA('resource_not_found', 'Script not found');
		return ok({
			...script,
			uuid: uuid(`script-${id}`),
			tenant_id: '67eb4821758a5a4891925d99',
			nodes: [{ id: 'begin', node_type: 'BEGIN', next_nodes: ['n1'], is_collapse: false }],
			connections: [],
			is_draft: false,
			is_publish: true,
			version: 3,
			voice: 'northern_female_ngocanh',
			speed: 1,
			type: 'NORMAL',
		});
	});
	secured('POST', '/api/call_bot/call/count', (request) => {
		const body = (request.body ?? {}) as Json;
		if (!body.autocall_id) return failA('data_is_required', 'autocall_id is required');
		const campaign = emulator.campaigns.get(String(body.autocall_id));
		const phones = list(body.phones);
		const contacts = ((campaign?.contact_info as Json[]) ?? []).filter(
			(c) => !phones.length || phones.includes(String(c.phone)),
		);
		return ok(contacts.length);
	});
	secured('POST', '/api/call_bot/analyzed_log/list', (request) => {
		const body = (request.body ?? {}) as Json;
		const { page, size } = pageParams(request, 50);
		const logs = emulator.analyzedLogs.filter(
			(log) =>
				(!body.ref_uuid || log.ref_uuid === body.ref_uuid) &&
				(!body.keyword || String(log.content).includes(String(body.keyword))),
		);
		return ok({
			...faultyPage(emulator.pagingFault, logs, page, size, snakePage),
			extension: null,
		});
	});
}

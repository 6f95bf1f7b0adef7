/**
 * OMICall API section 4.8 EXTENDED endpoints: agents and PBX configuration (`/api/agent/*`,
 * `/api/call_center/*`), Bearer auth (checked by `secured`), the standard envelope, snake_case pages.
 *
 * The reference gives paths, request fields and a few response fields only. Invented where it is
 * silent (marked "emulator:"): record IDs (`_id`), the shape of `attribute_structure`, the answers
 * of changes and deletes (`payload: true`), `data_is_required` (form A) for a missing field and
 * `resource_not_found` (form B) for an unknown ID.
 */
import type { ReceivedRequest } from '../http-server';
import { failA, failB, hex24, ok, pageParams, snakePage, type Json } from './answers';
import type { SecuredRoute } from './state';

/** This section's in-memory state. */
export interface PbxState {
	/** Requests this section accepted, newest last (for tests). */
	accepted: Array<{ path: string; body: unknown }>;
	agents: Json[];
	internalPhones: Json[];
	/** Hotlines each extension (SIP user) may dial out on. */
	hotlines: Map<string, Json[]>;
	groups: Json[];
	ivrMenus: Json[];
	greetings: Json[];
}

const DOMAIN = 'sandbox.omicall.vn';

function agent(email: string, fullName: string, phone: string): Json {
	return {
		_id: hex24(`agent-${email}`),
		identify_info: email,
		is_active: true,
		// emulator: the entries' shape is not documented.
		attribute_structure: [
			{ field_code: 'full_name', value: fullName },
			{ field_code: 'mail', value: email },
			{ field_code: 'phone_number', value: phone },
		],
	};
}

function phone(sipUser: string, fullName: string, email: string): Json {
	return {
		domain: DOMAIN,
		outbound_proxy: 'vh.omicrm.com',
		sip_user: sipUser,
		password: `SipSecret-${sipUser}`,
		full_name: fullName,
		agent_id: hex24(`agent-${email}`),
		email,
		public_number: '02873001234',
		enabled: true,
	};
}

export function createPbxState(): PbxState {
	const people: Array<[string, string, string, string]> = [
		['100', 'an.nguyen@example.com', 'Nguyễn Văn An', '0912000100'],
		['101', 'binh.tran@example.com', 'Trần Thị Bình', '0912000101'],
		['102', 'cuong.le@example.com', 'Lê Văn Cường', '0912000102'],
	];
	const greetings = [
		{ _id: hex24('greeting-1'), greeting_name: 'Chào mừng', short_id: 'gr1', type: 'mp3' },
		{ _id: hex24('greeting-2'), greeting_name: 'Ngoài giờ', short_id: 'gr2', type: 'tts' },
	];
	return {
		accepted: [],
		agents: people.map(([, email, name, mobile]) => agent(email, name, mobile)),
		internalPhones: people.map(([sip, email, name]) => phone(sip, name, email)),
		hotlines: new Map(
			people.map(([sip]) => [
				sip,
				[{ hotline: '02873001234', directions: ['inbound', 'outbound'] }],
			]),
		),
		groups: [
			{
				_id: hex24('group-1'),
				group_name: 'Sales',
				group_number: '8001',
				strategy: 'rollover',
				sip_members: ['100', '101'],
				timeout: 30,
			},
		],
		ivrMenus: [
			{
				_id: hex24('ivr-1'),
				script_name: 'Main menu',
				greeting_id: greetings[0]._id,
				max_failure: 3,
				time_out: 10,
				scripts: [{ ivr: '1', action: '8001', action_type: 'Ring_group' }],
			},
		],
		greetings,
	};
}

function bodyOf(request: ReceivedRequest): Json {
	const body = request.body;
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : {};
}

function query(request: ReceivedRequest, key: string): string {
	const value = request.query[key];
	return Array.isArray(value) ? String(value[0]) : String(value ?? '');
}

/** The records whose text fields contain the keyword (emulator: how OMICall matches is not documented). */
function matching(records: Json[], keyword: string): Json[] {
	const needle = keyword.trim().toLowerCase();
	if (!needle) return records;
	return records.filter((record) => JSON.stringify(record).toLowerCase().includes(needle));
}

function listRoute(secured: SecuredRoute, path: string, rows: () => Json[], defaultSize: number) {
	secured('GET', path, (request) => {
		const { page, size } = pageParams(request, defaultSize);
		return ok(snakePage(matching(rows(), query(request, 'keyword')), page, size));
	});
}

const STRONG_PASSWORD = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{8,}$/;
const STRATEGIES = ['enterprise', 'rollover', 'random'];
const TIMEOUT_TARGETS = ['Recording', 'Ivr_menu', 'Ring_group'];

function strings(value: unknown): string[] | undefined {
	return Array.isArray(value) && value.every((entry) => typeof entry === 'string')
		? (value as string[])
		: undefined;
}

/** Registers this section's endpoints. */
export function pbxRoutes(state: PbxState, secured: SecuredRoute): void {
	const accept = (request: ReceivedRequest) =>
		state.accepted.push({ path: request.path, body: request.body });

	// Agents
	listRoute(secured, '/api/agent/list', () => state.agents, 50);
	secured('POST', '/api/agent/invite', (request) => {
		const body = bodyOf(request);
		if (!body.full_name) return failA('full_name_is_required');
		const email = String(body.identify_info ?? '');
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return failA('identify_info_invalid');
		if (!STRONG_PASSWORD.test(String(body.password ?? ''))) return failA('password_invalid');
		if (!body.role_name) return failA('role_is_required');
		if (state.agents.some((a) => a.identify_info === email)) return failA('agent_exists');
		if (body.uuid && state.agents.some((a) => a.uuid === body.uuid))
			return failA('agent_uuid_exists');
		accept(request);
		const sipUser = String(100 + state.internalPhones.length);
		const created = { ...agent(email, String(body.full_name), ''), uuid: body.uuid };
		state.agents.push(created);
		const pbx = phone(sipUser, String(body.full_name), email);
		state.internalPhones.push(pbx);
		return ok({
			agent: { full_name: body.full_name, email },
			pbx_account: {
				sip_user: sipUser,
				password: pbx.password,
				domain: DOMAIN,
				outbound_proxy: pbx.outbound_proxy,
				public_number: pbx.public_number,
			},
		});
	});
	secured('DELETE', '/api/agent/delete', (request) => {
		const email = query(request, 'identify_info');
		if (!email) return failA('data_is_required');
		const index = state.agents.findIndex((a) => a.identify_info === email);
		if (index < 0) return failB('resource_not_found');
		accept(request);
		state.agents.splice(index, 1);
		return ok(true);
	});

	// Internal phones, hotlines, extensions
	listRoute(secured, '/api/call_center/internal_phone/list', () => state.internalPhones, 50);
	secured('PUT', '/api/call_center/internal_phone/status', (request) => {
		const enabled = query(request, 'enabled');
		const found = state.internalPhones.find((p) => p.sip_user === query(request, 'sip_user'));
		if (!['true', 'false'].includes(enabled) || !query(request, 'sip_user'))
			return failA('data_is_required');
		// emulator: the code for an unknown SIP user is borrowed from click-to-call.
		if (!found) return failA('extension_invalid', 'Extension not found or disabled');
		accept(request);
		found.enabled = enabled === 'true';
		return ok(true);
	});
	secured('GET', '/api/call_center/hotline/list', (request) => {
		const extension = query(request, 'extension');
		if (!extension) return failA('data_is_required');
		// emulator: a plain array (the answer's shape is not documented).
		return ok(state.hotlines.get(extension) ?? []);
	});
	secured('POST', '/api/call_center/hotline/extension/update', (request) => {
		const body = bodyOf(request);
		const directions = strings(body.directions);
		if (!body.hotline || !body.user_email || !directions) return failA('data_is_required');
		const owner = state.internalPhones.find((p) => p.email === body.user_email);
		if (!owner) return failB('resource_not_found');
		accept(request);
		state.hotlines.set(String(owner.sip_user), [{ hotline: body.hotline, directions }]);
		return ok(true);
	});
	secured('GET', '/api/call_center/extensions/detail', (request) => {
		const field = { usr_uuid: 'agent_id', sip_user: 'sip_user', user_email: 'email' }[
			query(request, 'type')
		];
		const keyword = query(request, 'keyword');
		if (!field || !keyword) return failA('data_is_required');
		const found = state.internalPhones.find((p) => p[field] === keyword);
		if (!found) return failB('resource_not_found');
		return ok({
			pbx_account: {
				sip_user: found.sip_user,
				sip_password: found.password,
				sip_realm: DOMAIN,
				sip_web_socket_server: `wss://${DOMAIN}:7443`,
				sip_proxy: found.outbound_proxy,
				transport: ['wss', 'udp'],
			},
		});
	});

	// Internal groups
	listRoute(secured, '/api/call_center/internal_group/list', () => state.groups, 10);
	const groupFields = (body: Json, partial: boolean): Json | string => {
		const members = body.sip_members === undefined ? undefined : strings(body.sip_members);
		if (!partial && (!body.group_name || !members || body.timeout === undefined))
			return 'data_is_required';
		if (body.sip_members !== undefined && !members) return 'data_is_required';
		if (body.strategy !== undefined && !STRATEGIES.includes(String(body.strategy)))
			return 'data_is_required';
		if (
			body.target_timeout_type !== undefined &&
			!TIMEOUT_TARGETS.includes(String(body.target_timeout_type))
		)
			return 'data_is_required';
		return body;
	};
	secured('POST', '/api/call_center/internal_group/add', (request) => {
		const fields = groupFields(bodyOf(request), false);
		if (typeof fields === 'string') return failA(fields);
		accept(request);
		const group = {
			...fields,
			_id: hex24(`group-${state.groups.length + 1}-${String(fields.group_name)}`),
			group_number: String(8001 + state.groups.length),
		};
		state.groups.push(group);
		return ok(group);
	});
	secured('POST', '/api/call_center/internal_group/update/:id', (request, params) => {
		const group = state.groups.find((g) => g._id === params.id);
		if (!group) return failB('resource_not_found');
		const fields = groupFields(bodyOf(request), true);
		if (typeof fields === 'string') return failA(fields);
		accept(request);
		Object.assign(group, fields);
		return ok(true);
	});
	for (const [path, add] of [
		['/api/call_center/internal_group/add-members', true],
		['/api/call_center/internal_group/remove-members', false],
	] as const) {
		secured('POST', path, (request) => {
			const body = bodyOf(request);
			const users = strings(body.sip_users);
			if (!body.group_id || !users?.length) return failA('data_is_required');
			const group = state.groups.find((g) => g._id === body.group_id);
			if (!group) return failB('resource_not_found');
			accept(request);
			const members = new Set(strings(group.sip_members) ?? []);
			for (const user of users) {
				if (add) members.add(user);
				else members.delete(user);
			}
			group.sip_members = [...members];
			return ok(true);
		});
	}
	const deleteRoute = (path: string, rows: () => Json[]) =>
		secured('DELETE', path, (request, params) => {
			const index = rows().findIndex((row) => row._id === params.id);
			if (index < 0) return failB('resource_not_found');
			accept(request);
			rows().splice(index, 1);
			return ok(true);
		});
	deleteRoute('/api/call_center/internal_group/delete/:id', () => state.groups);

	// IVR menus (key interaction)
	listRoute(secured, '/api/call_center/key-interaction/list', () => state.ivrMenus, 50);
	const ivrFields = (body: Json, partial: boolean): Json | undefined => {
		if (!partial && (!body.script_name || !body.greeting_id)) return undefined;
		if (body.scripts !== undefined) {
			const keys = body.scripts;
			if (!Array.isArray(keys) || keys.some((k) => !(k as Json)?.ivr || !(k as Json)?.action_type))
				return undefined;
		}
		if (body.greeting_id !== undefined && !state.greetings.some((g) => g._id === body.greeting_id))
			return undefined;
		return body;
	};
	secured('POST', '/api/call_center/key-interaction/add', (request) => {
		const fields = ivrFields(bodyOf(request), false);
		if (!fields) return failA('data_is_required');
		accept(request);
		const menu = { ...fields, _id: hex24(`ivr-${state.ivrMenus.length + 1}`) };
		state.ivrMenus.push(menu);
		return ok(menu);
	});
	secured('POST', '/api/call_center/key-interaction/update/:id', (request, params) => {
		const menu = state.ivrMenus.find((m) => m._id === params.id);
		if (!menu) return failB('resource_not_found');
		const fields = ivrFields(bodyOf(request), true);
		if (!fields) return failA('data_is_required');
		accept(request);
		Object.assign(menu, fields);
		return ok(true);
	});
	deleteRoute('/api/call_center/key-interaction/delete/:id', () => state.ivrMenus);

	// Greetings
	secured('GET', '/api/call_center/greeting/list', (request) => {
		const { page, size } = pageParams(request, 10);
		return ok(snakePage(state.greetings, page, size));
	});
	secured('POST', '/api/call_center/greeting/upload-text-to-speech', (request) => {
		const body = bodyOf(request);
		const name = query(request, 'greeting_name');
		if (!name || typeof body.text !== 'string' || !body.text) return failA('data_is_required');
		if (body.text.length > 300) return failA('limit_word_session');
		accept(request);
		const greeting = {
			_id: hex24(`greeting-${state.greetings.length + 1}-${name}`),
			greeting_name: name,
			type: 'tts',
			voice: body.voice,
			speed: body.speed,
		};
		state.greetings.push(greeting);
		return ok(greeting);
	});
	deleteRoute('/api/call_center/greeting/delete/:id', () => state.greetings);
}

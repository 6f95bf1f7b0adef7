/**
 * OMICall API section 4.8 EXTENDED endpoints: contacts and tickets (`/api/contacts/*`,
 * `/api/ticket/*`), Bearer auth (checked by `secured`), the standard envelope, snake_case pages.
 *
 * From the reference: paths and methods, request fields, `payload: true/false` for contacts add,
 * update and delete, add-more taking an array (asynchronous), add-note an array of
 * `{phone, content, note_by}`, get taking one of phone/email/ref_id/ref_code, the ticket list
 * `{keyword}` and create fields. Invented where it is silent (marked "emulator:"): the record
 * shapes (a contact's `public_id` and `attribute_structure`, a ticket's `_id`, `unique_id` and
 * `current_status`, a category's `types` and `ticketStatusSet`), `data_is_required` (form A) for
 * a missing field, `resource_not_found` (form B) for an unknown ID on get/details, `payload: false`
 * for an update or delete of an unknown contact, and add-more importing at once.
 */
import type { ReceivedRequest } from '../http-server';
import { failA, failB, hex24, ok, pageParams, snakePage, type Json } from './answers';
import type { SecuredRoute } from './state';

/** This section's in-memory state. */
export interface CrmState {
	/** Requests this section accepted, newest last (for tests). */
	accepted: Array<{ path: string; body: unknown }>;
	contacts: Json[];
	notes: Json[];
	tickets: Json[];
	categories: Json[];
}

const NOW = Date.UTC(2026, 10, 1);

/** emulator: a contact record in the attribute_structure shape of OMICall's contact pages. */
function contactRecord(fields: Json, n: number): Json {
	const attribute = (code: string, values: Json[]) => ({
		identify: false,
		field_code: code,
		value: values,
	});
	const single = (value: unknown) => [{ display_value: value, data_type: null, value_type: null }];
	const channel = (list: unknown) =>
		(Array.isArray(list) ? (list as Json[]) : []).map((entry) => ({
			display_value: entry.data,
			data_type: entry.value ?? entry.type,
			value_type: entry.valueType,
		}));
	const attributes = [attribute('full_name', single(fields.fullName ?? ''))];
	if (fields.phones) attributes.push(attribute('phone_number', channel(fields.phones)));
	if (fields.emails) attributes.push(attribute('mail', channel(fields.emails)));
	for (const [name, code] of [
		['job_title', 'job_title'],
		['gender', 'gender'],
		['address', 'address'],
		['passport', 'passport'],
		['note', 'note'],
		['birthday', 'birthday'],
	]) {
		if (fields[name] !== undefined) attributes.push(attribute(code, single(fields[name])));
	}
	if (Array.isArray(fields.more_infomation)) {
		attributes.push(
			attribute(
				'more_infomation',
				(fields.more_infomation as Json[]).map((entry) => ({
					display_value: entry.display_value,
					data_type: null,
					value_type: entry.value_type,
				})),
			),
		);
	}
	return {
		public_id: hex24(`contact-${n}-${JSON.stringify(fields)}`),
		create_by: { name: 'API' },
		last_update_by: null,
		created_date: NOW + n * 1000,
		last_updated_date: NOW + n * 1000,
		contact_type: 'contact',
		is_deleted: false,
		tags: fields.tags ?? [],
		refId: fields.refId,
		refCode: fields.refCode,
		user_owner_email: fields.user_owner_email,
		attribute_structure: attributes,
		// emulator: the fields as sent, for tests.
		sent: fields,
	};
}

function category(name: string, types: string[]): Json {
	const id = hex24(`category-${name}`);
	return {
		_id: id,
		name,
		priority: 'medium',
		default_status: 0,
		is_deleted: false,
		types: types.map((type, index) => ({ uuid: String(index), name: type, index })),
		ticketStatusSet: {
			_id: hex24(`status-set-${name}`),
			name,
			status: ['Mới tạo', 'Đang xử lý', 'Từ chối', 'Đã hoàn thành', 'Đóng'].map(
				(status, index) => ({
					uuid: null,
					index,
					sort_index: index,
					name: status,
					finish: index === 4,
				}),
			),
		},
	};
}

export function createCrmState(): CrmState {
	const contacts = [
		{
			fullName: 'Trần Văn Tiến',
			phones: [{ data: '0395187319', value: 'personal', valueType: 'Cá nhân' }],
			refId: 'crm-1',
			user_owner_email: 'an.nguyen@example.com',
		},
		{
			fullName: 'Lê Thị Hoa',
			phones: [{ data: '0912000201', value: 'home', valueType: 'Nhà' }],
			emails: [{ data: 'hoa.le@example.com', value: 'personal', valueType: 'Cá nhân' }],
			refCode: 'KH-0002',
		},
		{
			fullName: 'Phạm Minh',
			phones: [{ data: '0912000202', value: 'office', valueType: 'Công ty' }],
		},
	].map((fields, n) => contactRecord(fields, n));
	const tickets = ['Khách báo lỗi đơn hàng', 'Yêu cầu đổi hàng', 'Hỏi giá'].map((name, n) => ({
		_id: hex24(`ticket-${n}`),
		unique_id: String(2188 + n),
		created_date: NOW + n * 1000,
		last_updated_date: NOW + n * 1000,
		create_by: { user_name: 'OMI Hotline' },
		last_updated_by: null,
		priority: 'medium',
		name,
		description: '',
		current_status: 0,
		is_expired: false,
		assignee: 'an.nguyen@example.com',
	}));
	return {
		accepted: [],
		contacts,
		notes: [],
		tickets,
		categories: [
			category('Công việc', ['Cá nhân', 'Tư vấn', 'Báo giá', 'Chăm sóc']),
			category('Khiếu nại', []),
		],
	};
}

const body = (request: ReceivedRequest) => (request.body ?? {}) as Json;

/** Whether a contact record matches a one-key lookup of contacts/get. */
function matches(contact: Json, key: string, value: string): boolean {
	const sent = contact.sent as Json;
	const channel = (list: unknown) =>
		(Array.isArray(list) ? (list as Json[]) : []).some((e) => e.data === value);
	if (key === 'phone') return channel(sent.phones);
	if (key === 'email') return channel(sent.emails);
	if (key === 'ref_id') return sent.refId === value;
	return sent.refCode === value;
}

/** Registers this section's endpoints. */
export function crmRoutes(state: CrmState, secured: SecuredRoute): void {
	const accept = (request: ReceivedRequest) => {
		state.accepted.push({ path: request.path, body: request.body });
	};
	const addContact = (fields: Json) => {
		state.contacts.push(contactRecord(fields, state.contacts.length));
	};
	// emulator: a contact needs a name, a phone or an email.
	const lacksIdentity = (fields: Json) => !fields.fullName && !fields.phones && !fields.emails;

	secured('POST', '/api/contacts/list', (request) => {
		const { page, size } = pageParams(request, 50);
		const { keyword, filters } = body(request);
		const owners = (Array.isArray(filters) ? (filters as Json[]) : [])
			.filter((f) => f.field_code === 'contact_owner')
			.flatMap((f) => (Array.isArray(f.value) ? f.value : []));
		const needle = String(keyword ?? '').toLowerCase();
		const rows = state.contacts.filter(
			(c) =>
				(!needle || JSON.stringify(c.attribute_structure).toLowerCase().includes(needle)) &&
				(!owners.length || owners.includes(c.user_owner_email ?? 'unassigned')),
		);
		return ok(snakePage(rows, page, size));
	});
	secured('POST', '/api/contacts/add', (request) => {
		const fields = body(request);
		if (Array.isArray(request.body) || lacksIdentity(fields)) return failA('data_is_required');
		accept(request);
		addContact(fields);
		return ok(true);
	});
	secured('POST', '/api/contacts/add-more', (request) => {
		const list = request.body;
		if (!Array.isArray(list) || !list.length) return failB('request_body_required');
		if ((list as Json[]).some(lacksIdentity)) return failA('data_is_required');
		accept(request);
		// emulator: imported at once (OMICall: asynchronously).
		for (const fields of list as Json[]) addContact(fields);
		return ok(true);
	});
	secured('POST', '/api/contacts/update', (request) => {
		const fields = body(request);
		if (!fields.refId) return failA('data_is_required');
		const contact = state.contacts.find((c) => (c.sent as Json).refId === fields.refId);
		if (!contact) return ok(false);
		accept(request);
		const merged = { ...(contact.sent as Json), ...fields };
		Object.assign(contact, contactRecord(merged, 0), {
			public_id: contact.public_id,
			created_date: contact.created_date,
		});
		return ok(true);
	});
	secured('DELETE', '/api/contacts/delete/:id', (request, params) => {
		const index = state.contacts.findIndex((c) => c.public_id === params.id);
		if (index < 0) return ok(false);
		accept(request);
		state.contacts.splice(index, 1);
		return ok(true);
	});
	secured('POST', '/api/contacts/add-note', (request) => {
		const list = request.body;
		if (!Array.isArray(list) || !list.length) return failB('request_body_required');
		if ((list as Json[]).some((note) => !note.phone || !note.content))
			return failA('data_is_required');
		accept(request);
		state.notes.push(...(list as Json[]));
		return ok(true);
	});
	secured('GET', '/api/contacts/get', (request) => {
		const keys = ['phone', 'email', 'ref_id', 'ref_code'].filter(
			(k) => request.query[k] !== undefined,
		);
		if (keys.length !== 1)
			return failA('data_is_required', 'Exactly one of phone, email, ref_id, ref_code');
		const [key] = keys;
		const contact = state.contacts.find((c) => matches(c, key, String(request.query[key])));
		return contact ? ok(contact) : failB('resource_not_found');
	});
	secured('GET', '/api/contacts/details/:id', (_request, params) => {
		const contact = state.contacts.find((c) => c.public_id === params.id);
		return contact ? ok(contact) : failB('resource_not_found');
	});

	secured('POST', '/api/ticket/list', (request) => {
		const { page, size } = pageParams(request, 50);
		const needle = String(body(request).keyword ?? '').toLowerCase();
		const rows = state.tickets.filter(
			(t) => !needle || `${t.unique_id} ${t.name} ${t.assignee}`.toLowerCase().includes(needle),
		);
		return ok(snakePage(rows, page, size));
	});
	secured('POST', '/api/ticket/create', (request) => {
		const fields = body(request);
		if (!fields.name || !fields.assignee) return failA('data_is_required');
		if (
			fields.ticket_category_id &&
			!state.categories.some((c) => c._id === fields.ticket_category_id)
		) {
			return failB('resource_not_found');
		}
		accept(request);
		const n = state.tickets.length;
		const ticket: Json = {
			_id: hex24(`ticket-${n}-${String(fields.name)}`),
			unique_id: String(2188 + n),
			created_date: NOW + n * 1000,
			last_updated_date: NOW + n * 1000,
			create_by: { user_name: fields.created_by ?? 'Admin' },
			last_updated_by: null,
			priority: fields.priority ?? 'medium',
			name: fields.name,
			description: fields.description ?? '',
			current_status: 0,
			is_expired: false,
			assignee: fields.assignee,
			ticket_category_id: fields.ticket_category_id,
			type_uuid: fields.type_uuid,
		};
		state.tickets.push(ticket);
		return ok(ticket);
	});
	secured('POST', '/api/ticket/update_status/:id_status', (request, params) => {
		const ticket = state.tickets.find((t) => t._id === params.id_status);
		if (!ticket) return failB('resource_not_found');
		// emulator: the new status is read from the body (the reference documents no body).
		const status = body(request).status ?? body(request).current_status;
		if (status === undefined) return failA('data_is_required');
		accept(request);
		ticket.current_status = status;
		return ok(ticket);
	});
	secured('GET', '/api/ticket/category/get_all', () => ok(state.categories));
	secured('DELETE', '/api/ticket/delete/:id', (request, params) => {
		const index = state.tickets.findIndex((t) => t._id === params.id);
		if (index < 0) return ok(false);
		accept(request);
		state.tickets.splice(index, 1);
		return ok(true);
	});
}

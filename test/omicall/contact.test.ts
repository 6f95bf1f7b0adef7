import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { failB } from '../../emulators/omicall/answers';
import { Omicall } from '../../nodes/Omicall/Omicall.node';
import { forgetSendAttempts, SEND_MEMORY } from '../../nodes/Omicall/shared/sendOnce';
import { apiRequests, startOmicall, type OmicallContext } from './setup';

let ctx: OmicallContext;
let seededContacts: IDataObject[];
let execution = 0;
beforeAll(async () => {
	ctx = await startOmicall();
	seededContacts = [...ctx.emulator.crm.contacts] as IDataObject[];
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => {
	ctx.emulator.server.clearReceived();
	ctx.emulator.resetFaults();
	ctx.emulator.server.listeners.length = 0;
	ctx.emulator.crm.contacts.splice(
		0,
		Infinity,
		...(seededContacts as typeof ctx.emulator.crm.contacts),
	);
	ctx.emulator.crm.notes.length = 0;
});

/** Runs the node as its own execution (as n8n does), so no two tests share a node run. */
const run = (parameters: INodeParameters, options: Parameters<OmicallContext['run']>[1] = {}) =>
	ctx.run(
		{ resource: 'contact', ...parameters },
		{ executionId: `contact-${++execution}`, ...options },
	);

const sent = (path: string) => apiRequests(ctx.emulator).filter((r) => r.path === path);
const added = () => ctx.emulator.crm.contacts.slice(seededContacts.length);
const refIds = () => added().map((c) => (c.sent as IDataObject).refId);

/** Answer the `n`-th request (1 = the next) after handling it, and lose the answer. */
function loseAnswer(method: string, path: string, n: number) {
	let seen = 0;
	const arm = () =>
		ctx.emulator.server.failNext(method, path, { drop: true }, { afterHandling: true });
	if (n === 1) return arm();
	ctx.emulator.server.listeners.push((request) => {
		if (request.path === path && ++seen === n - 1) arm();
	});
}

describe('Contact → Get Many', () => {
	it('posts keyword and filters, pages with page/size, outputs one item per contact', async () => {
		const result = await run({ operation: 'getAll', returnAll: false, limit: 2 });
		expect(result.error).toBeUndefined();
		const [request] = apiRequests(ctx.emulator);
		expect([request.method, request.path, request.query]).toEqual([
			'POST',
			'/api/contacts/list',
			{ page: '1', size: '2' },
		]);
		expect(request.body).toEqual({ keyword: '', filters: [] });
		expect(request.headers.authorization).toMatch(/^Bearer /);
		expect(request.headers['x-api-key']).toBe('sandbox-tenant');
		expect(result.items.map((i) => i.json.public_id)).toEqual(
			seededContacts.slice(0, 2).map((c) => c.public_id),
		);
	});

	it('Return All reads every page', async () => {
		for (let n = 0; n < 117; n++) {
			ctx.emulator.crm.contacts.push({ ...seededContacts[2], public_id: `bulk-${n}` });
		}
		const result = await run({ operation: 'getAll', returnAll: true });
		expect(sent('/api/contacts/list').map((r) => [r.query.page, r.query.size])).toEqual([
			['1', '50'],
			['2', '50'],
			['3', '50'],
		]);
		expect(result.items).toHaveLength(120);
		expect(new Set(result.items.map((i) => i.json.public_id)).size).toBe(120);
	});

	it('sends keyword and owners as OMICall filters; Simplify flattens attribute_structure', async () => {
		const result = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { keyword: 'Tiến', owners: 'an.nguyen@example.com, Unassigned' },
			simplify: true,
		});
		expect(apiRequests(ctx.emulator)[0].body).toEqual({
			keyword: 'Tiến',
			filters: [{ field_code: 'contact_owner', value: ['an.nguyen@example.com', 'unassigned'] }],
		});
		expect(result.items.map((i) => i.json)).toEqual([
			{
				id: seededContacts[0].public_id,
				full_name: 'Trần Văn Tiến',
				phones: ['0395187319'],
				emails: [],
				tags: [],
				ref_id: 'crm-1',
				created_date: seededContacts[0].created_date,
				last_updated_date: seededContacts[0].last_updated_date,
			},
		]);
	});

	it('refuses an owner that is not an email before any request', async () => {
		const result = await run({ operation: 'getAll', returnAll: true, filters: { owners: 'an' } });
		expect(result.error?.message).toBe('Owner Emails of item 0 "an" is not a valid email address');
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});

describe('Contact → Get', () => {
	it('by ID reads /api/contacts/details/:id (From List mode)', async () => {
		const id = String(seededContacts[1].public_id);
		const result = await run({
			operation: 'get',
			findBy: 'id',
			contactId: { __rl: true, mode: 'list', value: id },
		});
		expect(apiRequests(ctx.emulator).map((r) => [r.method, r.path])).toEqual([
			['GET', `/api/contacts/details/${id}`],
		]);
		expect(result.items[0].json.public_id).toBe(id);
	});

	it.each([
		['phone', 'phone', '+84 395 187 319', 'phone', '84395187319', undefined],
		['phone', 'phone', '0395187319', 'phone', '0395187319', 'crm-1'],
		['email', 'email', 'hoa.le@example.com', 'email', 'hoa.le@example.com', undefined],
		['refId', 'refId', 'crm-1', 'ref_id', 'crm-1', 'crm-1'],
		['refCode', 'refCode', 'KH-0002', 'ref_code', 'KH-0002', undefined],
	])('by %s sends one query key', async (findBy, field, value, key, expected, refId) => {
		const result = await run({ operation: 'get', findBy, [field]: value });
		const [request] = apiRequests(ctx.emulator);
		expect([request.method, request.path, request.query]).toEqual([
			'GET',
			'/api/contacts/get',
			{ [key]: expected },
		]);
		if (refId) expect(result.items[0].json.refId).toBe(refId);
	});

	it('an unknown contact is a NodeApiError with the vendor code', async () => {
		const result = await run({ operation: 'get', findBy: 'refId', refId: 'nobody' });
		expect(result.error?.message).toBe(
			'OMICall error resource_not_found: The resource does not exist. Check the ID.',
		);
	});

	it.each(['../contacts/delete/x', '={{ $json.none }}', 'a/b', '..'])(
		'refuses the contact ID %j before any request',
		async (value) => {
			const result = await run({
				operation: 'get',
				findBy: 'id',
				contactId: { __rl: true, mode: 'id', value },
			});
			expect(result.error?.message).toMatch(/^Contact of item 0 /);
			expect(apiRequests(ctx.emulator)).toHaveLength(0);
		},
	);
});

const fullContact = {
	operation: 'create',
	fullName: 'Nguyễn Thị Mai',
	phones: { entry: [{ value: '+84 912.345.678', kind: 'office' }, { value: '0395 000 111' }] },
	additionalFields: {
		emails: { entry: [{ value: 'mai@example.com', kind: 'home' }] },
		tags: 'Khách lẻ, VIP',
		customFields: { field: [{ label: 'Hạng', value: 'Vàng' }] },
		ownerEmail: 'an.nguyen@example.com',
		refId: 'crm-77',
		refCode: 'KH-77',
		jobTitle: 'Kế toán',
		note: 'Gọi buổi sáng',
		birthday: '1990-05-17',
		gender: 'female',
		passport: '079123456789',
		address: '12 Nguyễn Huệ',
	},
};

describe('Contact → Create', () => {
	it('maps the n8n fields to OMICall spellings and outputs what was created', async () => {
		const result = await run(fullContact);
		expect(result.error).toBeUndefined();
		const [request] = apiRequests(ctx.emulator);
		expect([request.method, request.path]).toEqual(['POST', '/api/contacts/add']);
		const body = {
			fullName: 'Nguyễn Thị Mai',
			refId: 'crm-77',
			refCode: 'KH-77',
			job_title: 'Kế toán',
			note: 'Gọi buổi sáng',
			passport: '079123456789',
			address: '12 Nguyễn Huệ',
			phones: [
				{ data: '84912345678', value: 'office', type: 'office', valueType: 'Công ty' },
				{ data: '0395000111', value: 'personal', type: 'personal', valueType: 'Cá nhân' },
			],
			emails: [{ data: 'mai@example.com', value: 'home', type: 'home', valueType: 'Nhà' }],
			tags: ['Khách lẻ', 'VIP'],
			more_infomation: [{ value_type: 'Hạng', display_value: 'Vàng' }],
			user_owner_email: 'an.nguyen@example.com',
			birthday: '17/05/1990',
			gender: 'female',
		};
		expect(request.body).toEqual(body);
		expect(result.items.map((i) => i.json)).toEqual([{ created: true, ...body }]);
		expect(refIds()).toEqual(['crm-77']);
	});

	it('keeps a birthday typed as dd/MM/yyyy and refuses an impossible one', async () => {
		await run({ operation: 'create', fullName: 'A', additionalFields: { birthday: '01/12/2000' } });
		expect((apiRequests(ctx.emulator)[0].body as IDataObject).birthday).toBe('01/12/2000');
		ctx.emulator.server.clearReceived();
		const result = await run({
			operation: 'create',
			fullName: 'A',
			additionalFields: { birthday: '31/02/2000' },
		});
		expect(result.error?.message).toBe('Birthday of item 0 "31/02/2000" is not a date');
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});

	it('payload false is an error, not a success', async () => {
		ctx.emulator.server.failNext('POST', '/api/contacts/add', {
			body: { status_code: 9999, payload: false },
		});
		const result = await run({ operation: 'create', fullName: 'A' });
		expect(result.error?.message).toBe('OMICall answered false: the contact creation was not done');
	});

	it('checks every item before its request; Continue On Fail gives the bad item its own error', async () => {
		const result = await run(
			{
				operation: 'create',
				fullName: '={{ $json.name }}',
				phones: { entry: [{ value: '={{ $json.phone }}' }] },
			},
			{
				continueOnFail: true,
				items: [
					{ name: 'A', phone: '0912000001' },
					{ name: 'B', phone: '12ab' },
					{ name: '', phone: '' },
					{ name: 'D', phone: '0912000004' },
				],
			},
		);
		expect(sent('/api/contacts/add')).toHaveLength(2);
		expect(result.items.map((i) => i.json.error ?? i.json.fullName)).toEqual([
			'A',
			'Phone of item 1 "12ab" is not a valid phone number',
			'Contact of item 2 has no Full Name, Phone or Email',
			'D',
		]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	});

	it('Retry On Fail after a lost answer does not create the contact again', async () => {
		// Item 0 is created and answered; item 1 is created but its answer is lost.
		loseAnswer('POST', '/api/contacts/add', 2);
		const result = await run(
			{
				operation: 'create',
				fullName: '={{ $json.name }}',
				additionalFields: { refId: '={{ $json.id }}' },
			},
			{
				items: [
					{ name: 'A', id: 'r-1' },
					{ name: 'B', id: 'r-2' },
				],
				retryOnFail: { maxTries: 3 },
			},
		);
		expect(sent('/api/contacts/add')).toHaveLength(2);
		expect(refIds()).toEqual(['r-1', 'r-2']);
		expect(result.error?.message).toMatch(
			/^Contact of item 1 was not sent again: an earlier attempt got no definite answer from OMICall/,
		);
		expect(result.error?.description).toContain('Contact → Get (by Partner ID');
	});

	it('Retry On Fail after a refusal sends only the refused item again', async () => {
		ctx.emulator.failRequest(2, failB('rate_limit_exceeded'));
		const result = await run(
			{
				operation: 'create',
				fullName: '={{ $json.name }}',
				additionalFields: { refId: '={{ $json.id }}' },
			},
			{
				items: [
					{ name: 'A', id: 'r-1' },
					{ name: 'B', id: 'r-2' },
				],
				retryOnFail: { maxTries: 2 },
			},
		);
		expect(result.error).toBeUndefined();
		expect(sent('/api/contacts/add').map((r) => (r.body as IDataObject).refId)).toEqual([
			'r-1',
			'r-2',
			'r-2',
		]);
		expect(refIds()).toEqual(['r-1', 'r-2']);
		expect(result.items.map((i) => [i.json.refId, i.json.created])).toEqual([
			['r-1', true],
			['r-2', true],
		]);
	});
});

describe('Contact → Create: the send-once memory never forgets a request its run may retry', () => {
	const standard = { ...SEND_MEMORY };
	beforeEach(() => forgetSendAttempts());
	afterEach(() => {
		Object.assign(SEND_MEMORY, standard);
		vi.useRealTimers();
	});
	const create = {
		operation: 'create',
		fullName: '={{ $json.name }}',
		additionalFields: { birthday: '={{ $json.birthday }}' },
	};
	const person = (name: string, birthday = '01/01/2000') => ({ name, birthday });
	const names = () => sent('/api/contacts/add').map((r) => (r.body as IDataObject).fullName);

	it('a run larger than the cap: each earlier item is sent once, the item past it fails before sending', async () => {
		// Review finding 4: with the cap at 2, the old memory forgot A to remember C, and Retry On
		// Fail (after D's input error) created A, B and C again.
		SEND_MEMORY.maxPerRun = 2;
		const result = await run(create, {
			items: [person('A'), person('B'), person('C'), person('D', '31/02/2000')],
			retryOnFail: { maxTries: 3, waitBetweenTries: 0 },
		});
		expect(names()).toEqual(['A', 'B']);
		expect(result.error?.message).toBe(
			'Contact of item 2 was not sent: too many requests in one run for Retry On Fail protection; split the input',
		);
		expect(result.error?.description).toMatch(
			/Nothing was sent for this item\. Split the input into runs of at most 2 items/,
		);
	});

	it('with Continue On Fail the items past the cap are error items, paired; the others are created', async () => {
		SEND_MEMORY.maxPerRun = 2;
		const result = await run(create, {
			items: [person('A'), person('B'), person('C')],
			continueOnFail: true,
		});
		expect(names()).toEqual(['A', 'B']);
		expect(
			result.items.map((item) => [item.json.error ?? item.json.fullName, item.pairedItem]),
		).toEqual([
			['A', { item: 0 }],
			['B', { item: 1 }],
			[expect.stringMatching(/too many requests in one run/), { item: 2 }],
		]);
	});

	it("other executions' requests do not count against a run's cap", async () => {
		SEND_MEMORY.maxPerRun = 2;
		expect((await run(create, { items: [person('A'), person('B')] })).error).toBeUndefined();
		expect((await run(create, { items: [person('C'), person('D')] })).error).toBeUndefined();
		expect(names()).toEqual(['A', 'B', 'C', 'D']);
	});

	it('the process cap: a run still retrying is never dropped; one idle for idleMs is', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		SEND_MEMORY.maxTotal = 2;
		expect((await run(create, { items: [person('A'), person('B')] })).error).toBeUndefined();
		vi.setSystemTime(Date.now() + SEND_MEMORY.idleMs - 1000);
		const full = await run(create, { items: [person('C')] });
		expect(full.error?.message).toBe(
			'Contact of item 0 was not sent: too many requests in this n8n process for Retry On Fail protection',
		);
		vi.setSystemTime(Date.now() + 2000);
		expect((await run(create, { items: [person('D')] })).error).toBeUndefined();
		expect(names()).toEqual(['A', 'B', 'D']);
	});
});

const manyParameters = {
	operation: 'createMany',
	fullName: '={{ $json.name }}',
	phones: { entry: [{ value: '={{ $json.phone }}' }] },
	additionalFields: { refId: '={{ $json.id }}' },
};
const people = (count: number) =>
	Array.from({ length: count }, (_, n) => ({
		name: `Khách ${n}`,
		phone: `091200${String(n).padStart(4, '0')}`,
		id: `m-${n}`,
	}));

describe('Contact → Create Many', () => {
	it('sends all items in one add-more request and outputs one paired item per contact', async () => {
		const result = await run(manyParameters, { items: people(3) });
		expect(result.error).toBeUndefined();
		const requests = apiRequests(ctx.emulator);
		expect(requests.map((r) => [r.method, r.path])).toEqual([['POST', '/api/contacts/add-more']]);
		expect(requests[0].body).toEqual(
			people(3).map((p) => ({
				fullName: p.name,
				refId: p.id,
				phones: [{ data: p.phone, value: 'personal', type: 'personal', valueType: 'Cá nhân' }],
			})),
		);
		expect(
			result.items.map((i) => [i.json.queued, i.json.batch, i.json.refId, i.pairedItem]),
		).toEqual(people(3).map((p, item) => [true, 1, p.id, { item }]));
	});

	it('splits into batches of Batch Size', async () => {
		const result = await run(
			{ ...manyParameters, createManyOptions: { batchSize: 2 } },
			{ items: people(5) },
		);
		expect(sent('/api/contacts/add-more').map((r) => (r.body as unknown[]).length)).toEqual([
			2, 2, 1,
		]);
		expect(result.items.map((i) => i.json.batch)).toEqual([1, 1, 2, 2, 3]);
		expect(refIds()).toEqual(people(5).map((p) => p.id));
	});

	it('a bad item stops the run before anything is sent; with Continue On Fail it gets its own error', async () => {
		const items = [...people(3)];
		items[1] = { ...items[1], phone: 'abc' };
		const stopped = await run(manyParameters, { items });
		expect(stopped.error?.message).toBe('Phone of item 1 "abc" is not a valid phone number');
		expect(apiRequests(ctx.emulator)).toHaveLength(0);

		const result = await run(manyParameters, { items, continueOnFail: true });
		expect(sent('/api/contacts/add-more')).toHaveLength(1);
		expect(refIds()).toEqual(['m-0', 'm-2']);
		const byItem = result.items.map((i) => [
			(i.pairedItem as { item: number }).item,
			i.json.error ?? i.json.refId,
		]);
		expect(byItem.sort()).toEqual([
			[0, 'm-0'],
			[1, 'Phone of item 1 "abc" is not a valid phone number'],
			[2, 'm-2'],
		]);
	});

	it('payload false fails the batch; Continue On Fail gives each of its items an error item', async () => {
		ctx.emulator.server.failNext('POST', '/api/contacts/add-more', {
			body: { status_code: 9999, payload: false },
		});
		const result = await run(manyParameters, { items: people(2), continueOnFail: true });
		expect(result.items.map((i) => [i.json.error, i.pairedItem])).toEqual([
			['OMICall answered false: the contact import was not done', { item: 0 }],
			['OMICall answered false: the contact import was not done', { item: 1 }],
		]);
	});

	it('a refused batch: its items get error items in their places, the next batch is still sent', async () => {
		ctx.emulator.failRequest(2, failB('rate_limit_exceeded'));
		const result = await run(
			{ ...manyParameters, createManyOptions: { batchSize: 2 } },
			{ items: people(5), continueOnFail: true },
		);
		expect(sent('/api/contacts/add-more')).toHaveLength(3);
		expect(refIds()).toEqual(['m-0', 'm-1', 'm-4']);
		expect(result.items.map((i) => [i.pairedItem, i.json.error ?? i.json.refId])).toEqual([
			[{ item: 0 }, 'm-0'],
			[{ item: 1 }, 'm-1'],
			[{ item: 2 }, expect.stringMatching(/^OMICall error rate_limit_exceeded/)],
			[{ item: 3 }, expect.stringMatching(/^OMICall error rate_limit_exceeded/)],
			[{ item: 4 }, 'm-4'],
		]);
	});

	it('without Continue On Fail the first refused batch stops the sending', async () => {
		ctx.emulator.failRequest(1, failB('rate_limit_exceeded'));
		const result = await run(
			{ ...manyParameters, createManyOptions: { batchSize: 2 } },
			{ items: people(5) },
		);
		expect(sent('/api/contacts/add-more')).toHaveLength(1);
		expect(refIds()).toEqual([]);
		expect(result.error?.message).toMatch(/^OMICall error rate_limit_exceeded/);
	});

	describe.each([1, 2, 3])('Retry On Fail when request %i of 3 fails once', (n) => {
		it('answer lost: no batch is sent twice, the lost one is not sent again', async () => {
			loseAnswer('POST', '/api/contacts/add-more', n);
			const result = await run(
				{ ...manyParameters, createManyOptions: { batchSize: 2 } },
				{ items: people(5), retryOnFail: { maxTries: 3 } },
			);
			expect(sent('/api/contacts/add-more')).toHaveLength(n);
			const created = refIds();
			expect(new Set(created).size).toBe(created.length);
			expect(created).toEqual(
				people(5)
					.slice(0, Math.min(5, 2 * n))
					.map((p) => p.id),
			);
			expect(result.error?.message).toMatch(
				new RegExp(`^Batch ${n} of Create Many \\(items .*\\) was not sent again`),
			);
		});

		it('refused by OMICall: the refused batch is sent again, every contact once', async () => {
			ctx.emulator.failRequest(n, failB('rate_limit_exceeded'));
			const result = await run(
				{ ...manyParameters, createManyOptions: { batchSize: 2 } },
				{ items: people(5), retryOnFail: { maxTries: 2 } },
			);
			expect(result.error).toBeUndefined();
			expect(sent('/api/contacts/add-more')).toHaveLength(4);
			expect(refIds()).toEqual(people(5).map((p) => p.id));
			expect(result.items.map((i) => i.pairedItem)).toEqual(
				[0, 1, 2, 3, 4].map((item) => ({ item })),
			);
		});
	});
});

describe('Contact → Update, Delete, Add Note', () => {
	it('Update sends the Partner ID with the changed fields', async () => {
		const result = await run({
			operation: 'update',
			refId: 'crm-1',
			updateFields: { jobTitle: 'Giám đốc', tags: 'VIP' },
		});
		expect(apiRequests(ctx.emulator).map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/api/contacts/update', { job_title: 'Giám đốc', tags: ['VIP'], refId: 'crm-1' }],
		]);
		expect(result.items[0].json).toEqual({
			updated: true,
			job_title: 'Giám đốc',
			tags: ['VIP'],
			refId: 'crm-1',
		});
	});

	it('Update of an unknown contact (payload false) is an error; empty Update Fields send nothing', async () => {
		const unknown = await run({
			operation: 'update',
			refId: 'nobody',
			updateFields: { note: 'x' },
		});
		expect(unknown.error?.message).toBe('OMICall answered false: the contact update was not done');
		ctx.emulator.server.clearReceived();
		const empty = await run({ operation: 'update', refId: 'crm-1', updateFields: {} });
		expect(empty.error?.message).toBe('Update Fields of item 0 are empty');
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});

	it('Delete outputs {deleted: true, id}; an unknown ID (payload false) is an error', async () => {
		const id = String(seededContacts[2].public_id);
		const result = await run({
			operation: 'delete',
			contactId: { __rl: true, mode: 'id', value: id },
		});
		expect(apiRequests(ctx.emulator).map((r) => [r.method, r.path])).toEqual([
			['DELETE', `/api/contacts/delete/${id}`],
		]);
		expect(result.items[0].json).toEqual({ deleted: true, id });
		const again = await run({
			operation: 'delete',
			contactId: { __rl: true, mode: 'id', value: id },
		});
		expect(again.error?.message).toBe('OMICall answered false: the delete was not done');
	});

	it('Add Note posts an array of {phone, content, note_by}', async () => {
		const result = await run({
			operation: 'addNote',
			notePhone: '0395 187 319',
			noteContent: 'Khách hẹn gọi lại',
			noteBy: 'an.nguyen@example.com',
		});
		const note = {
			phone: '0395187319',
			content: 'Khách hẹn gọi lại',
			note_by: 'an.nguyen@example.com',
		};
		expect(apiRequests(ctx.emulator).map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/api/contacts/add-note', [note]],
		]);
		expect(result.items[0].json).toEqual({ added: true, ...note });
	});

	it('Add Note after a lost answer is not sent again on Retry On Fail', async () => {
		loseAnswer('POST', '/api/contacts/add-note', 1);
		const result = await run(
			{ operation: 'addNote', notePhone: '0395187319', noteContent: 'x' },
			{ retryOnFail: { maxTries: 2 } },
		);
		expect(sent('/api/contacts/add-note')).toHaveLength(1);
		expect(ctx.emulator.crm.notes).toHaveLength(1);
		expect(result.error?.message).toMatch(/^Note of item 0 was not sent again/);
	});

	it('an AI agent (tool mode) cannot pick Delete', () => {
		const operations = new Omicall().description.properties.filter(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'contact',
		);
		const tool = operations.find((p) => p.displayOptions?.show?.['@tool']);
		const workflow = operations.find((p) => p.displayOptions?.hide?.['@tool']);
		const values = (p?: (typeof operations)[number]) =>
			p?.options?.map((o) => (o as { value: string }).value);
		expect(values(workflow)).toContain('delete');
		expect(values(tool)).toEqual(['addNote', 'create', 'createMany', 'get', 'getAll', 'update']);
	});
});

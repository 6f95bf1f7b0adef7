import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Omicall } from '../../nodes/Omicall/Omicall.node';
import { apiRequests, startOmicall, type OmicallContext } from './setup';

let ctx: OmicallContext;
beforeAll(async () => {
	ctx = await startOmicall();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => ctx.emulator.server.clearReceived());

const rl = (value: string, mode = 'list') => ({ __rl: true, mode, value });
const sent = () => apiRequests(ctx.emulator).map((r) => [r.method, r.path, r.query, r.body]);

describe('Internal Group', () => {
	it('gets every group over pages with Return All', async () => {
		for (let i = 0; i < 55; i++) {
			ctx.emulator.pbx.groups.push({
				_id: `g${i}`,
				group_name: `Team ${i}`,
				group_number: `9${i}`,
			});
		}
		const result = await ctx.run({
			resource: 'internalGroup',
			operation: 'getAll',
			returnAll: true,
		});
		expect(result.items).toHaveLength(56);
		expect(apiRequests(ctx.emulator).map((r) => [r.path, r.query.page, r.query.size])).toEqual([
			['/api/call_center/internal_group/list', '1', '50'],
			['/api/call_center/internal_group/list', '2', '50'],
		]);
		ctx.emulator.pbx.groups.splice(1);
	});

	it('creates a group with the documented body', async () => {
		const result = await ctx.run({
			resource: 'internalGroup',
			operation: 'create',
			groupName: 'Support',
			strategy: 'random',
			sipMembers: ['101', '102'],
			timeout: 20,
		});
		expect(sent()).toEqual([
			[
				'POST',
				'/api/call_center/internal_group/add',
				{},
				{ group_name: 'Support', strategy: 'random', sip_members: ['101', '102'], timeout: 20 },
			],
		]);
		expect(result.items[0].json).toMatchObject({ group_name: 'Support', group_number: '8002' });
	});

	it('updates only the fields set, with the ID in the path', async () => {
		const id = String(ctx.emulator.pbx.groups[0]._id);
		const result = await ctx.run({
			resource: 'internalGroup',
			operation: 'update',
			internalGroup: rl(id),
			updateFields: { timeout: 45, targetTimeoutType: 'Ivr_menu', targetTimeout: 'abc123' },
		});
		expect(sent()).toEqual([
			[
				'POST',
				`/api/call_center/internal_group/update/${id}`,
				{},
				{ timeout: 45, target_timeout_type: 'Ivr_menu', target_timeout: 'abc123' },
			],
		]);
		expect(result.items.map((i) => i.json)).toEqual([{ id, result: true }]);
	});

	it('adds and removes members', async () => {
		const id = String(ctx.emulator.pbx.groups[0]._id);
		const added = await ctx.run(
			{
				resource: 'internalGroup',
				operation: 'addMembers',
				internalGroup: rl(id, 'id'),
				sipUsers: '={{ $json.users }}',
			},
			{ items: [{ users: ['102', '102'] }] },
		);
		expect(added.items.map((i) => i.json)).toEqual([
			{ group_id: id, sip_users: ['102'], result: true },
		]);
		await ctx.run({
			resource: 'internalGroup',
			operation: 'removeMembers',
			internalGroup: rl(id),
			sipUsers: ['100'],
		});
		expect(sent()).toEqual([
			[
				'POST',
				'/api/call_center/internal_group/add-members',
				{},
				{ group_id: id, sip_users: ['102'] },
			],
			[
				'POST',
				'/api/call_center/internal_group/remove-members',
				{},
				{ group_id: id, sip_users: ['100'] },
			],
		]);
		expect(ctx.emulator.pbx.groups[0].sip_members).toEqual(['101', '102']);
	});

	it('refuses bad input before any request, each item on its own with Continue On Fail', async () => {
		const result = await ctx.run(
			{
				resource: 'internalGroup',
				operation: 'delete',
				internalGroup: rl('={{ $json.id }}', 'id'),
			},
			{
				continueOnFail: true,
				items: [{ id: '../agent/delete' }, { id: '' }, { id: 'no-such-group' }],
			},
		);
		expect(result.items.map((i) => i.json.error)).toEqual([
			'Internal Group of item 0 "../agent/delete" is not a valid ID',
			'Internal Group of item 1 is empty',
			'OMICall error resource_not_found: The resource does not exist. Check the ID.',
		]);
		expect(sent()).toEqual([
			['DELETE', '/api/call_center/internal_group/delete/no-such-group', {}, undefined],
		]);
	});

	it('refuses an update without fields and a member list that is empty', async () => {
		const noFields = await ctx.run({
			resource: 'internalGroup',
			operation: 'update',
			internalGroup: rl('x1'),
			updateFields: {},
		});
		expect(noFields.error?.message).toBe('Update Fields of item 0 are empty');
		const noMembers = await ctx.run({
			resource: 'internalGroup',
			operation: 'addMembers',
			internalGroup: rl('x1'),
			sipUsers: '={{ [] }}',
		});
		expect(noMembers.error?.message).toBe('SIP Users of item 0 is empty');
		expect(sent()).toEqual([]);
	});

	it('deletes a group and outputs deleted: true with its ID', async () => {
		const id = String(ctx.emulator.pbx.groups.at(-1)!._id);
		const result = await ctx.run({
			resource: 'internalGroup',
			operation: 'delete',
			internalGroup: rl(id),
		});
		expect(sent()).toEqual([
			['DELETE', `/api/call_center/internal_group/delete/${id}`, {}, undefined],
		]);
		expect(result.items.map((i) => i.json)).toEqual([{ deleted: true, id }]);
	});

	it("OMICall's payload false on a delete or a change is an error, not a success", async () => {
		const id = String(ctx.emulator.pbx.groups[0]._id);
		ctx.emulator.server.failNext('DELETE', `/api/call_center/internal_group/delete/${id}`, {
			body: { status_code: 9999, payload: false },
		});
		const deleted = await ctx.run({
			resource: 'internalGroup',
			operation: 'delete',
			internalGroup: rl(id),
		});
		expect(deleted.error?.message).toBe('OMICall answered false: the delete was not done');
		expect(deleted.items).toEqual([]);
		ctx.emulator.server.failNext('POST', `/api/call_center/internal_group/update/${id}`, {
			body: { status_code: 9999, payload: 'false' },
		});
		const updated = await ctx.run({
			resource: 'internalGroup',
			operation: 'update',
			internalGroup: rl(id),
			updateFields: { timeout: 30 },
		});
		expect(updated.error?.message).toBe('OMICall answered false: the change was not done');
		expect(ctx.emulator.pbx.groups.some((group) => String(group._id) === id)).toBe(true);
	});
});

describe('IVR Menu', () => {
	it('creates a menu with its keys and the greeting from the list', async () => {
		const greeting = String(ctx.emulator.pbx.greetings[1]._id);
		const result = await ctx.run({
			resource: 'ivrMenu',
			operation: 'create',
			scriptName: 'Night menu',
			greeting: rl(greeting),
			keys: {
				key: [
					{ ivr: '1', actionType: 'Ring_group', action: '8001' },
					{ ivr: '9', actionType: 'Recording', action: '' },
				],
			},
			additionalFields: { maxFailure: 2, timeOut: 8, invalidSound: rl(greeting, 'id') },
		});
		expect(result.error?.message).toBeUndefined();
		expect(sent()).toEqual([
			[
				'POST',
				'/api/call_center/key-interaction/add',
				{},
				{
					script_name: 'Night menu',
					greeting_id: greeting,
					scripts: [
						{ ivr: '1', action: '8001', action_type: 'Ring_group' },
						{ ivr: '9', action: '', action_type: 'Recording' },
					],
					max_failure: 2,
					time_out: 8,
					invalid_sound_id: greeting,
				},
			],
		]);
		expect(result.items[0].json).toMatchObject({
			script_name: 'Night menu',
			_id: expect.any(String),
		});
	});

	it('refuses a key without an action type', async () => {
		const result = await ctx.run({
			resource: 'ivrMenu',
			operation: 'create',
			scriptName: 'Broken',
			greeting: rl('g1'),
			keys: { key: [{ ivr: '1', actionType: ' ', action: '8001' }] },
		});
		expect(result.error?.message).toBe('Key 1 of item 0 has no action type');
		expect(sent()).toEqual([]);
	});

	it('gets menus, simplified on request', async () => {
		const full = await ctx.run({ resource: 'ivrMenu', operation: 'getAll', returnAll: true });
		expect(full.items[0].json).toHaveProperty('max_failure', 3);
		const simple = await ctx.run({
			resource: 'ivrMenu',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			simplify: true,
			filters: { keyword: 'Main' },
		});
		expect(Object.keys(simple.items[0].json).sort()).toEqual([
			'_id',
			'greeting_id',
			'script_name',
			'scripts',
		]);
		expect(apiRequests(ctx.emulator).at(-1)!.query).toEqual({
			size: '1',
			keyword: 'Main',
			page: '1',
		});
	});

	it('updates the fields set and deletes a menu', async () => {
		const id = String(ctx.emulator.pbx.ivrMenus[0]._id);
		const greeting = String(ctx.emulator.pbx.greetings[0]._id);
		const updated = await ctx.run({
			resource: 'ivrMenu',
			operation: 'update',
			ivrMenu: rl(id),
			updateFields: { scriptName: 'Main menu 2', greeting: rl(greeting, 'id') },
		});
		expect(updated.items.map((i) => i.json)).toEqual([{ id, result: true }]);
		const deleted = await ctx.run({ resource: 'ivrMenu', operation: 'delete', ivrMenu: rl(id) });
		expect(deleted.items.map((i) => i.json)).toEqual([{ deleted: true, id }]);
		expect(sent()).toEqual([
			[
				'POST',
				`/api/call_center/key-interaction/update/${id}`,
				{},
				{ script_name: 'Main menu 2', greeting_id: greeting },
			],
			['DELETE', `/api/call_center/key-interaction/delete/${id}`, {}, undefined],
		]);
	});
});

describe('Greeting', () => {
	it('creates a greeting from text: name in the query, text, speed and voice in the body', async () => {
		const result = await ctx.run({
			resource: 'greeting',
			operation: 'createFromText',
			greetingName: 'Khuyến mãi',
			text: 'Xin chào quý khách',
			voice: 'southern_male_tienhuy',
			speed: 1.1,
		});
		expect(sent()).toEqual([
			[
				'POST',
				'/api/call_center/greeting/upload-text-to-speech',
				{ greeting_name: 'Khuyến mãi' },
				{ text: 'Xin chào quý khách', speed: 1.1, voice: 'southern_male_tienhuy' },
			],
		]);
		expect(result.items[0].json).toMatchObject({ greeting_name: 'Khuyến mãi', type: 'tts' });
	});

	it('refuses more than 300 characters before any request, per item', async () => {
		const result = await ctx.run(
			{
				resource: 'greeting',
				operation: 'createFromText',
				greetingName: 'Long',
				text: '={{ $json.text }}',
			},
			{ continueOnFail: true, items: [{ text: 'á'.repeat(301) }, { text: 'á'.repeat(300) }] },
		);
		expect(result.items.map((i) => i.json.error ?? i.json.greeting_name)).toEqual([
			'Text of item 0 has 301 characters, more than 300',
			'Long',
		]);
		expect(apiRequests(ctx.emulator)).toHaveLength(1);
	});

	it('gets greetings page by page and deletes one', async () => {
		const all = await ctx.run({ resource: 'greeting', operation: 'getAll', returnAll: true });
		expect(all.items.length).toBe(ctx.emulator.pbx.greetings.length);
		const id = String(ctx.emulator.pbx.greetings.at(-1)!._id);
		const deleted = await ctx.run({ resource: 'greeting', operation: 'delete', greeting: rl(id) });
		expect(deleted.items.map((i) => i.json)).toEqual([{ deleted: true, id }]);
		expect(sent().at(-1)).toEqual([
			'DELETE',
			`/api/call_center/greeting/delete/${id}`,
			{},
			undefined,
		]);
	});

	it('maps a token refused inside HTTP 200 to one retry with a new token', async () => {
		ctx.emulator.refuseNextTokenCheck = 'token_expired';
		const result = await ctx.run({ resource: 'greeting', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(apiRequests(ctx.emulator).map((r) => r.path)).toEqual([
			'/api/call_center/greeting/list',
			'/api/call_center/greeting/list',
		]);
		ctx.emulator.tokenErrorStyle = 'http401';
	});
});

describe('Tool mode', () => {
	it('offers no configuration change or delete to an AI agent', () => {
		const properties = new Omicall().description.properties;
		const pbx = [
			'agent',
			'internalPhone',
			'hotline',
			'extension',
			'internalGroup',
			'ivrMenu',
			'greeting',
		];
		const toolOperations = properties
			.filter(
				(p) =>
					p.name === 'operation' &&
					pbx.includes(String(p.displayOptions?.show?.resource?.[0])) &&
					(p.displayOptions?.show?.['@tool'] || !p.displayOptions?.hide?.['@tool']),
			)
			.flatMap((p) =>
				(p.options ?? []).map(
					(o) =>
						`${String(p.displayOptions?.show?.resource?.[0])}.${String((o as { value: string }).value)}`,
				),
			);
		expect(toolOperations.sort()).toEqual([
			'agent.getAll',
			'extension.get',
			'greeting.getAll',
			'hotline.getAll',
			'internalGroup.getAll',
			'internalPhone.getAll',
			'ivrMenu.getAll',
		]);
		const passwords = properties.filter((p) => p.name === 'includeSipPasswords');
		expect(passwords.length).toBe(3);
		expect(passwords.every((p) => p.displayOptions?.hide?.['@tool']?.[0] === true)).toBe(true);
	});
});

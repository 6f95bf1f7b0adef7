import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NXCLOUD_RET_CODES } from '../../nodes/NxCloudCallbot/transport/errors';
import {
	api,
	people,
	sent,
	SIGNING_KEY,
	startNxCloud,
	taskParameters,
	UUID,
	type NxContext,
} from './setup';

let ctx: NxContext;
beforeAll(async () => {
	ctx = await startNxCloud();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => {
	ctx.emulator.reset();
	ctx.credentials.store.set('nxCloudCallbotApi', {
		baseUrl: ctx.emulator.url,
		uuid: UUID,
		secretKey: SIGNING_KEY,
		algorithm: 'MD5',
	});
});

type ErrorWithContext = { context: IDataObject; httpCode: string | null };

async function createTask(contacts = 1): Promise<string> {
	const result = await ctx.run(taskParameters({ startMode: 'manual' }), {
		items: people(contacts),
	});
	expect(result.error).toBeUndefined();
	ctx.emulator.clearReceived();
	return result.items[0].json.userTaskID as string;
}

describe('Credential problems give clear errors', () => {
	it('a wrong secret key: signature error (code 6), nothing created', async () => {
		ctx.credentials.store.set('nxCloudCallbotApi', {
			baseUrl: ctx.emulator.url,
			uuid: UUID,
			secretKey: 'wrong',
			algorithm: 'MD5',
		});
		const result = await ctx.run(taskParameters(), { items: people(2) });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('NXCLOUD error 6: The signature is incorrect');
		expect(result.error?.description).toMatch(
			/^NXCLOUD says: signature incorrect\. The secret key or the algorithm \(MD5\/SHA256\) in the credential does not match the account\. responseID \w+/,
		);
		expect((result.error as unknown as ErrorWithContext).context).toMatchObject({
			vendorCode: 6,
			family: 'credential',
		});
		// The derived task ID's fallback (add to an existing task) is not tried for credential errors.
		expect(sent(ctx.emulator).map(([name]) => name)).toEqual(['createAndCall']);
		expect(ctx.emulator.tasks.size).toBe(0);
	});

	it('the wrong algorithm is a signature error too; an unknown UUID is code 6002', async () => {
		ctx.credentials.store.set('nxCloudCallbotApi', {
			baseUrl: ctx.emulator.url,
			uuid: UUID,
			secretKey: SIGNING_KEY,
			algorithm: 'SHA256',
		});
		expect((await ctx.run({ resource: 'account', operation: 'ping' })).error?.message).toBe(
			'NXCLOUD error 6: The signature is incorrect',
		);
		ctx.credentials.store.set('nxCloudCallbotApi', {
			baseUrl: ctx.emulator.url,
			uuid: 'nobody',
			secretKey: SIGNING_KEY,
			algorithm: 'MD5',
		});
		const unknown = await ctx.run({ resource: 'task', operation: 'start', taskId: 't' });
		expect(unknown.error?.message).toBe('NXCLOUD error 6002: The account does not exist');
		expect(unknown.error?.description).toContain('Check the UUID in the credential');
	});
});

describe('retCode ≠ 0 becomes a NodeApiError with the code and its documented meaning', () => {
	it.each([
		[2, 'input', "Check the node's parameters."],
		[
			4001,
			'input',
			'Send fewer elements per request, e.g. lower the option "Numbers per Request".',
		],
		[6003, 'credential', 'Ask NXCLOUD support to enable the Callbot API for this account.'],
		[6001, 'credential', 'Check the NXCLOUD credential'],
		[5001, 'temporary', 'This is temporary: try again later'],
		[5, 'temporary', 'This is temporary: try again later'],
		[1, 'general', 'NXCLOUD says: went wrong.'],
	])('code %i (%s)', async (code, family, hint) => {
		ctx.emulator.failNext('POST', api('mgrTaskStatus'), {
			body: { retCode: code, retMsg: 'went wrong', responseID: 'resp-1' },
		});
		const result = await ctx.run({ resource: 'task', operation: 'pause', taskId: 't-1' });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(`NXCLOUD error ${code}: ${NXCLOUD_RET_CODES[code]}`);
		expect(result.error?.description).toContain('NXCLOUD says: went wrong.');
		expect(result.error?.description).toContain(hint);
		expect(result.error?.description).toContain('responseID resp-1');
		expect((result.error as unknown as ErrorWithContext).context).toMatchObject({
			vendorCode: code,
			family,
			responseID: 'resp-1',
		});
		expect((result.error as unknown as ErrorWithContext).httpCode).toBe('200');
	});

	it('an undocumented code, a code given as text', async () => {
		ctx.emulator.failNext('POST', api('mgrTaskStatus'), { body: { retCode: 9001, retMsg: 'new' } });
		const unknown = await ctx.run({ resource: 'task', operation: 'start', taskId: 't-1' });
		expect(unknown.error?.message).toBe('NXCLOUD error 9001');
		expect(unknown.error?.description).toContain('not in the NXCLOUD documentation');
		ctx.emulator.failNext('POST', api('mgrTaskStatus'), {
			body: { retCode: '4', retMsg: 'task t-1 does not exist' },
		});
		const text = await ctx.run({ resource: 'task', operation: 'start', taskId: 't-1' });
		expect(text.error?.message).toBe('NXCLOUD error 4: A parameter value is wrong');
		ctx.emulator.failNext('POST', api('mgrTaskStatus'), { body: { retCode: '0', taskStatus: 2 } });
		const ok = await ctx.run({ resource: 'task', operation: 'start', taskId: 't-1' });
		expect(ok.items[0].json).toEqual({
			userTaskID: 't-1',
			taskStatus: 2,
			taskStatusName: 'Running',
		});
	});

	it('an unknown task (emulator: code 4), and HTTP errors keep their status', async () => {
		const missing = await ctx.run({ resource: 'task', operation: 'start', taskId: 'no-such-task' });
		expect(missing.error?.message).toBe('NXCLOUD error 4: A parameter value is wrong');
		expect(missing.error?.description).toContain('NXCLOUD says: task no-such-task does not exist.');
		ctx.emulator.failNext('POST', api('listTask'), { status: 503, body: 'Service Unavailable' });
		const http = await ctx.run({ resource: 'task', operation: 'getAll', returnAll: true });
		expect(http.error?.name).toBe('NodeApiError');
		expect((http.error as unknown as ErrorWithContext).httpCode).toBe('503');
	});

	it('an answer that is not a JSON object (e.g. an HTML page) is an error, never a success', async () => {
		ctx.emulator.failNext('POST', api('createAndCall'), {
			body: '<html><body>Please sign in</body></html>',
			headers: { 'content-type': 'text/html' },
		});
		const result = await ctx.run(taskParameters(), { items: people(2) });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('NXCLOUD answered with something that is not a JSON object');
		expect(result.error?.description).toContain('Please sign in');
		expect(result.items).toEqual([]);
		ctx.emulator.failNext('POST', api('ping'), { body: '' });
		const empty = await ctx.run({ resource: 'account', operation: 'ping' });
		expect(empty.error?.message).toBe('NXCLOUD answered with something that is not a JSON object');
	});

	it('a failure after some numbers were sent says so', async () => {
		ctx.emulator.failNext('POST', api('addBatchCall'), {
			body: { retCode: 4001, retMsg: 'too many', responseID: 'r' },
		});
		const result = await ctx.run(taskParameters({ options: { numbersPerRequest: 2 } }), {
			items: people(5),
		});
		expect(result.error?.message).toBe(`NXCLOUD error 4001: ${NXCLOUD_RET_CODES[4001]}`);
		expect(result.error?.description).toMatch(/task n8n\w+: 2 of 5 numbers accepted/);
		expect(result.error?.description).toContain('Idempotency Key');
		expect(ctx.emulator.orders.size).toBe(2);
	});
});

describe('Input checks stop before any request', () => {
	const items = people(2);
	it.each<[string, INodeParameters, string]>([
		[
			'phone not a number',
			{ contactPhone: '={{ $itemIndex === 1 ? "12ab" : $json.phone }}' },
			'Phone of item 1 "12ab" is not a valid phone number',
		],
		[
			'national number',
			{ contactPhone: '0912345678' },
			'Phone of item 0 "0912345678" has no country code',
		],
		['empty phone', { contactPhone: '={{ $json.missing }}' }, 'Phone of item 0 is empty'],
		[
			'script template',
			{ sceneId: '={{ $json.missing }}' },
			'Script Template ID of item 0 is empty',
		],
		['task name', { taskName: '={{ $json.missing }}' }, 'Task Name of item 0 is empty'],
		['route', { routeId: '={{ $json.missing }}' }, 'Route ID of item 0 is empty'],
		['no weekday', { dialingDays: [] }, 'Dialing Days of item 0 is empty'],
		[
			'bad weekday',
			{ dialingDays: '={{ ["Mon", "Funday"] }}' },
			'Dialing Days of item 0 contain "Funday", which is not a weekday',
		],
		[
			'quarter hour',
			{ dialingHours: { range: [{ from: '09:15', to: '10:00' }] } },
			'Dialing Hours range 1 start of item 0 "09:15" is not a time on the full or half hour',
		],
		[
			'empty range',
			{ dialingHours: { range: [{ from: '09:00', to: '09:00' }] } },
			'Dialing Hours range 1 of item 0 starts and ends at 09:00',
		],
		['no hours', { dialingHours: {} }, 'Dialing Hours of item 0 is empty'],
		[
			'no start date',
			{ startMode: 'scheduled', startAt: '={{ $json.missing }}' },
			'Start At of item 0 is empty',
		],
		[
			'bad start date',
			{ startMode: 'scheduled', startAt: 'next tuesday' },
			'Start At of item 0 "next tuesday" is not a date',
		],
		[
			'time zone',
			{ timeZone: 'Mars/Olympus' },
			'Time Zone of item 0 "Mars/Olympus" is not a time zone',
		],
		[
			'callback URL',
			{ orderCallbackUrl: 'ftp://example.com/x' },
			'Order Callback URL of item 0 "ftp://example.com/x" is not an http(s) URL',
		],
		[
			'duplicate order ID',
			{ contactOrderId: 'same' },
			'Order ID of item 1 "same" is used twice (also by item 0)',
		],
		[
			'variable name',
			{ contactVariables: { variable: [{ name: '', value: 'x' }] } },
			'Script Variables of item 0 has a variable without a name',
		],
		[
			'country code',
			{ options: { countryCode: 'VN' } },
			'Country Code for National Numbers of item 0 "VN" is not a country code',
		],
		['robots', { maxCall: 0 }, 'Robots of item 0 "0" is not a whole number of at least 1'],
		[
			'SMS rule',
			{ options: { sms: { rule: [{ smsId: 'S1' }] } } },
			'SMS rule 1 of item 0 has no intent',
		],
		[
			'agent group',
			{ options: { agentTransfer: { settings: { agentGroup: '' } } } },
			'Transfer to Agent: Agent Group ID of item 0 is empty',
		],
		[
			'JSON',
			{ contactsSource: 'json', contactsJson: '[{"userPhone": ' },
			'Numbers (JSON) of item 0 is not valid JSON',
		],
		[
			'JSON phone',
			{ contactsSource: 'json', contactsJson: '[{"userPhone": "+1 555"}]' },
			'Number 1: Phone of item 0 "+1 555" is not a valid phone number',
		],
		['no numbers', { contactsSource: 'define', contacts: {} }, 'Numbers of item 0 is empty'],
	])('Create and Call: %s', async (_name, overrides, message) => {
		const result = await ctx.run(taskParameters(overrides), { items });
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toBeTruthy();
		expect(ctx.emulator.received).toHaveLength(0);
	});

	it.each<[string, INodeParameters, string]>([
		[
			'task ID',
			{ resource: 'task', operation: 'finish', taskId: '={{ $json.missing }}' },
			'Task ID of item 0 is empty',
		],
		[
			'order task IDs',
			{
				resource: 'order',
				operation: 'add',
				taskId: '={{ $json.missing }}',
				contactsSource: 'items',
				contactPhone: '84912345678',
			},
			'Task ID of item 0 is empty',
		],
		[
			'order IDs',
			{
				resource: 'order',
				operation: 'stop',
				taskId: 't',
				orderIdsSource: 'list',
				orderIds: ' , ',
			},
			'Order IDs of item 0 is empty',
		],
		[
			'order ID per item',
			{
				resource: 'order',
				operation: 'getDetails',
				taskId: 't',
				orderIdsSource: 'items',
				orderId: '={{ $json.missing }}',
			},
			'Order ID of item 0 is empty',
		],
		[
			'intent levels',
			{ resource: 'call', operation: 'getAll', taskId: 't', filters: { intentLevels: '1, high' } },
			'Intent Levels of item 0 contains "high", which is not a whole number',
		],
		[
			'dates',
			{
				resource: 'task',
				operation: 'getAll',
				filters: { createdAfter: '2026-02-01T00:00:00', createdBefore: '2026-01-01T00:00:00' },
			},
			'Created Before of item 0 is earlier than Created After',
		],
		[
			'numbers per request',
			{ ...taskParameters(), options: { numbersPerRequest: '={{ 1.5 }}' } },
			'Numbers per Request of item 0 "1.5" is not a whole number of at least 0',
		],
	])('%s', async (_name, parameters, message) => {
		const result = await ctx.run(parameters, { items: people(1) });
		expect(result.error?.message).toBe(message);
		expect(ctx.emulator.received).toHaveLength(0);
	});
});

describe('Continue On Fail works per item', () => {
	it('one request per item: an error item for each bad item, results for the others', async () => {
		const task = await createTask();
		const result = await ctx.run(
			{ resource: 'task', operation: 'start', taskId: '={{ $json.id }}' },
			{
				items: [{ id: task }, { id: '' }, { id: 'unknown-task' }, { id: task }],
				continueOnFail: true,
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.error ?? i.json.taskStatusName)).toEqual([
			'Running',
			'Task ID of item 1 is empty',
			'NXCLOUD error 4: A parameter value is wrong',
			'Running',
		]);
		expect(ctx.emulator.received).toHaveLength(3);
	});

	it('one number per input item: the bad items get their errors, the others are sent in one request', async () => {
		const items = people(4);
		items[1].phone = 'not a phone';
		items[3].phone = '0987654321';
		const result = await ctx.run(taskParameters(), { items, continueOnFail: true });
		expect(result.error).toBeUndefined();
		const requests = sent(ctx.emulator);
		expect(requests).toHaveLength(1);
		expect(
			((requests[0][1].callInfoList as IDataObject).callList as IDataObject[]).map(
				(o) => o.userPhone,
			),
		).toEqual(['84910000000', '84910000002']);
		expect(result.items.map((i) => i.json.error ?? [i.json.userPhone, i.pairedItem])).toEqual([
			['84910000000', { item: 0 }],
			['84910000002', { item: 2 }],
			'Phone of item 1 "not a phone" is not a valid phone number',
			'Phone of item 3 "0987654321" has no country code',
		]);
	});

	it('when the first item is bad, the next good item sends for all', async () => {
		const items = people(3);
		items[0].phone = '';
		const result = await ctx.run(taskParameters(), { items, continueOnFail: true });
		expect(sent(ctx.emulator)).toHaveLength(1);
		expect(result.items.map((i) => i.json.error ?? i.json.userPhone)).toEqual([
			'Phone of item 0 is empty',
			'84910000001',
			'84910000002',
		]);
	});

	it('without it, a bad item anywhere stops the node before anything is sent, naming the item', async () => {
		const items = people(3);
		items[2].phone = '+84 12';
		const result = await ctx.run(taskParameters(), { items });
		expect(result.error?.message).toBe('Phone of item 2 "+84 12" is not a valid phone number');
		expect(ctx.emulator.received).toHaveLength(0);
	});
});

describe('Safe to retry: derived task and order IDs', () => {
	it('Create and Call: a lost answer and Retry On Fail give one task with each number once', async () => {
		ctx.emulator.failNext(
			'POST',
			api('createAndCall'),
			{ status: 502, body: 'Bad Gateway' },
			{ afterHandling: true },
		);
		const result = await ctx.run(taskParameters(), {
			items: people(3),
			retryOnFail: { maxTries: 2 },
		});
		expect(result.error).toBeUndefined();
		const requests = sent(ctx.emulator);
		// Attempt 1: createAndCall (done, answer lost). Attempt 2: createAndCall (task exists) → the same
		// numbers added to it (rejected as duplicates) → looked up: imported by attempt 1.
		expect(requests.map(([name]) => name)).toEqual([
			'createAndCall',
			'createAndCall',
			'addBatchCall',
			'listOrderDetail',
		]);
		const [first, second, added] = requests.map(([, body]) => body);
		expect(second.userTaskID).toBe(first.userTaskID);
		expect(second.callInfoList).toEqual(first.callInfoList);
		expect(added.callInfoList).toEqual(first.callInfoList);
		expect(ctx.emulator.tasks.size).toBe(1);
		expect(ctx.emulator.orders.size).toBe(3);
		expect(result.items.map((i) => i.json)).toEqual(
			((first.callInfoList as IDataObject).callList as IDataObject[]).map((order) => ({
				userTaskID: first.userTaskID,
				taskID: expect.any(String),
				orderID: order.orderID,
				userPhone: order.userPhone,
				other: '',
				userName: '',
				customerName: '',
				imported: true,
				alreadyImported: true,
				responseID: expect.any(String),
				numbersPerRequest: 2000,
				// A version 1 node: service calls (Decree 91 guard, test/nxcloud/compliance.test.ts).
				compliance: expect.objectContaining({ callPurpose: 'service' }),
			})),
		);
	});

	it('Create and Call over several requests: the retry completes the task, nothing twice', async () => {
		// Attempt 1 sends 2 + 2 numbers; the answer of the second request is lost.
		ctx.emulator.failNext(
			'POST',
			api('addBatchCall'),
			{ status: 504, body: 'Gateway Timeout' },
			{ afterHandling: true },
		);
		const result = await ctx.run(taskParameters({ options: { numbersPerRequest: 2 } }), {
			items: people(5),
			retryOnFail: { maxTries: 2 },
		});
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator).map(([name]) => name)).toEqual([
			'createAndCall',
			'addBatchCall', // lost
			'createAndCall', // retry: the task exists
			'addBatchCall', // numbers 1-2: already exist…
			'listOrderDetail', // …and are confirmed
			'addBatchCall', // numbers 3-4, likewise
			'listOrderDetail',
			'addBatchCall', // number 5
		]);
		expect(ctx.emulator.tasks.size).toBe(1);
		expect(ctx.emulator.orders.size).toBe(5);
		expect(result.items.map((i) => [i.json.imported, i.json.alreadyImported])).toEqual([
			[true, true],
			[true, true],
			[true, true],
			[true, true],
			[true, undefined],
		]);
	});

	it('Order → Add: a retry re-sends the same order IDs, so no number is added twice', async () => {
		const userTaskID = await createTask(1);
		ctx.emulator.failNext(
			'POST',
			api('addBatchCall'),
			{ status: 502, body: 'Bad Gateway' },
			{ afterHandling: true },
		);
		const result = await ctx.run(
			{
				resource: 'order',
				operation: 'add',
				taskId: userTaskID,
				contactsSource: 'items',
				contactPhone: '={{ $json.phone }}',
			},
			{ items: people(2, 10), retryOnFail: { maxTries: 2 } },
		);
		expect(result.error).toBeUndefined();
		const adds = sent(ctx.emulator).filter(([name]) => name === 'addBatchCall');
		expect(adds).toHaveLength(2);
		expect(adds[1][1]).toEqual(adds[0][1]);
		expect(ctx.emulator.orders.size).toBe(3);
		expect(result.items.map((i) => [i.json.imported, i.json.alreadyImported])).toEqual([
			[true, true],
			[true, true],
		]);
	});

	it('Task → Create: the retry is refused by NXCLOUD instead of creating a second task', async () => {
		ctx.emulator.failNext(
			'POST',
			api('createTask'),
			{ status: 502, body: 'Bad Gateway' },
			{ afterHandling: true },
		);
		const result = await ctx.run(taskParameters({ operation: 'create' }), {
			retryOnFail: { maxTries: 2 },
		});
		const creates = sent(ctx.emulator);
		expect(creates.map(([name]) => name)).toEqual(['createTask', 'createTask']);
		expect(creates[1][1].userTaskID).toBe(creates[0][1].userTaskID);
		expect(ctx.emulator.tasks.size).toBe(1);
		expect(result.error?.message).toBe('NXCLOUD error 4: A parameter value is wrong');
		expect(result.error?.description).toContain('already exists');
	});

	it("another execution derives other IDs; the user's own task ID is never taken over", async () => {
		const parameters = taskParameters();
		const one = await ctx.run(parameters, { items: people(1), executionId: 'exec-a' });
		const two = await ctx.run(parameters, { items: people(1), executionId: 'exec-b' });
		expect(one.items[0].json.userTaskID).not.toBe(two.items[0].json.userTaskID);
		expect(one.items[0].json.orderID).not.toBe(two.items[0].json.orderID);
		expect(ctx.emulator.tasks.size).toBe(2);

		ctx.emulator.clearReceived();
		const own = taskParameters({ options: { taskId: String(one.items[0].json.userTaskID) } });
		const clash = await ctx.run(own, { items: people(1, 5) });
		expect(clash.error?.message).toBe('NXCLOUD error 4: A parameter value is wrong');
		expect(sent(ctx.emulator).map(([name]) => name)).toEqual(['createAndCall']);
	});
});

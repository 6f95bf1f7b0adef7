import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NxFault } from '../../emulators/nxcloud';
import type { RunNodeResult } from '../harness/run-node';
import { people, sent, startNxCloud, taskParameters, type NxContext } from './setup';

/**
 * Exactly once: no number lost or dialed twice, whatever request fails and however n8n retries.
 * Runs through the real routing engine against the emulator (which checks every signature).
 */

let ctx: NxContext;
beforeAll(async () => {
	ctx = await startNxCloud();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => ctx.emulator.reset());

const RETRY = { maxTries: 2, waitBetweenTries: 0 };

/** Digits of a people() phone, as sent (userPhone). */
const digits = (phone: unknown) => String(phone).replace(/\D/g, '');

/** How many orders of the task (or of all tasks) carry each phone. */
function ordersPerPhone(userTaskID?: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const order of ctx.emulator.orders.values()) {
		if (userTaskID && order.userTaskID !== userTaskID) continue;
		counts.set(order.userPhone, (counts.get(order.userPhone) ?? 0) + 1);
	}
	return counts;
}

function expectEachOnce(phones: string[], userTaskID?: string) {
	const counts = ordersPerPhone(userTaskID);
	for (const phone of phones) expect(counts.get(phone), phone).toBe(1);
}

function pairedIndexes(result: RunNodeResult): number[] {
	return result.items
		.map((item) => (item.pairedItem as { item: number }).item)
		.sort((a, b) => a - b);
}

/** A task with `count` undialed orders (to be replaced or added to), made through the node. */
async function existingTask(count: number): Promise<string> {
	const result = await ctx.run(taskParameters({ startMode: 'manual' }), {
		items: people(count, 900),
	});
	expect(result.error).toBeUndefined();
	ctx.emulator.clearReceived();
	return result.items[0].json.userTaskID as string;
}

const withKey = (parameters: INodeParameters, extra: IDataObject = {}): INodeParameters => ({
	...parameters,
	options: {
		numbersPerRequest: 2,
		idempotencyKey: '={{ $json.crmId }}',
		...((parameters.options as IDataObject | undefined) ?? {}),
		...extra,
	},
});

const orderParameters = (operation: string, taskId: string): INodeParameters => ({
	resource: 'order',
	operation,
	taskId,
	orderCallbackUrl: 'https://hooks.example.com/nx/order',
	callCallbackUrl: 'https://hooks.example.com/nx/call',
	contactsSource: 'items',
	contactPhone: '={{ $json.phone }}',
});

describe('Order → Replace Latest Batch with Retry On Fail (issue point 1)', () => {
	it('a failed addBatchCall after importBatchCall: the retry adds only what is missing, nothing is lost', async () => {
		const userTaskID = await existingTask(2);
		const input = people(5);
		// Request 1 is the look-up, 2 importBatchCall (numbers 1-2), 3 addBatchCall (3-4): fails once.
		ctx.emulator.failAt(3, 'http503');
		const result = await ctx.run(
			{ ...orderParameters('replaceBatch', userTaskID), options: { numbersPerRequest: 2 } },
			{ items: input, retryOnFail: RETRY },
		);
		expect(result.error).toBeUndefined();
		const names = sent(ctx.emulator).map(([name]) => name);
		expect(names.filter((name) => name === 'importBatchCall')).toHaveLength(1);
		expectEachOnce(
			input.map((p) => digits(p.phone)),
			userTaskID,
		);
		// The old undialed numbers were replaced once; every new number has exactly one order.
		expect(ordersPerPhone(userTaskID).size).toBe(5);
		expect(result.items.map((i) => [digits(i.json.userPhone), i.json.imported])).toEqual(
			input.map((p) => [digits(p.phone), true]),
		);
		expect(result.items.slice(0, 2).every((i) => i.json.alreadyImported === true)).toBe(true);
	});

	it('the answer of importBatchCall is lost: the retry does not replace the batch again', async () => {
		const userTaskID = await existingTask(1);
		const input = people(3);
		ctx.emulator.failAt(2, 'drop');
		const result = await ctx.run(
			{ ...orderParameters('replaceBatch', userTaskID), options: { numbersPerRequest: 2 } },
			{ items: input, retryOnFail: RETRY },
		);
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator).map(([name]) => name)).toEqual([
			'listOrderDetail',
			'importBatchCall', // carried out, answer lost
			'listOrderDetail', // retry: numbers 1-2 are there
			'addBatchCall', // number 3 only
		]);
		expectEachOnce(
			input.map((p) => digits(p.phone)),
			userTaskID,
		);
		expect(result.items.map((i) => i.json.imported)).toEqual([true, true, true]);
	});
});

describe('Partial success is visible (issue point 2)', () => {
	for (const fault of ['http503', 'busy', 'maintenance', 'internal', 'drop'] as NxFault[]) {
		it(`Continue On Fail, request 2 of 3 fails (${fault}): accepted numbers and error items, each paired`, async () => {
			ctx.emulator.failAt(2, fault);
			const result = await ctx.run(taskParameters({ options: { numbersPerRequest: 2 } }), {
				items: people(5),
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(5);
			expect(result.items.map((i) => i.pairedItem)).toEqual(
				[0, 1, 2, 3, 4].map((item) => ({ item })),
			);
			const [first, second, ...rest] = result.items.map((i) => i.json);
			for (const accepted of [first, second]) {
				expect(accepted).toMatchObject({ imported: true, taskID: expect.any(String) });
				expect(accepted.userTaskID).toMatch(/^n8n/);
				expect(accepted.orderID).toMatch(/^n8n/);
			}
			for (const failed of rest) {
				expect(failed).toMatchObject({ imported: false, error: expect.any(String) });
				expect(failed.orderID).toMatch(/^n8n/);
			}
			// Request 3 was not sent after the failure.
			expect(sent(ctx.emulator)).toHaveLength(2);
		});
	}

	it('without Continue On Fail the error names the task, the accepted count and how to resume', async () => {
		ctx.emulator.failAt(3, 'http503');
		const result = await ctx.run(taskParameters({ options: { numbersPerRequest: 2 } }), {
			items: people(5),
		});
		const userTaskID = [...ctx.emulator.tasks.keys()][0];
		expect(result.error?.description).toContain(`task ${userTaskID}: 4 of 5 numbers accepted`);
		expect(result.error?.description).toContain('Idempotency Key');
		expect(result.error?.description).toContain(`Order → Get Many on task ${userTaskID}`);
		expect(ctx.emulator.orders.size).toBe(4);
	});

	it('Order → Get Details in 500-ID chunks, Continue On Fail: found rows, then error items', async () => {
		const { userTaskID, orderIDs } = await bigTask();
		ctx.emulator.failAt(2, 'busy');
		const result = await ctx.run(
			{
				resource: 'order',
				operation: 'getDetails',
				taskId: userTaskID,
				orderIdsSource: 'list',
				orderIds: orderIDs.join(','),
			},
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(501);
		expect(result.items.slice(0, 500).every((i) => i.json.orderID && !i.json.error)).toBe(true);
		expect(result.items[500].json).toMatchObject({
			orderID: orderIDs[500],
			error: 'NXCLOUD error 7: The system is busy',
		});
	});
});

/** A task with 501 orders (two chunks of order IDs), made through the node from one JSON item. */
async function bigTask(): Promise<{ userTaskID: string; orderIDs: string[] }> {
	const numbers = Array.from({ length: 501 }, (_, i) => ({
		userPhone: `849${String(20000000 + i)}`,
	}));
	const result = await ctx.run(
		taskParameters({
			startMode: 'manual',
			contactsSource: 'json',
			contactsJson: JSON.stringify(numbers),
		}),
	);
	expect(result.error).toBeUndefined();
	ctx.emulator.clearReceived();
	return {
		userTaskID: result.items[0].json.userTaskID as string,
		orderIDs: result.items.map((i) => i.json.orderID as string),
	};
}

describe('Duplicate numbers in one run (issue point 3)', () => {
	it.each(['json', 'define'])(
		'%s, Continue On Fail: a number of an item that fails its own checks is not a "duplicate" elsewhere',
		async (source) => {
			const parameters =
				source === 'json'
					? taskParameters({
							contactsSource: 'json',
							contactsJson: '={{ JSON.stringify($json.numbers) }}',
						})
					: taskParameters({
							contactsSource: 'define',
							contacts: {
								contact: [
									{ phone: '={{ $json.numbers[0] }}' },
									{ phone: '={{ $json.numbers[1] }}' },
								],
							},
						});
			const result = await ctx.run(parameters, {
				items: [{ numbers: ['84912345601', 'bad'] }, { numbers: ['84912345601', '84912345602'] }],
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();
			expect(
				result.items.map((i) => [i.pairedItem, i.json.userPhone, i.json.imported, i.json.skipped]),
			).toEqual([
				// Item 0's error item (the routing engine's, unpaired).
				[undefined, undefined, undefined, undefined],
				[{ item: 1 }, '84912345601', true, undefined],
				[{ item: 1 }, '84912345602', true, undefined],
			]);
			expect(result.items[0].error?.message).toContain('is not a valid phone number');
			expectEachOnce(['84912345601', '84912345602']);
		},
	);

	const spellings = ['0912345678', '+84 912 345 678', '84912345679', '0084 912-345-678'];

	it.each(['createAndCall', 'add', 'replaceBatch'])(
		'%s, one number per input item: the same number in another spelling is sent once',
		async (operation) => {
			const taskId = operation === 'createAndCall' ? '' : await existingTask(1);
			const parameters =
				operation === 'createAndCall'
					? taskParameters({ options: { countryCode: '84' } })
					: { ...orderParameters(operation, taskId), options: { countryCode: '84' } };
			const result = await ctx.run(parameters, {
				items: spellings.map((phone) => ({ phone })),
			});
			expect(result.error).toBeUndefined();
			const imports = sent(ctx.emulator).filter(([name]) => name !== 'listOrderDetail');
			expect(imports).toHaveLength(1);
			const callList = (imports[0][1].callInfoList as IDataObject).callList as IDataObject[];
			expect(callList.map((o) => o.userPhone)).toEqual(['84912345678', '84912345679']);
			expect(result.items).toHaveLength(4);
			const skipped = result.items.filter((i) => i.json.skipped);
			expect(skipped.map((i) => [i.pairedItem, i.json.duplicateOfItem, i.json.reason])).toEqual([
				[{ item: 1 }, 0, 'duplicate'],
				[{ item: 3 }, 0, 'duplicate'],
			]);
			expect(skipped[0].json.phone).toBe('84912345678');
			expect(pairedIndexes(result)).toEqual([0, 1, 2, 3]);
		},
	);

	it('Define Below: the same number twice in one item, and again in the next item', async () => {
		const result = await ctx.run(
			taskParameters({
				contactsSource: 'define',
				contacts: {
					contact: [{ phone: '0912345678' }, { phone: '={{ $json.second }}' }],
				},
				options: { countryCode: '84' },
			}),
			{ items: [{ second: '+84 912 345 678' }, { second: '84912345600' }] },
		);
		expect(result.error).toBeUndefined();
		const lists = sent(ctx.emulator).map(([, body]) =>
			((body.callInfoList as IDataObject).callList as IDataObject[]).map((o) => o.userPhone),
		);
		// Item 0 sends 0912345678 once; item 1 only its new number.
		expect(lists).toEqual([['84912345678'], ['84912345600']]);
		const skipped = result.items.filter((i) => i.json.skipped);
		expect(skipped.map((i) => [i.pairedItem, i.json.duplicateOfItem])).toEqual([
			[{ item: 0 }, 0],
			[{ item: 1 }, 0],
		]);
	});

	it('JSON Array: a repeat within the list is sent once', async () => {
		const result = await ctx.run(
			taskParameters({
				contactsSource: 'json',
				contactsJson: JSON.stringify([
					{ userPhone: '84912345678' },
					{ userPhone: '+84 (912) 345.678' },
				]),
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.emulator.orders.size).toBe(1);
		expect(result.items.map((i) => [i.json.imported, i.json.skipped])).toEqual([
			[undefined, true],
			[true, undefined],
		]);
	});

	it('"Stop with an Error": names both items, nothing is sent', async () => {
		const result = await ctx.run(
			taskParameters({ options: { countryCode: '84', duplicateNumbers: 'error' } }),
			{ items: spellings.map((phone) => ({ phone })) },
		);
		// (The routing engine hands input errors of preSend on as NodeApiError, message unchanged.)
		expect(result.error?.message).toBe(
			'Phone of item 1 84912345678 is given twice (items 0 and 1)',
		);
		expect(ctx.emulator.received).toHaveLength(0);
	});

	it('"Stop with an Error" across items of Define Below: the first item stops too', async () => {
		const result = await ctx.run(
			taskParameters({
				contactsSource: 'define',
				contacts: { contact: [{ phone: '={{ $json.phone }}' }] },
				options: { countryCode: '84', duplicateNumbers: 'error' },
			}),
			{ items: [{ phone: '0912345678' }, { phone: '84912345678' }] },
		);
		expect(result.error?.message).toContain('is given twice (items 0 and 1)');
		expect(ctx.emulator.received).toHaveLength(0);
	});
});

describe('Idempotency Key: re-running an execution does not dial again (issue point 4)', () => {
	it.each(['json', 'define'])(
		'%s: a re-run with the same key and a number added in front imports it, and no number twice',
		async (source) => {
			const list = (numbers: string[]): INodeParameters =>
				source === 'json'
					? {
							contactsSource: 'json',
							contactsJson: JSON.stringify(numbers.map((userPhone) => ({ userPhone }))),
						}
					: {
							contactsSource: 'define',
							contacts: { contact: numbers.map((phone) => ({ phone })) },
						};
			const options = { idempotencyKey: 'ev-7' };
			const first = await ctx.run(
				taskParameters({ ...list(['84912345601', '84912345602']), options }),
			);
			expect(first.error).toBeUndefined();
			const second = await ctx.run(
				taskParameters({ ...list(['84912345600', '84912345601', '84912345602']), options }),
			);
			expect(second.error).toBeUndefined();
			expect(
				second.items.map((i) => [i.json.userPhone, i.json.imported, i.json.alreadyImported]),
			).toEqual([
				['84912345600', true, undefined],
				['84912345601', true, true],
				['84912345602', true, true],
			]);
			expectEachOnce(['84912345600', '84912345601', '84912345602']);
			// The same number derives the same order ID whatever its position.
			expect(second.items[1].json.orderID).toBe(first.items[0].json.orderID);
		},
	);

	it('an order ID found with another number is no proof: that number is reported not imported', async () => {
		const userTaskID = await existingTask(1);
		const first = await ctx.run(
			{ ...orderParameters('add', userTaskID), contactOrderId: 'crm-order-1' },
			{ items: [{ phone: '84912345601' }] },
		);
		expect(first.error).toBeUndefined();
		// The same own order ID, now with another number: NXCLOUD refuses it; the look-up finds the
		// order ID with 84912345601, not with 84912345609.
		const second = await ctx.run(
			{ ...orderParameters('add', userTaskID), contactOrderId: 'crm-order-1' },
			{ items: [{ phone: '84912345609' }] },
		);
		expect(second.error).toBeUndefined();
		expect(second.items[0].json).toMatchObject({ userPhone: '84912345609', imported: false });
		expect(second.items[0].json.alreadyImported).toBeUndefined();
		expect(second.items[0].json.errMsg).toContain('already exists');
	});

	it('Replace Latest Batch with own Order IDs, addBatchCall fails once, Retry On Fail: nothing lost', async () => {
		const userTaskID = await existingTask(2);
		const input = people(5);
		ctx.emulator.failAt(1, 'http503', 'addBatchCall');
		const result = await ctx.run(
			{
				...orderParameters('replaceBatch', userTaskID),
				contactOrderId: '={{ "own-" + $json.crmId }}',
				options: { numbersPerRequest: 2 },
			},
			{ items: input, retryOnFail: RETRY },
		);
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator).filter(([name]) => name === 'importBatchCall')).toHaveLength(1);
		expectEachOnce(
			input.map((p) => digits(p.phone)),
			userTaskID,
		);
		expect(ordersPerPhone(userTaskID).size).toBe(5);
		expect(result.items.map((i) => i.json.imported)).toEqual([true, true, true, true, true]);
	});

	it('Create and Call: two executions with the same key, every number once; the second says already imported', async () => {
		const input = people(5);
		const parameters = withKey(taskParameters());
		const first = await ctx.run(parameters, { items: input });
		expect(first.error).toBeUndefined();
		const second = await ctx.run(parameters, { items: input });
		expect(second.error).toBeUndefined();
		expect(ctx.emulator.tasks.size).toBe(1);
		expectEachOnce(input.map((p) => digits(p.phone)));
		expect(ctx.emulator.orders.size).toBe(5);
		expect(second.items.map((i) => [i.json.imported, i.json.alreadyImported])).toEqual(
			input.map(() => [true, true]),
		);
		expect(second.items.map((i) => i.json.orderID)).toEqual(first.items.map((i) => i.json.orderID));
	});

	it("JSON Array: a re-run with the item's key finds its task and numbers", async () => {
		const parameters = taskParameters({
			contactsSource: 'json',
			contactsJson: '={{ JSON.stringify($json.numbers) }}',
			options: { idempotencyKey: '={{ $json.eventId }}', numbersPerRequest: 2 },
		});
		const input = [
			{
				eventId: 'ev-1',
				numbers: [
					{ userPhone: '84912345601' },
					{ userPhone: '84912345602' },
					{ userPhone: '84912345603' },
				],
			},
			{ eventId: 'ev-2', numbers: [{ userPhone: '84912345604' }] },
		];
		// Item 0's second request (addBatchCall) fails: 2 of its 3 numbers are in, item 1 is complete.
		ctx.emulator.failAt(1, 'http503', 'addBatchCall');
		const first = await ctx.run(parameters, { items: input, continueOnFail: true });
		expect(first.items.map((i) => [i.json.imported, typeof i.json.error])).toEqual([
			[true, 'undefined'],
			[true, 'undefined'],
			[false, 'string'],
			[true, 'undefined'],
		]);
		const second = await ctx.run(parameters, { items: input });
		expect(second.error).toBeUndefined();
		expect(ctx.emulator.tasks.size).toBe(2);
		expectEachOnce(['84912345601', '84912345602', '84912345603', '84912345604']);
		// The two numbers of item 0 and the one of item 1 were imported before; the third of item 0
		// is added now.
		expect(second.items.map((i) => [i.json.imported, i.json.alreadyImported])).toEqual([
			[true, true],
			[true, true],
			[true, undefined],
			[true, true],
		]);
		expect(second.items.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
		]);
	});

	it('without a key a re-run derives new IDs (only Retry On Fail is safe)', async () => {
		const first = await ctx.run(taskParameters(), { items: people(1) });
		const second = await ctx.run(taskParameters(), { items: people(1) });
		expect(second.items[0].json.userTaskID).not.toBe(first.items[0].json.userTaskID);
	});

	it.each(['add', 'replaceBatch'])(
		'%s: two executions with the same key add every number once',
		async (operation) => {
			const userTaskID = await existingTask(1);
			const input = people(3);
			const parameters = withKey(orderParameters(operation, userTaskID));
			const first = await ctx.run(parameters, { items: input });
			expect(first.error).toBeUndefined();
			const second = await ctx.run(parameters, { items: input });
			expect(second.error).toBeUndefined();
			expectEachOnce(
				input.map((p) => digits(p.phone)),
				userTaskID,
			);
			expect(second.items.map((i) => i.json.alreadyImported)).toEqual([true, true, true]);
			expect(sent(ctx.emulator).filter(([name]) => name === 'importBatchCall')).toHaveLength(
				operation === 'replaceBatch' ? 1 : 0,
			);
		},
	);

	it('Task → Create: the same key names the same task, NXCLOUD refuses a second one', async () => {
		const parameters: INodeParameters = {
			...taskParameters({ operation: 'create' }),
			options: { idempotencyKey: 'crm-event-7' },
		};
		const first = await ctx.run(parameters);
		expect(first.error).toBeUndefined();
		const second = await ctx.run(parameters);
		expect(second.error?.description).toContain('already exists');
		expect(ctx.emulator.tasks.size).toBe(1);
	});

	it('an object as key is refused before any request', async () => {
		const result = await ctx.run(withKey(taskParameters(), { idempotencyKey: '={{ { a: 1 } }}' }), {
			items: people(1),
		});
		expect(result.error?.message).toBe('Idempotency Key of item 0 is an object, not a text');
		expect(ctx.emulator.received).toHaveLength(0);
	});
});

// ------------------------------------------------------------------ fault injection

type Mode = 'retry' | 'continueOnFail' | 'plain';
const FAULTS: NxFault[] = ['http503', 'busy', 'drop'];
const MODES: Mode[] = ['retry', 'continueOnFail', 'plain'];

function runOptions(mode: Mode) {
	return mode === 'retry'
		? { retryOnFail: RETRY }
		: mode === 'continueOnFail'
			? { continueOnFail: true }
			: {};
}

interface ImportCase {
	name: string;
	/** Requests of a run without faults. */
	requests: number;
	/** The node's parameters and its input items (5 numbers in all). */
	setup: () => Promise<{ parameters: INodeParameters; input: IDataObject[] }>;
	/** The task the numbers go to (after the run). */
	task: (parameters: INodeParameters) => string;
	/** The phones of the 5 numbers, and the input item of each. */
	numbers: Array<{ phone: string; item: number }>;
}

const FIVE = people(5);
const FIVE_PHONES = FIVE.map((p) => digits(p.phone));

type Source = 'items + key' | 'items + own Order IDs' | 'Define Below + key' | 'JSON Array + key';
const SOURCES: Source[] = [
	'items + key',
	'items + own Order IDs',
	'Define Below + key',
	'JSON Array + key',
];

/** The numbers part of the parameters and the input items for a numbers source. */
function numbersOf(source: Source): { numbers: INodeParameters; input: IDataObject[] } {
	if (source === 'items + key') return { numbers: {}, input: FIVE };
	if (source === 'items + own Order IDs')
		return { numbers: { contactOrderId: '={{ "own-" + $json.crmId }}' }, input: FIVE };
	if (source === 'Define Below + key')
		return {
			numbers: {
				contactsSource: 'define',
				contacts: { contact: FIVE.map((p) => ({ phone: String(p.phone) })) },
			},
			input: [{ crmId: 'ev-define' }],
		};
	return {
		numbers: {
			contactsSource: 'json',
			contactsJson: JSON.stringify(FIVE.map((p) => ({ userPhone: digits(p.phone) }))),
		},
		input: [{ crmId: 'ev-json' }],
	};
}

const OPERATIONS = [
	{
		name: 'Create and Call (createAndCall + addBatchCall chunks)',
		operation: 'createAndCall',
		requests: 3,
	},
	{ name: 'Order → Add (addBatchCall chunks)', operation: 'add', requests: 3 },
	{
		name: 'Order → Replace Latest Batch (look-up, importBatchCall, addBatchCall chunks)',
		operation: 'replaceBatch',
		requests: 4,
	},
];

const IMPORTS: ImportCase[] = OPERATIONS.flatMap(({ name, operation, requests }) =>
	SOURCES.map((source): ImportCase => {
		const { numbers, input } = numbersOf(source);
		return {
			name: `${name}, ${source}`,
			requests,
			setup: async () => {
				const base =
					operation === 'createAndCall'
						? taskParameters()
						: orderParameters(operation, await existingTask(1));
				return { parameters: withKey({ ...base, ...numbers }), input };
			},
			task: (parameters) =>
				operation === 'createAndCall' ? lastCreatedTask() : String(parameters.taskId),
			numbers: FIVE_PHONES.map((phone, index) => ({
				phone,
				item: input.length === 1 ? 0 : index,
			})),
		};
	}),
);

/** The task the last Create and Call created (the emulator keeps tasks in creation order). */
function lastCreatedTask(): string {
	return [...ctx.emulator.tasks.keys()].at(-1)!;
}

describe('Fault injection: every request position × fault × mode', () => {
	for (const operation of IMPORTS) {
		describe(operation.name, () => {
			for (let position = 1; position <= operation.requests; position++) {
				for (const fault of FAULTS) {
					for (const mode of MODES) {
						it(`request ${position} fails once (${fault}), ${mode}`, async () => {
							const { parameters, input } = await operation.setup();
							const phones = operation.numbers.map((n) => n.phone);
							ctx.emulator.failAt(position, fault);
							const result = await ctx.run(parameters, { items: input, ...runOptions(mode) });
							const userTaskID = operation.task(parameters);
							const counts = ordersPerPhone(userTaskID);
							// Never twice.
							for (const phone of phones) expect(counts.get(phone) ?? 0).toBeLessThanOrEqual(1);
							if (mode === 'retry') {
								expect(result.error).toBeUndefined();
								expectEachOnce(phones, userTaskID);
								expect(
									result.items.map((i) => [digits(i.json.userPhone), i.json.imported]),
								).toEqual(phones.map((phone) => [phone, true]));
							} else if (mode === 'continueOnFail') {
								expect(result.error).toBeUndefined();
								// One output item per number, paired to its input item, each accounted for.
								expect(pairedIndexes(result)).toEqual(operation.numbers.map((n) => n.item));
								for (const item of result.items) {
									const phone = digits(item.json.userPhone);
									if (item.json.imported === true) expect(counts.get(phone)).toBe(1);
									else {
										expect(item.json.error).toEqual(expect.any(String));
										if (fault !== 'drop') expect(counts.get(phone)).toBeUndefined();
									}
								}
							} else {
								expect(result.error?.description).toMatch(/numbers accepted/);
							}
							// A re-run with the same Idempotency Key completes the import, nothing twice.
							const rerun = await ctx.run(parameters, { items: input });
							expect(rerun.error).toBeUndefined();
							expectEachOnce(phones, userTaskID);
							expect(rerun.items.map((i) => i.json.imported)).toEqual(phones.map(() => true));
						});
					}
				}
			}
		});
	}

	it('the listOrderDetail confirmation fails once too (Retry On Fail, 3 tries)', async () => {
		const input = people(5);
		const phones = input.map((p) => digits(p.phone));
		// Attempt 1: createAndCall carried out, answer lost. Attempt 2: createAndCall (task exists),
		// addBatchCall (numbers exist), listOrderDetail: busy. Attempt 3 completes.
		ctx.emulator.failAt(1, 'drop', 'createAndCall');
		ctx.emulator.failAt(1, 'busy', 'listOrderDetail');
		const result = await ctx.run(withKey(taskParameters()), {
			items: input,
			retryOnFail: { maxTries: 3, waitBetweenTries: 0 },
		});
		expect(result.error).toBeUndefined();
		expectEachOnce(phones);
		expect(result.items.map((i) => i.json.imported)).toEqual(phones.map(() => true));
	});

	it('the confirmation fails with Continue On Fail: the unconfirmed numbers are error items', async () => {
		const input = people(3);
		const parameters = withKey(taskParameters());
		await ctx.run(parameters, { items: input });
		ctx.emulator.failAt(1, 'http503', 'listOrderDetail');
		const rerun = await ctx.run(parameters, { items: input, continueOnFail: true });
		expect(rerun.error).toBeUndefined();
		expect(pairedIndexes(rerun)).toEqual([0, 1, 2]);
		// Numbers 1-2 were in the request whose confirmation failed; number 3 was never sent.
		expect(rerun.items.every((i) => typeof i.json.error === 'string')).toBe(true);
		expectEachOnce(input.map((p) => digits(p.phone)));
	});

	for (const operation of ['stop', 'getDetails']) {
		describe(`Order → ${operation} in 500-ID chunks`, () => {
			for (const position of [1, 2]) {
				for (const fault of FAULTS) {
					for (const mode of MODES) {
						it(`request ${position} fails once (${fault}), ${mode}`, async () => {
							const { userTaskID, orderIDs } = await bigTask();
							ctx.emulator.failAt(position, fault);
							const result = await ctx.run(
								{
									resource: 'order',
									operation,
									taskId: userTaskID,
									orderIdsSource: 'list',
									orderIds: orderIDs.join(','),
								},
								runOptions(mode),
							);
							if (mode === 'plain') {
								expect(result.error?.description).toMatch(/\d+ of 501 orders had been/);
								return;
							}
							expect(result.error).toBeUndefined();
							expect(result.items.map((i) => i.json.orderID)).toEqual(orderIDs);
							if (mode === 'retry' && operation === 'stop') {
								expect([...ctx.emulator.orders.values()].every((o) => o.finish)).toBe(true);
							}
							if (mode === 'continueOnFail') {
								const failed = result.items.filter((i) => i.json.error);
								expect(failed).toHaveLength(position === 1 ? 501 : 1);
							}
						});
					}
				}
			}
		});
	}
});

describe('Siblings: no item vanishes, no order reported imported without proof', () => {
	it('Continue On Fail, one task for all items, a task-level input error: every item gets the error', async () => {
		const result = await ctx.run(taskParameters({ sceneId: '={{ $json.missing }}' }), {
			items: people(3),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const item of result.items) {
			expect(item.json.error).toBe('Script Template ID of item 0 is empty');
		}
		expect(ctx.emulator.received).toHaveLength(0);
	});

	it('Continue On Fail, "Stop with an Error" on a repeated number: every item of the set gets the error', async () => {
		const result = await ctx.run(
			{
				...orderParameters('add', 't-1'),
				options: { countryCode: '84', duplicateNumbers: 'error' },
			},
			{
				items: [{ phone: '0912345678' }, { phone: '84912345679' }, { phone: '84912345678' }],
				continueOnFail: true,
			},
		);
		expect(result.items).toHaveLength(3);
		expect(result.items.every((i) => String(i.json.error).includes('is given twice'))).toBe(true);
		expect(ctx.emulator.received).toHaveLength(0);
	});

	it('successCount lower than the orders not in errList: the missing order is looked up and reported', async () => {
		const userTaskID = await existingTask(1);
		const taken = await ctx.run(
			{ ...orderParameters('add', userTaskID), contactOrderId: 'taken-1' },
			{ items: people(1, 500) },
		);
		expect(taken.error).toBeUndefined();
		ctx.emulator.clearReceived();
		// NXCLOUD carries out the request (taken-1 is refused) but its answer names no error.
		ctx.emulator.failNext(
			'POST',
			'/callcentre/api/v3/createAndCall',
			{
				body: {
					retCode: 0,
					retMsg: 'success',
					responseID: 'r-1',
					taskID: 'T-1',
					totalCount: 2,
					successCount: 1,
					errList: [],
				},
			},
			{ afterHandling: true },
		);
		const result = await ctx.run(
			taskParameters({ contactOrderId: '={{ $itemIndex ? "fresh-2" : "taken-1" }}' }),
			{ items: people(2) },
		);
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator).map(([name]) => name)).toEqual(['createAndCall', 'listOrderDetail']);
		expect(result.items.map((i) => [i.json.orderID, i.json.imported])).toEqual([
			['taken-1', false],
			['fresh-2', true],
		]);
		expect(result.items[0].json.errMsg).toContain('not in the task');
	});
});

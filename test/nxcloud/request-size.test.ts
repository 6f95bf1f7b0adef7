import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NxFault } from '../../emulators/nxcloud';
import type { RunNodeResult } from '../harness/run-node';
import { api, people, sent, startNxCloud, taskParameters, type NxContext } from './setup';

/**
 * Numbers per Request from the API (issue 9, point 2): by default the node starts large and, when
 * NXCLOUD refuses a request as too large (retCode 4001), splits that request in half and goes on,
 * never sending a number NXCLOUD already took; the size it settled on is in the output. The
 * emulator's callList capacity (4 here) stands in for NXCLOUD's undocumented limit.
 */

let ctx: NxContext;
beforeAll(async () => {
	ctx = await startNxCloud();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => {
	ctx.emulator.reset();
	ctx.emulator.setCallListCapacity(4);
});

const RETRY = { maxTries: 2, waitBetweenTries: 0 };
const digits = (phone: unknown) => String(phone).replace(/\D/g, '');

function ordersPerPhone(userTaskID: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const order of ctx.emulator.orders.values()) {
		if (order.userTaskID !== userTaskID) continue;
		counts.set(order.userPhone, (counts.get(order.userPhone) ?? 0) + 1);
	}
	return counts;
}

function expectEachOnce(phones: string[], userTaskID: string) {
	const counts = ordersPerPhone(userTaskID);
	for (const phone of phones) expect(counts.get(phone), phone).toBe(1);
	expect([...counts.values()].every((count) => count === 1)).toBe(true);
}

/** [endpoint, numbers in the callList] of every request sent. */
function sizes(): Array<[string, number]> {
	return sent(ctx.emulator)
		.filter(([name]) => name !== 'listOrderDetail')
		.map(([name, body]) => [
			name,
			((body.callInfoList as IDataObject).callList as unknown[]).length,
		]);
}

async function existingTask(): Promise<string> {
	ctx.emulator.setCallListCapacity(undefined);
	const result = await ctx.run(taskParameters({ startMode: 'manual' }), {
		items: people(1, 900),
	});
	expect(result.error).toBeUndefined();
	ctx.emulator.setCallListCapacity(4);
	ctx.emulator.clearReceived();
	return result.items[0].json.userTaskID as string;
}

const orderParameters = (operation: string, taskId: string): INodeParameters => ({
	resource: 'order',
	operation,
	taskId,
	contactsSource: 'items',
	contactPhone: '={{ $json.phone }}',
	options: { idempotencyKey: '={{ $json.crmId }}' },
});

describe('automatic Numbers per Request (the default)', () => {
	it('Create and Call: a refused request is split in half until NXCLOUD takes it; the size is in the output', async () => {
		const input = people(10);
		const result = await ctx.run(taskParameters(), { items: input });
		expect(result.error).toBeUndefined();
		expect(sizes()).toEqual([
			['createAndCall', 10], // 4001
			['createAndCall', 5], // 4001
			['createAndCall', 3],
			['addBatchCall', 3],
			['addBatchCall', 3],
			['addBatchCall', 1],
		]);
		const userTaskID = result.items[0].json.userTaskID as string;
		expect(ctx.emulator.tasks.size).toBe(1);
		expectEachOnce(
			input.map((p) => digits(p.phone)),
			userTaskID,
		);
		expect(result.items.map((i) => [i.json.imported, i.json.numbersPerRequest])).toEqual(
			input.map(() => [true, 3]),
		);
	});

	it('starts with 2,000 numbers per request', async () => {
		ctx.emulator.setCallListCapacity(undefined);
		const result = await ctx.run(taskParameters(), { items: people(2001) });
		expect(result.error).toBeUndefined();
		expect(sizes()).toEqual([
			['createAndCall', 2000],
			['addBatchCall', 1],
		]);
		expect(result.items[0].json.numbersPerRequest).toBe(2000);
	});

	it('Order → Add and Replace Latest Batch split the same way, the replacing request only until it is taken', async () => {
		const added = await existingTask();
		const input = people(7);
		const add = await ctx.run(orderParameters('add', added), { items: input });
		expect(add.error).toBeUndefined();
		expect(sizes()).toEqual([
			['addBatchCall', 7],
			['addBatchCall', 4],
			['addBatchCall', 3],
		]);
		expectEachOnce([...input.map((p) => digits(p.phone)), digits(people(1, 900)[0].phone)], added);

		const replaced = await existingTask();
		const replace = await ctx.run(orderParameters('replaceBatch', replaced), { items: input });
		expect(replace.error).toBeUndefined();
		expect(sizes()).toEqual([
			['importBatchCall', 7],
			['importBatchCall', 4],
			['addBatchCall', 3],
		]);
		expect(replace.items.every((i) => i.json.numbersPerRequest === 4)).toBe(true);
	});

	it('a fixed size is kept: 4001 stops the run, saying what was accepted', async () => {
		const result = await ctx.run(taskParameters({ options: { numbersPerRequest: 5 } }), {
			items: people(10),
		});
		expect(result.error?.message).toMatch(/^NXCLOUD error 4001/);
		expect(sizes()).toEqual([['createAndCall', 5]]);
		expect(ctx.emulator.orders.size).toBe(0);
	});

	it('a request of one number refused as too large is an error, nothing is sent twice', async () => {
		ctx.emulator.setCallListCapacity(0);
		const result = await ctx.run(taskParameters(), { items: people(3) });
		expect(result.error?.message).toMatch(/^NXCLOUD error 4001/);
		expect(result.error?.description).toContain('even a request with one number');
		expect(sizes()).toEqual([
			['createAndCall', 3],
			['createAndCall', 2],
			['createAndCall', 1],
		]);
		expect(ctx.emulator.orders.size).toBe(0);
	});

	it('a 4001 from a later addBatchCall splits that request only', async () => {
		ctx.emulator.setCallListCapacity(undefined);
		ctx.emulator.failNext('POST', api('addBatchCall'), {
			body: { retCode: 4001, retMsg: 'too many', responseID: 'r' },
		});
		const input = people(2003);
		const result = await ctx.run(taskParameters(), { items: input });
		expect(result.error).toBeUndefined();
		expect(sizes()).toEqual([
			['createAndCall', 2000],
			['addBatchCall', 3],
			['addBatchCall', 2],
			['addBatchCall', 1],
		]);
		expectEachOnce(
			input.map((p) => digits(p.phone)),
			result.items[0].json.userTaskID as string,
		);
		expect(result.items[0].json.numbersPerRequest).toBe(2);
	});
});

// ------------------------------------------------------------------ each request failing once

type Mode = 'retry' | 'continueOnFail' | 'plain';
const FAULTS: NxFault[] = ['http503', 'busy', 'drop'];
const MODES: Mode[] = ['retry', 'continueOnFail', 'plain'];

const runOptions = (mode: Mode) =>
	mode === 'retry'
		? { retryOnFail: RETRY }
		: mode === 'continueOnFail'
			? { continueOnFail: true }
			: {};

function pairedIndexes(result: RunNodeResult): number[] {
	return result.items
		.map((item) => (item.pairedItem as { item: number }).item)
		.sort((a, b) => a - b);
}

const CASES: Array<{
	name: string;
	requests: number;
	setup: () => Promise<{ parameters: INodeParameters; task: () => string }>;
}> = [
	{
		name: 'Create and Call (2 refused, 4 taken)',
		requests: 6,
		setup: async () => ({
			parameters: { ...taskParameters(), options: { idempotencyKey: '={{ $json.crmId }}' } },
			task: () => [...ctx.emulator.tasks.keys()][0],
		}),
	},
	{
		name: 'Order → Add (2 refused, 4 taken)',
		requests: 6,
		setup: async () => {
			const taskId = await existingTask();
			return { parameters: orderParameters('add', taskId), task: () => taskId };
		},
	},
	{
		name: 'Order → Replace Latest Batch (look-up, 2 refused each with a look-up, 4 taken)',
		requests: 9,
		setup: async () => {
			const taskId = await existingTask();
			return { parameters: orderParameters('replaceBatch', taskId), task: () => taskId };
		},
	},
];

describe('automatic size: every request position fails once × fault × mode', () => {
	for (const operation of CASES) {
		describe(operation.name, () => {
			for (let position = 1; position <= operation.requests; position++) {
				for (const fault of FAULTS) {
					for (const mode of MODES) {
						it(`request ${position} fails once (${fault}), ${mode}`, async () => {
							const { parameters, task } = await operation.setup();
							const input = people(10);
							const phones = input.map((p) => digits(p.phone));
							ctx.emulator.failAt(position, fault);
							const result = await ctx.run(parameters, { items: input, ...runOptions(mode) });
							const userTaskID = task();
							if (userTaskID) {
								const counts = ordersPerPhone(userTaskID);
								for (const phone of phones) expect(counts.get(phone) ?? 0).toBeLessThanOrEqual(1);
							}
							if (mode === 'retry') {
								expect(result.error).toBeUndefined();
								expectEachOnce(phones, userTaskID);
								expect(
									result.items.map((i) => [digits(i.json.userPhone), i.json.imported]),
								).toEqual(phones.map((phone) => [phone, true]));
							} else if (mode === 'continueOnFail') {
								expect(result.error).toBeUndefined();
								expect(pairedIndexes(result)).toEqual(input.map((_, i) => i));
							} else if (result.error) {
								expect(result.error.description).toMatch(/numbers accepted/);
							}
							// A re-run with the same Idempotency Key completes the import, nothing twice.
							const rerun = await ctx.run(parameters, { items: input });
							expect(rerun.error).toBeUndefined();
							expectEachOnce(phones, task());
							expect(rerun.items.map((i) => i.json.imported)).toEqual(phones.map(() => true));
						});
					}
				}
			}
		});
	}
});

// ------------------------------------------------------------------ a 4001 after partial acceptance

/**
 * The reference does not say whether a 4001 takes nothing (our reading, the emulator's default). In
 * this mode the emulator takes the first `capacity` numbers of a too-long request (importBatchCall
 * replacing the batch first) and then answers 4001: a second importBatchCall would delete them.
 */
describe('a 4001 after NXCLOUD took part of the request', () => {
	const OLD = digits(people(1, 900)[0].phone);

	it('Replace Latest Batch: the taken numbers are found and the rest added, nothing lost or doubled', async () => {
		const taskId = await existingTask();
		ctx.emulator.overCapacityAfterPartial = true;
		const input = people(10);
		const phones = input.map((p) => digits(p.phone));
		const result = await ctx.run(orderParameters('replaceBatch', taskId), { items: input });
		expect(result.error).toBeUndefined();
		expect(sizes()).toEqual([
			['importBatchCall', 10], // 4 taken, 4001
			['addBatchCall', 5], // 4 taken, 4001
			['addBatchCall', 3], // 3 already there
			['addBatchCall', 3], // 1 already there, 2 new
		]);
		expect(sent(ctx.emulator).filter(([name]) => name === 'importBatchCall')).toHaveLength(1);
		expectEachOnce(phones, taskId);
		// The old batch's undialed number was replaced once, not re-added.
		expect(ordersPerPhone(taskId).has(OLD)).toBe(false);
		expect(result.items.map((i) => [digits(i.json.userPhone), i.json.imported])).toEqual(
			phones.map((phone) => [phone, true]),
		);
		expect(result.items.slice(0, 4).every((i) => i.json.alreadyImported === true)).toBe(true);
	});

	it('Replace Latest Batch: when a 4001 took nothing, the half goes again as importBatchCall', async () => {
		const taskId = await existingTask();
		const input = people(6);
		const result = await ctx.run(orderParameters('replaceBatch', taskId), { items: input });
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator).map(([name]) => name)).toEqual([
			'listOrderDetail', // before the first send
			'importBatchCall', // 4001, nothing taken
			'listOrderDetail', // nothing found
			'importBatchCall',
			'addBatchCall',
		]);
		expectEachOnce(
			input.map((p) => digits(p.phone)),
			taskId,
		);
		expect(ordersPerPhone(taskId).has(OLD)).toBe(false);
	});

	it.each(['createAndCall', 'add'])(
		'%s: a repeated request after a partial 4001 adds nothing twice and loses nothing',
		async (operation) => {
			const taskId = operation === 'add' ? await existingTask() : '';
			ctx.emulator.overCapacityAfterPartial = true;
			const input = people(10);
			const result = await ctx.run(
				operation === 'add'
					? orderParameters('add', taskId)
					: { ...taskParameters(), options: { idempotencyKey: '={{ $json.crmId }}' } },
				{ items: input },
			);
			expect(result.error).toBeUndefined();
			const userTaskID = taskId || [...ctx.emulator.tasks.keys()][0];
			expectEachOnce(
				[
					...input.map((p) => digits(p.phone)),
					...(operation === 'add' ? [digits(people(1, 900)[0].phone)] : []),
				],
				userTaskID,
			);
			expect(result.items.map((i) => i.json.imported)).toEqual(input.map(() => true));
		},
	);

	for (const mode of MODES) {
		for (let position = 1; position <= 8; position++) {
			it(`Replace Latest Batch, partial 4001s, request ${position} fails once (http503), ${mode}`, async () => {
				const taskId = await existingTask();
				ctx.emulator.overCapacityAfterPartial = true;
				const input = people(10);
				const phones = input.map((p) => digits(p.phone));
				const parameters = orderParameters('replaceBatch', taskId);
				ctx.emulator.failAt(position, 'http503');
				const result = await ctx.run(parameters, { items: input, ...runOptions(mode) });
				const counts = ordersPerPhone(taskId);
				for (const phone of phones) expect(counts.get(phone) ?? 0).toBeLessThanOrEqual(1);
				if (mode === 'retry') {
					expect(result.error).toBeUndefined();
					expectEachOnce(phones, taskId);
					expect(result.items.map((i) => [digits(i.json.userPhone), i.json.imported])).toEqual(
						phones.map((phone) => [phone, true]),
					);
				} else if (mode === 'continueOnFail') {
					expect(result.error).toBeUndefined();
					expect(pairedIndexes(result)).toEqual(input.map((_, i) => i));
				}
				const rerun = await ctx.run(parameters, { items: input });
				expect(rerun.error).toBeUndefined();
				expectEachOnce(phones, taskId);
				expect(ordersPerPhone(taskId).has(OLD)).toBe(false);
			});
		}
	}
});

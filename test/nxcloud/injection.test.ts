import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NXCLOUD_API_PATH } from '../../emulators/nxcloud';
import { people, startNxCloud, taskParameters, type NxContext } from './setup';

/**
 * Path injection (issue point 6): no parameter reaches the URL. Every endpoint path is a constant,
 * the base URL comes only from the credential, and IDs travel in the signed JSON body.
 */

let ctx: NxContext;
beforeAll(async () => {
	ctx = await startNxCloud();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => ctx.emulator.reset());

const HOSTILE = '../ping?uuid=other#x';
const ENDPOINTS = new Set(
	[
		'createAndCall',
		'createTask',
		'addBatchCall',
		'importBatchCall',
		'listOrderDetail',
		'stopOrder',
		'listOrder',
		'listCall',
		'listTask',
		'mgrTaskStatus',
		'updateTask',
		'exportBatchCall',
	].map((name) => `${NXCLOUD_API_PATH}/${name}`),
);

const hostileTask = { taskId: HOSTILE };
const cases: Array<[string, INodeParameters]> = [
	['Task → Create and Call (own task ID)', taskParameters({ options: { taskId: HOSTILE } })],
	['Task → Create', { ...taskParameters({ operation: 'create' }), options: { taskId: HOSTILE } }],
	['Task → Start', { resource: 'task', operation: 'start', ...hostileTask }],
	['Order → Add', { resource: 'order', operation: 'add', ...hostileTask, contactOrderId: HOSTILE }],
	[
		'Order → Replace Latest Batch',
		{ resource: 'order', operation: 'replaceBatch', ...hostileTask },
	],
	['Order → Stop', { resource: 'order', operation: 'stop', ...hostileTask, orderId: HOSTILE }],
	[
		'Order → Get Details',
		{ resource: 'order', operation: 'getDetails', ...hostileTask, orderId: HOSTILE },
	],
	['Order → Get Many', { resource: 'order', operation: 'getAll', ...hostileTask, returnAll: true }],
	['Call → Get Many', { resource: 'call', operation: 'getAll', ...hostileTask, returnAll: true }],
	['Batch → Export', { resource: 'batch', operation: 'export', ...hostileTask }],
];

describe('no parameter reaches the URL', () => {
	it.each(cases)('%s', async (_name, parameters) => {
		await ctx.run({ contactPhone: '={{ $json.phone }}', ...parameters }, { items: people(1) });
		expect(ctx.emulator.received.length).toBeGreaterThan(0);
		for (const request of ctx.emulator.received) {
			expect(ENDPOINTS.has(request.path), request.path).toBe(true);
			expect(request.query).toEqual({});
			expect(request.headers.host).toBe(new URL(ctx.emulator.url).host);
		}
		// The hostile value went where it belongs: the signed JSON body.
		expect((ctx.emulator.received[0].body as IDataObject).userTaskID).toBe(HOSTILE);
	});
});

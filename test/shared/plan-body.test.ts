import {
	ApplicationError,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
} from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NxCloudCallbotApi } from '../../credentials/NxCloudCallbotApi.credentials';
import { OmicallApi } from '../../credentials/OmicallApi.credentials';
import { NxCloudCallbot } from '../../nodes/NxCloudCallbot/NxCloudCallbot.node';
import { Omicall } from '../../nodes/Omicall/Omicall.node';
import { planErrorItems, planOf, withPlan } from '../../nodes/shared/plan';
import { isPlanBody } from '../../nodes/shared/planBody';
import { runNode } from '../harness/run-node';
import { people, startNxCloud, taskParameters, type NxContext } from '../nxcloud/setup';
import { startOmicall, type OmicallContext } from '../omicall/setup';

/**
 * The many-items plan travels to the operation's pagination function as the request options' body
 * (nodes/shared/plan.ts). It is never sent: should an operation lose its pagination function (or
 * its `paginate: true`), the credential's authenticate refuses the request before anything is
 * signed or sent (nodes/shared/planBody.ts).
 */

const REFUSED = /Programming error: the (OMICall|NXCLOUD) request .* carries a many-items plan/;

describe('the plan in the request options', () => {
	it('withPlan puts the plan in the body, planOf takes it out; other bodies have none', () => {
		const plan = { groups: [{ id: 1 }] };
		const options = withPlan({ method: 'POST', url: '/x', qs: { a: 1 } }, plan);
		expect(options.method).toBe('POST');
		expect(options.qs).toEqual({ a: 1 });
		expect(isPlanBody(options.body)).toBe(true);
		expect(planOf(options)).toBe(plan);
		for (const body of [undefined, null, '', '{}', { groups: [] }, [1, 2]]) {
			expect(isPlanBody(body)).toBe(false);
			expect(planOf({ body })).toBeUndefined();
		}
	});
});

describe('error items of a plan that failed (both vendors)', () => {
	const failure = { message: 'Contact phone of item 1 is empty', description: 'Enter a number.' };

	it('one per input item, paired, with the message, the description and the extra fields', () => {
		expect(planErrorItems(failure, [0, 2], { more: { ext_session_id: 's1' } })).toEqual([
			{
				json: {
					error: failure.message,
					errorDescription: failure.description,
					ext_session_id: 's1',
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					error: failure.message,
					errorDescription: failure.description,
					ext_session_id: 's1',
				},
				pairedItem: { item: 2 },
			},
		]);
	});

	it("OMICall's spelling: the fallback text without a message, no empty description", () => {
		expect(
			planErrorItems({ description: '' }, [1], { fallback: 'The campaign could not be planned' }),
		).toEqual([{ json: { error: 'The campaign could not be planned' }, pairedItem: { item: 1 } }]);
		expect(planErrorItems({ message: 'm', description: null }, [1])).toEqual([
			{ json: { error: 'm' }, pairedItem: { item: 1 } },
		]);
	});

	it("NXCLOUD's spelling: the error as text without a message, an empty description kept", () => {
		expect(planErrorItems('boom', [3], { keepEmptyDescription: true })).toEqual([
			{ json: { error: 'boom' }, pairedItem: { item: 3 } },
		]);
		expect(
			planErrorItems({ message: 'm', description: '' }, [3], { keepEmptyDescription: true }),
		).toEqual([{ json: { error: 'm', errorDescription: '' }, pairedItem: { item: 3 } }]);
		expect(
			planErrorItems({ message: 'm', description: null }, [3], { keepEmptyDescription: true }),
		).toEqual([{ json: { error: 'm' }, pairedItem: { item: 3 } }]);
	});
});

describe("the credentials' authenticate refuses a plan body", () => {
	it('OMICall: throws a programming error and sets no header', async () => {
		const options = withPlan({ method: 'POST', url: '/api/call_bot/execute_by_phone' }, {});
		const credential = new OmicallApi();
		await expect(
			credential.authenticate(
				{ baseUrl: 'http://127.0.0.1', apiKey: 'k', accessToken: '' },
				options,
			),
		).rejects.toThrow(ApplicationError);
		await expect(
			credential.authenticate(
				{ baseUrl: 'http://127.0.0.1', apiKey: 'k', accessToken: '' },
				options,
			),
		).rejects.toThrow(REFUSED);
		expect(options.headers).toBeUndefined();
	});

	it('NXCLOUD: throws a programming error and signs nothing', async () => {
		const options = withPlan({ method: 'POST', url: '/callcentre/api/v3/createAndCall' }, {});
		const credential = new NxCloudCallbotApi();
		const credentials = {
			baseUrl: 'http://127.0.0.1',
			uuid: 'u',
			secretKey: 's',
			algorithm: 'MD5',
		};
		await expect(credential.authenticate(credentials, options)).rejects.toThrow(ApplicationError);
		await expect(credential.authenticate(credentials, options)).rejects.toThrow(REFUSED);
		expect(options.headers).toBeUndefined();
	});
});

type Routing = NonNullable<INodePropertyOptions['routing']>;

/**
 * The node with the routing of one operation (and, with `resourceRouting`, the resource's) edited:
 * an operation that lost its pagination function or its `paginate: true`.
 */
function broken(
	node: INodeType,
	resource: string,
	operation: string,
	edit: (routing: Routing) => Routing,
	resourceRouting?: (routing: Routing) => Routing,
): INodeType {
	const properties = node.description.properties.map((property): INodeProperties => {
		if (property.name === 'resource' && resourceRouting && property.routing)
			return { ...property, routing: resourceRouting(property.routing) };
		if (property.name !== 'operation') return property;
		if (!property.displayOptions?.show?.resource?.includes(resource)) return property;
		return {
			...property,
			options: (property.options as INodePropertyOptions[]).map((option) =>
				option.value === operation && option.routing
					? { ...option, routing: edit(option.routing) }
					: option,
			),
		};
	});
	return { ...node, description: { ...node.description, properties } } as INodeType;
}

/** The routing without its pagination function. */
const withoutPagination = (routing: Routing): Routing => {
	const edited = { ...routing };
	delete edited.operations;
	return edited;
};
/** The routing with `paginate: false`. */
const withoutPaginate = (routing: Routing): Routing => ({
	...routing,
	send: { ...routing.send, paginate: false },
});

describe('through the routing engine, nothing reaches the platform', () => {
	describe('OMICall Campaign → Start', () => {
		let ctx: OmicallContext;
		beforeAll(async () => {
			ctx = await startOmicall();
			// A token stored beforehand, so the run needs no token exchange either.
			const warmUp = await ctx.run({ resource: 'script', operation: 'getAll', returnAll: true });
			expect(warmUp.error).toBeUndefined();
		});
		afterAll(async () => await ctx.emulator.stop());
		beforeEach(() => ctx.emulator.server.clearReceived());

		const parameters = {
			resource: 'campaign',
			operation: 'start',
			script: { __rl: true, mode: 'list', value: '653b155db0f7941234567890' },
			contactsSource: 'items',
			contactPhone: '={{ $json.phone }}',
		};
		const items = [{ phone: '0395187319' }, { phone: '0395187320' }];

		it.each([
			['without its pagination function (the resource-wide one sends)', undefined],
			[
				'without any pagination (the engine sends)',
				(routing: Routing) => withoutPagination(withoutPaginate(routing)),
			],
		])('%s', async (_, resourceEdit) => {
			const nodeType = broken(new Omicall(), 'campaign', 'start', withoutPagination, resourceEdit);
			const failed = await runNode({
				nodeType,
				credentialTypes: [new OmicallApi()],
				credentialsHelper: ctx.credentials,
				parameters,
				items,
			});
			expect(failed.error?.message).toMatch(REFUSED);
			expect(ctx.emulator.server.received).toEqual([]);

			// The node as it is sends the campaign.
			const result = await ctx.run(parameters, { items });
			expect(result.error).toBeUndefined();
			expect(ctx.emulator.server.received.map((r) => r.path)).toEqual([
				'/api/call_bot/execute_by_phone',
			]);
		});
	});

	describe('NXCLOUD Task → Create and Call, Order → Add and Stop', () => {
		let ctx: NxContext;
		beforeAll(async () => {
			ctx = await startNxCloud();
		});
		afterAll(async () => await ctx.emulator.stop());
		beforeEach(() => ctx.emulator.reset());

		const add: INodeParameters = {
			resource: 'order',
			operation: 'add',
			taskId: 'T1',
			contactsSource: 'items',
			contactPhone: '={{ $json.phone }}',
		};
		const stop: INodeParameters = {
			resource: 'order',
			operation: 'stop',
			taskId: 'T1',
			orderIdsSource: 'items',
			orderId: '={{ $json.crmId }}',
		};

		it.each([
			['Create and Call without paginate: true', taskParameters(), withoutPaginate],
			['Create and Call without its pagination function', taskParameters(), withoutPagination],
			['Add without paginate: true', add, withoutPaginate],
			['Add without its pagination function', add, withoutPagination],
			['Stop without paginate: true', stop, withoutPaginate],
			['Stop without its pagination function', stop, withoutPagination],
		])('%s', async (_, parameters, edit) => {
			const { resource, operation } = parameters as { resource: string; operation: string };
			const nodeType = broken(new NxCloudCallbot(), resource, operation, edit);
			const failed = await runNode({
				nodeType,
				credentialTypes: [new NxCloudCallbotApi()],
				credentialsHelper: ctx.credentials,
				parameters,
				items: people(3),
			});
			expect(failed.error?.message).toMatch(REFUSED);
			expect(ctx.emulator.received).toEqual([]);
		});
	});
});

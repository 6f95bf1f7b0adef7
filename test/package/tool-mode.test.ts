import {
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	deepCopy,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NxCloudCallbotApi } from '../../credentials/NxCloudCallbotApi.credentials';
import { NxCloudCallbot } from '../../nodes/NxCloudCallbot/NxCloudCallbot.node';
import { Omicall } from '../../nodes/Omicall/Omicall.node';
import type { TestCredentialsHelper } from '../harness/credentials-helper';
import { runNode } from '../harness/run-node';
import { people, sent, startNxCloud, taskParameters, type NxContext } from '../nxcloud/setup';
import { startOmicall, type OmicallContext } from '../omicall/setup';

/**
 * The nodes as AI Agent tools. n8n makes the tool variant of a `usableAsTool` node when it loads
 * the package (n8n 1.123.50 and 2.41.1: packages/cli/src/load-nodes-and-credentials.ts,
 * `convertNodeToAiTool`): the type name gets a `Tool` suffix, the display name ` Tool`, the inputs
 * go, the output is `ai_tool`, and two properties are put first (Tool Description: Set
 * Automatically / Set Manually, and the manual Description). `toolVariant` does the same steps.
 * n8n-workflow evaluates the display option `@tool` as "the type name ends with Tool"
 * (NodeHelpers.getPropertyValues); the editor and the Workflow class fill the parameters with
 * NodeHelpers.getNodeParameters, which is what these tests read.
 */
function toolVariant(description: INodeTypeDescription): INodeTypeDescription {
	const tool = deepCopy(description);
	tool.name += 'Tool';
	tool.displayName += ' Tool';
	tool.inputs = [];
	tool.outputs = [NodeConnectionTypes.AiTool];
	delete tool.usableAsTool;
	const descriptionType: INodeProperties = {
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Set Automatically', value: 'auto' },
			{ name: 'Set Manually', value: 'manual' },
		],
		default: 'auto',
	};
	const toolDescription: INodeProperties = {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: description.description,
		required: true,
		displayOptions: { show: { descriptionType: ['manual'] } },
	};
	tool.properties.splice(0, 0, descriptionType, toolDescription);
	tool.codex = {
		categories: ['AI'],
		subcategories: { AI: ['Tools'], Tools: ['Other Tools'] },
		resources: description.codex?.resources ?? {},
	};
	return tool;
}

const node = (description: INodeTypeDescription, parameters: INodeParameters): INode => ({
	id: 'n1',
	name: description.defaults.name ?? 'Node',
	type: description.name,
	typeVersion: 1,
	position: [0, 0],
	parameters,
});

/** The parameters n8n keeps for these values (defaults filled, hidden ones left out). */
function parametersOf(description: INodeTypeDescription, values: INodeParameters) {
	return NodeHelpers.getNodeParameters(
		description.properties,
		values,
		true,
		false,
		node(description, values),
		description,
	)!;
}

/** The one Operation property n8n shows for a resource, with the parameters it resolved. */
function operationProperty(description: INodeTypeDescription, resource: string) {
	const parameters = parametersOf(description, { resource });
	const shown = description.properties.filter(
		(property) =>
			property.name === 'operation' &&
			NodeHelpers.displayParameter(
				parameters,
				property,
				node(description, parameters),
				description,
			),
	);
	expect(shown, `one Operation for ${resource}`).toHaveLength(1);
	return { property: shown[0], parameters };
}

function resourcesOf(description: INodeTypeDescription): string[] {
	const resource = description.properties.find((property) => property.name === 'resource')!;
	return (resource.options as INodePropertyOptions[]).map((option) => String(option.value));
}

/** The operations each existing resource hides from agents (docs/ai-agents.md). */
const HIDDEN: Record<string, Record<string, string[]>> = {
	omicall: {
		call: ['update'],
		campaign: [],
		conversation: ['transfer'],
		evaluationCriterion: [],
		script: [],
	},
	nxCloudCallbot: {
		account: [],
		batch: [],
		call: [],
		order: ['replaceBatch', 'stop'],
		task: ['create', 'finish', 'update'],
	},
};

/**
 * The operations of those resources agents keep (others' new operations in the same resources,
 * e.g. OMICall Call → Click to Call, decide for themselves).
 */
const VISIBLE: Record<string, Record<string, string[]>> = {
	omicall: {
		call: ['addEvaluation', 'get', 'getAll', 'getReport', 'search'],
		campaign: ['countCalls', 'getManyAnalyzedLogs', 'start'],
		conversation: ['create', 'getManyMessages', 'sendMessage'],
		evaluationCriterion: ['getAll'],
		script: ['get', 'getAll'],
	},
	nxCloudCallbot: {
		account: ['ping'],
		batch: ['export'],
		call: ['getAll'],
		order: ['add', 'getAll', 'getDetails'],
		task: ['createAndCall', 'getAll', 'pause', 'start'],
	},
};

/** The existing operations with Simplify (off in workflows, on for agents). */
const SIMPLIFY: Record<string, Array<[string, string]>> = {
	omicall: [
		['call', 'get'],
		['call', 'getAll'],
		['call', 'search'],
		['script', 'get'],
	],
	nxCloudCallbot: [
		['task', 'getAll'],
		['call', 'getAll'],
		['order', 'getAll'],
		['order', 'getDetails'],
		['batch', 'export'],
	],
};

const NODES: Array<[string, INodeTypeDescription]> = [
	['omicall', new Omicall().description],
	['nxCloudCallbot', new NxCloudCallbot().description],
];

describe.each(NODES)('%s as an AI Agent tool', (name, description) => {
	const tool = toolVariant(description);

	it('the tool variant is named as n8n names it and treated as a tool (@tool)', () => {
		expect(tool.name).toBe(`${name}Tool`);
		expect(description.usableAsTool).toBe(true);
		const simplify = tool.properties.find((property) => property.name === 'simplify')!;
		expect(NodeHelpers.displayParameter({ resource: 'call' }, simplify, node(tool, {}), tool)).toBe(
			false,
		);
	});

	it.each(Object.entries(HIDDEN[name]))(
		'%s: agents see every operation but the hidden ones; workflows see all',
		(resource, hidden) => {
			const inWorkflow = operationProperty(description, resource);
			const inTool = operationProperty(tool, resource);
			const all = (inWorkflow.property.options as INodePropertyOptions[]).map((o) => o.value);
			const forAgents = (inTool.property.options as INodePropertyOptions[]).map((o) => o.value);
			for (const value of hidden) {
				expect(all).toContain(value);
				expect(forAgents).not.toContain(value);
			}
			for (const value of VISIBLE[name][resource]) expect(forAgents).toContain(value);
			// Agents' operations are the workflow's, in the same order, without the hidden ones.
			expect(forAgents).toEqual(all.filter((value) => forAgents.includes(value)));
			// The default operation of a tool is one an agent may use.
			expect(forAgents).toContain(inTool.parameters.operation);
			expect(inWorkflow.parameters.operation).toBe(inWorkflow.property.default);
		},
	);

	it.each(SIMPLIFY[name])(
		'%s → %s: Simplify is off in workflows, on for agents',
		(resource, operation) => {
			expect(parametersOf(description, { resource, operation }).simplify).toBe(false);
			expect(parametersOf(tool, { resource, operation }).simplify).toBe(true);
			// A workflow that turned it on keeps it on; an agent's node turned off keeps it off.
			expect(parametersOf(description, { resource, operation, simplify: true }).simplify).toBe(
				true,
			);
			expect(parametersOf(tool, { resource, operation, simplify: false }).simplify).toBe(false);
		},
	);

	it('every operation an agent can use says what it does (action and description)', () => {
		for (const resource of resourcesOf(description)) {
			const mine = VISIBLE[name][resource];
			if (!mine) continue; // resources of other work in progress
			const { property } = operationProperty(tool, resource);
			const options = property.options as INodePropertyOptions[];
			for (const option of options.filter((o) => mine.includes(String(o.value)))) {
				expect(option.action, `${resource} ${option.value}`).toMatch(/^[A-Z][a-z]/);
				expect(String(option.description).length).toBeGreaterThan(30);
				// n8n's automatic tool description is the action followed by "in <node name>".
				const parameters = { resource, operation: String(option.value), descriptionType: 'auto' };
				expect(
					NodeHelpers.getToolDescriptionForNode(node(tool, parameters), {
						description: tool,
					} as INodeType),
				).toBe(`${option.action} in ${description.defaults.name}`);
			}
		}
	});
});

describe('NXCLOUD Task start and pause for agents', () => {
	const tool = toolVariant(new NxCloudCallbot().description);
	const workflow = new NxCloudCallbot().description;

	it('never offer Delete Undialed Numbers to an agent', () => {
		for (const operation of ['start', 'pause']) {
			expect(parametersOf(workflow, { resource: 'task', operation }).deleteUndialed).toBe(false);
			expect(parametersOf(tool, { resource: 'task', operation })).not.toHaveProperty(
				'deleteUndialed',
			);
		}
	});
});

describe('the tool variant through the routing engine', () => {
	let ctx: NxContext;
	beforeAll(async () => {
		ctx = await startNxCloud();
	});
	afterAll(async () => await ctx.emulator.stop());
	beforeEach(() => ctx.emulator.reset());

	/** The tool variant as a node the test harness can run (main input and output). */
	const toolNode: INodeType = {
		description: {
			...toolVariant(new NxCloudCallbot().description),
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
		},
		methods: new NxCloudCallbot().methods,
	};
	const run = (parameters: INodeParameters) =>
		runNode({
			nodeType: toolNode,
			credentialTypes: [new NxCloudCallbotApi()],
			credentialsHelper: ctx.credentials,
			parameters,
		});

	it('an agent gets simplified calls without asking for it', async () => {
		const created = await ctx.run(taskParameters({ startMode: 'manual' }), { items: people(2) });
		const userTaskID = created.items[0].json.userTaskID as string;
		for (const order of created.items)
			ctx.emulator.simulateCall(order.json.orderID as string, { callDuration: 12 });
		ctx.emulator.clearReceived();
		const result = await run({
			resource: 'call',
			operation: 'getAll',
			taskId: { __rl: true, mode: 'id', value: userTaskID },
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator).map(([endpoint]) => endpoint)).toEqual(['listCall']);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json).toMatchObject({ userTaskID, callDuration: 12 });
		expect(result.items[0].json).not.toHaveProperty('sceneID');
	});

	it('a tool node set to a hidden operation (e.g. in an imported workflow) sends nothing', async () => {
		const created = await ctx.run(taskParameters({ startMode: 'manual' }), { items: people(1) });
		const userTaskID = created.items[0].json.userTaskID as string;
		ctx.emulator.clearReceived();
		const attempt = run({ resource: 'task', operation: 'finish', taskId: userTaskID });
		await expect(
			attempt.then((result) => {
				if (result.error) throw result.error;
				return result;
			}),
		).rejects.toThrow('The operation "finish" is not available when the node is an AI Agent tool');
		expect(ctx.emulator.received).toHaveLength(0);
		expect(ctx.emulator.tasks.get(userTaskID)?.taskStatus).not.toBe(3);
	});
});

/**
 * One try of an AI Agent's tool call, the way n8n-core runs it (makeHandleToolInvocation): the tool
 * node's RoutingNode in a context of its own run index, the model's arguments as the run's
 * ai_tool input (where `$fromAI` reads them). Retry On Fail in an agent is such a try with the next run index.
 */
async function toolTry(
	tool: { node: INodeType; credentials: TestCredentialsHelper },
	runIndex: number,
	parameters: INodeParameters,
	args: IDataObject,
): Promise<IDataObject[]> {
	const { ExecuteContext, RoutingNode } = await import('n8n-core');
	const description: INodeTypeDescription = {
		...toolVariant(tool.node.description),
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
	};
	const nodeType: INodeType = { description };
	const credential = tool.node.description.credentials![0].name;
	const workflow = new Workflow({
		id: 'wf-agent',
		nodes: [
			{
				id: 'tool-node',
				name: 'Tool',
				type: description.name,
				typeVersion: 1,
				position: [0, 0],
				parameters,
				credentials: { [credential]: { id: `cred-${credential}`, name: credential } },
			},
		],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
		settings: { timezone: 'Asia/Ho_Chi_Minh' },
	});
	const toolNode = workflow.getNode('Tool')!;
	const additionalData = {
		credentialsHelper: tool.credentials,
		executionId: 'exec-agent',
		currentNodeExecutionIndex: 0,
		variables: {},
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		restApiUrl: 'http://127.0.0.1:5678/rest',
	} as unknown as IWorkflowExecuteAdditionalData;
	const data = { main: [[{ json: args }]] };
	const context = new ExecuteContext(
		workflow,
		toolNode,
		additionalData,
		'manual',
		// n8n records the tool call's arguments as the run's ai_tool input (addInputData), where
		// $fromAI() reads them.
		{
			resultData: {
				runData: {
					Tool: Object.assign([], {
						[runIndex]: {
							startTime: 0,
							executionTime: 0,
							executionIndex: 0,
							source: [],
							inputOverride: { [NodeConnectionTypes.AiTool]: [[{ json: args }]] },
						},
					}),
				},
			},
		} as never,
		runIndex,
		[{ json: args }],
		data,
		{ node: toolNode, data, source: null },
		[],
	);
	const output = await new RoutingNode(context, nodeType).runNode();
	return (output?.[0] ?? []).map((item) => item.json);
}

describe("an agent's Retry On Fail never dials a number twice", () => {
	let ctx: NxContext;
	beforeAll(async () => {
		ctx = await startNxCloud();
	});
	afterAll(async () => await ctx.emulator.stop());
	beforeEach(() => ctx.emulator.reset());

	it('Order → Add: the try after a lost answer derives the same order ID; another call a new one', async () => {
		const created = await ctx.run(taskParameters({ startMode: 'manual' }), { items: people(1) });
		const userTaskID = created.items[0].json.userTaskID as string;
		ctx.emulator.clearReceived();
		const parameters: INodeParameters = {
			resource: 'order',
			operation: 'add',
			taskId: { __rl: true, mode: 'list', value: userTaskID },
			orderCallbackUrl: '',
			callCallbackUrl: '',
			contactsSource: 'items',
			// What the model gives: in an agent, $fromAI reads the tool call's arguments.
			contactPhone: "={{ $fromAI('phone', 'Customer phone number', 'string') }}",
		};
		const [customer, other] = people(2, 500);
		const nx = { node: new NxCloudCallbot(), credentials: ctx.credentials };

		// Try 1: NXCLOUD adds the order, the answer is lost.
		ctx.emulator.failAt(1, 'drop', 'addBatchCall');
		await expect(toolTry(nx, 0, parameters, { phone: customer.phone })).rejects.toThrow();
		// Try 2 (Retry On Fail): n8n runs it with the next run index.
		const retry = await toolTry(nx, 1, parameters, { phone: customer.phone });
		const added = sent(ctx.emulator).filter(([name]) => name === 'addBatchCall');
		const orderIds = added.map(([, body]) =>
			((body.callInfoList as IDataObject).callList as IDataObject[]).map((o) => o.orderID),
		);
		expect(orderIds).toHaveLength(2);
		expect(orderIds[1]).toEqual(orderIds[0]);
		expect(retry).toEqual([
			expect.objectContaining({ userTaskID, imported: true, alreadyImported: true }),
		]);
		const orders = [...ctx.emulator.orders.values()].filter(
			(order) => order.userTaskID === userTaskID,
		);
		expect(orders).toHaveLength(2); // the task's first number, and this customer once

		// Another tool call in the same execution, for another customer: a new order.
		const next = await toolTry(nx, 2, parameters, { phone: other.phone });
		expect(next).toEqual([expect.objectContaining({ imported: true })]);
		expect(next[0].alreadyImported).toBeUndefined();
		expect(next[0].orderID).not.toEqual(orderIds[0][0]);
	});
});

describe("an agent's Retry On Fail never starts an OMICall campaign twice", () => {
	let omi: OmicallContext;
	beforeAll(async () => {
		omi = await startOmicall();
	});
	afterAll(async () => await omi.emulator.stop());

	it('Campaign → Start: the try after a lost answer sends the same session ID', async () => {
		const tool = { node: new Omicall(), credentials: omi.credentials };
		const parameters: INodeParameters = {
			resource: 'campaign',
			operation: 'start',
			script: { __rl: true, mode: 'list', value: '64915bc76a690c0edad14723' },
			contactsSource: 'items',
			contactPhone: "={{ $fromAI('phone', 'Customer phone number', 'string') }}",
		};
		omi.emulator.server.failNext(
			'POST',
			'/api/call_bot/execute_by_phone',
			{ drop: true },
			{ afterHandling: true },
		);
		await expect(toolTry(tool, 0, parameters, { phone: '0395187319' })).rejects.toThrow();
		const retry = await toolTry(tool, 1, parameters, { phone: '0395187319' });
		const starts = omi.emulator.server.requests('/api/call_bot/execute_by_phone', 'POST');
		const sessions = starts.map((r) => (r.body as IDataObject).ext_session_id);
		expect(sessions).toHaveLength(2);
		expect(sessions[1]).toBe(sessions[0]);
		expect(retry).toEqual([expect.objectContaining({ alreadyStarted: true })]);
		expect(omi.emulator.campaigns.size).toBe(1);

		// Another customer in the same execution: a campaign of its own.
		const next = await toolTry(tool, 2, parameters, { phone: '0979816773' });
		expect(next).toEqual([expect.objectContaining({ alreadyStarted: false })]);
		expect(omi.emulator.campaigns.size).toBe(2);
	});
});

describe("an agent's Retry On Fail never dials or creates twice through OMICall's send-once guard", () => {
	let omi: OmicallContext;
	beforeAll(async () => {
		omi = await startOmicall();
	});
	afterAll(async () => await omi.emulator.stop());
	beforeEach(() => {
		omi.emulator.server.clearReceived();
		omi.emulator.extendedCalls.clickToCalls.length = 0;
	});
	const lost = { status: 502, body: 'Bad Gateway' };

	it('Call → Click to Call: the try after a lost answer is the same attempt (not redialed); another number dials', async () => {
		const tool = { node: new Omicall(), credentials: omi.credentials };
		const parameters: INodeParameters = {
			resource: 'call',
			operation: 'clickToCall',
			extension: { __rl: true, mode: 'id', value: '101' },
			hotline: { __rl: true, mode: 'number', value: '842899990338' },
			phoneNumber: "={{ $fromAI('phone', 'Customer phone number', 'string') }}",
			callPurpose: 'service',
		};
		omi.emulator.server.failNext('POST', '/api/click2call', lost, { afterHandling: true });
		await expect(toolTry(tool, 0, parameters, { phone: '0395187319' })).rejects.toThrow();
		await expect(toolTry(tool, 1, parameters, { phone: '0395187319' })).rejects.toThrow(
			/not redialed/,
		);
		expect(omi.emulator.server.requests('/api/click2call', 'POST')).toHaveLength(1);
		expect(omi.emulator.extendedCalls.clickToCalls).toHaveLength(1);

		const next = await toolTry(tool, 2, parameters, { phone: '0979816773' });
		expect(next).toEqual([expect.objectContaining({ alreadyStarted: false })]);
		expect(omi.emulator.extendedCalls.clickToCalls).toHaveLength(2);
	});

	it('Contact → Create: the try after a lost answer is not sent again', async () => {
		const tool = { node: new Omicall(), credentials: omi.credentials };
		const parameters: INodeParameters = {
			resource: 'contact',
			operation: 'create',
			fullName: "={{ $fromAI('name', 'Customer name', 'string') }}",
		};
		omi.emulator.server.failNext('POST', '/api/contacts/add', lost, { afterHandling: true });
		await expect(toolTry(tool, 0, parameters, { name: 'Nguyễn Thị Mai' })).rejects.toThrow();
		await expect(toolTry(tool, 1, parameters, { name: 'Nguyễn Thị Mai' })).rejects.toThrow(
			/was not sent again/,
		);
		expect(omi.emulator.server.requests('/api/contacts/add', 'POST')).toHaveLength(1);
	});
});

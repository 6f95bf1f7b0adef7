import { ExecutionLifecycleHooks, RoutingNode, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type ExecutionError,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { TestCredentialsHelper } from './credentials-helper';

export interface RunNodeOptions {
	/** The node type under test (a declarative node description). */
	nodeType: INodeType;
	parameters: INodeParameters;
	/** JSON of the items fed into the node (default: one empty item). */
	items?: IDataObject[];
	credentialTypes: ICredentialType[];
	/** Shared helper, so tests can look at stored credentials and preAuthentication calls. */
	credentialsHelper?: TestCredentialsHelper;
	/** Credential data by type name; ignored when credentialsHelper already has data. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	continueOnFail?: boolean;
	/** The node's "Execute Once" setting (n8n-core then runs only the first input item). */
	executeOnce?: boolean;
	retryOnFail?: { maxTries: number; waitBetweenTries?: number };
	executionId?: string;
	nodeName?: string;
	nodeId?: string;
	timezone?: string;
	/** The node's typeVersion (default: the lowest version the node type has, e.g. 1). */
	typeVersion?: number;
	/** The workflow's static data at the start (as n8n loads it from the database). */
	staticData?: IDataObject;
}

export interface RunNodeResult {
	/** Items on the node's first output (empty when the node failed). */
	items: INodeExecutionData[];
	/** The error that stopped the workflow, if any. */
	error?: ExecutionError;
	run: IRun;
	credentialsHelper: TestCredentialsHelper;
	/** The workflow's static data at the end, as n8n would save it (a JSON copy). */
	staticData: IDataObject;
	/** Whether the run changed the static data (n8n saves it only then). */
	staticDataChanged: boolean;
}

/** The lowest version of a node type (tests run version 1 unless they name another). */
function lowestVersion(version: number | number[]): number {
	return Array.isArray(version) ? Math.min(...version) : version;
}

const SOURCE_TYPE = 'test.source';

function sourceNodeType(items: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Source',
			name: 'source',
			group: ['input'],
			version: 1,
			description: 'Emits the test items',
			defaults: { name: 'Source' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			return [items.map((json, index) => ({ json, pairedItem: { item: index } }))];
		},
	} as INodeType;
}

/**
 * Runs `Source → node under test` through n8n-core's WorkflowExecute, so the declarative node goes
 * through the real RoutingNode (parameter resolution, preSend, credentials, pagination, postReceive,
 * continueOnFail, Retry On Fail).
 */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const nodeTypeName = `test.${options.nodeType.description.name}`;
	const types: Record<string, INodeType> = {
		[SOURCE_TYPE]: sourceNodeType(options.items ?? [{}]),
		[nodeTypeName]: options.nodeType,
	};
	const nodeTypes: INodeTypes = {
		getByName: (type) => types[type],
		getByNameAndVersion: (type) => types[type],
		getKnownTypes: () => ({}),
	};

	const helper = options.credentialsHelper ?? new TestCredentialsHelper(options.credentialTypes);
	for (const [type, data] of Object.entries(options.credentials ?? {})) {
		if (!helper.store.has(type)) helper.store.set(type, { ...data });
	}

	const nodeName = options.nodeName ?? options.nodeType.description.defaults.name ?? 'Node';
	const credentialRefs: INode['credentials'] = {};
	for (const cred of options.nodeType.description.credentials ?? []) {
		credentialRefs[cred.name] = { id: `cred-${cred.name}`, name: `${cred.name} account` };
	}
	const nodes: INode[] = [
		{
			id: 'source-node',
			name: 'Source',
			type: SOURCE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: options.nodeId ?? '3f1c2d4e-0000-4000-8000-00000000abcd',
			name: nodeName,
			type: nodeTypeName,
			typeVersion: options.typeVersion ?? lowestVersion(options.nodeType.description.version),
			position: [200, 0],
			parameters: options.parameters,
			credentials: credentialRefs,
			continueOnFail: options.continueOnFail,
			executeOnce: options.executeOnce,
			onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
			retryOnFail: options.retryOnFail ? true : undefined,
			maxTries: options.retryOnFail?.maxTries,
			// n8n reads `waitBetweenTries || 1000`: a 0 would wait a whole second. 1 ms is "no wait".
			waitBetweenTries: options.retryOnFail?.waitBetweenTries || 1,
		},
	];
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'Test workflow',
		nodes,
		connections: { Source: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1', timezone: options.timezone ?? 'Asia/Ho_Chi_Minh' },
		staticData: options.staticData ? structuredClone(options.staticData) : undefined,
	});
	// Resolve node parameters (defaults) the way the editor saves them.
	const executionId = options.executionId ?? 'exec-1';
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: workflow.id,
		name: workflow.name,
		nodes,
		connections: workflow.connectionsBySourceNode,
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const additionalData = {
		credentialsHelper: helper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		variables: {},
		logAiEvent: () => undefined,
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		getRunExecutionData: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('not supported in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const run = await new WorkflowExecute(additionalData, 'manual').run(
		workflow,
		workflow.getNode('Source')!,
	);
	const taskData = run.data.resultData.runData[nodeName]?.at(-1);
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: run.data.resultData.error,
		run,
		credentialsHelper: helper,
		staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		staticDataChanged: (workflow.staticData as { __dataChanged?: boolean }).__dataChanged === true,
	};
}

/** Runs a credential type's `test` request the way n8n's credential tester does. */
export async function testCredential(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const test = credentialType.test;
	if (!test) throw new Error('credential has no test');
	const mock: INodeType = {
		description: {
			displayName: 'Test',
			name: 'noOp',
			group: ['input'],
			version: 1,
			description: '',
			defaults: { name: 'Temp-Node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			requestDefaults: test.request,
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '' }],
		},
	} as INodeType;
	const types: Record<string, INodeType> = { 'n8n-nodes-base.noOp': mock };
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: { temp: '' },
		credentials: { [credentialType.name]: { id: 'temp', name: 'temp' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: (t) => types[t],
			getByNameAndVersion: (t) => types[t],
			getKnownTypes: () => ({}),
		},
	});
	const helper = new TestCredentialsHelper([credentialType]);
	helper.store.set(credentialType.name, { ...data });
	const additionalData = {
		credentialsHelper: helper,
		currentNodeExecutionIndex: 0,
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const { ExecuteContext } = await import('n8n-core');
	const runExecutionData = { resultData: { runData: {} } } as never;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[{ json: {} }],
		{ main: [[{ json: {} }]] },
		{ node, data: { main: [[{ json: {} }]] }, source: null },
		[],
	);
	const decrypted = { id: 'temp', name: 'temp', type: credentialType.name, data: { ...data } };
	let response: INodeExecutionData[][] | undefined;
	try {
		response = await new RoutingNode(context, mock, decrypted).runNode();
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json as IDataObject;
			const value = rule.properties.key
				.split('.')
				.reduce<unknown>((acc, key) => (acc as IDataObject)?.[key], body);
			if (value === rule.properties.value)
				return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/**
 * Calls a node's listSearch or loadOptions method through n8n-core's LoadOptionsContext, the way
 * the editor does when a dropdown opens (currentNodeParameters are the node's parameters).
 */
export async function loadOptions(options: {
	nodeType: INodeType;
	credentialTypes: ICredentialType[];
	credentialsHelper: TestCredentialsHelper;
	parameters: INodeParameters;
	kind: 'listSearch' | 'loadOptions';
	method: string;
	filter?: string;
}): Promise<unknown> {
	const { LoadOptionsContext } = await import('n8n-core');
	const description = options.nodeType.description;
	const types: Record<string, INodeType> = { [`test.${description.name}`]: options.nodeType };
	const credentials: INode['credentials'] = {};
	for (const cred of description.credentials ?? [])
		credentials[cred.name] = { id: `cred-${cred.name}`, name: cred.name };
	const node: INode = {
		id: 'node-under-test',
		name: description.defaults.name ?? 'Node',
		type: `test.${description.name}`,
		typeVersion: lowestVersion(description.version),
		position: [0, 0],
		parameters: options.parameters,
		credentials,
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: (t) => types[t],
			getByNameAndVersion: (t) => types[t],
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = {
		credentialsHelper: options.credentialsHelper,
		currentNodeParameters: workflow.getNode(node.name)!.parameters,
		currentNodeExecutionIndex: 0,
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(
		workflow,
		workflow.getNode(node.name)!,
		additionalData,
		'parameters.x',
	);
	const methods = (options.nodeType.methods ?? {}) as Record<
		string,
		Record<string, (...args: unknown[]) => unknown>
	>;
	return await methods[options.kind][options.method].call(context, options.filter);
}

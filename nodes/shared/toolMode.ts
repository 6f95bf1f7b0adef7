import {
	NodeOperationError,
	type IDataObject,
	type IDisplayOptions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
	type PostReceiveAction,
} from 'n8n-workflow';
import { sha256Hex } from './crypto';
import { resolveForItem } from './items';

/**
 * What a node shows when an AI agent uses it as a tool. n8n names a node's tool variant
 * `<name>Tool` and evaluates the display option `@tool` as true for it (n8n-workflow
 * `NodeHelpers.getPropertyValues`), so a property can exist in two copies: one for workflows,
 * one for agents.
 */

/**
 * A preSend of the agents' Operation property: a tool node whose operation is not one agents may
 * use (a hidden one, e.g. in an imported workflow) stops before any request. Without it, n8n's
 * routing engine finds no routing for the value and would still send a request to the base URL.
 */
function onlyToolOperations(allowed: string[]) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const operation = String(this.getNodeParameter('operation', ''));
		if (!allowed.includes(operation)) {
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${operation}" is not available when the node is an AI Agent tool`,
				{
					itemIndex: this.getItemIndex(),
					description: `It deletes data or changes configuration, so agents cannot use it. Choose one of: ${allowed.join(', ')}; or run the operation in a workflow of its own.`,
				},
			);
		}
		return requestOptions;
	};
}

/**
 * The Operation property of a resource, twice: all operations in workflows, and without the
 * `hiddenInTool` ones (deletes, webhook registration, configuration changes) when an AI agent
 * uses the node as a tool, so an agent can never pick them; a tool node saved with one of them
 * anyway sends nothing (`onlyToolOperations`).
 */
export function operationProperties(options: {
	resource: string;
	operations: INodePropertyOptions[];
	default: string;
	hiddenInTool?: string[];
	/** The default operation in tool mode, when `default` is hidden there. */
	toolDefault?: string;
}): INodeProperties[] {
	const hidden = new Set(options.hiddenInTool ?? []);
	const base: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: options.operations,
		default: '',
	};
	if (!hidden.size)
		return [
			{
				...base,
				default: options.default,
				displayOptions: { show: { resource: [options.resource] } },
			},
		];
	const toolOperations = options.operations.filter((o) => !hidden.has(String(o.value)));
	const toolDefault = options.toolDefault ?? String(toolOperations[0]?.value ?? '');
	return [
		{
			...base,
			default: options.default,
			displayOptions: { show: { resource: [options.resource] }, hide: { '@tool': [true] } },
		},
		{
			...base,
			options: toolOperations,
			default: hidden.has(options.default) ? toolDefault : options.default,
			routing: {
				send: { preSend: [onlyToolOperations(toolOperations.map((o) => String(o.value)))] },
			},
			displayOptions: { show: { resource: [options.resource], '@tool': [true] } },
		},
	];
}

/**
 * The Simplify toggle of an operation whose records have many fields: off by default in workflows
 * (existing workflows keep their output), on by default for AI agents (small tool results).
 */
export function simplifyProperties(show: IDisplayOptions['show']): INodeProperties[] {
	const base: INodeProperties = {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description:
			'Whether to return a simplified version of each record (the most used fields) instead of the raw data',
	};
	return [
		{ ...base, displayOptions: { show, hide: { '@tool': [true] } } },
		{ ...base, default: true, displayOptions: { show: { ...show, '@tool': [true] } } },
	];
}

/**
 * A property shown in workflows only: hidden when an AI agent uses the node as a tool (e.g. an
 * option that deletes data on an operation agents may use). Hidden, it keeps its default.
 */
export function workflowOnly(property: INodeProperties): INodeProperties {
	const displayOptions = property.displayOptions ?? {};
	return {
		...property,
		displayOptions: {
			...displayOptions,
			hide: { ...(displayOptions.hide ?? {}), '@tool': [true] },
		},
	};
}

function isRecord(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Keeps only `fields` of a record. A dotted path picks inside a nested record
 * (`customer.full_name`) or inside each record of a list (`user.full_name` on `user: [{…}]`), one
 * level deep; a field the record does not have is left out.
 */
export function pickFields(record: IDataObject, fields: string[]): IDataObject {
	const picked: IDataObject = {};
	for (const field of fields) {
		const dot = field.indexOf('.');
		const head = dot < 0 ? field : field.slice(0, dot);
		const tail = dot < 0 ? undefined : field.slice(dot + 1);
		const value = record[head];
		if (value === undefined) continue;
		if (tail === undefined) {
			picked[head] = value;
		} else if (isRecord(value)) {
			if (value[tail] === undefined) continue;
			const inner = isRecord(picked[head]) ? (picked[head] as IDataObject) : {};
			picked[head] = { ...inner, [tail]: value[tail] };
		} else if (Array.isArray(value) && value.every(isRecord)) {
			const before = Array.isArray(picked[head]) ? (picked[head] as IDataObject[]) : [];
			picked[head] = (value as IDataObject[]).map((entry, index) =>
				entry[tail] === undefined
					? { ...before[index] }
					: { ...before[index], [tail]: entry[tail] },
			);
		}
	}
	return picked;
}

/**
 * A postReceive that, when the operation's Simplify toggle is on, keeps `fields` of each item
 * (items that are not records are kept as they are). Put it after the output step that makes one
 * item per record. The items are changed in place and the same list is returned: the list may be
 * a key for its page's paging fields (OMICall `pageOf`).
 */
export function simplifyOutput(fields: string[]): PostReceiveAction {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
	): Promise<INodeExecutionData[]> {
		if (!(this.getNodeParameter('simplify', false) as boolean)) return items;
		for (const item of items) {
			if (isRecord(item.json)) item.json = pickFields(item.json, fields);
		}
		return items;
	};
}

/** Whether each node run is an AI Agent tool's, by the run's execute data (one object per run). */
const toolRuns = new WeakMap<object, boolean>();

/**
 * Whether the node runs as an AI Agent tool (n8n names the tool variant's type `<name>Tool`). Read
 * once per node run: `getNode()` copies the node, too slow once per item of a large run.
 */
function runsAsTool(ctx: IExecuteSingleFunctions): boolean {
	const run = ctx.getExecuteData() as object | undefined;
	const known = run ? toolRuns.get(run) : undefined;
	if (known !== undefined) return known;
	const tool = ctx.getNode().type.endsWith('Tool');
	if (run) toolRuns.set(run, tool);
	return tool;
}

/**
 * The stand-in for an empty Idempotency Key when the node runs as an AI Agent tool ('' in a
 * workflow). n8n runs every try of a tool call, Retry On Fail included, as a new run of the node
 * (n8n-core `makeHandleToolInvocation`: a new run index per try), so IDs derived from the run would
 * change between tries, and a call whose answer was lost would be dialed again. This key comes from
 * the execution and the tool call's own parameter values (the model's `$fromAI` answers), which
 * are the same on every try of one tool call and differ between calls with other values; the same
 * values twice in one execution derive the same IDs, so the vendor refuses the repeat.
 */
export function toolCallKey(ctx: IExecuteSingleFunctions, itemIndex: number): string {
	if (!runsAsTool(ctx)) return '';
	const node = ctx.getNode();
	const values: IDataObject = {};
	for (const [name, raw] of Object.entries(node.parameters).sort(([a], [b]) =>
		a.localeCompare(b),
	)) {
		try {
			values[name] = resolveForItem(ctx, raw, itemIndex) as IDataObject[string];
		} catch {
			// A parameter the operation does not read may not resolve; its text still counts.
			values[name] = JSON.stringify(raw);
		}
	}
	return `tool-call:${sha256Hex(JSON.stringify([ctx.getExecutionId(), values]))}`;
}

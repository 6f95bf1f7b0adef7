import type {
	IDisplayOptions,
	IExecuteSingleFunctions,
	INodeParameters,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Field helpers of the "one entry per input item, one request for all items" mode of declarative
 * nodes: reading another item's parameters, and the per-item contact fields. How a run reads every
 * item once and plans its requests is in ./plan.ts.
 */

/** Resolves a raw node parameter (possibly an expression, possibly nested) for any item. */
export function resolveForItem(
	ctx: IExecuteSingleFunctions,
	raw: unknown,
	itemIndex: number,
): unknown {
	if (typeof raw === 'string') {
		return raw.startsWith('=') ? ctx.evaluateExpression(raw.slice(1), itemIndex) : raw;
	}
	if (Array.isArray(raw)) return raw.map((entry) => resolveForItem(ctx, entry, itemIndex));
	if (raw && typeof raw === 'object') {
		return Object.fromEntries(
			Object.entries(raw).map(([key, value]) => [key, resolveForItem(ctx, value, itemIndex)]),
		);
	}
	return raw;
}

/**
 * The node's raw parameters, once per item context: `getNode()` returns a deep copy, too slow to
 * make once per parameter and item when one item reads all the others.
 */
const rawParameters = new WeakMap<object, INodeParameters>();

function nodeParameters(ctx: IExecuteSingleFunctions): INodeParameters {
	let parameters = rawParameters.get(ctx);
	if (!parameters) rawParameters.set(ctx, (parameters = ctx.getNode().parameters));
	return parameters;
}

/** A top-level node parameter resolved for any item (`fallback` when the node does not have it). */
export function parameterForItem(
	ctx: IExecuteSingleFunctions,
	name: string,
	itemIndex: number,
	fallback?: unknown,
): unknown {
	const raw = nodeParameters(ctx)[name];
	return raw === undefined ? fallback : resolveForItem(ctx, raw, itemIndex);
}

/** Groups entries by a key, keeping the order in which keys first appear. */
export function groupBy<T>(
	list: T[],
	key: (entry: T) => string,
): Array<{ key: string; entries: T[] }> {
	const groups = new Map<string, T[]>();
	for (const entry of list) {
		const name = key(entry);
		const group = groups.get(name);
		if (group) group.push(entry);
		else groups.set(name, [entry]);
	}
	return [...groups.entries()].map(([name, entries]) => ({ key: name, entries }));
}

/**
 * The fields of one entry (e.g. a contact) as top-level parameters of the "one entry per input
 * item" mode: renamed with `names`, shown for `show`, the phone mapped to `{{ $json.phone }}`.
 */
export function perItemFields(
	fields: INodeProperties[],
	names: Record<string, string>,
	show: IDisplayOptions['show'],
): INodeProperties[] {
	return fields.map((field) => ({
		...field,
		name: names[field.name],
		default: field.name === 'phone' ? '={{ $json.phone }}' : field.default,
		displayOptions: { show },
	}));
}

import type { IDisplayOptions, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

/**
 * Helpers for the "one entry per input item, one request for all items" mode of declarative
 * nodes: the routing engine runs every item on its own, so one item (the leader) reads the fields
 * of all the others and sends the request; the others send nothing.
 */

/** The number of items given to the node. */
export function inputItemCount(ctx: IExecuteSingleFunctions): number {
	return Number(ctx.evaluateExpression('{{ $input.all().length }}', 0)) || 0;
}

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

/** A top-level node parameter resolved for any item (`fallback` when the node does not have it). */
export function parameterForItem(
	ctx: IExecuteSingleFunctions,
	name: string,
	itemIndex: number,
	fallback?: unknown,
): unknown {
	const raw = ctx.getNode().parameters[name];
	return raw === undefined ? fallback : resolveForItem(ctx, raw, itemIndex);
}

export interface ItemEntry<T> {
	itemIndex: number;
	value: T;
}

export interface ItemsPlan<T> {
	/** Whether this item sends the request for all items. */
	leader: boolean;
	/** The valid entries of all items (only for the leader), in item order. */
	entries: Array<ItemEntry<T>>;
}

/** The entry of an item, or undefined when it is not valid. */
function tryRead<T>(read: (itemIndex: number) => T, itemIndex: number): { value: T } | undefined {
	try {
		return { value: read(itemIndex) };
	} catch {
		return undefined;
	}
}

/**
 * Plans the "one entry per input item" mode for the current item. `read(i)` resolves and checks the
 * entry of item i, throwing an input error that names item i when it is not valid.
 *
 * - Every item checks its own entry first, so its error belongs to it (with Continue On Fail, the
 *   bad item gets its own error item).
 * - The first item whose entry is valid is the leader: it reads every entry and sends one request
 *   (set) for all. Without Continue On Fail, a bad entry anywhere stops it before anything is sent;
 *   with it, the bad entries are left out (their items report their own errors).
 * - The other items send nothing.
 */
export function planForItems<T>(
	ctx: IExecuteSingleFunctions,
	read: (itemIndex: number) => T,
): ItemsPlan<T> {
	const own = ctx.getItemIndex();
	const mine = read(own);
	for (let itemIndex = 0; itemIndex < own; itemIndex++) {
		if (tryRead(read, itemIndex)) return { leader: false, entries: [] };
	}
	const continueOnFail = ctx.continueOnFail();
	const entries: Array<ItemEntry<T>> = [];
	const count = Math.max(inputItemCount(ctx), own + 1);
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		if (itemIndex === own) entries.push({ itemIndex, value: mine });
		// Without Continue On Fail, read() throws the item's own input error, naming it.
		else if (!continueOnFail) entries.push({ itemIndex, value: read(itemIndex) });
		else {
			const entry = tryRead(read, itemIndex);
			if (entry) entries.push({ itemIndex, value: entry.value });
		}
	}
	return { leader: true, entries };
}

/** Splits a list into consecutive chunks of at most `size` elements. */
export function chunk<T>(list: T[], size: number): T[][] {
	const step = Math.max(1, Math.floor(size) || 1);
	const chunks: T[][] = [];
	for (let start = 0; start < list.length; start += step)
		chunks.push(list.slice(start, start + step));
	return chunks;
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

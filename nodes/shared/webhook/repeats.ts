import { sha256Hex } from '../crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/**
 * The repeat store: which deliveries a trigger already received. It is module state of this n8n
 * process, so only trigger code loads this file (never a credential).
 */

/**
 * Recently seen delivery keys, per trigger node (scope), in memory of this n8n process only: a
 * restart forgets them, and separate processes (queue mode webhook processes, several mains) do
 * not share them.
 *
 * Each scope keeps its keys for the window, in arrival order, so the oldest are at the front and
 * pruning stops at the first key still inside the window. No timers: pruning happens when a
 * delivery arrives. Beyond `maxEntries` the oldest keys are forgotten first, except keys younger
 * than `protectSeconds` (the window a trigger must remember, e.g. NXCLOUD's replay window): those
 * are never forgotten early. A scope holds at most REPEAT_HARD_CEILING keys; when that many are all
 * protected, a new delivery is answered 'full' (the trigger refuses it) rather than forgetting one.
 *
 * This is the first, fast layer; persistedRepeats.ts keeps the keys in workflow static data for
 * other processes and restarts (docs/repeats-at-scale.md).
 */
const MAX_SCOPES = 1000;

interface Scope {
	keys: Map<string, number>;
	/** Until when the scope holds protected keys: a scope is not dropped for others before. */
	protectedUntil: number;
}

const seen = new Map<string, Scope>();

export interface RepeatWindow {
	windowSeconds: number;
	maxEntries: number;
	/** Keys younger than this are never forgotten to make room (at most `windowSeconds`). */
	protectSeconds?: number;
}

export const DEFAULT_REPEAT_WINDOW: RepeatWindow = { windowSeconds: 600, maxEntries: 1000 };

/** Upper bounds for the node options, so one node cannot hold an unbounded amount of memory. */
export const MAX_REPEAT_WINDOW_SECONDS = 7 * 24 * 3600;
export const MAX_REPEAT_ENTRIES = 100_000;

/**
 * The most keys one scope holds, protected ones included (64-character digests: about 14 MB). A
 * trigger that would need more refuses new deliveries (503) instead of forgetting.
 */
export const REPEAT_HARD_CEILING = 100_000;

export function repeatWindowFromOptions(options: IDataObject): RepeatWindow {
	const clamp = (value: unknown, fallback: number, max: number) => {
		const number = Math.floor(Number(value));
		return Number.isFinite(number) && number >= 1 ? Math.min(number, max) : fallback;
	};
	return {
		windowSeconds: clamp(
			options.repeatWindow,
			DEFAULT_REPEAT_WINDOW.windowSeconds,
			MAX_REPEAT_WINDOW_SECONDS,
		),
		maxEntries: clamp(
			options.repeatMaxEntries,
			DEFAULT_REPEAT_WINDOW.maxEntries,
			MAX_REPEAT_ENTRIES,
		),
	};
}

/** The memory scope of one trigger node: workflow, node and mode (test and production apart). */
export function repeatScope(ctx: IWebhookFunctions): string {
	const node = ctx.getNode();
	return [ctx.getWorkflow().id ?? '', node.id ?? node.name, ctx.getMode()].join('|');
}

/** What the repeat memory made of a delivery. */
export type RepeatCheck = 'new' | 'repeat' | 'full';

/**
 * Whether `key` was already seen in `scope` within the window ('repeat'); remembers it when not
 * ('new'), or, when the scope holds REPEAT_HARD_CEILING keys that are all protected, neither
 * remembers nor accepts it ('full'). A repeat does not renew the key's time, so the window counts
 * from the first delivery.
 */
export function checkDelivery(
	scope: string,
	key: string,
	{ windowSeconds, maxEntries, protectSeconds = 0 }: RepeatWindow,
	now: number = Date.now(),
): RepeatCheck {
	// Callers pass digests; anything longer is hashed so that a key never costs more than 64 bytes.
	if (key.length > 64) key = sha256Hex(key);
	let entry = seen.get(scope);
	if (entry) {
		// Most recently used scope last, so the least recently used one goes first.
		seen.delete(scope);
	} else {
		entry = { keys: new Map(), protectedUntil: 0 };
		// Drop the least recently used scopes, but none that still holds protected keys.
		for (const [name, other] of seen) {
			if (seen.size < MAX_SCOPES) break;
			if (other.protectedUntil <= now) seen.delete(name);
		}
	}
	seen.set(scope, entry);
	const { keys } = entry;

	const oldest = now - windowSeconds * 1000;
	for (const [storedKey, time] of keys) {
		if (time > oldest) break;
		keys.delete(storedKey);
	}
	const time = keys.get(key);
	if (time !== undefined && time > oldest) return 'repeat';
	keys.delete(key);

	// Make room: the oldest first, but never a key still inside the protected window.
	const protectMs = Math.max(0, Math.min(protectSeconds, windowSeconds)) * 1000;
	const protectedSince = now - protectMs;
	for (const [storedKey, storedTime] of keys) {
		if (keys.size < maxEntries) break;
		if (protectMs > 0 && storedTime > protectedSince) break;
		keys.delete(storedKey);
	}
	if (keys.size >= REPEAT_HARD_CEILING) return 'full';
	keys.set(key, now);
	if (protectMs > 0) entry.protectedUntil = Math.max(entry.protectedUntil, now + protectMs);
	return 'new';
}

/**
 * Whether a delivery must not start the workflow because of the repeat memory: a repeat, or a
 * memory that is full of protected keys (see `checkDelivery`). Remembers a new key.
 */
export function isRepeat(
	scope: string,
	key: string,
	window: RepeatWindow,
	now: number = Date.now(),
): boolean {
	return checkDelivery(scope, key, window, now) !== 'new';
}

/** Forgets what a scope (or, without one, every scope) has seen. */
export function forgetDeliveries(scope?: string): void {
	if (scope === undefined) seen.clear();
	else seen.delete(scope);
}

/** How many keys a scope remembers (for tests). */
export function rememberedDeliveries(scope: string): number {
	return seen.get(scope)?.keys.size ?? 0;
}

/** The keys a scope remembers (for tests). */
export function rememberedKeys(scope: string): string[] {
	return [...(seen.get(scope)?.keys.keys() ?? [])];
}

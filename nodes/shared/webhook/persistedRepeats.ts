import { sha256Hex } from '../crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { isPlainObject } from './request';
import type { RepeatWindow } from './repeats';

/**
 * The second layer of repeat suppression: delivery keys kept in the trigger node's workflow static
 * data, which n8n saves to the workflow's database row after a production webhook request
 * (LiveWebhooks.executeWebhook → WorkflowStaticDataService.saveStaticData, only when the data
 * changed) and loads again for the next one, in whatever process. So every webhook process and a
 * restarted one see the keys, with two limits no node can lift (n8n reads, then writes the whole
 * static data, without a lock; see docs/repeats-at-scale.md):
 * - two copies whose requests overlap (each read before the other's write) both start;
 * - two requests that overlap and write different keys: the last write wins, the other key is lost
 *   (its later repeat is then caught only by a memory that saw it, or downstream).
 *
 * The layer only ever adds suppression for a key that was accepted before: keys are the deliveries'
 * digests, so a distinct delivery is never taken for a repeat. It writes only when it accepts a new
 * key (a repeat or an expired key changes nothing), so each new delivery saves the static data once.
 *
 * Stored compactly under PERSISTED_REPEATS_KEY: { <SHA-256 digest in base64url>: <first arrival, in
 * whole seconds since 1970, rounded up> }, about 57 bytes a key.
 */

/** Where the keys are in the node's static data (next to anything else the node keeps there). */
export const PERSISTED_REPEATS_KEY = 'repeatedDeliveries';

/**
 * The most keys kept in static data, whatever Remembered Deliveries says (about 570 kB of JSON,
 * written with the workflow's static data on every new delivery). The memory layer keeps more.
 */
export const PERSISTED_REPEAT_CEILING = 10_000;

/** 43 characters for a 64-hex-digit digest; anything else is hashed first. */
function compactKey(key: string): string {
	const hex = /^[0-9a-f]{64}$/.test(key) ? key : sha256Hex(key);
	return Buffer.from(hex, 'hex').toString('base64url');
}

/** The stored keys with their first arrival (seconds), skipping anything that is not one. */
function storedKeys(nodeData: IDataObject): Array<[string, number]> {
	const stored = nodeData[PERSISTED_REPEATS_KEY];
	if (!isPlainObject(stored)) return [];
	const entries: Array<[string, number]> = [];
	for (const [key, seconds] of Object.entries(stored)) {
		if (typeof seconds === 'number' && Number.isFinite(seconds)) entries.push([key, seconds]);
	}
	return entries;
}

/**
 * Whether `key` is in `nodeData` (a trigger node's static data) and arrived within the window
 * ('repeat'); when not, remembers it ('new'): expired keys are dropped, then the oldest beyond
 * `maxEntries` (except keys younger than `protectSeconds`), then the oldest beyond
 * PERSISTED_REPEAT_CEILING, and the keys are written back as one new object, which marks n8n's
 * static data as changed. A repeat does not renew the key's time.
 */
export function checkPersistedDelivery(
	nodeData: IDataObject,
	key: string,
	{ windowSeconds, maxEntries, protectSeconds = 0 }: RepeatWindow,
	now: number = Date.now(),
): 'new' | 'repeat' {
	const compact = compactKey(key);
	const oldest = now - windowSeconds * 1000;
	const kept = storedKeys(nodeData).filter(([, seconds]) => seconds * 1000 > oldest);
	if (kept.some(([storedKey]) => storedKey === compact)) return 'repeat';

	// Oldest first (a JSON object's key order may not survive every database).
	kept.sort((a, b) => a[1] - b[1]);
	const protectedSince = now - Math.max(0, Math.min(protectSeconds, windowSeconds)) * 1000;
	let drop = 0;
	while (
		kept.length - drop >= maxEntries &&
		(protectSeconds <= 0 || kept[drop][1] * 1000 <= protectedSince)
	) {
		drop++;
	}
	drop = Math.max(drop, kept.length - (PERSISTED_REPEAT_CEILING - 1));
	const entries = kept.slice(drop);
	entries.push([compact, Math.ceil(now / 1000)]);
	nodeData[PERSISTED_REPEATS_KEY] = Object.fromEntries(entries);
	return 'new';
}

/**
 * The static data of the trigger node when n8n keeps it between requests: production webhooks
 * only. n8n runs a test-URL delivery with a fresh copy it never saves (TestWebhooks.executeWebhook),
 * so manual runs rely on the memory layer alone and leave static data alone.
 */
export function persistedRepeatData(ctx: IWebhookFunctions): IDataObject | undefined {
	if (ctx.getMode() === 'manual') return undefined;
	return ctx.getWorkflowStaticData('node');
}

/** How many keys a node's static data holds (for tests). */
export function persistedDeliveries(nodeData: IDataObject): number {
	return storedKeys(nodeData).length;
}

import type { IHookFunctions } from 'n8n-workflow';
import type { OmicallHook } from './requests';
import { ownPathSuffix, withoutQuery } from './settings';

/**
 * What activation saves in the workflow's static data to restore the previous registrations, and
 * reading it back cleaned. Static data is stored unencrypted: no URL with a query string, a
 * fragment or user info is kept.
 */

/** What restoring one previous registration needs. */
export interface SavedHook {
	type: string;
	events: string[] | null;
	/** The URL to register again: only a URL without query, fragment or user info. */
	url?: string;
	/**
	 * This trigger's own URL in the other mode (test or production), stored without its query: the
	 * secret is added back from the current settings when it is restored.
	 */
	ownUrl?: string;
	/** Scheme and host only, to name a registration that cannot be restored in the warning. */
	origin?: string;
}

export interface SavedRegistration {
	/** This trigger's URL without its query (the query carries the secret). */
	url: string;
	/** What restoring the registrations there before activation needs. */
	previous: SavedHook[];
}

export const STATIC_KEY = 'omicallWebhookRegistration';
export const CALL_TYPES = ['call', 'call_event'];

/** What restoring `hook` needs, without storing any query string. */
export function toSaved(ctx: IHookFunctions, hook: OmicallHook): SavedHook {
	const saved: SavedHook = { type: hook.type, events: hook.events };
	let url: URL;
	try {
		url = new URL(hook.url);
	} catch {
		return saved;
	}
	const suffix = ownPathSuffix(ctx);
	if (suffix && url.pathname.replace(/\/+$/, '').endsWith(suffix)) {
		saved.ownUrl = withoutQuery(hook.url);
	} else if (!url.search && !url.hash && !url.username && !url.password) {
		saved.url = url.toString();
	} else {
		saved.origin = url.origin;
	}
	return saved;
}

/**
 * One saved hook, cleaned by the rules of `toSaved`: data saved by earlier versions kept other
 * integrations' URLs whole (with their query secrets) in `url`, and URLs may have been edited.
 */
function sanitizeSaved(ctx: IHookFunctions, entry: unknown): SavedHook | undefined {
	if (typeof entry !== 'object' || entry === null) return undefined;
	const hook = entry as Record<string, unknown>;
	if (typeof hook.type !== 'string' || !CALL_TYPES.includes(hook.type)) return undefined;
	const events =
		Array.isArray(hook.events) && hook.events.every((event) => typeof event === 'string')
			? (hook.events as string[])
			: null;
	const url = typeof hook.url === 'string' ? hook.url : hook.ownUrl;
	if (typeof url === 'string' && url) return toSaved(ctx, { type: hook.type, url, events });
	const saved: SavedHook = { type: hook.type, events };
	if (typeof hook.origin === 'string') {
		try {
			saved.origin = new URL(hook.origin).origin;
		} catch {
			// Not a URL: nothing to name in the warning.
		}
	}
	return saved;
}

/**
 * What activation saved, cleaned (see `sanitizeSaved`) and written back cleaned, so that nothing
 * an earlier version stored with a secret stays in the workflow or is registered again.
 */
export function savedRegistration(ctx: IHookFunctions): SavedRegistration | undefined {
	const staticData = ctx.getWorkflowStaticData('node');
	const saved = staticData[STATIC_KEY] as SavedRegistration | undefined;
	if (!saved || typeof saved.url !== 'string' || !Array.isArray(saved.previous)) return undefined;
	const clean: SavedRegistration = {
		url: withoutQuery(saved.url),
		previous: saved.previous
			.map((hook) => sanitizeSaved(ctx, hook))
			.filter((hook): hook is SavedHook => hook !== undefined),
	};
	if (JSON.stringify(clean) !== JSON.stringify(saved)) staticData[STATIC_KEY] = clean;
	return clean;
}

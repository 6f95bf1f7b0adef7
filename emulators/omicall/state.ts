/**
 * What the route files (callbot.ts, call-history.ts, omnichannel.ts, webhooks.ts) read and change
 * of the emulator, and how they register a route. The class in emulator.ts implements it, so the
 * route files do not import the class that imports them.
 */
import type { RouteHandler } from '../http-server';
import type { Json, PagingFault } from './answers';

/** Registers a route behind the emulator's checks (hang paths, planned faults, API key and token). */
export type SecuredRoute = (method: string, path: string, handler: RouteHandler) => void;

/** A rate limit of the call-history endpoints (see `OmicallEmulator.rateLimit`). */
export interface OmicallRateLimit {
	remaining: number;
	style: 'limit_request_30_minute' | 'rate_limit_exceeded' | 'http429';
}

/** The emulator's state as the endpoints see it (documented on `OmicallEmulator`). */
export interface OmicallState {
	readonly scripts: Json[];
	readonly calls: Json[];
	readonly campaigns: Map<string, Json>;
	readonly conversations: Map<string, Json>;
	readonly messages: Json[];
	readonly analyzedLogs: Json[];
	webhooks: Json[];
	readonly criteria: Json[];
	readonly dnc: Set<string>;
	historyMaxWindowMs: number;
	rateLimit: OmicallRateLimit | undefined;
	pagingFault: PagingFault | undefined;
	deliver(url: string, headers: Record<string, string>, body: Json): Promise<number | undefined>;
}

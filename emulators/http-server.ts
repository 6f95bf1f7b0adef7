/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the emulator received it: the raw bytes and their parsed forms. */
export interface ReceivedRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	/** The body parsed as JSON; undefined when empty or not JSON. */
	body: unknown;
}

export interface EmulatorResponse {
	status?: number;
	headers?: Record<string, string>;
	/** An object is sent as JSON; a string or Buffer as is; undefined sends no body. */
	body?: unknown;
	/** Close the connection without answering (a dropped connection). */
	drop?: boolean;
	/** Accept the request and never answer (until the server stops). */
	hang?: boolean;
}

export type RouteHandler = (
	request: ReceivedRequest,
	params: Record<string, string>,
) => EmulatorResponse | Promise<EmulatorResponse>;

interface Route {
	method: string;
	pattern: RegExp;
	keys: string[];
	handler: RouteHandler;
}

function compile(path: string): { pattern: RegExp; keys: string[] } {
	const keys: string[] = [];
	const source = path
		.split('/')
		.map((segment) => {
			if (segment.startsWith(':')) {
				keys.push(segment.slice(1));
				return '([^/]+)';
			}
			return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { pattern: new RegExp(`^${source}$`), keys };
}

function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const key of new Set(search.keys())) {
		const values = search.getAll(key);
		query[key] = values.length > 1 ? values : values[0];
	}
	return query;
}

/**
 * A small HTTP server on 127.0.0.1 with a route table. It records every request (raw bytes
 * included) so tests can assert exactly what a node sent.
 */
export type RequestListener = (request: ReceivedRequest, response: EmulatorResponse) => void;

export class EmulatorServer {
	readonly received: ReceivedRequest[] = [];
	/** Called after each request is answered (the sandbox uses this to play the platform's side). */
	readonly listeners: RequestListener[] = [];
	private readonly routes: Route[] = [];
	private readonly overrides: Array<{
		method: string;
		path: string;
		response: EmulatorResponse;
		afterHandling: boolean;
	}> = [];
	private server?: Server;
	private port = 0;

	route(method: string, path: string, handler: RouteHandler): this {
		this.routes.push({ method, ...compile(path), handler });
		return this;
	}

	/**
	 * Wraps the handler of every route registered so far, e.g. to add latency or a rate limit in
	 * front of them (the sandbox's realism knobs). Routes registered later are not wrapped.
	 */
	wrapRoutes(wrap: (handler: RouteHandler) => RouteHandler): void {
		for (const route of this.routes) route.handler = wrap(route.handler);
	}

	/**
	 * Answer the next request to method+path with this response instead of the route's. With
	 * `afterHandling`, the route still runs (its state changes happen) and only its answer is lost,
	 * as when a gateway times out after the server did the work.
	 */
	failNext(
		method: string,
		path: string,
		response: EmulatorResponse,
		{ afterHandling = false } = {},
	): void {
		this.overrides.push({ method, path, response, afterHandling });
	}

	/** Requests received for one path (optionally one method), in order. */
	requests(path: string, method?: string): ReceivedRequest[] {
		return this.received.filter((r) => r.path === path && (!method || r.method === method));
	}

	clearReceived(): void {
		this.received.length = 0;
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async start(port = 0, host = '127.0.0.1'): Promise<string> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				void this.handle(
					req.method ?? 'GET',
					req.url ?? '/',
					req.headers,
					Buffer.concat(chunks),
				).then((response) => {
					if (response.drop) {
						req.socket.destroy();
						return;
					}
					if (response.hang) return;
					const headers: Record<string, string> = { ...(response.headers ?? {}) };
					let payload: Buffer | string | undefined;
					if (response.body === undefined) payload = undefined;
					else if (Buffer.isBuffer(response.body) || typeof response.body === 'string')
						payload = response.body;
					else {
						payload = JSON.stringify(response.body);
						headers['content-type'] ??= 'application/json; charset=utf-8';
					}
					res.writeHead(response.status ?? 200, headers);
					res.end(payload);
				});
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
		this.port = (this.server.address() as AddressInfo).port;
		return this.url;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	private async handle(
		method: string,
		rawUrl: string,
		headers: IncomingHttpHeaders,
		rawBody: Buffer,
	): Promise<EmulatorResponse> {
		const url = new URL(rawUrl, 'http://127.0.0.1');
		let body: unknown;
		if (rawBody.length) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				body = undefined;
			}
		}
		const request: ReceivedRequest = {
			method,
			path: url.pathname,
			query: parseQuery(url.searchParams),
			headers,
			rawBody,
			body,
		};
		this.received.push(request);
		const index = this.overrides.findIndex((o) => o.method === method && o.path === url.pathname);
		const override = index >= 0 ? this.overrides.splice(index, 1)[0] : undefined;
		if (override && !override.afterHandling) return override.response;
		const response = await this.runRoute(method, url.pathname, request);
		const answer = override ? override.response : response;
		for (const listener of this.listeners) listener(request, answer);
		return answer;
	}

	private async runRoute(
		method: string,
		pathname: string,
		request: ReceivedRequest,
	): Promise<EmulatorResponse> {
		for (const route of this.routes) {
			if (route.method !== method) continue;
			const match = route.pattern.exec(pathname);
			if (!match) continue;
			const params: Record<string, string> = {};
			route.keys.forEach((key, i) => (params[key] = decodeURIComponent(match[i + 1])));
			try {
				return await route.handler(request, params);
			} catch (error) {
				return { status: 500, body: { error: (error as Error).message } };
			}
		}
		return { status: 404, body: { error: `No route for ${method} ${pathname}` } };
	}
}

// A round-robin HTTP load balancer on 127.0.0.1, configured as n8n's queue-mode docs ask of the one
// in production: production webhook paths (/webhook/, /webhook-waiting/, /form/, /form-waiting/,
// /mcp/) go round-robin to the webhook processors; everything else (editor, REST API, push,
// /webhook-test/) to the main. Method, path, headers and body are streamed through unchanged (nothing
// added), the answer streamed back; WebSocket upgrades (the editor's push) are piped both ways.
// A target that does not answer gets a 502.
import http from 'node:http';
import net from 'node:net';

export const WEBHOOK_PATHS = [
	'/webhook/',
	'/webhook-waiting/',
	'/form/',
	'/form-waiting/',
	'/mcp/',
];

/**
 * Starts the balancer on `port` (0: a free one). `targets`: base URLs of the webhook processors
 * (round-robin for `paths`); `fallback`: base URL for every other path (default: the targets too).
 * `onRequest({ method, url, target, status, ms })` sees every request (target: index, or 'fallback').
 */
export async function startBalancer({
	port = 0,
	targets,
	fallback,
	paths = WEBHOOK_PATHS,
	onRequest = () => undefined,
}) {
	if (!targets.length) throw new Error('The balancer needs at least one target');
	const upstreams = targets.map((target) => new URL(target));
	const other = fallback ? new URL(fallback) : undefined;
	const counts = upstreams.map(() => 0);
	let next = 0;
	const pick = (url) => {
		if (other && !paths.some((prefix) => url.startsWith(prefix))) return ['fallback', other];
		const index = next;
		next = (next + 1) % upstreams.length;
		counts[index] += 1;
		return [index, upstreams[index]];
	};
	// Idle connections to the targets are closed after 4 s, before Node's server default (5 s,
	// `keepAliveTimeout`, which n8n keeps) closes them: without `timeout` Node's agent ignores the
	// server's `Keep-Alive: timeout=5` hint (`Agent.prototype.keepSocketAlive`), and a request sent on
	// a connection the server is closing at that instant fails (ECONNRESET, a 502 here).
	const agent = new http.Agent({ keepAlive: true, timeout: 4_000 });
	const server = http.createServer((request, response) => {
		const [target, upstream] = pick(request.url);
		const started = performance.now();
		const report = (status, error) =>
			onRequest({
				method: request.method,
				url: request.url,
				target,
				status,
				ms: Math.round(performance.now() - started),
				error,
			});
		const options = { agent, host: upstream.hostname, port: upstream.port };
		const forward = http.request(
			{ ...options, method: request.method, path: request.url, headers: request.headers },
			(answer) => {
				response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
				answer.pipe(response);
				answer.on('end', () => report(answer.statusCode));
			},
		);
		forward.on('error', (error) => {
			report(
				502,
				`${error.code ?? error.message}${forward.reusedSocket ? ' (reused connection)' : ''}`,
			);
			if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
			response.end(`Bad gateway: ${upstream.host} ${error.message}\n`);
		});
		request.on('aborted', () => forward.destroy());
		request.pipe(forward);
	});
	server.on('upgrade', (request, socket, head) => {
		const [, upstream] = pick(request.url);
		const connection = net.connect(Number(upstream.port), upstream.hostname, () => {
			const lines = [`${request.method} ${request.url} HTTP/${request.httpVersion}`];
			for (let i = 0; i < request.rawHeaders.length; i += 2)
				lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
			connection.write(`${lines.join('\r\n')}\r\n\r\n`);
			connection.write(head);
			socket.pipe(connection).pipe(socket);
		});
		connection.on('error', () => socket.destroy());
		connection.on('close', () => socket.destroy());
		socket.on('error', () => connection.destroy());
		socket.on('close', () => connection.destroy());
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	const sockets = new Set();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		port: server.address().port,
		/** How many requests each webhook processor got, in the order of `targets`. */
		counts: () => [...counts],
		async stop() {
			agent.destroy();
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

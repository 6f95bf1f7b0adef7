// A round-robin HTTP load balancer on 127.0.0.1, as a production one in front of n8n's webhook
// processors: each request goes to the next target, method, path, headers and body streamed through
// unchanged (nothing added), the answer streamed back. A target that does not answer gets a 502.
import http from 'node:http';

/**
 * Starts the balancer on `port` (0: a free one) in front of `targets` (base URLs such as
 * http://127.0.0.1:5679). `onRequest({ method, url, target, status, ms })` sees every request.
 */
export async function startBalancer({ port = 0, targets, onRequest = () => undefined }) {
	if (!targets.length) throw new Error('The balancer needs at least one target');
	const upstreams = targets.map((target) => new URL(target));
	const counts = upstreams.map(() => 0);
	let next = 0;
	const agent = new http.Agent({ keepAlive: true });
	const server = http.createServer((request, response) => {
		const index = next;
		next = (next + 1) % upstreams.length;
		counts[index] += 1;
		const upstream = upstreams[index];
		const started = performance.now();
		const report = (status) =>
			onRequest({
				method: request.method,
				url: request.url,
				target: index,
				status,
				ms: Math.round(performance.now() - started),
			});
		const forward = http.request(
			{
				agent,
				host: upstream.hostname,
				port: upstream.port,
				method: request.method,
				path: request.url,
				headers: request.headers,
			},
			(answer) => {
				response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
				answer.pipe(response);
				answer.on('end', () => report(answer.statusCode));
			},
		);
		forward.on('error', (error) => {
			report(502);
			if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
			response.end(`Bad gateway: ${upstream.host} ${error.message}\n`);
		});
		request.on('aborted', () => forward.destroy());
		request.pipe(forward);
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	const url = `http://127.0.0.1:${server.address().port}`;
	return {
		url,
		port: server.address().port,
		/** How many requests each target got, in the order of `targets`. */
		counts: () => [...counts],
		async stop() {
			agent.destroy();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

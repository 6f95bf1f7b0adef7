// n8n in queue mode (scaling mode), as n8n runs in production behind a load balancer, all on
// 127.0.0.1: PostgreSQL and Redis (scripts/services.mjs), one main (editor, REST API, triggers;
// production webhooks disabled on it), `workers` × `n8n worker`, `webhooks` × `n8n webhook`, and a
// round-robin load balancer (scripts/balancer.mjs) in front of the webhook processors whose URL is
// every process's webhook URL (N8N_WEBHOOK_URL on 2.x, WEBHOOK_URL on 1.x). Used by
// `npm run start:queue` (scripts/start.mjs --queue) and e2e/.
//
// Everything lives in a fresh folder .n8n-local/queue/<id>/ (data: redis/, postgres/, user/; logs:
// logs/<process>.log). stop() ends every process and deletes the data; the logs stay until the next
// stack starts. A stack whose owner died without stopping it (SIGKILL) is cleaned up then too.
import fs from 'node:fs';
import path from 'node:path';
import {
	DEFAULT_N8N_VERSION,
	LOCAL,
	ensureN8n,
	freePort,
	installPackageInto,
	log as defaultLog,
	n8nBin,
	n8nEnv,
	nodeFor,
	runN8n,
	waitForN8n,
} from './n8n-local.mjs';
import { spawn } from 'node:child_process';
import { removePostgresDir, startServices, terminate } from './services.mjs';
import { startBalancer } from './balancer.mjs';

export const QUEUE_DIR = path.join(LOCAL, 'queue');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Start time of a process (/proc/<pid>/stat field 22), to tell it from a later one with its pid. */
function startTime(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return undefined;
	}
}

function alive(record) {
	return record?.pid !== undefined && startTime(record.pid) === record.start;
}

/**
 * Processes whose environment has N8N_USER_FOLDER=`userFolder`: every n8n process of one stack,
 * including CLI commands (import, activate) that its `prepare` started and no handle tracks.
 */
function processesUsing(userFolder) {
	const needle = Buffer.from(`\0N8N_USER_FOLDER=${userFolder}\0`);
	const pids = [];
	for (const entry of fs.existsSync('/proc') ? fs.readdirSync('/proc') : []) {
		if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
		try {
			const environ = Buffer.concat([Buffer.from([0]), fs.readFileSync(`/proc/${entry}/environ`)]);
			if (environ.includes(needle)) pids.push(Number(entry));
		} catch {
			// gone, or not ours to read
		}
	}
	return pids;
}

function killAll(pids, signal) {
	for (const pid of pids) {
		try {
			process.kill(pid, signal);
		} catch {
			// already gone
		}
	}
}

/** Deletes the folders of stacks whose owner process is gone, killing what they left running. */
export function reapStaleStacks() {
	if (!fs.existsSync(QUEUE_DIR)) return;
	for (const name of fs.readdirSync(QUEUE_DIR)) {
		const dir = path.join(QUEUE_DIR, name);
		let record;
		try {
			record = JSON.parse(fs.readFileSync(path.join(dir, 'stack.json'), 'utf8'));
		} catch {
			record = undefined;
		}
		if (record && alive(record.owner)) continue;
		for (const child of record?.children ?? []) {
			if (alive(child)) {
				try {
					process.kill(child.pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}
		}
		killAll(processesUsing(path.join(dir, 'user')), 'SIGKILL');
		removePostgresDir(path.join(dir, 'postgres'));
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** Every stack of this process, so a Ctrl-C handler can stop them even while one is starting. */
const liveStacks = new Set();

export async function stopAllQueueStacks() {
	await Promise.all([...liveStacks].map((stack) => stack.stop()));
}

// Last resort when the process exits without stop() (an uncaught exception, process.exit): no
// process and no data folder stays behind.
process.on('exit', () => {
	for (const stack of liveStacks) stack.killNow();
});

async function httpOk(url) {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
		await response.arrayBuffer();
		return response.ok;
	} catch {
		return false;
	}
}

async function waitForHealth(url, child, name, logFile, timeoutMs = 180_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(
				`${name} exited (${child.exitCode ?? child.signalCode}) while starting; its log ${logFile}:\n${tail(logFile)}`,
			);
		}
		if (await httpOk(url)) return;
		await sleep(250);
	}
	throw new Error(
		`${name} was not ready at ${url} within ${timeoutMs / 1000} s:\n${tail(logFile)}`,
	);
}

function tail(file, chars = 3000) {
	try {
		return fs.readFileSync(file, 'utf8').slice(-chars);
	} catch {
		return '';
	}
}

/**
 * Starts the queue-mode stack and resolves once every process is ready.
 *
 * @param {object} options
 * @param {string} [options.version] pinned n8n version (installed on first use)
 * @param {number} [options.workers] number of `n8n worker` processes (default 2)
 * @param {number} [options.webhooks] number of `n8n webhook` processes (default 2)
 * @param {(line: string) => void} [options.log]
 * @param {Record<string, string>} [options.extraEnv] added to every n8n process's environment
 * @param {number} [options.mainPort] the main's (editor) port; default a free one
 * @param {number} [options.balancerPort] the balancer's port (the webhook URL); default a free one
 * @param {boolean} [options.installPackage] install this package into the user folder (default true)
 * @param {(ctx: { env: Record<string, string>, runN8n: (args: string[]) => Promise<{ code: number, stdout: string, stderr: string }>, urls: { main: string, balancer: string, webhooks: string[] }, userFolder: string, dir: string }) => Promise<void>} [options.prepare]
 *   runs after PostgreSQL and Redis are up and before any n8n process starts: import workflows and
 *   credentials, mark workflows active (the main registers their webhooks in the database at start)
 * @param {boolean} [options.frontDoor] the balancer also forwards every non-webhook path (editor,
 *   REST API, push, /webhook-test/) to the main, as production's single host name does (default true)
 * @param {boolean} [options.logFrontDoor] log those requests to the main in balancer.log too
 * @param {(exit: { name: string, code: number | null, signal: string | null, logFile: string }) => void} [options.onProcessExit]
 *   an n8n process (main, worker-1, webhook-2, …) ended while the stack runs (killWorker included)
 */
export async function startQueueStack({
	version = DEFAULT_N8N_VERSION,
	workers = 2,
	webhooks = 2,
	log = defaultLog,
	extraEnv = {},
	mainPort,
	balancerPort,
	installPackage = true,
	prepare,
	onProcessExit = () => undefined,
	frontDoor = true,
	logFrontDoor = false,
} = {}) {
	ensureN8n(version);
	reapStaleStacks();
	const id = `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${process.pid}`;
	const dir = path.join(QUEUE_DIR, id);
	const logDir = path.join(dir, 'logs');
	const userFolder = path.join(dir, 'user');
	fs.mkdirSync(logDir, { recursive: true });
	const record = { owner: { pid: process.pid, start: startTime(process.pid) }, children: [] };
	const writeRecord = () =>
		fs.writeFileSync(path.join(dir, 'stack.json'), JSON.stringify(record, null, 2));
	writeRecord();
	const major = Number(version.split('.')[0]);

	let stopped = false;
	let services;
	let balancer;
	/** name → { child, logFile } of the n8n processes running now */
	const processes = new Map();
	const track = (child) => {
		record.children.push({ pid: child.pid, start: startTime(child.pid) });
		writeRecord();
	};
	// The data goes; the logs stay for a look until the next stack starts.
	const removeData = () => {
		removePostgresDir(path.join(dir, 'postgres'));
		for (const name of ['user', 'redis', 'stack.json'])
			fs.rmSync(path.join(dir, name), { recursive: true, force: true });
	};
	const handle = {
		killNow() {
			for (const { child } of processes.values()) child.kill('SIGKILL');
			killAll(processesUsing(userFolder), 'SIGKILL');
			for (const service of [services?.redis, services?.postgres]) service?.child.kill('SIGKILL');
			removeData();
		},
		stop: async () => {
			if (stopped) return;
			stopped = true;
			await Promise.all([...processes.values()].map(({ child }) => terminate(child, 'SIGTERM')));
			// n8n CLI commands still running (Ctrl-C during `prepare`): ended before the database goes.
			killAll(processesUsing(userFolder), 'SIGTERM');
			for (let i = 0; i < 50 && processesUsing(userFolder).length; i++) await sleep(100);
			killAll(processesUsing(userFolder), 'SIGKILL');
			await balancer?.stop();
			await services?.stop();
			removeData();
			liveStacks.delete(handle);
		},
	};
	liveStacks.add(handle);
	const check = () => {
		if (stopped) throw new Error('The queue stack was stopped while starting');
	};

	try {
		const ports = {
			main: mainPort ?? (await freePort()),
			balancer: balancerPort ?? (await freePort()),
			webhooks: await Promise.all(Array.from({ length: webhooks }, () => freePort())),
		};
		const urls = {
			main: `http://127.0.0.1:${ports.main}`,
			balancer: `http://127.0.0.1:${ports.balancer}`,
			webhooks: ports.webhooks.map((port) => `http://127.0.0.1:${port}`),
			workers: [],
		};
		const logs = {
			main: path.join(logDir, 'main.log'),
			workers: Array.from({ length: workers }, (_, i) => path.join(logDir, `worker-${i + 1}.log`)),
			webhooks: Array.from({ length: webhooks }, (_, i) =>
				path.join(logDir, `webhook-${i + 1}.log`),
			),
			balancer: path.join(logDir, 'balancer.log'),
			redis: path.join(logDir, 'redis.log'),
			postgres: path.join(logDir, 'postgres.log'),
		};

		services = await startServices({ dir, logDir, log });
		track(services.redis.child);
		track(services.postgres.child);
		check();

		const { redis, postgres } = services;
		const base = n8nEnv({
			version,
			userFolder,
			port: ports.main,
			webhookUrl: `${urls.balancer}/`,
			extra: {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: postgres.host,
				DB_POSTGRESDB_PORT: String(postgres.port),
				DB_POSTGRESDB_DATABASE: postgres.database,
				DB_POSTGRESDB_USER: postgres.user,
				DB_POSTGRESDB_PASSWORD: postgres.password,
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: redis.host,
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				N8N_EDITOR_BASE_URL: `${frontDoor ? urls.balancer : urls.main}/`,
				N8N_LOG_LEVEL: 'info',
				...extraEnv,
			},
		});
		delete base.DB_SQLITE_POOL_SIZE;

		balancer = await startBalancer({
			port: ports.balancer,
			targets: urls.webhooks,
			fallback: frontDoor ? urls.main : undefined,
			onRequest: ({ method, url, target, status, ms, error }) => {
				const to =
					target === 'fallback'
						? `main (${urls.main})`
						: `webhook-${target + 1} (${urls.webhooks[target]})`;
				if (target !== 'fallback' || logFrontDoor)
					fs.appendFileSync(
						logs.balancer,
						`${new Date().toISOString()} ${method} ${url} → ${to} ${status} ${ms} ms${error ? ` (${error})` : ''}\n`,
					);
			},
		});
		fs.appendFileSync(logs.balancer, '');

		if (installPackage) installPackageInto(userFolder);
		else fs.mkdirSync(userFolder, { recursive: true });

		const spawnProcess = async (name, args, env, logFile) => {
			check();
			const out = fs.openSync(logFile, 'a');
			// Own process group: a Ctrl-C in the terminal reaches the caller, which stops the
			// processes in order (n8n first, then PostgreSQL and Redis).
			const child = spawn(nodeFor(version), [n8nBin(version), ...args], {
				env,
				stdio: ['ignore', out, out],
				detached: true,
			});
			fs.closeSync(out);
			processes.set(name, { child, logFile });
			track(child);
			child.once('exit', (code, signal) => {
				if (processes.get(name)?.child === child) processes.delete(name);
				if (!stopped) onProcessExit({ name, code, signal, logFile });
			});
			return child;
		};
		// 2.x: every process that runs executions starts a task runner broker, each on its own port.
		const brokerPort = async () => (major >= 2 ? String(await freePort()) : undefined);
		const withBroker = async (env) => {
			const port = await brokerPort();
			return port ? { ...env, N8N_RUNNERS_BROKER_PORT: port } : env;
		};

		const mainEnv = await withBroker({
			...base,
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		});
		const cliEnv = { ...mainEnv };
		delete cliEnv.N8N_RUNNERS_BROKER_PORT;
		/** `n8n <args>` as a CLI command against this stack's database (import, export, …). */
		const cli = async (args) =>
			runN8n(version, args, await withBroker({ ...cliEnv, N8N_PORT: String(await freePort()) }));

		if (prepare) await prepare({ env: cliEnv, runN8n: cli, urls, userFolder, dir });

		const workerEnvs = await Promise.all(
			Array.from({ length: workers }, async (_, i) => {
				const healthPort = await freePort();
				urls.workers[i] = `http://127.0.0.1:${healthPort}`;
				return withBroker({
					...base,
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					N8N_EVENTBUS_LOGWRITER_LOGBASENAME: `n8nEventLog-worker-${i + 1}`,
				});
			}),
		);
		const webhookEnvs = ports.webhooks.map((port, i) => ({
			...base,
			N8N_PORT: String(port),
			N8N_EVENTBUS_LOGWRITER_LOGBASENAME: `n8nEventLog-webhook-${i + 1}`,
		}));

		const startWorker = async (i) => {
			if (processes.has(`worker-${i + 1}`)) throw new Error(`worker ${i + 1} is running`);
			const child = await spawnProcess(
				`worker-${i + 1}`,
				['worker'],
				workerEnvs[i],
				logs.workers[i],
			);
			await waitForHealth(
				`${urls.workers[i]}/healthz/readiness`,
				child,
				`n8n worker ${i + 1}`,
				logs.workers[i],
			);
		};
		const startWebhook = async (i) => {
			const child = await spawnProcess(
				`webhook-${i + 1}`,
				['webhook'],
				webhookEnvs[i],
				logs.webhooks[i],
			);
			await waitForHealth(
				`${urls.webhooks[i]}/healthz/readiness`,
				child,
				`n8n webhook processor ${i + 1}`,
				logs.webhooks[i],
			);
		};

		// The main first: it migrates a fresh database and registers the active workflows' webhooks;
		// workers and webhook processors start against the migrated database.
		const main = await spawnProcess('main', ['start'], mainEnv, logs.main);
		await waitForN8n(urls.main, main).catch((error) => {
			throw new Error(`${error.message}; its log ${logs.main}:\n${tail(logs.main)}`);
		});
		await Promise.all([
			...workerEnvs.map((_, i) => startWorker(i)),
			...webhookEnvs.map((_, i) => startWebhook(i)),
		]);
		check();

		return Object.assign(handle, {
			version,
			dir,
			userFolder,
			env: cliEnv,
			urls,
			logs,
			services: {
				redis: { host: redis.host, port: redis.port },
				postgres: {
					host: postgres.host,
					port: postgres.port,
					database: postgres.database,
					user: postgres.user,
					password: postgres.password,
					query: postgres.query,
				},
			},
			/** Requests the balancer sent to each webhook processor so far. */
			balancerCounts: () => balancer.counts(),
			runN8n: cli,
			/** Ends worker `i` (0-based) at once, as a crash would (SIGKILL). */
			async killWorker(i) {
				const entry = processes.get(`worker-${i + 1}`);
				if (!entry) return;
				entry.child.kill('SIGKILL');
				await new Promise((resolve) =>
					entry.child.exitCode !== null || entry.child.signalCode !== null
						? resolve()
						: entry.child.once('exit', resolve),
				);
			},
			/** Starts worker `i` again (same health port and log file) and waits until it is ready. */
			startWorker,
			/** Resolves when every running process answers its readiness probe. */
			async waitUntilReady() {
				await waitForN8n(urls.main, processes.get('main')?.child);
				for (const [name, { child, logFile }] of processes) {
					const [kind, number] = name.split('-');
					if (kind === 'worker')
						await waitForHealth(
							`${urls.workers[number - 1]}/healthz/readiness`,
							child,
							name,
							logFile,
						);
					if (kind === 'webhook')
						await waitForHealth(
							`${urls.webhooks[number - 1]}/healthz/readiness`,
							child,
							name,
							logFile,
						);
				}
			},
			/** Is process `name` (main, worker-1, webhook-2, …) running? */
			running: (name) => processes.has(name),
		});
	} catch (error) {
		await handle.stop();
		throw error;
	}
}

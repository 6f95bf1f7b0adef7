/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { strict as assert } from 'node:assert';
/**
 * The end-to-end stack: the sandbox (in this process, so tests can look at what it received) and a
 * real n8n (E2E_N8N_VERSION) with the packed package, the sandbox credentials and the examples.
 *
 * `startStack({ queue: true })` (or E2E_STACK=queue, as `npm run test:e2e:queue` sets) runs the same
 * on n8n in queue mode (scripts/queue-stack.mjs): PostgreSQL, Redis, a main, 2 workers and 2 webhook
 * processors behind a round-robin balancer. There `execute` runs a workflow through the main's REST
 * API as the owner (the main hands it to a worker), not through `n8n execute` (which would run it in
 * its own process), and `stack.queue` reads the processes' logs and the database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
// @ts-expect-error plain JavaScript module shared with npm start
import * as local from '../scripts/n8n-local.mjs';
// @ts-expect-error plain JavaScript module shared with npm start
import * as examples from '../scripts/examples.mjs';
// @ts-expect-error plain JavaScript module shared with npm run start:queue
import { startQueueStack } from '../scripts/queue-stack.mjs';
import type { EmulatorServer } from '../emulators/http-server';

type Workflows = Array<{
	file: string;
	workflow: { id: string; name: string; nodes: Array<Record<string, unknown>> };
}>;

export interface Stack {
	version: string;
	/** Where the tests reach n8n: n8n itself, or in queue mode the balancer in front of it. */
	baseUrl: string;
	port: number;
	sandbox: Sandbox;
	workflows: Workflows;
	/**
	 * Runs a workflow from its Manual Trigger and waits for the end: `n8n execute --id=… --rawOutput`
	 * in a second CLI process, parsed; in queue mode `POST /rest/workflows/<id>/run` as the owner, the
	 * execution read back through the REST API in the same shape (`run.data.resultData.runData`).
	 */
	execute(id: string): Promise<{
		code: number;
		run: Record<string, unknown> | undefined;
		output: string;
		/** Queue mode: the execution's id. */
		executionId?: string;
	}>;
	webhookUrl(workflowId: string): string;
	/** Production URL of one webhook-type node (by name) of an imported workflow. */
	nodeWebhookUrl(workflowId: string, nodeName: string): string;
	/**
	 * The most recent finished execution of a workflow, read through n8n's REST API as the local
	 * owner: its status and, when it failed, the error n8n recorded (message, description, node).
	 */
	lastExecution(workflowId: string): Promise<ExecutionRecord>;
	/** n8n's frontend settings (`GET /rest/settings` as the local owner), e.g. its `timezone`. */
	settings(): Promise<Record<string, unknown>>;
	/** A workflow's static data as n8n saved it (`GET /rest/workflows/<id>` as the local owner). */
	staticData(workflowId: string): Promise<Record<string, unknown> | null>;
	/** Queue mode only: the processes, their logs and the database. */
	queue?: QueueParts;
	stop(): Promise<void>;
	log(): string;
}

export interface ExecutionRecord {
	id: string;
	status: string;
	error?: { message?: string; description?: string; node?: { name?: string } };
	runData: Record<string, unknown>;
}

/** One n8n process of the queue-mode stack, as `/proc` shows it. */
export interface QueueProcess {
	/** main, worker-1, worker-2, webhook-1, webhook-2 */
	name: string;
	pid: number;
}

export interface QueueParts {
	urls: { main: string; balancer: string; webhooks: string[]; workers: string[] };
	logs: { main: string; workers: string[]; webhooks: string[]; balancer: string };
	/** SQL on n8n's PostgreSQL database as the superuser; rows of `psql -At` (fields split on `|`). */
	sql(query: string): string[][];
	/** Executions in the database, oldest first (optionally of one workflow). */
	executions(
		workflowId?: string,
	): Array<{ id: string; workflowId: string; mode: string; status: string }>;
	/**
	 * Which processes' logs name an execution: `workers` printed `Worker started execution <id>`,
	 * `enqueuedBy` printed `Enqueued execution <id>` (the main for manual runs, a webhook processor
	 * for webhook deliveries).
	 */
	ranBy(executionId: string): { workers: string[]; enqueuedBy: string[] };
	/** The production URL of a workflow's webhook on webhook processor `i` (0-based), bypassing the balancer. */
	webhookUrlOn(i: number, workflowId: string): string;
	/** The n8n processes running now (main, workers, webhook processors). */
	processes(): QueueProcess[];
	/**
	 * Ends every webhook processor (SIGTERM) and starts it again with the same command, environment,
	 * port and log file, then waits until each is ready: their memory is gone, the database stays.
	 */
	restartWebhooks(): Promise<void>;
}

export interface StackOptions {
	/**
	 * Import these workflows (a folder of workflow JSON files, e.g. e2e/fixtures) instead of the
	 * examples; the webhook ones are activated. Default: the examples.
	 */
	workflowsDir?: string;
	/** Credentials imported with `workflowsDir`'s workflows, besides the sandbox ones (n8n import form). */
	credentials?: Array<Record<string, unknown>>;
	/** n8n in queue mode (default: E2E_STACK=queue). */
	queue?: boolean;
}

type RunN8n = (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;

/** The ports of a stack: n8n (or the balancer in front of it) and the sandbox's three servers. */
interface Ports {
	n8n: number;
	omicall: number;
	nxcloud: number;
	capture: number;
}

/**
 * The stack's ports: E2E_N8N_PORT and SANDBOX_*_PORT when set, otherwise free ones, so the suite
 * never runs on the defaults of `npm start` (5678, 4310, 4320, 4330): the examples and the fixtures
 * must follow the ports they are given.
 */
async function stackPorts(): Promise<Ports> {
	const pick = async (name: string) => Number(process.env[name] ?? 0) || (await local.freePort());
	return {
		n8n: await pick('E2E_N8N_PORT'),
		omicall: await pick('SANDBOX_OMICALL_PORT'),
		nxcloud: await pick('SANDBOX_NXCLOUD_PORT'),
		capture: await pick('SANDBOX_CAPTURE_PORT'),
	};
}

function sandboxOn(ports: Ports) {
	return { omicallPort: ports.omicall, nxcloudPort: ports.nxcloud, capturePort: ports.capture };
}

/**
 * Imports the sandbox credentials and the workflows of `dir` (their local addresses moved to
 * `ports`, as `npm start` does with the examples), and activates the webhook ones.
 */
async function importWorkflows(
	run: RunN8n,
	activate: (ids: string[]) => Promise<unknown>,
	dir: string,
	ports: Ports,
	credentials: Array<Record<string, unknown>> = [],
): Promise<Workflows> {
	const workflows: Workflows = examples.readWorkflows(dir, ports);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callbot-e2e-import-'));
	try {
		const credentialsFile = path.join(tmp, 'credentials.json');
		fs.writeFileSync(
			credentialsFile,
			JSON.stringify([...examples.sandboxCredentials(ports), ...credentials]),
		);
		const workflowsDir = examples.writeWorkflows(
			fs.mkdtempSync(path.join(tmp, 'workflows-')),
			workflows,
		);
		for (const args of [
			['import:credentials', `--input=${credentialsFile}`],
			['import:workflow', '--separate', `--input=${workflowsDir}`],
		]) {
			const result = await run(args);
			assert.equal(result.code, 0, `n8n ${args[0]} failed:\n${result.stderr || result.stdout}`);
		}
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
	await activate(
		examples
			.webhookWorkflows(workflows)
			.map(({ workflow }: { workflow: { id: string } }) => workflow.id),
	);
	return workflows;
}

function assertNoNpmStart() {
	const lockFile = path.join(local.LOCAL, 'start.lock.json');
	if (!fs.existsSync(lockFile)) return;
	const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
	let alive = true;
	try {
		process.kill(lock.pid, 0);
	} catch {
		alive = false;
	}
	assert.ok(
		!alive,
		`npm start is running (process ${lock.pid}); stop it before the end-to-end tests.`,
	);
}

/** n8n's REST API as the local owner (created on first use), and the executions it recorded. */
function restClient(baseUrl: string, version: string) {
	let cookie: string | undefined;
	const rest = async (route: string, init: RequestInit = {}) => {
		const response = await fetch(`${baseUrl}/rest${route}`, {
			...init,
			headers: {
				'content-type': 'application/json',
				...(cookie ? { cookie } : {}),
				...(init.headers ?? {}),
			},
		});
		const text = await response.text();
		assert.ok(response.ok, `n8n REST ${route}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return { response, json: JSON.parse(text) as { data: Record<string, unknown> } };
	};
	const login = async () => {
		if (cookie) return;
		await local.ensureOwner(baseUrl, examples.OWNER);
		const { response } = await rest('/login', {
			method: 'POST',
			body: JSON.stringify({
				emailOrLdapLoginId: examples.OWNER.email,
				email: examples.OWNER.email,
				password: examples.OWNER.password,
			}),
		});
		cookie = response.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
	};
	// n8n's REST API sends execution data in `flatted` form; its own copy reads it.
	const flatted = createRequire(
		path.join(local.n8nDir(version), 'node_modules', 'n8n', 'package.json'),
	)('flatted') as { parse(text: string): unknown };
	const execution = async (id: string): Promise<ExecutionRecord> => {
		await login();
		const { json } = await rest(`/executions/${id}`);
		const data = flatted.parse(String(json.data.data)) as {
			resultData: { error?: never; runData: Record<string, unknown> };
		};
		return {
			id,
			status: String(json.data.status),
			error: data.resultData.error,
			runData: data.resultData.runData,
		};
	};
	return {
		rest,
		login,
		execution,
		async lastExecution(workflowId: string) {
			await login();
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const list = await rest(`/executions?filter=${filter}&limit=1`);
			const [latest] = (list.json.data.results ?? []) as Array<{ id: string }>;
			assert.ok(latest, `No execution of workflow ${workflowId}`);
			return await execution(latest.id);
		},
	};
}

function findNode(workflows: Workflows, workflowId: string, match: (node: never) => boolean) {
	const entry = workflows.find((e) => e.workflow.id === workflowId);
	assert.ok(entry, `No workflow ${workflowId}`);
	return entry.workflow.nodes.find(match as (node: Record<string, unknown>) => boolean) as
		| { name: string; type: string; parameters: Record<string, unknown> }
		| undefined;
}

const isWebhookNode = (n: { type: string }) =>
	/\.(webhook|omicallTrigger|nxCloudCallbotTrigger|chatTrigger)$/.test(n.type);

/** The webhook URLs, the last execution of the imported workflows and n8n's settings, for either stack. */
function lookups(
	workflows: Workflows,
	port: number,
	client: ReturnType<typeof restClient>,
): Pick<Stack, 'webhookUrl' | 'nodeWebhookUrl' | 'lastExecution' | 'settings' | 'staticData'> {
	return {
		webhookUrl(workflowId) {
			return examples.webhookUrl(port, findNode(workflows, workflowId, isWebhookNode));
		},
		lastExecution: client.lastExecution,
		async settings() {
			await client.login();
			return (await client.rest('/settings')).json.data;
		},
		async staticData(workflowId) {
			await client.login();
			const data = (await client.rest(`/workflows/${workflowId}`)).json.data.staticData;
			return (typeof data === 'string' ? JSON.parse(data) : (data ?? null)) as Record<
				string,
				unknown
			> | null;
		},
		nodeWebhookUrl(workflowId, nodeName) {
			const node = findNode(workflows, workflowId, (n: { name: string }) => n.name === nodeName);
			assert.ok(node, `No node "${nodeName}" in workflow ${workflowId}`);
			return examples.webhookUrl(port, node);
		},
	};
}

let latest: Stack | undefined;

/** The stack this test file started last (for a file that runs another file's tests on it). */
export function currentStack(): Stack {
	assert.ok(latest, 'No stack started in this test file');
	return latest;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
	latest =
		(options.queue ?? process.env.E2E_STACK === 'queue')
			? await startQueue(options)
			: await startSingle(options);
	return latest;
}

async function startSingle(options: StackOptions): Promise<Stack> {
	const version = process.env.E2E_N8N_VERSION ?? local.DEFAULT_N8N_VERSION;
	assertNoNpmStart();
	local.ensureN8n(version);
	const ports = await stackPorts();
	const port = ports.n8n;
	const userFolder = fs.mkdtempSync(
		path.join(os.tmpdir(), `callbot-e2e-n8n${version.split('.')[0]}-`),
	);
	local.installPackageInto(userFolder);
	const env = local.n8nEnv({ version, userFolder, port });
	const prepared = options.workflowsDir
		? {
				examples: await importWorkflows(
					(args) => local.runN8n(version, args, env),
					(ids) => local.activateWorkflows(version, ids, env),
					options.workflowsDir,
					ports,
					options.credentials,
				),
				omicallChatWebhookUrl: undefined,
			}
		: await examples.prepareExamples({
				version,
				env,
				n8nPort: port,
				sandboxPorts: { omicall: ports.omicall, nxcloud: ports.nxcloud, capture: ports.capture },
				runN8n: local.runN8n,
				activateWorkflows: local.activateWorkflows,
			});
	const sandbox = await startSandbox({
		...sandboxOn(ports),
		omicallChatWebhookUrl: prepared.omicallChatWebhookUrl,
		replyDelayMs: 100,
	});
	let output = '';
	// n8n's own log, kept for CI: .n8n-local/e2e-n8n<major>.log
	const logFile = path.join(local.LOCAL, `e2e-n8n${version.split('.')[0]}.log`);
	fs.writeFileSync(logFile, '');
	const child: ChildProcess = local.spawnN8n(version, ['start'], env, ['ignore', 'pipe', 'pipe']);
	const collect = (chunk: Buffer) => {
		output += chunk.toString();
		fs.appendFileSync(logFile, chunk);
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	const baseUrl = `http://127.0.0.1:${port}`;
	const started = await local.waitForN8n(baseUrl, child).then(
		() => undefined,
		(error: Error) => error.message,
	);
	if (started !== undefined) {
		child.kill('SIGKILL');
		await sandbox.stop();
		assert.fail(`${started}\n${output.slice(-3000)}`);
	}
	const brokerPort = await local.freePort();
	const client = restClient(baseUrl, version);
	const workflows: Workflows = prepared.examples;
	const stack: Stack = {
		version,
		baseUrl,
		port,
		sandbox,
		workflows,
		async execute(id) {
			const result = await local.runN8n(
				version,
				['execute', `--id=${id}`, '--rawOutput'],
				local.n8nEnv({
					version,
					userFolder,
					port: await local.freePort(),
					runnersBrokerPort: brokerPort,
					// `execute` prints its result through n8n's logger.
					extra: { N8N_LOG_LEVEL: 'info' },
				}),
			);
			fs.writeFileSync(
				path.join(local.LOCAL, `e2e-execute-${id}.log`),
				`${result.stdout}\n--- stderr ---\n${result.stderr}`,
			);
			let run: Record<string, unknown> | undefined;
			try {
				run = local.parseRawOutput(result.stdout);
			} catch {
				run = undefined;
			}
			return { code: result.code, run, output: `${result.stdout}\n${result.stderr}` };
		},
		...lookups(workflows, port, client),
		async stop() {
			child.kill('SIGTERM');
			await new Promise((resolve) => {
				const timer = setTimeout(() => {
					child.kill('SIGKILL');
					resolve(undefined);
				}, 10_000);
				child.once('exit', () => {
					clearTimeout(timer);
					resolve(undefined);
				});
			});
			await sandbox.stop();
			fs.rmSync(userFolder, { recursive: true, force: true });
		},
		log: () => output,
	};
	return stack;
}

// ---------------------------------------------------------------------------------- queue mode

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The environment of a process, from /proc (undefined when it is gone or not ours). */
function environOf(pid: number): Record<string, string> | undefined {
	try {
		const env: Record<string, string> = {};
		for (const entry of fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
			const at = entry.indexOf('=');
			if (at > 0) env[entry.slice(0, at)] = entry.slice(at + 1);
		}
		return env;
	} catch {
		return undefined;
	}
}

function cmdlineOf(pid: number): string[] {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
	} catch {
		return [];
	}
}

/**
 * The n8n processes of a queue stack, named by what they are: found by N8N_USER_FOLDER in their
 * environment, told apart by their command (`start`, `worker`, `webhook`) and port.
 */
function queueProcesses(
	userFolder: string,
	urls: QueueParts['urls'],
): Array<QueueProcess & { env: Record<string, string>; argv: string[] }> {
	const found = [];
	const portOf = (url: string) => new URL(url).port;
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
		const pid = Number(entry);
		const env = environOf(pid);
		if (env?.N8N_USER_FOLDER !== userFolder) continue;
		const argv = cmdlineOf(pid);
		const command = argv[2];
		let name: string | undefined;
		if (command === 'start' && env.N8N_PORT === portOf(urls.main)) name = 'main';
		if (command === 'worker') {
			const i = urls.workers.findIndex((url) => portOf(url) === env.QUEUE_HEALTH_CHECK_PORT);
			if (i >= 0) name = `worker-${i + 1}`;
		}
		if (command === 'webhook') {
			const i = urls.webhooks.findIndex((url) => portOf(url) === env.N8N_PORT);
			if (i >= 0) name = `webhook-${i + 1}`;
		}
		if (name) found.push({ name, pid, env, argv });
	}
	return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** The inode of the TCP socket 127.0.0.1:`localPort` → 127.0.0.1:`remotePort`, from /proc/net/tcp. */
function socketInode(localPort: number, remotePort: number): string | undefined {
	const hex = (port: number) => `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
	for (const line of fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
		const fields = line.trim().split(/\s+/);
		if (fields[1] === hex(localPort) && fields[2] === hex(remotePort)) return fields[9];
	}
	return undefined;
}

function ownsSocket(pid: number, inode: string): boolean {
	const target = `socket:[${inode}]`;
	try {
		for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
			try {
				if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === target) return true;
			} catch {
				// closed meanwhile
			}
		}
	} catch {
		// gone
	}
	return false;
}

/** One request an emulator received, with the n8n process that opened its connection. */
export interface RequestOrigin {
	method: string;
	path: string;
	/** main, worker-1, … or `unknown` (not an n8n process of this stack) */
	process: string;
	at: number;
	/** The HTTP status it was answered with (once answered). */
	status?: number;
}

/**
 * Records, for every request the emulator's HTTP server receives from now on, which n8n process
 * sent it: at each new connection, the client's port is looked up in /proc/net/tcp and its socket
 * found among the processes' open files. Returns the list (filled as requests arrive) and `stop`.
 */
export function recordRequestOrigins(
	emulator: EmulatorServer,
	processes: () => QueueProcess[],
): { origins: RequestOrigin[]; stop(): void } {
	const server = (emulator as unknown as { server?: Server }).server;
	assert.ok(server, 'The emulator is not running');
	const serverPort = Number(new URL(emulator.url).port);
	const bySocket = new WeakMap<object, string>();
	const origins: RequestOrigin[] = [];
	const onConnection = (socket: { remotePort?: number }) => {
		const inode = socket.remotePort ? socketInode(socket.remotePort, serverPort) : undefined;
		const owner = inode ? processes().find(({ pid }) => ownsSocket(pid, inode)) : undefined;
		bySocket.set(socket, owner?.name ?? 'unknown');
	};
	const onRequest = (
		request: { method?: string; url?: string; socket: object },
		response: { statusCode: number; once(event: 'finish', listener: () => void): void },
	) => {
		const origin: RequestOrigin = {
			method: request.method ?? 'GET',
			path: new URL(request.url ?? '/', 'http://x').pathname,
			process: bySocket.get(request.socket) ?? 'unknown',
			at: Date.now(),
		};
		origins.push(origin);
		response.once('finish', () => (origin.status = response.statusCode));
	};
	server.on('connection', onConnection);
	server.on('request', onRequest);
	return {
		origins,
		stop() {
			server.off('connection', onConnection);
			server.off('request', onRequest);
		},
	};
}

async function waitReady(url: string, timeoutMs = 180_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	assert.fail(`${url} not ready within ${timeoutMs / 1000} s`);
}

async function startQueue(options: StackOptions): Promise<Stack> {
	const version = process.env.E2E_N8N_VERSION ?? local.DEFAULT_N8N_VERSION;
	assertNoNpmStart();
	const ports = await stackPorts();
	const port = ports.n8n;
	const dir = options.workflowsDir ?? examples.EXAMPLES_DIR;
	const workflows: Workflows = examples.readWorkflows(dir, ports);
	const sandbox = await startSandbox({
		...sandboxOn(ports),
		omicallChatWebhookUrl: options.workflowsDir
			? undefined
			: examples.omicallChatWebhookUrl(port, workflows),
		replyDelayMs: 100,
	});
	let handle;
	let started = false;
	try {
		handle = await startQueueStack({
			version,
			workers: 2,
			webhooks: 2,
			balancerPort: port,
			log: () => undefined,
			prepare: async ({ env, runN8n }: { env: Record<string, string>; runN8n: RunN8n }) => {
				await importWorkflows(
					runN8n,
					// one CLI process per workflow, side by side, each on its own ports
					(ids) =>
						Promise.all(
							ids.map(async (id) =>
								local.activateWorkflows(version, [id], {
									...env,
									N8N_PORT: String(await local.freePort()),
									N8N_RUNNERS_BROKER_PORT: String(await local.freePort()),
								}),
							),
						),
					dir,
					ports,
					options.credentials,
				);
			},
		});
		started = true;
	} finally {
		if (!started) {
			await sandbox.stop();
		}
	}
	const q = handle as {
		urls: QueueParts['urls'];
		logs: QueueParts['logs'];
		userFolder: string;
		services: { postgres: { query(sql: string): string } };
		stop(): Promise<void>;
	};
	await local.ensureOwner(q.urls.main, examples.OWNER);
	const baseUrl = q.urls.balancer;
	const client = restClient(q.urls.main, version);
	const logFiles = () => [q.logs.main, ...q.logs.workers, ...q.logs.webhooks];
	const read = (file: string) => {
		try {
			return fs.readFileSync(file, 'utf8');
		} catch {
			return '';
		}
	};
	const sql = (query: string) =>
		q.services.postgres
			.query(query)
			.split('\n')
			.filter(Boolean)
			.map((line) => line.split('|'));
	const processes = () => queueProcesses(q.userFolder, q.urls);
	const queue: QueueParts = {
		urls: q.urls,
		logs: q.logs,
		sql,
		executions(workflowId) {
			const where = workflowId ? ` WHERE "workflowId" = '${workflowId.replace(/'/g, "''")}'` : '';
			return sql(
				`SELECT id, "workflowId", mode, status FROM execution_entity${where} ORDER BY id`,
			).map(([id, wf, mode, status]) => ({ id, workflowId: wf, mode, status }));
		},
		ranBy(executionId) {
			const names = (files: string[], prefix: string) =>
				files.flatMap((file, i) =>
					new RegExp(`${prefix} execution ${executionId} \\(job`).test(read(file))
						? [`${prefix === 'Worker started' ? 'worker' : 'webhook'}-${i + 1}`]
						: [],
				);
			return {
				workers: names(q.logs.workers, 'Worker started'),
				enqueuedBy: [
					...(new RegExp(`Enqueued execution ${executionId} \\(job`).test(read(q.logs.main))
						? ['main']
						: []),
					...names(q.logs.webhooks, 'Enqueued'),
				],
			};
		},
		webhookUrlOn(i, workflowId) {
			const url = new URL(stack.webhookUrl(workflowId));
			return `${q.urls.webhooks[i]}${url.pathname}`;
		},
		processes: () => processes().map(({ name, pid }) => ({ name, pid })),
		async restartWebhooks() {
			const hooks = processes().filter(({ name }) => name.startsWith('webhook-'));
			assert.equal(hooks.length, q.urls.webhooks.length, 'Not every webhook processor runs');
			await Promise.all(
				hooks.map(async ({ name, pid, env, argv }) => {
					const i = Number(name.split('-')[1]) - 1;
					process.kill(pid, 'SIGTERM');
					for (let t = 0; t < 200 && fs.existsSync(`/proc/${pid}`); t++) await sleep(100);
					assert.ok(!fs.existsSync(`/proc/${pid}`), `${name} did not stop`);
					const out = fs.openSync(q.logs.webhooks[i], 'a');
					fs.writeSync(
						out,
						`\n--- restarted by the e2e suite at ${new Date().toISOString()} ---\n`,
					);
					// Same command and environment; the stack's stop() ends it (it is found by its
					// N8N_USER_FOLDER, as every process of the stack).
					assert.equal(argv[2], 'webhook');
					local.spawnN8n(version, ['webhook'], env, ['ignore', out, out]);
					await waitReady(`${q.urls.webhooks[i]}/healthz/readiness`);
				}),
			);
		},
	};
	const stack: Stack = {
		version,
		baseUrl,
		port,
		sandbox,
		workflows,
		queue,
		async execute(id) {
			await client.login();
			const { json } = await client.rest(`/workflows/${id}`);
			const workflow = json.data as { nodes: Array<{ name: string; type: string }> };
			const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
			assert.ok(trigger, `Workflow ${id} has no Manual Trigger`);
			// 1.x reads the workflow from the body, 2.x from the database (and ignores it in the body).
			const started = await client.rest(`/workflows/${id}/run`, {
				method: 'POST',
				body: JSON.stringify({
					workflowData: workflow,
					triggerToStartFrom: { name: trigger.name },
				}),
			});
			const executionId = String(started.json.data.executionId ?? '');
			assert.ok(executionId, `n8n did not start workflow ${id}: ${JSON.stringify(started.json)}`);
			const deadline = Date.now() + 100_000;
			let record = await client.execution(executionId).catch(() => undefined);
			while (!record || ['new', 'running', 'waiting', 'unknown'].includes(record.status)) {
				assert.ok(Date.now() < deadline, `Execution ${executionId} did not finish in 100 s`);
				await sleep(250);
				record = await client.execution(executionId).catch(() => undefined);
			}
			const run = { data: { resultData: { runData: record.runData, error: record.error } } };
			const output = `execution ${executionId}: ${record.status}${record.error ? ` (${record.error.message}: ${record.error.description ?? ''})` : ''}`;
			return { code: record.status === 'success' ? 0 : 1, run, output, executionId };
		},
		...lookups(workflows, port, client),
		async stop() {
			await q.stop();
			await sandbox.stop();
		},
		log: () => logFiles().map(read).join('\n'),
	};
	return stack;
}

/** POSTs to an n8n webhook, retrying while n8n still answers 404 (webhooks register after readiness). */
export async function postWebhook(
	url: string,
	body: string,
	headers: Record<string, string> = { 'content-type': 'application/json' },
	timeoutMs = 60_000,
): Promise<{ status: number; text: string; ms: number }> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const started = performance.now();
		const response = await fetch(url, { method: 'POST', headers, body });
		const text = await response.text();
		if (response.status !== 404 || Date.now() > deadline) {
			return { status: response.status, text, ms: performance.now() - started };
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** The output items of one node in an `n8n execute --rawOutput` run. */
export function nodeOutput(
	run: Record<string, unknown> | undefined,
	nodeName: string,
): Array<Record<string, unknown>> {
	const runData = (
		run as {
			data?: {
				resultData?: {
					runData?: Record<
						string,
						Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>
					>;
				};
			};
		}
	)?.data?.resultData?.runData?.[nodeName];
	return (runData?.at(-1)?.data?.main?.[0] ?? []).map((item) => item.json);
}

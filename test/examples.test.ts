/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commonPollingParameters } from 'n8n-core/dist/nodes-loader/constants';
import type { INodeProperties, INodeType } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { NxCloudCallbot } from '../nodes/NxCloudCallbot/NxCloudCallbot.node';
import { NxCloudCallbotTrigger } from '../nodes/NxCloudCallbot/NxCloudCallbotTrigger.node';
import { Omicall } from '../nodes/Omicall/Omicall.node';
import { OmicallCallbotResultsTrigger } from '../nodes/Omicall/OmicallCallbotResultsTrigger.node';
import { OmicallTrigger } from '../nodes/Omicall/OmicallTrigger.node';
import packageJson from '../package.json';

/** A polling node as n8n loads it: Poll Times first (DirectoryLoader.applySpecialNodeParameters). */
function asLoaded(node: INodeType): INodeType {
	if (node.description.polling) {
		node.description.properties = [...commonPollingParameters, ...node.description.properties];
	}
	return node;
}

const nodes: Record<string, INodeType> = Object.fromEntries(
	[
		new Omicall(),
		new OmicallTrigger(),
		asLoaded(new OmicallCallbotResultsTrigger()),
		new NxCloudCallbot(),
		new NxCloudCallbotTrigger(),
	].map((node) => [`${packageJson.name}.${node.description.name}`, node]),
);
const dir = join(__dirname, '..', 'examples');
const examples = readdirSync(dir)
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(dir, file), 'utf8')) }));

interface ExampleNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
	onError?: string;
}

interface Connections {
	[node: string]: { main: Array<Array<{ node: string }>> };
}

const TRIGGER = /\.(omicallTrigger|nxCloudCallbotTrigger)$/;
const triggerExamples = examples.filter(({ workflow }) =>
	(workflow.nodes as ExampleNode[]).some((node) => TRIGGER.test(node.type)),
);

/** The n8n versions installed by scripts/n8n-local.mjs, when they are (not in a fresh checkout). */
const localN8n = join(__dirname, '..', '.n8n-local');
const n8nVersions = existsSync(localN8n)
	? readdirSync(localN8n).filter((name) =>
			existsSync(join(localN8n, name, 'node_modules', 'n8n-nodes-base')),
		)
	: [];

describe('examples', () => {
	it('exist for the four scenarios', () => {
		expect(examples.map((e) => e.file)).toHaveLength(8);
	});

	it('have workflow IDs n8n 1.x keeps static data for (at most 16 characters)', () => {
		// n8n 1.123.50 saves a workflow's static data only when isWorkflowIdValid(id) (dist/utils.js:
		// at most 16 characters); the triggers' Remember Across Restarts layer lives there. 2.x allows 21.
		for (const { file, workflow } of examples)
			expect(String(workflow.id), file).toMatch(/^[A-Za-z0-9]{1,16}$/);
	});

	it.each(examples)(
		'$file: uses only parameters and option values the nodes offer',
		({ workflow }) => {
			for (const node of (workflow.nodes as ExampleNode[]).filter((n) =>
				n.type.startsWith(`${packageJson.name}.`),
			)) {
				// A node used as an AI agent's tool (`<name>Tool`) has the node's parameters, plus the
				// tool description n8n adds (convertNodeToAiTool).
				const type = nodes[node.type.replace(/Tool$/, '')];
				expect(type, node.type).toBeDefined();
				const properties = type.description.properties;
				for (const [name, value] of Object.entries(node.parameters)) {
					if (node.type.endsWith('Tool') && ['descriptionType', 'toolDescription'].includes(name))
						continue;
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

	it.each(triggerExamples)(
		"$file: drops repeats with n8n's Remove Duplicates keyed by _trigger.deliveryKey, right after the trigger",
		({ workflow }) => {
			const all = workflow.nodes as ExampleNode[];
			const connections = workflow.connections as Connections;
			const trigger = all.find((node) => TRIGGER.test(node.type))!;
			const next = connections[trigger.name].main[0].map((c) => c.node);
			expect(next).toHaveLength(1);
			const drop = all.find((node) => node.name === next[0])!;
			expect(drop).toMatchObject({
				type: 'n8n-nodes-base.removeDuplicates',
				typeVersion: 2,
				onError: 'continueRegularOutput',
				parameters: {
					operation: 'removeItemsSeenInPreviousExecutions',
					dedupeValue: '={{ $json._trigger.deliveryKey }}',
					options: { scope: 'workflow' },
				},
			});
			// Only the Kept output goes on.
			expect(connections[drop.name].main).toHaveLength(1);
			// The history is cleared on the same scope, so that it never fills up (n8n issue #38475).
			const clear = all.find(
				(node) =>
					node.type === 'n8n-nodes-base.removeDuplicates' &&
					node.parameters.operation === 'clearDeduplicationHistory',
			)!;
			expect(clear.parameters.options).toEqual({ scope: 'workflow' });
			const schedule = Object.entries(connections).find(([, c]) =>
				c.main[0].some((to) => to.node === clear.name),
			)!;
			expect(all.find((node) => node.name === schedule[0])!.type).toBe(
				'n8n-nodes-base.scheduleTrigger',
			);
		},
	);

	describe.skipIf(n8nVersions.length === 0).each(n8nVersions)('in %s', (version) => {
		it.each(examples)(
			'$file: n8n keeps every parameter of its own nodes (none unknown or misplaced)',
			async ({ workflow }) => {
				const base = join(localN8n, version, 'node_modules');
				const { NodeHelpers } = (await import(
					join(base, 'n8n-workflow', 'dist', 'cjs', 'index.js')
				)) as typeof import('n8n-workflow');
				for (const node of (workflow.nodes as ExampleNode[]).filter((n) =>
					['removeDuplicates', 'scheduleTrigger'].includes(n.type.replace('n8n-nodes-base.', '')),
				)) {
					const file =
						node.type === 'n8n-nodes-base.removeDuplicates'
							? 'Transform/RemoveDuplicates/RemoveDuplicates.node.js'
							: 'Schedule/ScheduleTrigger.node.js';
					const module = (await import(
						join(base, 'n8n-nodes-base', 'dist', 'nodes', file)
					)) as Record<string, new () => INodeType & { nodeVersions?: Record<number, INodeType> }>;
					const type = new (Object.values(module)[0])();
					const description = type.nodeVersions
						? type.nodeVersions[node.typeVersion]?.description
						: type.description;
					expect(description, `${node.name} v${node.typeVersion}`).toBeDefined();
					const versions = [description!.version].flat();
					expect(versions).toContain(node.typeVersion);
					const kept = NodeHelpers.getNodeParameters(
						description!.properties,
						node.parameters as never,
						true,
						false,
						node as never,
						description,
					);
					expect(kept, node.name).toMatchObject(node.parameters);
				}
			},
		);
	});
});

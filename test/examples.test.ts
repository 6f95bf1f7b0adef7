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
// @ts-expect-error plain JavaScript module shared with npm start and the e2e stack
import * as exampleFiles from '../scripts/examples.mjs';
// @ts-expect-error plain JavaScript module shared with npm start and the e2e stack
import { n8nEnv, TIME_ZONE } from '../scripts/n8n-local.mjs';

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

/** n8n's own nodes the examples configure in detail, and their files in n8n-nodes-base/dist/nodes. */
const NODE_FILES: Record<string, string> = {
	removeDuplicates: 'Transform/RemoveDuplicates/RemoveDuplicates.node.js',
	scheduleTrigger: 'Schedule/ScheduleTrigger.node.js',
	aggregate: 'Transform/Aggregate/Aggregate.node.js',
	if: 'If/If.node.js',
	respondToWebhook: 'RespondToWebhook/RespondToWebhook.node.js',
};

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

	it("run in the local n8n's time zone (settings.timezone = GENERIC_TIMEZONE of npm start)", () => {
		expect(TIME_ZONE).toBe('Asia/Ho_Chi_Minh');
		for (const { file, workflow } of examples)
			expect(workflow.settings?.timezone, file).toBe(TIME_ZONE);
		expect(n8nEnv({ version: '1.123.50', userFolder: '/tmp/x', port: 5678 }).GENERIC_TIMEZONE).toBe(
			process.env.GENERIC_TIMEZONE || TIME_ZONE,
		);
	});

	it('give n8n its webhook base URL in the variable each version reads (2.x: N8N_WEBHOOK_URL, 1.x: WEBHOOK_URL)', () => {
		const v1 = n8nEnv({ version: '1.123.50', userFolder: '/tmp/x', port: 15678 });
		expect(v1.WEBHOOK_URL).toBe('http://127.0.0.1:15678/');
		expect(v1).not.toHaveProperty('N8N_WEBHOOK_URL');
		const v2 = n8nEnv({
			version: '2.41.1',
			userFolder: '/tmp/x',
			port: 15678,
			webhookUrl: 'https://example.trycloudflare.com/',
		});
		expect(v2.N8N_WEBHOOK_URL).toBe('https://example.trycloudflare.com/');
		expect(v2).not.toHaveProperty('WEBHOOK_URL');
	});

	it('follow the configured ports: every local address moves, 2a calls back to 2b on the n8n port', () => {
		const ports = { n8n: 15678, omicall: 14310, nxcloud: 14320, capture: 14330 };
		const moved = exampleFiles.readExamples(ports) as typeof examples;
		const text = JSON.stringify(moved);
		expect(text).not.toMatch(/127\.0\.0\.1:(5678|4310|4320|4330)\b/);
		const byId = (id: string) => moved.find((e) => e.workflow.id === id)!.workflow;
		const trigger = (byId('callbotEx02b').nodes as Array<{ type: string; webhookId: string }>).find(
			(node) => TRIGGER.test(node.type),
		)!;
		const contactList = (byId('callbotEx02a').nodes as ExampleNode[]).find(
			(node) => node.name === 'Contact List',
		)!;
		expect(JSON.parse(String(contactList.parameters.jsonOutput)).callbackBase).toBe(
			`http://127.0.0.1:15678/webhook/${trigger.webhookId}/webhook`,
		);
		const posts = moved.flatMap(({ workflow }) =>
			(workflow.nodes as ExampleNode[])
				.filter((node) => node.type === 'n8n-nodes-base.httpRequest')
				.map((node) => String(node.parameters.url)),
		);
		expect(posts.length).toBeGreaterThanOrEqual(2);
		for (const url of posts) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:14330\/capture\//);
		// Without ports the files are read as written; ports that trade places move once.
		expect(JSON.stringify(exampleFiles.readExamples())).toContain('127.0.0.1:5678/webhook/');
		expect(
			exampleFiles.onPorts('http://127.0.0.1:5678/a http://127.0.0.1:4330/b', {
				n8n: 4330,
				capture: 5678,
			}),
		).toBe('http://127.0.0.1:4330/a http://127.0.0.1:5678/b');
		const baseUrls = Object.fromEntries(
			exampleFiles
				.sandboxCredentials(ports)
				.map((c: { id: string; data: { baseUrl?: string } }) => [c.id, c.data.baseUrl]),
		);
		expect(baseUrls).toMatchObject({
			omicallSandbox01: 'http://127.0.0.1:14310',
			nxcloudSandbox01: 'http://127.0.0.1:14320',
		});
	});

	it('Example 1 answers the CRM itself: 200 with the campaign; 422 only for a bad event; 502 when OMICall refused, 503 when the outcome is unknown', () => {
		const { workflow } = examples.find((e) => e.workflow.id === 'callbotEx001')!;
		const all = workflow.nodes as ExampleNode[];
		const connections = workflow.connections as Connections;
		const byName = (name: string) => all.find((node) => node.name === name)!;
		const next = (name: string, output: number) =>
			(connections[name]?.main[output] ?? []).map((target) => byName(target.node));
		const answers = (node: ExampleNode, code: number) =>
			expect(node).toMatchObject({
				type: 'n8n-nodes-base.respondToWebhook',
				parameters: { options: { responseCode: code } },
			});
		expect(byName('CRM Webhook').parameters.responseMode).toBe('responseNode');
		// No contacts array: 422 before Split Out (which would fail and make n8n answer 500).
		const [guard] = next('CRM Webhook', 0);
		expect(guard.type).toBe('n8n-nodes-base.if');
		expect(next(guard.name, 0)[0].type).toBe('n8n-nodes-base.splitOut');
		answers(next(guard.name, 1)[0], 422);
		const start = byName('Start Callbot Campaign');
		expect(next(next(guard.name, 0)[0].name, 0)).toEqual([start]);
		expect(start.onError).toBe('continueErrorOutput');
		// The error output: the contacts the node refused before any request.
		const [refused] = next(start.name, 1);
		expect(refused.type).toBe('n8n-nodes-base.aggregate');
		const [check] = next(refused.name, 0);
		expect(check.type).toBe('n8n-nodes-base.if');
		answers(next(check.name, 0)[0], 422);
		expect(next(check.name, 1)).toEqual([]);
		// The main output: the campaign (200), or a failed start's error items (502 / 503), decided
		// by its first item (Execute Once).
		const [started] = next(start.name, 0);
		expect(started).toMatchObject({ type: 'n8n-nodes-base.if', executeOnce: true });
		const [ok] = next(started.name, 0);
		answers(ok, 200);
		const [vendor] = next(started.name, 1);
		expect(vendor.type).toBe('n8n-nodes-base.if');
		answers(next(vendor.name, 0)[0], 502);
		answers(next(vendor.name, 1)[0], 503);
		// n8n runs the branch placed higher first (execution order v1): the refusals are collected
		// before the 200, 502 and 503 answers read them.
		expect(workflow.settings.executionOrder).toBe('v1');
		expect((refused as unknown as { position: number[] }).position[1]).toBeLessThan(
			(started as unknown as { position: number[] }).position[1],
		);
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
					Object.keys(NODE_FILES).includes(n.type.replace('n8n-nodes-base.', '')),
				)) {
					const file = NODE_FILES[node.type.replace('n8n-nodes-base.', '')];
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

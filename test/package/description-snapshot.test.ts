/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	NodeHelpers,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { NxCloudCallbot } from '../../nodes/NxCloudCallbot/NxCloudCallbot.node';
import { NxCloudCallbotTrigger } from '../../nodes/NxCloudCallbot/NxCloudCallbotTrigger.node';
import { Omicall } from '../../nodes/Omicall/Omicall.node';
import { OmicallCallbotResultsTrigger } from '../../nodes/Omicall/OmicallCallbotResultsTrigger.node';
import { OmicallTrigger } from '../../nodes/Omicall/OmicallTrigger.node';

/**
 * What a user sees and what a saved workflow loads as, for each of the four nodes, per resource and
 * operation: the displayed parameters (each property as defined, minus its displayOptions), and the
 * parameters n8n fills in with defaults on load (NodeHelpers.getNodeParameters), also with each
 * displayed options or boolean parameter set to each of its values (so fields shown only for e.g.
 * Start = At a Scheduled Time are covered), plus the rest of the description (name, credentials,
 * webhooks, …). A restructuring must leave them as they are. Regenerate the fixtures only for an
 * intended change: UPDATE_DESCRIPTION_SNAPSHOT=1 npx vitest run test/package/description-snapshot.test.ts
 */
const NODES: Record<string, INodeType> = {
	nxCloudCallbot: new NxCloudCallbot(),
	nxCloudCallbotTrigger: new NxCloudCallbotTrigger(),
	omicall: new Omicall(),
	omicallTrigger: new OmicallTrigger(),
	omicallCallbotResultsTrigger: new OmicallCallbotResultsTrigger(),
};

/** A value as defined; functions as a mark only (a hook may be renamed or moved). */
function plain(value: unknown): unknown {
	return JSON.parse(
		JSON.stringify(value, (_key, inner: unknown) =>
			typeof inner === 'function' ? '[function]' : inner,
		),
	);
}

/** A property as defined, without displayOptions. */
function normalized(property: INodeProperties): unknown {
	const rest: Partial<INodeProperties> = { ...property };
	delete rest.displayOptions;
	return plain(rest);
}

type Snapshot = Record<
	string,
	{
		properties: unknown[];
		variants: Record<string, INodeParameters>;
	}
>;

function snapshotOf(type: string, nodeType: INodeType): { rest: unknown; operations: Snapshot } {
	const description = nodeType.description;
	const node: INode = {
		id: 'n',
		name: type,
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	/** The parameters a saved workflow with these values loads as (names in editor order). */
	const loaded = (values: INodeParameters) =>
		NodeHelpers.getNodeParameters(
			description.properties,
			values,
			true,
			false,
			node,
			description,
		) as INodeParameters;
	const displayed = (values: INodeParameters) => {
		const resolved = loaded(values);
		return description.properties.filter((property) =>
			NodeHelpers.displayParameter(resolved, property, node, description),
		);
	};
	const entry = (base: INodeParameters) => {
		const shown = displayed(base);
		const variants: Snapshot[string]['variants'] = { '': loaded(base) };
		for (const property of shown) {
			if (property.name === 'resource' || property.name === 'operation') continue;
			const values =
				property.type === 'boolean'
					? [true, false]
					: property.type === 'options' && Array.isArray(property.options)
						? (property.options as INodePropertyOptions[]).map((option) => option.value)
						: [];
			for (const value of values)
				variants[`${property.name}=${String(value)}`] = loaded({ ...base, [property.name]: value });
		}
		return { properties: shown.map(normalized), variants };
	};
	const operations: Snapshot = {};
	const resource = description.properties.find((property) => property.name === 'resource');
	if (!resource) operations[''] = entry({});
	for (const { value: resourceValue } of (resource?.options ?? []) as INodePropertyOptions[]) {
		const operation = description.properties.find(
			(property) =>
				property.name === 'operation' &&
				NodeHelpers.displayParameter({ resource: resourceValue }, property, node, description),
		)!;
		for (const { value: operationValue } of operation.options as INodePropertyOptions[]) {
			operations[`${String(resourceValue)}.${String(operationValue)}`] = entry({
				resource: resourceValue,
				operation: operationValue,
			} as INodeParameters);
		}
	}
	const rest: Partial<INodeTypeDescription> = { ...description };
	delete rest.properties;
	return { rest: plain(rest), operations };
}

for (const [type, nodeType] of Object.entries(NODES)) {
	describe(`${type} description: what each operation shows and loads`, () => {
		const fixture = join(__dirname, 'fixtures', `description-${type}.json`);
		const current = snapshotOf(type, nodeType);
		if (process.env.UPDATE_DESCRIPTION_SNAPSHOT === '1')
			writeFileSync(fixture, JSON.stringify(current) + '\n');
		const before = JSON.parse(readFileSync(fixture, 'utf8')) as typeof current;

		it('has the same node settings (name, credentials, webhooks, …)', () => {
			expect(current.rest).toEqual(before.rest);
		});

		it('has the same resources and operations', () => {
			expect(Object.keys(current.operations).sort()).toEqual(Object.keys(before.operations).sort());
		});

		for (const key of Object.keys(before.operations)) {
			describe(key || '(all)', () => {
				it('shows the same parameters, each defined the same (type, default, options, texts)', () => {
					const byName = (list: unknown[]) =>
						[...list].sort((a, b) =>
							JSON.stringify(a).localeCompare(JSON.stringify(b)),
						) as unknown[];
					expect(byName(current.operations[key]?.properties ?? [])).toEqual(
						byName(before.operations[key].properties),
					);
				});

				it('loads the same parameter names, in the same order, with the same defaults, for every option value', () => {
					const now = current.operations[key]?.variants ?? {};
					expect(Object.keys(now).sort()).toEqual(
						Object.keys(before.operations[key].variants).sort(),
					);
					for (const [variant, expected] of Object.entries(before.operations[key].variants)) {
						expect(now[variant], variant).toEqual(expected);
						// The editor's order of the fields.
						expect(Object.keys(now[variant]), variant).toEqual(Object.keys(expected));
					}
				});
			});
		}
	});
}

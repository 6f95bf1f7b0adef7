/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	NodeHelpers,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { NxCloudCallbot } from '../../nodes/NxCloudCallbot/NxCloudCallbot.node';

/**
 * What a user sees and what a saved workflow loads as, per resource and operation: the displayed
 * parameters (each property as defined, minus its displayOptions), and the parameters n8n fills in
 * with defaults on load (NodeHelpers.getNodeParameters), also with each displayed options or
 * boolean parameter set to each of its values (so fields shown only for e.g. Start = At a Scheduled
 * Time are covered). The fixture was taken from the description before entries were shared across
 * operations (commit e4df10f); regenerate it only for an intended change:
 * UPDATE_DESCRIPTION_SNAPSHOT=1 npx vitest run test/nxcloud/description-snapshot.test.ts
 */
const FIXTURE = join(__dirname, 'fixtures', 'description-snapshot.json');

const description = new NxCloudCallbot().description;
const node: INode = {
	id: 'n',
	name: 'NXCLOUD Callbot',
	type: 'nxCloudCallbot',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** A property as defined, without displayOptions; functions by name only. */
function normalized(property: INodeProperties): unknown {
	const rest: Partial<INodeProperties> = { ...property };
	delete rest.displayOptions;
	return JSON.parse(
		JSON.stringify(rest, (_key, value: unknown) =>
			typeof value === 'function' ? `[function ${(value as { name: string }).name}]` : value,
		),
	);
}

function displayed(values: INodeParameters): INodeProperties[] {
	const resolved = NodeHelpers.getNodeParameters(
		description.properties,
		values,
		true,
		false,
		node,
		description,
	) as INodeParameters;
	return description.properties.filter((property) =>
		NodeHelpers.displayParameter(resolved, property, node, description),
	);
}

/** The parameters a saved workflow with these values loads as (names in editor order). */
function loaded(values: INodeParameters): INodeParameters {
	return NodeHelpers.getNodeParameters(
		description.properties,
		values,
		true,
		false,
		node,
		description,
	) as INodeParameters;
}

type Snapshot = Record<
	string,
	{
		properties: unknown[];
		variants: Record<string, INodeParameters>;
	}
>;

function snapshot(): Snapshot {
	const result: Snapshot = {};
	const resource = description.properties.find((property) => property.name === 'resource')!;
	for (const { value: resourceValue } of resource.options as INodePropertyOptions[]) {
		const operation = description.properties.find(
			(property) =>
				property.name === 'operation' &&
				NodeHelpers.displayParameter({ resource: resourceValue }, property, node, description),
		)!;
		for (const { value: operationValue } of operation.options as INodePropertyOptions[]) {
			const base = { resource: resourceValue, operation: operationValue } as INodeParameters;
			const shown = displayed(base);
			const variants: Snapshot[string]['variants'] = { '': loaded(base) };
			for (const property of shown) {
				if (property.name === 'resource' || property.name === 'operation') continue;
				const values =
					property.type === 'boolean'
						? [true, false]
						: property.type === 'options'
							? (property.options as INodePropertyOptions[]).map((option) => option.value)
							: [];
				for (const value of values)
					variants[`${property.name}=${String(value)}`] = loaded({
						...base,
						[property.name]: value,
					});
			}
			result[`${String(resourceValue)}.${String(operationValue)}`] = {
				properties: shown.map(normalized),
				variants,
			};
		}
	}
	return result;
}

describe('NXCLOUD description: what each operation shows and loads', () => {
	const current = snapshot();
	if (process.env.UPDATE_DESCRIPTION_SNAPSHOT === '1')
		writeFileSync(FIXTURE, JSON.stringify(current) + '\n');
	const before = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Snapshot;

	it('has the same resources and operations', () => {
		expect(Object.keys(current).sort()).toEqual(Object.keys(before).sort());
	});

	for (const key of Object.keys(before)) {
		describe(key, () => {
			it('shows the same parameters, each defined the same (type, default, options, texts)', () => {
				const byName = (list: unknown[]) =>
					[...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) as unknown[];
				expect(byName(current[key]?.properties ?? [])).toEqual(byName(before[key].properties));
			});

			it('loads the same parameter names, in the same order, with the same defaults, for every option value', () => {
				expect(Object.keys(current[key]?.variants ?? {}).sort()).toEqual(
					Object.keys(before[key].variants).sort(),
				);
				for (const [variant, expected] of Object.entries(before[key].variants)) {
					const actual = current[key].variants[variant];
					expect(actual, variant).toEqual(expected);
					// The editor's order of the fields.
					expect(Object.keys(actual), variant).toEqual(Object.keys(expected));
				}
			});
		});
	}
});

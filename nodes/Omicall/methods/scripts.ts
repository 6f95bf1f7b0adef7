import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { omicallRequest } from '../transport/direct';

interface Script {
	id: string;
	name?: string;
	variables?: Array<{ field_name?: string; field_code?: string }>;
}

/** The tenant's scripts (`GET /api/call_bot/script/list`, not paginated). */
async function loadScripts(ctx: ILoadOptionsFunctions): Promise<Script[]> {
	const payload = await omicallRequest(ctx, 'GET', '/api/call_bot/script/list');
	return Array.isArray(payload) ? (payload as Script[]) : [];
}

/** Scripts for the Script list, filtered by name or ID. */
export async function searchScripts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const results = (await loadScripts(this))
		.filter(
			(script) => !needle || `${script.name ?? ''} ${script.id}`.toLowerCase().includes(needle),
		)
		.map((script) => ({ name: script.name || script.id, value: script.id }));
	return { results };
}

/** The variables of the selected script, for the Script Variables name dropdown. */
export async function getScriptVariables(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const selected = String(
		this.getCurrentNodeParameter('script', { extractValue: true }) ?? '',
	).trim();
	if (!selected) return [];
	const script = (await loadScripts(this)).find((candidate) => candidate.id === selected);
	return (script?.variables ?? [])
		.filter((variable) => variable.field_code)
		.map((variable) => ({
			name:
				variable.field_name && variable.field_name !== variable.field_code
					? `${variable.field_name} (${variable.field_code})`
					: String(variable.field_code),
			value: String(variable.field_code),
		}));
}

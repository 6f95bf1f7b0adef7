import {
	NodeApiError,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
	type INodePropertyOptions,
	type JsonObject,
} from 'n8n-workflow';
import { OMICALL_TIMEOUT } from '../transport/auth';
import { isOmicallSuccess, OMICALL_ERRORS, omicallErrorCode } from '../transport/errors';
import { requestOmicallWithTokenRetry } from '../transport/request';

interface Script {
	id: string;
	name?: string;
	variables?: Array<{ field_name?: string; field_code?: string }>;
}

async function loadScripts(ctx: ILoadOptionsFunctions): Promise<Script[]> {
	const credentials = await ctx.getCredentials('omicallApi');
	const { body } = await requestOmicallWithTokenRetry(ctx, {
		method: 'GET',
		baseURL: String(credentials.baseUrl).replace(/\/+$/, ''),
		url: '/api/call_bot/script/list',
		json: true,
		timeout: OMICALL_TIMEOUT.ms,
	});
	if (!isOmicallSuccess(body)) {
		const code = omicallErrorCode(body);
		throw new NodeApiError(ctx.getNode(), body as JsonObject, {
			message: `OMICall error ${code}${OMICALL_ERRORS[code] ? `: ${OMICALL_ERRORS[code]}` : ''}`,
		});
	}
	return Array.isArray(body.payload) ? (body.payload as Script[]) : [];
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

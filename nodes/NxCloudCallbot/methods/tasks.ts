import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { asText, REQUEST_TIMEOUT } from '../../shared/input';
import { PRODUCT_ID } from '../shared/constants';
import { taskStatusName } from '../resources/task/shared/statuses';
import { checkNxResponse } from '../transport/errors';
import { findRows } from '../transport/output';
import { PAGE_SIZE } from '../transport/pagination';
import { NXCLOUD_API } from '../transport/request';

/**
 * Pages of listTask one search may read when the typed text matches nothing on the first page
 * (NXCLOUD filters task IDs and names only by exact value, so the node filters each page itself).
 */
export const TASK_SEARCH_PAGES = { max: 10 };

async function listTaskPage(ctx: ILoadOptionsFunctions, page: number): Promise<IDataObject[]> {
	const credentials = await ctx.getCredentials('nxCloudCallbotApi');
	const answer = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'nxCloudCallbotApi', {
		method: 'POST',
		baseURL: String(credentials.baseUrl).replace(/\/+$/, ''),
		url: `${NXCLOUD_API}/listTask`,
		body: { productID: PRODUCT_ID, page, size: PAGE_SIZE, queryConditions: {} },
		json: true,
		timeout: REQUEST_TIMEOUT.ms,
	})) as unknown;
	const body = checkNxResponse(
		{ getNode: () => ctx.getNode(), getItemIndex: () => 0 },
		{ body: answer as IDataObject, headers: {}, statusCode: 200 },
	);
	return findRows(body, ['taskData', 'tasks', 'taskList']);
}

/** "Appointment reminders (crm-campaign-0001) · Running", or the ID alone when there is no name. */
function taskEntry(row: IDataObject): INodeListSearchItems {
	const id = asText(row.userTaskID);
	const name = asText(row.taskName);
	const status = taskStatusName(row.taskStatus);
	const label = name && name !== id ? `${name} (${id})` : id;
	return { name: status ? `${label} · ${status}` : label, value: id };
}

/**
 * The Task list of every Task ID field: listTask, 100 tasks a page, the next page as the pagination
 * token. Typed text keeps the tasks whose ID or name contains it (any case); when a page has none,
 * the following pages are read, up to TASK_SEARCH_PAGES.max in one search.
 */
export async function searchTasks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	let page = Number(paginationToken) || 1;
	const results: INodeListSearchItems[] = [];
	for (let read = 1; ; read++, page++) {
		const rows = await listTaskPage(this, page);
		for (const row of rows) {
			const entry = taskEntry(row);
			if (!entry.value) continue;
			const text = `${String(entry.value)} ${asText(row.taskName)}`.toLowerCase();
			if (!needle || text.includes(needle)) results.push(entry);
		}
		if (rows.length < PAGE_SIZE) return { results };
		if (results.length || read >= TASK_SEARCH_PAGES.max) {
			return { results, paginationToken: String(page + 1) };
		}
	}
}

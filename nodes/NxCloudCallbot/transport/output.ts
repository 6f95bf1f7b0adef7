import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	PostReceiveAction,
} from 'n8n-workflow';
import { payloadToItems } from '../../shared/response';
import { checkNxResponse, withoutEnvelope } from './errors';

type Select = (this: IExecuteSingleFunctions, body: IDataObject) => unknown;

/**
 * A postReceive that checks the NXCLOUD envelope (throwing a NodeApiError on failure) and outputs
 * the answer without its status fields; `select` picks or reshapes what becomes the items (an array
 * gives one item per element).
 */
export function nxOutput(select?: Select): PostReceiveAction {
	return async function (
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const body = withoutEnvelope(checkNxResponse(this, response));
		return payloadToItems(select ? select.call(this, body) : body);
	};
}

/** Keys that never hold the rows of a list answer. */
const NOT_ROWS = ['errList'];

/**
 * The rows of a list answer. The documented key comes first (`taskData`, `orderDetailList`…); the
 * keys of listCall and listOrder answers are not documented, so the usual names are tried, then
 * the only array in the answer, also one level down (e.g. `data.list`). An answer without rows
 * is an empty page.
 */
export function findRows(body: IDataObject, keys: string[]): IDataObject[] {
	const candidates = [...keys, 'list', 'rows', 'records', 'items', 'data'];
	for (const key of candidates) {
		if (Array.isArray(body[key])) return body[key] as IDataObject[];
	}
	const arrays = Object.entries(body).filter(
		([key, value]) => Array.isArray(value) && !NOT_ROWS.includes(key),
	);
	if (arrays.length === 1) return arrays[0][1] as IDataObject[];
	for (const key of ['data', 'result', 'page']) {
		const nested = body[key];
		if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
			const rows = findRows(nested as IDataObject, keys);
			if (rows.length) return rows;
		}
	}
	return [];
}

/** The rows of a list answer as items. */
export function rowsOutput(...keys: string[]): PostReceiveAction {
	return nxOutput((body) => findRows(body, keys));
}

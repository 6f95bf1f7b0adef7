import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	PostReceiveAction,
} from 'n8n-workflow';
import { payloadToItems } from '../../shared/response';
import { checkOmicallResponse } from './errors';

type Select = (this: IExecuteSingleFunctions, payload: unknown) => unknown;

/** The page fields (has_next, page_number…) of a list answer, by the items made from it. */
const pages = new WeakMap<INodeExecutionData[], IDataObject>();

/** The page fields of the answer these items came from (empty for an answer that is not a page). */
export function pageOf(items: INodeExecutionData[]): IDataObject {
	return pages.get(items) ?? {};
}

/**
 * A postReceive that checks the OMICall envelope (throwing a NodeApiError on failure) and outputs
 * the payload, not the envelope; `select` picks or reshapes what becomes the items.
 */
export function omicallOutput(select?: Select): PostReceiveAction {
	return async function (
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const body = checkOmicallResponse(this, response);
		const payload = body?.payload;
		const items = payloadToItems(select ? select.call(this, payload) : payload);
		if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
			const page = { ...(payload as IDataObject) };
			delete page.items;
			pages.set(items, page);
		}
		return items;
	};
}

/** The records of a list payload: `payload.items` of a paginated page, or a plain array. */
export function listItems(payload: unknown): unknown {
	if (Array.isArray(payload)) return payload;
	if (payload && typeof payload === 'object') {
		const items = (payload as IDataObject).items;
		if (Array.isArray(items)) return items;
		if (items === undefined || items === null) {
			// A page object without items (an empty page) or an unknown shape: keep what is there.
			return 'page_number' in payload || 'pageNumber' in payload ? [] : payload;
		}
	}
	return payload ?? [];
}

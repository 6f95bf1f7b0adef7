import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { pairedTo } from '../../transport/pagination';
import { sendOmicallRead } from '../../transport/rateLimit';
import { dateRangeFields } from './shared/dateRange';
import { sendList } from './shared/filters';
import { checkWindowCount, datesOf, HISTORY_WINDOW, narrower, withDates } from './shared/history';

const show = { resource: ['call'], operation: ['getReport'] };

export const callGetReportDescription: INodeProperties[] = [
	...dateRangeFields(show, false),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Agent Emails',
				name: 'agents',
				type: 'string',
				default: '',
				placeholder: 'e.g. agent.a@example.com',
				description: 'Only calls of these agents (comma-separated emails)',
				routing: sendList('query', 'agents'),
			},
			{
				displayName: 'Extension',
				name: 'sipUser',
				type: 'string',
				default: '',
				placeholder: 'e.g. 101',
				routing: { send: { type: 'query', property: 'sip_user' } },
			},
			{
				displayName: 'Hotlines',
				name: 'numbers',
				type: 'string',
				default: '',
				placeholder: 'e.g. 842899990338',
				description: 'Only calls on these hotline numbers (comma-separated)',
				routing: sendList('query', 'numbers'),
			},
		],
	},
];

/** Adds two report values: numbers are summed, `null` counts as nothing, lists by `_id`. */
export function sumReport(a: unknown, b: unknown): unknown {
	if (a === null || a === undefined) return b;
	if (b === null || b === undefined) return a;
	if (typeof a === 'number' && typeof b === 'number') return a + b;
	if (Array.isArray(a) && Array.isArray(b)) {
		const merged = a.map((entry) => entry as unknown);
		for (const entry of b) {
			const id = (entry as IDataObject)?._id;
			const index =
				id === undefined ? -1 : merged.findIndex((known) => (known as IDataObject)?._id === id);
			if (index >= 0) merged[index] = sumReport(merged[index], entry);
			else merged.push(entry);
		}
		return merged;
	}
	if (typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
		const sum: IDataObject = { ...(a as IDataObject) };
		for (const [key, value] of Object.entries(b as IDataObject)) {
			sum[key] = key === '_id' ? sum[key] : (sumReport(sum[key], value) as IDataObject[string]);
		}
		return sum;
	}
	// Text or flags: the first window's value.
	return a;
}

/** Get Report: one request per non-overlapping window of From..To, the counts added up. */
export async function sumReportWindows(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const dates = datesOf(requestData, 'qs');
	if (!dates) return pairedTo(this, await sendOmicallRead(this, requestData));
	checkWindowCount(this, dates.from, dates.to);
	let span = HISTORY_WINDOW.ms;
	let end = dates.to;
	let total: IDataObject | undefined;
	for (;;) {
		const start = Math.max(dates.from, end - span);
		let items: INodeExecutionData[];
		try {
			items = await sendOmicallRead(this, requestData, withDates(requestData, 'qs', start, end));
		} catch (error) {
			span = narrower(this, span, error);
			continue;
		}
		for (const item of items) total = sumReport(total, item.json) as IDataObject;
		if (start <= dates.from) return pairedTo(this, total ? [{ json: total }] : []);
		end = start - 1;
	}
}

import type {
	IDisplayOptions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { inputError, toEpochMs } from '../../../../shared/input';

export function dateRangeFields(
	show: IDisplayOptions['show'],
	required: boolean,
): INodeProperties[] {
	return [
		{
			displayName: 'From',
			name: 'fromDate',
			type: 'dateTime',
			required,
			default: '',
			description: `Start of the period (sent as from_date in milliseconds)${required ? '' : '. Optional.'}`,
			displayOptions: { show },
		},
		{
			displayName: 'To',
			name: 'toDate',
			type: 'dateTime',
			required,
			default: '',
			description: `End of the period (sent as to_date in milliseconds)${required ? '. Any length: the node reads longer periods than OMICall accepts in windows of 30 days.' : '. Optional. With From, any length: the node adds up 30-day windows.'}`,
			displayOptions: { show },
		},
	];
}

/**
 * A preSend that checks From/To and sends them as Unix milliseconds: both required when `required`,
 * To not before From. Any length: the operations' pagination functions (history.ts) split a period
 * into windows OMICall accepts.
 */
export function sendDateRange(target: 'qs' | 'body', required: boolean) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const timeZone = this.getTimezone();
		const fix =
			'Pick a date and time, or give a Unix timestamp in milliseconds with an expression.';
		const read = (name: string, label: string) => {
			const raw = this.getNodeParameter(name, '') as unknown;
			if (raw === '' || raw === undefined || raw === null) {
				if (required)
					inputError(this, label, 'is empty', `${label} is required by OMICall. ${fix}`);
				return undefined;
			}
			const ms = toEpochMs(raw, timeZone);
			if (ms === undefined) inputError(this, label, `"${String(raw)}" is not a date`, fix);
			return ms;
		};
		const from = read('fromDate', 'From');
		const to = read('toDate', 'To');
		if (from !== undefined && to !== undefined) {
			if (to < from)
				inputError(this, 'To', 'is before From', 'Swap the dates, or move To after From.');
		}
		const dates: Record<string, number> = {};
		if (from !== undefined) dates.from_date = from;
		if (to !== undefined) dates.to_date = to;
		if (target === 'qs')
			return { ...requestOptions, qs: { ...(requestOptions.qs ?? {}), ...dates } };
		const body =
			typeof requestOptions.body === 'object' && requestOptions.body ? requestOptions.body : {};
		return { ...requestOptions, body: { ...body, ...dates } };
	};
}

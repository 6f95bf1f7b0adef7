import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { asText, inputError } from '../../../../shared/input';
import { splitList } from '../../../../shared/lists';
import { directionOptions } from './filters';
import { CALL_RECORD_FIELDS } from './simplify';

/**
 * The request body of the v2 and v3 call-history searches (OMICall section 4.6): camelCase filters,
 * dates in Unix milliseconds. Their full schemas are not documented; the keys are those the
 * reference lists (v3: from third-party code).
 */

/**
 * Record fields kept by Simplify: those of the v1 call records, in both spellings (the casing of
 * v2 and v3 records is not documented).
 */
export const SIMPLE_CALL_FIELDS = [
	...CALL_RECORD_FIELDS,
	...CALL_RECORD_FIELDS.filter((field) => field.includes('_') && !field.includes('.')).map(
		(field) => field.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase()),
	),
];

export function searchDateFields(show: IDisplayOptions['show']): INodeProperties[] {
	return ['From', 'To'].map((label) => ({
		displayName: label,
		name: label === 'From' ? 'fromDate' : 'toDate',
		type: 'dateTime' as const,
		required: true,
		default: '',
		description: `${label === 'From' ? 'Start' : 'End'} of the period (sent as ${label === 'From' ? 'fromDate' : 'toDate'} in milliseconds)`,
		displayOptions: { show },
	}));
}

type Version = 'v2' | 'v3';

export function searchFilters(show: IDisplayOptions['show'], version: Version): INodeProperties {
	const listFilter = (displayName: string, name: string, placeholder: string, what: string) => ({
		displayName,
		name,
		type: 'string' as const,
		default: '',
		placeholder,
		description: `Only calls of these ${what} (comma-separated)`,
	});
	const options: INodeProperties[] = [
		{
			displayName: 'Answered',
			name: 'isAnswer',
			type: 'options',
			default: 'any',
			options: [
				{ name: 'Any', value: 'any' },
				{ name: 'Answered Only', value: 'true' },
				{ name: 'Not Answered Only', value: 'false' },
			],
		},
		{
			displayName: 'Direction',
			name: 'directions',
			type: 'multiOptions',
			default: [],
			options: directionOptions,
		},
		listFilter('Extensions', 'sipUsers', 'e.g. 101, 102', 'agent extensions'),
		{
			displayName: 'Keyword',
			name: 'keyword',
			type: 'string',
			default: '',
			placeholder: 'e.g. 0395187319',
		},
	];
	if (version === 'v3') {
		options.push(listFilter('Agent IDs', 'agentIds', 'e.g. 64915bc76a690c0edad14723', 'agents'));
	} else {
		options.push(
			listFilter('Hotlines', 'sipNumbers', 'e.g. 842899990338', 'hotline numbers'),
			listFilter('Phone Numbers', 'phoneNumbers', 'e.g. 0395187319', 'customer numbers'),
			listFilter(
				'Call IDs',
				'transactionIds',
				'e.g. 2159f8d9-5a6e-440f-8995-8d0f55c1a1b2',
				'calls',
			),
			listFilter('Agent Emails', 'agentEmails', 'e.g. agent@example.com', 'agents'),
		);
	}
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

const LISTS = [
	'sipUsers',
	'agentIds',
	'sipNumbers',
	'phoneNumbers',
	'transactionIds',
	'agentEmails',
];

/** The filters as OMICall takes them (dates from `sendDateRange`, which runs before). */
function filterOf(ctx: IExecuteSingleFunctions, body: IDataObject): IDataObject {
	const filters = ctx.getNodeParameter('filters', {}) as IDataObject;
	const filter: IDataObject = { fromDate: body.from_date, toDate: body.to_date };
	for (const [name, value] of Object.entries(filters)) {
		if (LISTS.includes(name)) {
			const list = splitList(value);
			if (list.length) filter[name] = list;
		} else if (name === 'directions') {
			const list = (Array.isArray(value) ? value : splitList(value)).map(asText);
			if (list.some((entry) => !directionOptions.some((option) => option.value === entry)))
				inputError(
					ctx,
					'Direction',
					'holds an unknown direction',
					'Use inbound, outbound or local.',
				);
			if (list.length) filter.directions = list;
		} else if (name === 'isAnswer') {
			if (value !== 'any') filter.isAnswer = String(value) === 'true';
		} else if (name === 'keyword') {
			const keyword = asText(value);
			if (keyword) filter.keyword = keyword;
		}
	}
	return filter;
}

/** v3: `{filter, sort}`. */
export async function sendSearchV3Body(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = (requestOptions.body ?? {}) as IDataObject;
	const sort = this.getNodeParameter('sort', {}) as IDataObject;
	return {
		...requestOptions,
		body: {
			filter: filterOf(this, body),
			sort: {
				field: sort.field === 'time_start_call' ? 'time_start_call' : 'created_date',
				isAsc: sort.ascending === true,
			},
		},
	};
}

/** v2: the filters flat in the body. */
export async function sendSearchV2Body(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return { ...requestOptions, body: filterOf(this, (requestOptions.body ?? {}) as IDataObject) };
}

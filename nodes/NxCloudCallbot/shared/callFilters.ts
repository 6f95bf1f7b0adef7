import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { inputError } from '../../shared/input';
import { splitList } from '../../shared/lists';
import { filterSeconds, integerList } from './checks';
import { PRODUCT_ID } from './constants';
import { requiredTaskId } from './ids';
import { firstPage } from '../transport/pagination';

/**
 * The `options` filters of listCall and listOrder. listOrder takes order IDs and the "finished"
 * filter instead of call IDs and the time range (NXCLOUD pages Callbot-API-callList and Callbot-API-orderList).
 */
export function callFilterFields(
	show: IDisplayOptions['show'],
	kind: 'call' | 'order',
): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Call Duration Longer Than (Seconds)',
			name: 'durationMin',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Only calls that lasted longer than this (callDuration.gt). 0 means no lower bound.',
		},
		{
			displayName: 'Call Duration Shorter Than (Seconds)',
			name: 'durationMax',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Only calls that lasted less than this (callDuration.lt). 0 means no upper bound.',
		},
		{
			displayName: 'Call Statuses',
			name: 'callStatuses',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1, 2',
			description:
				'Only calls with these status codes (callStatus; comma-separated). NXCLOUD does not document the codes.',
		},
		{
			displayName: 'Intent IDs',
			name: 'intentIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. I1, I2',
			description:
				'Only calls tagged with these intents of the script template (intentID; comma-separated)',
		},
		{
			displayName: 'Intent Levels',
			name: 'intentLevels',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1, 2',
			description:
				'Only calls with these intent levels (intentLevel; comma-separated whole numbers)',
		},
		{
			displayName: 'Intent Names',
			name: 'intentNames',
			type: 'string',
			default: '',
			placeholder: 'e.g. interested',
			description: 'Only calls tagged with these intent names (intentName; comma-separated)',
		},
		{
			displayName: 'Intent Tags',
			name: 'intentTags',
			type: 'string',
			default: '',
			placeholder: 'e.g. vip',
			description: 'Only calls with these custom intent tags (intentTag; comma-separated)',
		},
		{
			displayName: 'Turns Fewer Than',
			name: 'turnsMax',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Only calls with fewer dialogue turns than this (turnTime.lt). 0 means no upper bound.',
		},
		{
			displayName: 'Turns More Than',
			name: 'turnsMin',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Only calls with more dialogue turns than this (turnTime.gt). 0 means no lower bound.',
		},
	];
	if (kind === 'call') {
		options.push(
			{
				displayName: 'Call IDs',
				name: 'callIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. c-1001, c-1002',
				description: 'Only these calls (callID; comma-separated)',
			},
			{
				displayName: 'Started After',
				name: 'startedAfter',
				type: 'dateTime',
				default: '',
				description: "Only calls from this time on (startTs), read in the workflow's time zone",
			},
			{
				displayName: 'Started Before',
				name: 'startedBefore',
				type: 'dateTime',
				default: '',
				description: "Only calls up to this time (endTs), read in the workflow's time zone",
			},
		);
	} else {
		options.push(
			{
				displayName: 'Completion',
				name: 'finish',
				type: 'options',
				default: 1,
				options: [
					{ name: 'Finished Orders', value: 1 },
					{ name: 'Unfinished Orders', value: 0 },
				],
				description:
					'Only orders that will get no more calls, or only those still in progress (finish; the values are not documented by NXCLOUD: 1 is assumed to mean finished)',
			},
			{
				displayName: 'Order IDs',
				name: 'orderIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. crm-order-0001, crm-order-0002',
				description: 'Only these orders (orderID; comma-separated)',
			},
		);
	}
	options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options,
	};
}

function range(min: unknown, max: unknown): IDataObject | undefined {
	const gt = Number(min) || 0;
	const lt = Number(max) || 0;
	if (!gt && !lt) return undefined;
	return { gt, lt, enable: true };
}

/** The `options` object of listCall / listOrder from the Filters collection (unset filters left out). */
export function buildCallOptions(
	ctx: IExecuteSingleFunctions,
	kind: 'call' | 'order',
): IDataObject {
	const filters = ctx.getNodeParameter('filters', {}) as IDataObject;
	const options: IDataObject = {};
	const lists: Array<[string, string]> = [
		['intentIds', 'intentID'],
		['intentNames', 'intentName'],
		['intentTags', 'intentTag'],
		[kind === 'call' ? 'callIds' : 'orderIds', kind === 'call' ? 'callID' : 'orderID'],
	];
	for (const [field, key] of lists) {
		const values = splitList(filters[field]);
		if (values.length) options[key] = values;
	}
	const levels = integerList(ctx, filters.intentLevels, 'Intent Levels');
	if (levels.length) options.intentLevel = levels;
	const statuses = integerList(ctx, filters.callStatuses, 'Call Statuses');
	if (statuses.length) options.callStatus = statuses;
	const turnTime = range(filters.turnsMin, filters.turnsMax);
	if (turnTime) options.turnTime = turnTime;
	const callDuration = range(filters.durationMin, filters.durationMax);
	if (callDuration) options.callDuration = callDuration;
	if (kind === 'order' && filters.finish !== undefined && filters.finish !== '') {
		options.finish = Number(filters.finish);
	}
	if (kind === 'call') {
		const startTs = filterSeconds(ctx, filters.startedAfter, 'Started After');
		const endTs = filterSeconds(ctx, filters.startedBefore, 'Started Before');
		if (startTs !== undefined) options.startTs = startTs;
		if (endTs !== undefined) options.endTs = endTs;
		if (startTs !== undefined && endTs !== undefined && endTs < startTs) {
			inputError(ctx, 'Started Before', 'is earlier than Started After', 'Swap the two dates.');
		}
	}
	return options;
}

/** preSend of listCall ('call': every call attempt) and listOrder ('order': each order's last call). */
export function prepareCallList(kind: 'call' | 'order') {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const userTaskID = requiredTaskId(this);
		return {
			...requestOptions,
			body: {
				productID: PRODUCT_ID,
				userTaskID,
				options: buildCallOptions(this, kind),
				...firstPage(this),
			},
		};
	};
}

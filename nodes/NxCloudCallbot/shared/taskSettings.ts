import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { asText, inputError, toEpochMs, zoneOffsetMinutes } from '../../shared/input';
import { callbackUrl, checkedId, idList, splitList } from './descriptions';

/**
 * Task settings (`taskCreateSetting`, `funcFlag`) of createAndCall, createTask and updateTask, in
 * inputs a person can fill without the vendor docs: weekdays, time ranges, a time zone, a start
 * mode with a date picker. The converters turn them into the API's fields.
 */

// ------------------------------------------------------------------ weekdays

const WEEKDAYS: Array<{ name: string; value: number; aliases: string[] }> = [
	{ name: 'Monday', value: 1, aliases: ['mon', 'monday', 't2'] },
	{ name: 'Tuesday', value: 2, aliases: ['tue', 'tues', 'tuesday', 't3'] },
	{ name: 'Wednesday', value: 3, aliases: ['wed', 'wednesday', 't4'] },
	{ name: 'Thursday', value: 4, aliases: ['thu', 'thur', 'thurs', 'thursday', 't5'] },
	{ name: 'Friday', value: 5, aliases: ['fri', 'friday', 't6'] },
	{ name: 'Saturday', value: 6, aliases: ['sat', 'saturday', 't7'] },
	{ name: 'Sunday', value: 7, aliases: ['sun', 'sunday', 'cn'] },
];

/**
 * `dialAtWeekDay`: "1,2,…" with 1 = Monday … 7 = Sunday. Takes the multi-select's values, or from an
 * expression numbers (0 is read as Sunday) or English day names, as an array or comma-separated.
 */
export function toDialAtWeekDay(ctx: IExecuteSingleFunctions, value: unknown): string {
	const days = new Set<number>();
	for (const part of splitList(value)) {
		const lower = part.toLowerCase();
		const byName = WEEKDAYS.find((day) => day.aliases.includes(lower));
		const number = /^\d$/.test(part) ? Number(part) : undefined;
		const day = byName?.value ?? (number === 0 ? 7 : number);
		if (day === undefined || day < 1 || day > 7) {
			inputError(
				ctx,
				'Dialing Days',
				`contain "${part}", which is not a weekday`,
				'Choose days from the list (or use 1 = Monday … 7 = Sunday).',
			);
		}
		days.add(day);
	}
	if (!days.size)
		inputError(
			ctx,
			'Dialing Days',
			'is empty',
			'Choose at least one day on which the robot may call.',
		);
	return [...days].sort((a, b) => a - b).join(',');
}

// ------------------------------------------------------------------ hours

function halfHourOptions(from: number, to: number): INodePropertyOptions[] {
	const options: INodePropertyOptions[] = [];
	for (let slot = from; slot <= to; slot++) {
		const text = `${String(Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}`;
		options.push({ name: text, value: text });
	}
	return options;
}

/** Minutes after midnight of "HH:mm" (or "H", "H:mm", "HHmm"), on a full or half hour; 24:00 allowed. */
function halfHourSlot(ctx: IExecuteSingleFunctions, value: unknown, label: string): number {
	const text = asText(value);
	const match = /^(\d{1,2})(?:[:.h]?(\d{2}))?$/.exec(text);
	const hours = match ? Number(match[1]) : NaN;
	const minutes = match?.[2] ? Number(match[2]) : 0;
	if (
		!match ||
		hours > 24 ||
		(minutes !== 0 && minutes !== 30) ||
		(hours === 24 && minutes !== 0)
	) {
		inputError(
			ctx,
			label,
			`"${text}" is not a time on the full or half hour`,
			'NXCLOUD dials in half-hour steps: use times like 08:00 or 13:30.',
		);
	}
	return hours * 2 + (minutes === 30 ? 1 : 0);
}

export interface DialHours {
	dialAtUpHour: string;
	dialAtDownHour: string;
}

/**
 * `dialAtUpHour` / `dialAtDownHour` from time ranges. The API allows dialing per half hour: hour h in
 * dialAtUpHour allows h:00–h:30, in dialAtDownHour h:30–(h+1):00. A range from 09:30 to 11:00 gives
 * down 9, up 10, down 10. A range that ends before it starts runs over midnight.
 */
export function toDialHours(ctx: IExecuteSingleFunctions, ranges: unknown): DialHours {
	const list = Array.isArray(ranges) ? ranges : [];
	const slots = new Set<number>();
	list.forEach((range: IDataObject, index) => {
		const label = `Dialing Hours range ${index + 1}`;
		const from = halfHourSlot(ctx, range?.from, `${label} start`);
		const to = halfHourSlot(ctx, range?.to, `${label} end`);
		if (from === to) {
			inputError(
				ctx,
				label,
				`starts and ends at ${asText(range.from)}`,
				'Enter a range of at least half an hour, e.g. 08:00 to 12:00.',
			);
		}
		const end = to > from ? to : to + 48;
		for (let slot = from; slot < end; slot++) slots.add(slot % 48);
	});
	if (!slots.size) {
		inputError(
			ctx,
			'Dialing Hours',
			'is empty',
			'Add at least one time range in which the robot may call, e.g. 08:00 to 17:00.',
		);
	}
	const sorted = [...slots].sort((a, b) => a - b);
	return {
		dialAtUpHour: sorted
			.filter((slot) => slot % 2 === 0)
			.map((slot) => slot / 2)
			.join(','),
		dialAtDownHour: sorted
			.filter((slot) => slot % 2 === 1)
			.map((slot) => (slot - 1) / 2)
			.join(','),
	};
}

// ------------------------------------------------------------------ time zone

const FIXED_OFFSETS = [
	'-12:00',
	'-11:00',
	'-10:00',
	'-09:30',
	'-09:00',
	'-08:00',
	'-07:00',
	'-06:00',
	'-05:00',
	'-04:00',
	'-03:30',
	'-03:00',
	'-02:00',
	'-01:00',
	'+00:00',
	'+01:00',
	'+02:00',
	'+03:00',
	'+03:30',
	'+04:00',
	'+04:30',
	'+05:00',
	'+05:30',
	'+05:45',
	'+06:00',
	'+06:30',
	'+07:00',
	'+08:00',
	'+08:45',
	'+09:00',
	'+09:30',
	'+10:00',
	'+10:30',
	'+11:00',
	'+12:00',
	'+12:45',
	'+13:00',
	'+14:00',
];

/**
 * Time zones offered in the list, labelled by country. The list is fixed (not read from the runtime's
 * ICU data, which differs between Node versions and spells some zones the old way, e.g. Asia/Saigon
 * for Asia/Ho_Chi_Minh); any other IANA zone works from an expression.
 */
const ZONES: Array<[string, string]> = [
	['Vietnam', 'Asia/Ho_Chi_Minh'],
	['Thailand', 'Asia/Bangkok'],
	['Cambodia', 'Asia/Phnom_Penh'],
	['Laos', 'Asia/Vientiane'],
	['Myanmar', 'Asia/Yangon'],
	['Indonesia (West)', 'Asia/Jakarta'],
	['Indonesia (Central)', 'Asia/Makassar'],
	['Indonesia (East)', 'Asia/Jayapura'],
	['Malaysia', 'Asia/Kuala_Lumpur'],
	['Singapore', 'Asia/Singapore'],
	['Philippines', 'Asia/Manila'],
	['China', 'Asia/Shanghai'],
	['Hong Kong', 'Asia/Hong_Kong'],
	['Taiwan', 'Asia/Taipei'],
	['Korea', 'Asia/Seoul'],
	['Japan', 'Asia/Tokyo'],
	['India', 'Asia/Kolkata'],
	['Bangladesh', 'Asia/Dhaka'],
	['Pakistan', 'Asia/Karachi'],
	['Nepal', 'Asia/Kathmandu'],
	['Sri Lanka', 'Asia/Colombo'],
	['United Arab Emirates', 'Asia/Dubai'],
	['Saudi Arabia', 'Asia/Riyadh'],
	['Australia (Sydney)', 'Australia/Sydney'],
	['Australia (Perth)', 'Australia/Perth'],
	['New Zealand', 'Pacific/Auckland'],
	['United Kingdom', 'Europe/London'],
	['Germany', 'Europe/Berlin'],
	['Russia (Moscow)', 'Europe/Moscow'],
	['Nigeria', 'Africa/Lagos'],
	['Kenya', 'Africa/Nairobi'],
	['Brazil (São Paulo)', 'America/Sao_Paulo'],
	['Mexico', 'America/Mexico_City'],
	['United States (Eastern)', 'America/New_York'],
	['United States (Central)', 'America/Chicago'],
	['United States (Pacific)', 'America/Los_Angeles'],
	['UTC', 'UTC'],
];

export const timeZoneOptions: INodePropertyOptions[] = [
	{ name: 'Workflow Time Zone', value: 'workflow' },
	...FIXED_OFFSETS.map((offset) => ({
		name: `UTC${offset} (Fixed Offset)`,
		value: `UTC${offset}`,
	})),
	...ZONES.map(([country, zone]) => ({ name: `${country} (${zone})`, value: zone })),
];

/**
 * `zoneSecond`: the task time zone as seconds east of UTC. Takes "workflow" (the workflow's time
 * zone), an IANA zone (its offset at `instant`, i.e. the task's start: a zone with daylight saving
 * time keeps that offset for the task's life), a fixed offset ("UTC+07:00", "+7", "GMT-3:30"), or
 * a number of hours (up to ±14) or seconds.
 */
export function toZoneSecond(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	instant: number,
): number {
	const text = asText(value) || 'workflow';
	let seconds: number | undefined;
	const fixed = /^(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
	if (/^(?:UTC|GMT|Z)$/i.test(text)) seconds = 0;
	else if (fixed) {
		seconds = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 3600 + Number(fixed[3] ?? 0) * 60);
	} else if (/^-?\d+$/.test(text)) {
		const number = Number(text);
		seconds = Math.abs(number) <= 14 ? number * 3600 : number;
	} else {
		const zone = text === 'workflow' ? ctx.getTimezone() : text;
		try {
			seconds = zoneOffsetMinutes(zone, instant) * 60;
		} catch {
			seconds = undefined;
		}
	}
	if (
		seconds === undefined ||
		!Number.isFinite(seconds) ||
		seconds < -12 * 3600 ||
		seconds > 14 * 3600
	) {
		inputError(
			ctx,
			'Time Zone',
			`"${text}" is not a time zone`,
			'Choose a time zone from the list, or enter an offset such as UTC+07:00.',
		);
	}
	return seconds;
}

// ------------------------------------------------------------------ fields

export const START_MODES: Record<string, number> = { manual: 1, scheduled: 2, immediately: 3 };

export type SettingsMode = 'createAndCall' | 'create' | 'update';

/**
 * The task settings fields of Create and Call, Create and Update, one entry per parameter name
 * wherever the three operations define it the same way (name, type, default, options, texts): n8n's
 * routing engine resolves a parameter's value once per description entry with its name, per item,
 * before checking whether the entry is displayed, so three copies cost three resolutions on every
 * item. Script Template ID (required except in Update) and Start (a task created without numbers
 * starts manually) differ, so each has two entries. Every operation sees the fields in the same
 * order as before.
 */
export function taskSettingsFields(): INodeProperties[] {
	const all = { resource: ['task'], operation: ['createAndCall', 'create', 'update'] };
	const creating = { resource: ['task'], operation: ['createAndCall', 'create'] };
	const update = { resource: ['task'], operation: ['update'] };
	const createAndCall = { resource: ['task'], operation: ['createAndCall'] };
	const createOrUpdate = { resource: ['task'], operation: ['create', 'update'] };
	const sceneFields: INodeProperties[] = [
		{
			displayName: 'Script Template ID',
			name: 'sceneId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 1234',
			description:
				'The script template (sceneID) the robot runs: NXCLOUD platform → Script Management → the template',
			displayOptions: { show: creating },
		},
		{
			displayName: 'Script Template ID',
			name: 'sceneId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1234',
			description: 'The script template (sceneID) to run. Leave empty to keep the current one.',
			displayOptions: { show: update },
		},
	];
	const startField: INodeProperties = {
		displayName: 'Start',
		name: 'startMode',
		type: 'options',
		default: 'immediately',
		description: 'When the task starts dialing (startupType)',
		options: [
			{ name: 'Immediately', value: 'immediately' },
			{ name: 'Manually', value: 'manual', description: 'Start it later, e.g. with Task → Start' },
			{ name: 'At a Scheduled Time', value: 'scheduled' },
		],
		displayOptions: { show: createAndCall },
	};
	return [
		...sceneFields,
		{
			displayName: 'Task Name',
			name: 'taskName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Appointment reminders May',
			displayOptions: { show: all },
		},
		{
			displayName: 'Route ID',
			name: 'routeId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 10086',
			description:
				'The line (route) that places the calls (routeID), as shown in the NXCLOUD platform',
			displayOptions: { show: all },
		},
		{
			displayName: 'Dialing Strategy',
			name: 'strategyName',
			type: 'string',
			required: true,
			default: '默认策略',
			placeholder: 'e.g. 默认策略',
			description:
				'Name of the dialing strategy (strategyName): NXCLOUD platform → Script Management → the script → Dialing strategy. "默认策略" (the default strategy) always exists.',
			displayOptions: { show: all },
		},
		{
			displayName: 'Robots',
			name: 'maxCall',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: 'How many robots call at the same time (maxCall)',
			displayOptions: { show: all },
		},
		{
			displayName: 'Max Ring Time (Seconds)',
			name: 'maxRingTime',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description: 'How long a number may ring before the call is given up (maxRingTime)',
			displayOptions: { show: all },
		},
		// A task created without numbers waits for them: it starts manually unless told otherwise.
		startField,
		{ ...startField, default: 'manual', displayOptions: { show: createOrUpdate } },
		{
			displayName: 'Start At',
			name: 'startAt',
			type: 'dateTime',
			required: true,
			default: '',
			description: "When the task starts (startupAt), read in the workflow's time zone",
			displayOptions: { show: { ...all, startMode: ['scheduled'] } },
		},
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'options',
			default: 'workflow',
			description:
				"Time zone of the dialing days and hours (zoneSecond). Another IANA zone works from an expression, e.g. {{ 'Asia/Almaty' }}. A zone with daylight saving time is sent as its offset at the task's start.",
			options: timeZoneOptions,
			displayOptions: { show: all },
		},
		{
			displayName: 'Dialing Days',
			name: 'dialingDays',
			type: 'multiOptions',
			options: WEEKDAYS.map(({ name, value }) => ({ name, value })),
			default: [1, 2, 3, 4, 5],
			description: 'Days on which the robot may call (dialAtWeekDay)',
			displayOptions: { show: all },
		},
		{
			displayName: 'Dialing Hours',
			name: 'dialingHours',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Time Range',
			default: { range: [{ from: '08:00', to: '17:00' }] },
			description:
				'Times of day in which the robot may call, in half-hour steps (dialAtUpHour / dialAtDownHour). A range that ends before it starts runs over midnight.',
			displayOptions: { show: all },
			options: [
				{
					displayName: 'Time Range',
					name: 'range',
					values: [
						{
							displayName: 'From',
							name: 'from',
							type: 'options',
							options: halfHourOptions(0, 47),
							default: '08:00',
						},
						{
							displayName: 'To',
							name: 'to',
							type: 'options',
							options: halfHourOptions(1, 48),
							default: '17:00',
						},
					],
				},
			],
		},
		{
			displayName: 'Task Callback URL',
			name: 'taskCallbackUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://n8n.example.com/webhook/nxcloud/task',
			description:
				"Where NXCLOUD posts the task's status changes (taskCallbackUrl), e.g. the URL of an NXCLOUD Callbot Trigger. Leave empty for no task callbacks.",
			displayOptions: { show: all },
		},
	];
}

/** Options of the task features (`funcFlag`) and agent transfer (`manualCallSetting`). */
export const taskFeatureOptions: INodeProperties[] = [
	{
		displayName: 'Keep Task Alive',
		name: 'taskKeep',
		type: 'boolean',
		default: false,
		description:
			'Whether the task stays open when it has no numbers left, so numbers can be added later (taskKeep)',
	},
	{
		displayName: 'Mask Phone Numbers',
		name: 'phoneEncrypt',
		type: 'boolean',
		default: false,
		description: 'Whether the NXCLOUD platform shows the numbers masked (phoneEncrypt)',
	},
	{
		displayName: 'Redial Unanswered Calls',
		name: 'roundRedial',
		type: 'boolean',
		default: false,
		description: 'Whether an unanswered call is redialed once within the same round (roundRedial)',
	},
	{
		displayName: 'SMS by Intent',
		name: 'sms',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add SMS Rule',
		default: {},
		description:
			'Send an SMS template when an order ends with one of these intents (smsEnable, smsFuncFlag). Needs the SMS service and an appKey set up with NXCLOUD. A later rule overrides an earlier one for the same intent.',
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{
						displayName: 'SMS Template ID',
						name: 'smsId',
						type: 'string',
						default: '',
						placeholder: 'e.g. 2001',
					},
					{
						displayName: 'Intent IDs',
						name: 'intentIds',
						type: 'string',
						default: '',
						placeholder: 'e.g. I1, I2',
						description: 'Intent IDs that trigger the SMS (comma-separated)',
					},
					{
						displayName: 'Intent Names',
						name: 'intentNames',
						type: 'string',
						default: '',
						placeholder: 'e.g. interested, call back later',
						description: 'Intent names that trigger the SMS (comma-separated; same effect as IDs)',
					},
				],
			},
		],
	},
	{
		displayName: 'Transfer to Agent',
		name: 'agentTransfer',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Agent Transfer',
		description: 'Hand calls to human agents (manualCallSetting). Only for AICC script templates.',
		options: [
			{
				displayName: 'Settings',
				name: 'settings',
				values: [
					{
						displayName: 'Agent Group ID',
						name: 'agentGroup',
						type: 'string',
						default: '',
						placeholder: 'e.g. G0001',
					},
					{
						displayName: 'Dialing Mode',
						name: 'dispatchType',
						type: 'options',
						default: 0,
						options: [
							{ name: 'None', value: 0 },
							{ name: 'Predictive Dialing 2.0', value: 3 },
							{ name: 'Ratio Dialing', value: 1 },
						],
						description: 'Outbound mode (dispatchType)',
					},
					{
						displayName: 'Agent Call Ratio',
						name: 'ratioCallRate',
						type: 'number',
						typeOptions: { numberPrecision: 2 },
						default: 1,
						description: 'Calls per agent in ratio dialing (ratioCallRate)',
					},
					{
						displayName: 'Predictive Call Ratio',
						name: 'predictCallRate',
						type: 'number',
						typeOptions: { numberPrecision: 2 },
						default: 1,
						description: 'Call ratio in predictive dialing (predictCallRate)',
					},
				],
			},
		],
	},
	{
		displayName: 'Whole-Sentence Speech',
		name: 'wholeTTS',
		type: 'boolean',
		default: true,
		description:
			'Whether sentences with variables are synthesized as a whole (wholeTTS). NXCLOUD requires it when the script uses variables.',
	},
];

// ------------------------------------------------------------------ builders

/**
 * Whether a date text's fields are a real calendar date and time ("2025-02-30", month 13 or hour 25
 * would otherwise roll over into another date). Texts not in the ISO form pass (checked later).
 */
function isRealDate(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
	if (!match) return true;
	const [, y, mo, d, h = '0', mi = '0', sec = '0'] = match;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return (
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysInMonth &&
		Number(h) <= 23 &&
		Number(mi) <= 59 &&
		Number(sec) <= 59
	);
}

/**
 * Unix seconds of the scheduled start, or 0 when the task does not start on a schedule. A date that
 * does not exist, or a time already past, is refused (the error shows the time and the current time).
 */
function startupAt(ctx: IExecuteSingleFunctions, startMode: string): number {
	if (startMode !== 'scheduled') return 0;
	const value = ctx.getNodeParameter('startAt', '') as unknown;
	const text = typeof value === 'string' ? value.trim() : '';
	const millis = text && !isRealDate(text) ? undefined : toEpochMs(value, ctx.getTimezone());
	if (millis === undefined || !Number.isFinite(millis)) {
		const problem = asText(value) ? `"${asText(value)}" is not a date` : 'is empty';
		inputError(ctx, 'Start At', problem, 'Pick the date and time at which the task starts.');
	}
	const now = Date.now();
	if (millis <= now) {
		inputError(
			ctx,
			'Start At',
			`${new Date(millis).toISOString()} is in the past (now it is ${new Date(now).toISOString()})`,
			'Pick a time in the future, or set Start to Immediately.',
		);
	}
	return Math.floor(millis / 1000);
}

/** A transfer-to-agent number: dispatchType one of 0/1/3, a call ratio a positive number. */
function transferNumber(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	allowed?: number[],
): number {
	const number = typeof value === 'number' ? value : Number(asText(value));
	const valid =
		asText(value) !== '' &&
		Number.isFinite(number) &&
		(allowed ? allowed.includes(number) : number > 0);
	if (!valid) {
		inputError(
			ctx,
			`Transfer to Agent: ${label}`,
			`"${asText(value)}" is not ${allowed ? `one of ${allowed.join(', ')}` : 'a positive number'}`,
			allowed
				? 'Choose a dialing mode from the list.'
				: 'Enter a number greater than 0, e.g. 1 or 1.5.',
		);
	}
	return number;
}

/** `taskCreateSetting` from the node's fields. */
export function buildTaskCreateSetting(ctx: IExecuteSingleFunctions): IDataObject {
	const startMode = asText(ctx.getNodeParameter('startMode', 'immediately')) || 'immediately';
	const startupType = START_MODES[startMode];
	if (startupType === undefined) {
		inputError(
			ctx,
			'Start',
			`"${startMode}" is not a start mode`,
			'Choose Immediately, Manually or At a Scheduled Time.',
		);
	}
	const startAt = startupAt(ctx, startMode);
	const taskName = asText(ctx.getNodeParameter('taskName', ''));
	if (!taskName)
		inputError(ctx, 'Task Name', 'is empty', 'Give the task a name, e.g. the campaign name.');
	const routeID = checkedId(ctx, ctx.getNodeParameter('routeId', ''), 'Route ID');
	if (!routeID)
		inputError(
			ctx,
			'Route ID',
			'is empty',
			'Enter the ID of the line (route) shown in the NXCLOUD platform.',
		);
	const strategyName = asText(ctx.getNodeParameter('strategyName', '默认策略'));
	if (!strategyName) {
		inputError(
			ctx,
			'Dialing Strategy',
			'is empty',
			'Enter a strategy name from the NXCLOUD platform, or 默认策略 (the default strategy).',
		);
	}
	const maxCallValue = ctx.getNodeParameter('maxCall', 1) as unknown;
	const maxCall = asText(maxCallValue) === '' ? NaN : Number(maxCallValue);
	if (!Number.isInteger(maxCall) || maxCall < 1) {
		inputError(
			ctx,
			'Robots',
			`"${asText(maxCallValue)}" is not a whole number of at least 1`,
			'Enter how many robots call at the same time, e.g. 2.',
		);
	}
	const maxRingValue = ctx.getNodeParameter('maxRingTime', 30) as unknown;
	const maxRingTime = asText(maxRingValue) === '' ? NaN : Number(maxRingValue);
	if (!Number.isInteger(maxRingTime) || maxRingTime < 1) {
		inputError(
			ctx,
			'Max Ring Time (Seconds)',
			`"${asText(maxRingValue)}" is not a whole number of seconds`,
			'Enter the ring time in seconds, e.g. 30.',
		);
	}
	const hours = ctx.getNodeParameter('dialingHours', {}) as IDataObject;
	const setting: IDataObject = {
		strategyName,
		startupType,
		startupAt: startAt,
		zoneSecond: toZoneSecond(
			ctx,
			ctx.getNodeParameter('timeZone', 'workflow'),
			startAt ? startAt * 1000 : Date.now(),
		),
		dialAtWeekDay: toDialAtWeekDay(ctx, ctx.getNodeParameter('dialingDays', [])),
		...toDialHours(ctx, hours.range),
		maxRingTime,
		routeID,
		maxCall,
		taskName,
		taskCallbackUrl: callbackUrl(
			ctx,
			ctx.getNodeParameter('taskCallbackUrl', ''),
			'Task Callback URL',
		),
	};
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const transfer = (options.agentTransfer as IDataObject | undefined)?.settings as
		| IDataObject
		| undefined;
	if (transfer) {
		const agentGroup = checkedId(ctx, transfer.agentGroup, 'Transfer to Agent: Agent Group ID');
		if (!agentGroup) {
			inputError(
				ctx,
				'Transfer to Agent: Agent Group ID',
				'is empty',
				'Enter the agent group ID, or remove Transfer to Agent.',
			);
		}
		setting.manualCallSetting = {
			agentGroup,
			dispatchType: transferNumber(ctx, transfer.dispatchType ?? 0, 'Dialing Mode', [0, 1, 3]),
			ratioCallRate: transferNumber(ctx, transfer.ratioCallRate ?? 1, 'Agent Call Ratio'),
			predictCallRate: transferNumber(ctx, transfer.predictCallRate ?? 1, 'Predictive Call Ratio'),
		};
	}
	return setting;
}

/**
 * `funcFlag` from the node's options. `spelling` 'both' also writes the createTask example's
 * `smsId`/`intentId` keys next to `smsID`/`intentID` (which one the server reads is not documented).
 */
export function buildFuncFlag(
	ctx: IExecuteSingleFunctions,
	spelling: 'ID' | 'both' = 'ID',
): IDataObject {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const rules = ((options.sms as IDataObject | undefined)?.rule as IDataObject[] | undefined) ?? [];
	const smsFuncFlag = rules.map((rule, index) => {
		const smsID = checkedId(ctx, rule.smsId, `SMS rule ${index + 1}: SMS Template ID`);
		const intentID = idList(ctx, rule.intentIds, `SMS rule ${index + 1}: Intent IDs`);
		const intentName = splitList(rule.intentNames);
		if (!smsID)
			inputError(
				ctx,
				`SMS rule ${index + 1}: SMS Template ID`,
				'is empty',
				'Enter the SMS template ID, or remove the rule.',
			);
		if (!intentID.length && !intentName.length) {
			inputError(
				ctx,
				`SMS rule ${index + 1}`,
				'has no intent',
				'Enter the intent IDs or names that trigger the SMS.',
			);
		}
		const entry: IDataObject = { smsID, intentID, intentName };
		if (spelling === 'both') Object.assign(entry, { smsId: smsID, intentId: intentID });
		return entry;
	});
	return {
		taskKeep: options.taskKeep === true,
		roundRedial: options.roundRedial === true,
		wholeTTS: options.wholeTTS !== false,
		smsEnable: smsFuncFlag.length > 0,
		smsFuncFlag,
		phoneEncrypt: options.phoneEncrypt === true,
	};
}

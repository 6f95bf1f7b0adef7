import type { INodeProperties } from 'n8n-workflow';
import { halfHourOptions, WEEKDAYS } from './dialingTimes';
import { timeZoneOptions } from './timeZone';

/**
 * Task settings (`taskCreateSetting`, `funcFlag`) of createAndCall, createTask and updateTask, in
 * inputs a person can fill without the vendor docs: weekdays, time ranges, a time zone, a start
 * mode with a date picker. The converters (createSetting.ts, features.ts,
 * dialingTimes.ts, timeZone.ts) turn them into the API's fields.
 */

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

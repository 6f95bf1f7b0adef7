import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { asText, inputError, normalizePhone, phoneKey } from '../../../../shared/input';
import { splitList } from '../../../../shared/lists';

/**
 * What both Auto-Call operations send besides their numbers: the steps (recordings, text-to-speech
 * texts, IVR menus), the text-to-speech settings and the call pacing. OMICall allows 300
 * text-to-speech characters per session (and 3,000 per day, which the node cannot know): the
 * session's texts are counted before anything is sent.
 */

export const TTS_CHARACTERS_PER_SESSION = 300;

type Show = { resource: string[]; operation: string[] };

const STEP_TYPES = [
	{ name: 'Recording', value: 'Recording', description: 'Play a recording (greeting audio file)' },
	{
		name: 'Text-to-Speech',
		value: 'Text_variable',
		description: 'Read a text aloud (counts towards the 300 characters per session)',
	},
	{ name: 'IVR Menu', value: 'Ivr_menu', description: 'Hand the call to a key-press menu' },
];

export function stepsField(show: Show): INodeProperties {
	return {
		displayName: 'Steps',
		name: 'steps',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Step',
		default: {},
		description:
			'What the callee hears, in order (template_dialplans). Text-to-speech texts go into variables in the same order; at most 300 characters per session in all.',
		displayOptions: { show },
		options: [
			{
				displayName: 'Step',
				name: 'step',
				values: [
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: STEP_TYPES,
						default: 'Text_variable',
					},
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						typeOptions: { rows: 2 },
						default: '',
						placeholder: 'e.g. Hello, dear customer',
						displayOptions: { show: { type: ['Text_variable'] } },
					},
					{
						displayName: 'Recording or Menu ID',
						name: 'target',
						type: 'string',
						default: '',
						placeholder: 'e.g. 64915bc76a690c0edad14723',
						description: 'The ID of the greeting audio file or of the IVR menu',
						displayOptions: { show: { type: ['Recording', 'Ivr_menu'] } },
					},
				],
			},
		],
	};
}

const VOICES = [
	{ name: 'Northern Female', value: 'northern_female' },
	{ name: 'Northern Male', value: 'northern_male' },
	{ name: 'Southern Female', value: 'southern_female' },
	{ name: 'Southern Male', value: 'southern_male' },
	{ name: 'Ban Mai (Older Voice)', value: 'banmai' },
	{ name: 'Lan Nhi (Older Voice)', value: 'lannhi' },
	{ name: 'Le Minh (Older Voice)', value: 'leminh' },
];

/** Options both operations share (session name, voice, speed). */
export const ttsOptions: INodeProperties[] = [
	{
		displayName: 'Session Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Payment reminder',
	},
	{
		displayName: 'Voice',
		name: 'voice',
		type: 'options',
		options: VOICES,
		default: 'northern_female',
		description:
			"Text-to-speech voice. OMICall's pages list the older voices; its own client sends the four regional ones.",
	},
	{
		displayName: 'Speed',
		name: 'speed',
		type: 'number',
		typeOptions: { numberPrecision: 1 },
		default: 0,
		description: 'Text-to-speech speed (the range is not documented; the callbot takes -3 to 3)',
	},
];

/** The Options collection of an operation, its options in alphabetical order. */
export function optionsField(show: Show, options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The pacing options of Start by Phone (as in callbot campaigns). */
export const pacingOptions: INodeProperties[] = [
	{
		displayName: 'Retries',
		name: 'num_retry',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 0,
		description: 'How many times an unanswered number is called again (0 to 10)',
	},
	{
		displayName: 'Calls per Round',
		name: 'num_per_call',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 500 },
		default: 1,
		description: 'How many numbers are called at the same time (1 to 500)',
	},
	{
		displayName: 'Seconds Between Rounds',
		name: 'distance_per_call',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 86400 },
		default: 30,
		description: 'Pause between two rounds of calls, in seconds (unit inferred)',
	},
	{
		displayName: 'Seconds Between Retries',
		name: 'distance_retry',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 86400 },
		default: 30,
		description: 'Pause before a number is called again, in seconds (unit inferred)',
	},
];

const RANGES: Record<string, { label: string; min: number; max: number }> = {
	num_retry: { label: 'Retries', min: 0, max: 10 },
	num_per_call: { label: 'Calls per Round', min: 1, max: 500 },
	distance_per_call: { label: 'Seconds Between Rounds', min: 0, max: 86400 },
	distance_retry: { label: 'Seconds Between Retries', min: 0, max: 86400 },
};

/** The steps and texts as OMICall takes them, the texts counted against the session limit. */
export function readSteps(ctx: IExecuteSingleFunctions): IDataObject {
	const rows = ((ctx.getNodeParameter('steps', {}) as IDataObject).step ?? []) as IDataObject[];
	const plans: IDataObject[] = [];
	const variables: string[] = [];
	rows.forEach((row, index) => {
		const type = asText(row.type);
		const label = `Step ${index + 1}`;
		if (!STEP_TYPES.some((known) => known.value === type))
			inputError(ctx, label, `has the unknown type "${type}"`, 'Choose a step type from the list.');
		if (type === 'Text_variable') {
			const text = asText(row.text);
			if (!text)
				inputError(ctx, label, 'has no text', 'Enter the text to read, or remove the step.');
			variables.push(text);
			plans.push({ target_type: type, target: '' });
		} else {
			const target = asText(row.target);
			if (!target)
				inputError(ctx, label, 'has no recording or menu ID', 'Enter the ID, or remove the step.');
			plans.push({ target_type: type, target });
		}
	});
	const characters = variables.reduce((sum, text) => sum + [...text].length, 0);
	if (characters > TTS_CHARACTERS_PER_SESSION) {
		inputError(
			ctx,
			'Steps',
			`have ${characters} text-to-speech characters, more than the ${TTS_CHARACTERS_PER_SESSION} OMICall allows per session`,
			'Shorten the texts, or use a recording for the long part. OMICall also allows at most 3,000 characters per day.',
		);
	}
	return plans.length ? { template_dialplans: plans, variables } : {};
}

/** The Options collection checked (ranges also for values given by expressions). */
export function readOptions(ctx: IExecuteSingleFunctions): IDataObject {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(options)) {
		const range = RANGES[name];
		if (range) {
			const number = typeof value === 'string' && value.trim() ? Number(value) : value;
			if (
				typeof number !== 'number' ||
				!Number.isInteger(number) ||
				number < range.min ||
				number > range.max
			) {
				inputError(
					ctx,
					range.label,
					`"${String(value)}" is not a whole number from ${range.min} to ${range.max}`,
					`Use a whole number from ${range.min} to ${range.max}.`,
				);
			}
			body[name] = number;
		} else if (name === 'speed') {
			const speed = Number(value);
			if (!Number.isFinite(speed))
				inputError(ctx, 'Speed', `"${String(value)}" is not a number`, 'Use a number, e.g. 0.');
			body.speed = speed;
		} else {
			const text = asText(value);
			if (text) body[name] = text;
		}
	}
	return body;
}

/**
 * A list of phone numbers (comma- or newline-separated text, or an array from an expression), each
 * checked and normalised (digits only), repeats of a number in any spelling dropped. One function
 * for every number list of the auto-call operations, so a per-number check can be added here.
 */
export function phoneList(ctx: IExecuteSingleFunctions, value: unknown, label: string): string[] {
	const seen = new Set<string>();
	const numbers: string[] = [];
	for (const [index, entry] of splitList(value).entries()) {
		const phone = normalizePhone(entry);
		if (!phone) {
			inputError(
				ctx,
				`${label} (number ${index + 1})`,
				`"${entry.slice(0, 40)}" is not a phone number`,
				'Enter 8 to 15 digits per number, e.g. 0395187319, separated by commas or new lines.',
			);
		}
		const key = phoneKey(phone);
		if (seen.has(key)) continue;
		seen.add(key);
		numbers.push(phone);
	}
	if (!numbers.length)
		inputError(ctx, label, 'is empty', 'Enter at least one number, e.g. 0395187319.');
	return numbers;
}

/** A hotline (cid) checked and normalised; '' when empty and not required. */
export function hotlineOf(ctx: IExecuteSingleFunctions, value: unknown, required: boolean): string {
	const text = typeof value === 'object' && value !== null ? '' : asText(value);
	if (!text) {
		if (required) inputError(ctx, 'Hotline', 'is empty', 'Enter the hotline, e.g. 842899990338.');
		return '';
	}
	const hotline = normalizePhone(text);
	if (!hotline)
		inputError(
			ctx,
			'Hotline',
			`"${text.slice(0, 40)}" is not a phone number`,
			'Enter the hotline digits, e.g. 842899990338.',
		);
	return hotline;
}

import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { inputError, stripPhoneFormatting, toEpochMs } from '../../../../shared/input';
import type { Get } from '../../../../shared/contacts';
import { idText } from '../../../transport/request';
import { toolCallKey } from '../../../../shared/toolMode';
import { textField } from './checks';

/**
 * The campaign settings of Campaign → Start (script, hotline and the Options), their limits and how
 * an item's settings are read and checked.
 */

/**
 * Allowed ranges of the numeric options. OMICall documents only the speed range (-3 to 3); the
 * others are our own generous bounds, so that a mistyped value (a phone number in Retries) is
 * caught before a campaign starts.
 */
export const LIMITS = {
	speed: { min: -3, max: 3, integer: false, label: 'Speed' },
	retries: { min: 0, max: 10, integer: true, label: 'Retries' },
	callsPerRound: { min: 1, max: 500, integer: true, label: 'Calls per Round' },
	secondsBetweenRounds: { min: 0, max: 86_400, integer: true, label: 'Seconds Between Rounds' },
	secondsBetweenRetries: { min: 0, max: 86_400, integer: true, label: 'Seconds Between Retries' },
};

const VOICES = ['northern_female_ngocanh', 'southern_female_honganh', 'southern_male_tienhuy'];

function checkNumber(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	limit: (typeof LIMITS)[keyof typeof LIMITS],
	itemIndex: number,
): number {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value)
				: Number.NaN;
	const range = `Use ${limit.integer ? 'a whole number' : 'a number'} from ${limit.min} to ${limit.max}.`;
	if (!Number.isFinite(number)) {
		inputError(ctx, limit.label, `"${String(value)}" is not a number`, range, itemIndex);
	}
	if (limit.integer && !Number.isInteger(number)) {
		inputError(ctx, limit.label, `${number} is not a whole number`, range, itemIndex);
	}
	if (number < limit.min || number > limit.max) {
		inputError(ctx, limit.label, `${number} is out of range`, range, itemIndex);
	}
	return number;
}

export interface Settings {
	/** The campaign fields of the body, without contacts and ext_session_id. */
	body: IDataObject;
	cid: string;
	ownSessionId: string;
	idempotencyKey: string;
	duplicateNumbers: 'callOnce' | 'error';
}

/** Checks and reads the campaign settings of an item: script, hotline and options. */
export function readSettings(ctx: IExecuteSingleFunctions, get: Get, itemIndex: number): Settings {
	const script = get('script', '');
	const scriptId = idText(
		ctx,
		script !== null && typeof script === 'object' && '__rl' in script
			? (script as IDataObject).value
			: script,
		'Script',
		'Choose a script from the list or enter its ID.',
		itemIndex,
	);
	const hotline = get('hotline', '');
	if (hotline !== null && typeof hotline === 'object') {
		inputError(
			ctx,
			'Hotline',
			'is an object, not a number',
			'Enter the hotline number, or leave it empty for on-net calling.',
			itemIndex,
		);
	}
	const cid = stripPhoneFormatting(hotline);
	if (cid && !/^\+?\d{2,15}$/.test(cid)) {
		inputError(
			ctx,
			'Hotline',
			`"${cid.slice(0, 40)}" is not a phone number`,
			'Enter the hotline or SIP number in digits, e.g. 842899990338, or leave it empty for on-net calling.',
			itemIndex,
		);
	}
	const rawOptions = get('options', {});
	const options = (
		rawOptions && typeof rawOptions === 'object' && !Array.isArray(rawOptions) ? rawOptions : {}
	) as IDataObject;
	const given = (name: string) =>
		options[name] !== undefined && options[name] !== null && options[name] !== '';

	const body: IDataObject = { bot_script_id: scriptId, cid: cid.replace(/^\+/, '') };
	const name = textField(ctx, options.name, 'Campaign Name', 'Give the name as text.', itemIndex);
	if (name) body.name = name;
	if (given('voice')) {
		if (!VOICES.includes(String(options.voice))) {
			inputError(
				ctx,
				'Voice',
				`"${String(options.voice)}" is not a voice of OMICall`,
				`Choose one of: ${VOICES.join(', ')}.`,
				itemIndex,
			);
		}
		body.voice = options.voice;
	}
	const numeric: Array<[keyof typeof LIMITS, string]> = [
		['speed', 'speed'],
		['retries', 'num_retry'],
		['callsPerRound', 'num_per_call'],
		['secondsBetweenRounds', 'distance_per_call'],
		['secondsBetweenRetries', 'distance_retry'],
	];
	for (const [option, field] of numeric) {
		if (given(option)) body[field] = checkNumber(ctx, options[option], LIMITS[option], itemIndex);
	}
	if (given('autoPause')) {
		const value = options.autoPause;
		if (value !== true && value !== false && value !== 'true' && value !== 'false') {
			inputError(
				ctx,
				'Auto Pause',
				`"${String(value)}" is not true or false`,
				'Turn the option on or off.',
				itemIndex,
			);
		}
		body.auto_pause = value === true || value === 'true';
	}
	if (given('startTime')) {
		const sendTime = toEpochMs(options.startTime, ctx.getTimezone());
		if (sendTime === undefined) {
			inputError(
				ctx,
				'Start Time',
				`"${String(options.startTime)}" is not a date`,
				'Pick a date and time, or clear the option to start now.',
				itemIndex,
			);
		}
		const now = Date.now();
		if (sendTime < now) {
			inputError(
				ctx,
				'Start Time',
				`(${new Date(sendTime).toISOString()}) is already past: it is now ${new Date(now).toISOString()}`,
				'Pick a time in the future, or clear the option to start the campaign now.',
				itemIndex,
			);
		}
		body.send_time = sendTime;
	}
	const duplicateNumbers = given('duplicateNumbers')
		? String(options.duplicateNumbers)
		: 'callOnce';
	if (duplicateNumbers !== 'callOnce' && duplicateNumbers !== 'error') {
		inputError(
			ctx,
			'Duplicate Numbers',
			`"${duplicateNumbers}" is not an option`,
			'Choose Call Once or Stop with an Error.',
			itemIndex,
		);
	}
	return {
		body,
		cid: body.cid as string,
		ownSessionId: textField(
			ctx,
			options.extSessionId,
			'Deduplication Session ID',
			'Give the session ID as text.',
			itemIndex,
		),
		// As an AI Agent tool without a key: the tool call's key, the same on every try.
		idempotencyKey:
			textField(
				ctx,
				options.idempotencyKey,
				'Idempotency Key',
				'Map the key to a text value, e.g. the event ID.',
				itemIndex,
			) || toolCallKey(ctx, itemIndex),
		duplicateNumbers,
	};
}

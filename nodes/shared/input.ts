import {
	NodeOperationError,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
} from 'n8n-workflow';

/**
 * Throws a NodeOperationError for bad input, before any request is sent. The message names the
 * field and the item; the description says how to fix it.
 */
export function inputError(
	ctx: IExecuteSingleFunctions,
	field: string,
	problem: string,
	fix: string,
	itemIndex = ctx.getItemIndex(),
): never {
	throw new NodeOperationError(ctx.getNode(), `${field} of item ${itemIndex} ${problem}`, {
		itemIndex,
		description: fix,
	});
}

/** Removes spaces, dots, dashes and brackets that people type into phone numbers. */
export function stripPhoneFormatting(value: unknown): string {
	return String(value ?? '')
		.trim()
		.replace(/[\s.\-()]/g, '');
}

/**
 * A phone number as digits only (a leading + is dropped), or undefined when it is not 8 to 15
 * digits after removing formatting.
 */
export function normalizePhone(value: unknown): string | undefined {
	const stripped = stripPhoneFormatting(value);
	if (!/^\+?\d{8,15}$/.test(stripped)) return undefined;
	return stripped.replace(/^\+/, '');
}

/**
 * One key per phone number whatever its spelling, for finding the same number twice in one run:
 * international digits. `0912345678`, `84912345678`, `+84 912 345 678`, `0084912345678` and
 * `+84 0912345678` are one key when `countryCode` is 84 (national numbers, with a leading 0, take
 * `countryCode`). Vietnam's trunk prefix 0 is sometimes kept after +84 / 0084; as no Vietnamese
 * number starts with 0 after the country code, that 0 is dropped (other countries are left as
 * they are: their trunk prefixes differ). Returns '' for an empty value; anything else keeps its
 * digits, so a malformed number still compares.
 */
export function phoneKey(value: unknown, countryCode = '84'): string {
	const stripped = stripPhoneFormatting(value);
	if (!stripped) return '';
	let international: string;
	if (stripped.startsWith('+')) international = stripped.slice(1).replace(/\D/g, '');
	else if (stripped.startsWith('00')) international = stripped.slice(2).replace(/\D/g, '');
	else if (stripped.startsWith('0')) return countryCode + stripped.slice(1).replace(/\D/g, '');
	else return stripped.replace(/\D/g, '');
	return international.startsWith('840') ? `84${international.slice(3)}` : international;
}

/** Offset of a time zone from UTC at a given instant, in minutes. */
export function zoneOffsetMinutes(timeZone: string, instant: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instant));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second'),
	);
	return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60000);
}

const MONTHS = [
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december',
];

/** The month number (1–12) of an English month name or its abbreviation of 3+ letters, or 0. */
function monthNumber(word: string): number {
	const lower = word.toLowerCase();
	if (lower.length < 3) return 0;
	return MONTHS.findIndex((month) => month.startsWith(lower)) + 1;
}

/**
 * A date with an English month name (`Tue, 01 Dec 2026 01:30:00 GMT`, `Dec 1, 2026 10:00 AM`,
 * `1 December 2026 10:00 +07:00`, `Tue Dec 01 2026 08:30:00 GMT+0700 (Indochina Time)`) rewritten
 * as ISO text (`2026-12-01T01:30:00Z`), so that its fields are checked like any ISO date and a
 * time without a zone is read in the workflow's time zone. Undefined for anything else.
 */
function namedMonthAsIso(text: string): string | undefined {
	const cleaned = text
		.replace(/\([^()]*\)\s*$/, '')
		.trim()
		.replace(/^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i, '');
	const match =
		/^(?:(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?|([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?),?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap]\.?m\.?))?)?(?:\s*(gmt|utc|z)?\s*([+-]\d{2}:?\d{2})?)?$/i.exec(
			cleaned,
		);
	if (!match) return undefined;
	const [, dayFirst, monthSecond, monthFirst, daySecond, year, hour, minute, second, half] = match;
	const [zoneName, offset] = match.slice(10);
	const month = monthNumber(monthSecond ?? monthFirst);
	if (!month) return undefined;
	const pad = (value: number | string) => String(value).padStart(2, '0');
	let iso = `${year}-${pad(month)}-${pad(dayFirst ?? daySecond)}`;
	if (hour !== undefined) {
		let hours = Number(hour);
		if (half) {
			// 12-hour clock: 1–12 only; 12 AM is 00, 12 PM is 12.
			if (hours < 1 || hours > 12) return undefined;
			hours = (hours % 12) + (/^p/i.test(half) ? 12 : 0);
		}
		iso += `T${pad(hours)}:${minute}:${second ?? '00'}`;
	} else if (zoneName || offset) {
		iso += 'T00:00:00';
	}
	if (offset) iso += offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset;
	else if (zoneName) iso += 'Z';
	return iso;
}

/**
 * Converts what a date field can hold into Unix milliseconds: an n8n date picker value (ISO text,
 * read in the workflow's time zone when it carries no offset), a date with an English month name
 * (e.g. `Tue, 01 Dec 2026 01:30:00 GMT`, checked the same way), a Date or Luxon DateTime from an
 * expression, or a Unix timestamp in seconds or milliseconds. Returns undefined when it cannot: for
 * dates that do not exist (2025-02-30, Feb 30 2025, month 13, hour 25), which a plain Date would
 * roll over, for an invalid Date or DateTime, and for other spellings (e.g. `2031/02/30`,
 * `01/12/2026`: day and month order is ambiguous), which are refused rather than guessed.
 */
export function toEpochMs(value: unknown, timeZone: string): number | undefined {
	const finite = (number: number | undefined) =>
		typeof number === 'number' && Number.isFinite(number) ? number : undefined;
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'object') {
		const candidate = value as {
			toMillis?: () => number;
			getTime?: () => number;
			isValid?: boolean;
		};
		if (candidate.isValid === false) return undefined;
		if (typeof candidate.toMillis === 'function') return finite(candidate.toMillis());
		if (typeof candidate.getTime === 'function') return finite(candidate.getTime());
		return undefined;
	}
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) {
		const number = Number(text);
		// 10-digit values are seconds (until the year 2286); longer ones are milliseconds.
		return finite(number < 1e11 ? Math.round(number * 1000) : Math.round(number));
	}
	const match =
		/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
			text,
		);
	if (!match) {
		const iso = namedMonthAsIso(text);
		return iso === undefined ? undefined : toEpochMs(iso, timeZone);
	}
	const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', zone] = match;
	// Refuse values that Date.UTC would roll over (2025-02-30 → 2 March, month 13, hour 25).
	const daysInMonth = new Date(Date.UTC(+y, +mo, 0)).getUTCDate();
	if (+mo < 1 || +mo > 12 || +d < 1 || +d > daysInMonth || +h > 23 || +mi > 59 || +s > 59) {
		return undefined;
	}
	const wallClock = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, +fraction.padEnd(3, '0').slice(0, 3));
	if (zone) {
		if (zone.toUpperCase() === 'Z') return wallClock;
		const sign = zone.startsWith('-') ? -1 : 1;
		const digits = zone.replace(/[+:-]/g, '');
		const hours = Number(digits.slice(0, 2));
		const minutes = Number(digits.slice(2));
		if (hours > 14 || minutes > 59) return undefined;
		return wallClock - sign * (hours * 60 + minutes) * 60000;
	}
	// No offset: the wall-clock time in the workflow's time zone.
	const guess = wallClock - zoneOffsetMinutes(timeZone, wallClock) * 60000;
	return wallClock - zoneOffsetMinutes(timeZone, guess) * 60000;
}

/**
 * An ID parameter as trimmed text ('' when empty): refuses, naming the field and item, an object,
 * a list or a boolean (e.g. a whole record mapped by mistake), a run of dots (`.`, `..`) and control
 * characters. Every ID of both nodes goes through here before any request.
 */
export function optionalId(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	fix: string,
	itemIndex = ctx.getItemIndex(),
): string {
	if (value !== null && typeof value === 'object') {
		inputError(
			ctx,
			label,
			`is ${Array.isArray(value) ? 'a list' : 'an object'}, not an ID`,
			`${fix} If it comes from an expression, pick the ID field of the object, e.g. {{ $json.id }}.`,
			itemIndex,
		);
	}
	if (typeof value === 'boolean') {
		inputError(ctx, label, `is ${String(value)}, not an ID`, fix, itemIndex);
	}
	const text = asText(value);
	const control = [...text].some((char) => char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127);
	if (/^\.+$/.test(text) || control) {
		inputError(ctx, label, `"${text.slice(0, 80)}" is not a valid ID`, fix, itemIndex);
	}
	return text;
}

/** A parameter value as trimmed text; undefined and null (e.g. an expression on a missing field) give ''. */
export function asText(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/**
 * The timeout of every request of both nodes, in milliseconds, unless the node's Request Options
 * set one: 30 s (issue 8 point 8; neither vendor documents one). An object so that tests can
 * shorten it.
 */
export const REQUEST_TIMEOUT = { ms: 30_000 };

/**
 * A preSend that gives the request its timeout: the node's Request Options → Timeout, else
 * REQUEST_TIMEOUT. n8n's routing engine sets 300,000 ms on every request of a declarative node
 * (over requestDefaults.timeout), so the timeout is set here, after it. The request options object
 * is changed in place (it carries the many-items plan in its body to the pagination function).
 */
export async function applyRequestTimeout(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const settings = this.getNodeParameter('requestOptions', {}) as { timeout?: unknown } | undefined;
	const own = Number(settings?.timeout);
	requestOptions.timeout = Number.isFinite(own) && own > 0 ? own : REQUEST_TIMEOUT.ms;
	return requestOptions;
}

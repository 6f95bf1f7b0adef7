import { createHash } from 'crypto';
import {
	NodeOperationError,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeProperties,
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
 * international digits. `0912345678`, `84912345678`, `+84 912 345 678` and `0084912345678` are one
 * key when `countryCode` is 84 (national numbers, with a leading 0, take `countryCode`). Returns ''
 * for an empty value; anything else keeps its digits, so a malformed number still compares.
 */
export function phoneKey(value: unknown, countryCode = '84'): string {
	const stripped = stripPhoneFormatting(value);
	if (!stripped) return '';
	if (stripped.startsWith('+')) return stripped.slice(1).replace(/\D/g, '');
	if (stripped.startsWith('00')) return stripped.slice(2).replace(/\D/g, '');
	if (stripped.startsWith('0')) return countryCode + stripped.slice(1).replace(/\D/g, '');
	return stripped.replace(/\D/g, '');
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

/**
 * Converts what a date field can hold into Unix milliseconds: an n8n date picker value (ISO text,
 * read in the workflow's time zone when it carries no offset), a Date or Luxon DateTime from an
 * expression, or a Unix timestamp in seconds or milliseconds. Returns undefined when it cannot, and
 * for dates that do not exist (2025-02-30, month 13, hour 25), which a plain Date would roll over.
 */
export function toEpochMs(value: unknown, timeZone: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'object') {
		const candidate = value as { toMillis?: () => number; getTime?: () => number };
		if (typeof candidate.toMillis === 'function') return candidate.toMillis();
		if (typeof candidate.getTime === 'function') return candidate.getTime();
		return undefined;
	}
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) {
		const number = Number(text);
		// 10-digit values are seconds (until the year 2286); longer ones are milliseconds.
		return number < 1e11 ? Math.round(number * 1000) : Math.round(number);
	}
	const match =
		/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
			text,
		);
	if (!match) {
		// Other spellings (e.g. "Tue, 01 Dec 2026 01:30:00 GMT"); a date-like text that is not a valid
		// ISO date is refused rather than guessed.
		if (/^\d{4}-\d{1,2}-\d{1,2}/.test(text) || /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(text)) {
			return undefined;
		}
		const parsed = Date.parse(text);
		return Number.isNaN(parsed) ? undefined : parsed;
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
 * A key that is the same on every attempt of the same node run for the same item (so n8n's Retry
 * On Fail sends the same value), and different for another execution, node, run or item.
 * `itemIndex` names another item than the current one (e.g. in "one contact per input item" mode,
 * where the first item sends the request for all of them).
 *
 * With a user's `idempotencyKey` (the node's Idempotency Key option, e.g. a CRM event ID), the key
 * depends only on the workflow, the node, that key and `scope`: not on the execution, run or item,
 * so re-running a failed execution ("Retry" in the executions list), or the same event arriving
 * again, derives the same IDs, and the vendor refuses the second campaign, task or order.
 */
export function deriveIdempotencyKey(
	ctx: IExecuteSingleFunctions,
	scope: string,
	length = 24,
	itemIndex = ctx.getItemIndex(),
	idempotencyKey = '',
): string {
	return idempotencyKeyDeriver(ctx)(scope, length, itemIndex, idempotencyKey);
}

/** One key for a group of items' Idempotency Keys (e.g. the one campaign of many input items). */
export function combineIdempotencyKeys(keys: string[]): string {
	if (keys.length === 1) return keys[0];
	if (keys.some((key) => !key)) return '';
	return createHash('sha256')
		.update(JSON.stringify([...keys].sort()))
		.digest('hex');
}

/** The Idempotency Key option of operations that start calls (read per item with `asText`). */
export const idempotencyKeyOption: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	placeholder: 'e.g. {{ $json.eventId }}',
	description:
		'A value that identifies what this call is for, e.g. the CRM event ID. The campaign, task and order IDs are derived from it, so the same event can never start a second campaign or dial a number twice, even when a failed execution is retried from the executions list. Leave empty to derive them from the execution (safe only for Retry On Fail).',
};

export interface RequiredParameter {
	name: string;
	label: string;
	fix: string;
}

/** A preSend that stops with a clear error when a required text parameter is empty. */
export function requireParameters(...parameters: RequiredParameter[]) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		for (const { name, label, fix } of parameters) {
			const value = this.getNodeParameter(name, '', { extractValue: true });
			if (value === undefined || value === null || String(value).trim() === '') {
				inputError(this, label, 'is empty', fix);
			}
		}
		return requestOptions;
	};
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
 * `deriveIdempotencyKey` for many IDs of one node run: the run-level facts (workflow, node,
 * execution, run index) are read once, not once per ID (the run index is an expression).
 */
export function idempotencyKeyDeriver(
	ctx: IExecuteSingleFunctions,
): (scope: string, length: number, itemIndex: number, idempotencyKey: string) => string {
	const node = ctx.getNode();
	const workflowId = ctx.getWorkflow().id ?? '';
	const nodeId = node.id ?? node.name;
	let runIndex: number | undefined;
	return (scope, length, itemIndex, idempotencyKey) => {
		let source: string;
		if (idempotencyKey) {
			source = [workflowId, nodeId, 'key', idempotencyKey, scope].join('|');
		} else {
			runIndex ??= Number(ctx.evaluateExpression('{{ $runIndex }}', ctx.getItemIndex()) ?? 0);
			source = [
				workflowId,
				ctx.getExecutionId() ?? 'no-execution',
				nodeId,
				runIndex,
				itemIndex,
				scope,
			].join('|');
		}
		return `n8n${createHash('sha256').update(source).digest('hex').slice(0, length)}`;
	};
}

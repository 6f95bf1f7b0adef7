import type { IDataObject } from 'n8n-workflow';
import { isPlainObject } from '../../shared/webhook/request';

/** The values of the trigger's Options collection that each callback reads. */

/** The reply the reference recommends (section 8.3, inferred: the docs specify none). */
export const DEFAULT_REPLY = '{"retCode":0,"retMsg":"success"}';

export const DEFAULT_MAX_AGE_SECONDS = 300;

/**
 * The reply body option: an object (from an expression) as it is, text as JSON when it parses,
 * otherwise as the text given.
 */
export function replyBody(options: IDataObject): IDataObject | string {
	if (isPlainObject(options.replyBody)) return options.replyBody;
	const text = typeof options.replyBody === 'string' ? options.replyBody : DEFAULT_REPLY;
	try {
		const value = JSON.parse(text) as unknown;
		if (typeof value === 'object' && value !== null) return value as IDataObject;
	} catch {
		// Not JSON: sent as plain text below.
	}
	return text;
}

/**
 * The Timestamp Tolerance option in seconds: the default when it is not set, 0 (off) only when it
 * is exactly 0, and undefined when it is not a number of seconds (negative, NaN, text): such a
 * tolerance refuses every callback rather than turning the replay window off.
 */
export function toleranceSeconds(value: unknown): number | undefined {
	if (value === undefined) return DEFAULT_MAX_AGE_SECONDS;
	let number: number;
	if (typeof value === 'number') number = value;
	else if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) number = Number(value);
	else return undefined;
	return Number.isFinite(number) && number >= 0 ? number : undefined;
}

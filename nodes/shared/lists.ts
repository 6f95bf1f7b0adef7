import { asText } from './input';

/** Splits a comma- or newline-separated text (or passes an array through) into trimmed values. */
export function splitList(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	const parts = Array.isArray(value) ? value : String(value).split(/[,\n]/);
	return parts.map((part) => asText(part)).filter((part) => part !== '');
}

/**
 * OMICall's spelling of `splitList`, kept apart because one case differs: an array entry that is
 * null or undefined becomes the text "null" / "undefined" here (`String(part)`), while `splitList`
 * drops it (`asText`). Texts, numbers and empty values give the same list in both.
 */
export function splitListStringified(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(/[,\n]/);
	return parts.map((part) => String(part).trim()).filter((part) => part !== '');
}

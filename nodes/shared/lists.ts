import { asText } from './input';

/**
 * Splits a comma- or newline-separated text (or passes an array through) into trimmed values, for
 * both vendors. Empty values, and null or undefined entries of an array, are dropped (OMICall's own
 * copy used to send such an entry as the text "null").
 */
export function splitList(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	const parts = Array.isArray(value) ? value : String(value).split(/[,\n]/);
	return parts.map((part) => asText(part)).filter((part) => part !== '');
}

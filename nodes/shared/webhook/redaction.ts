import type { IDataObject } from 'n8n-workflow';
import type { WebhookRequest } from './request';

/**
 * The request headers a trigger outputs (Include Headers), with every secret redacted however it
 * is spelled.
 */

export const REDACTED = '[redacted]';

/** One hex digit of a percent-escape, in either case. */
function hexDigitPattern(digit: string): string {
	return /[a-f]/i.test(digit) ? `[${digit.toLowerCase()}${digit.toUpperCase()}]` : digit;
}

/** A byte as a percent-escape, in any case, encoded once or more (`%2F`, `%2f`, `%252F`, …). */
function escapedBytePattern(byte: number): string {
	const hex = byte.toString(16).padStart(2, '0');
	return `%(?:25)*${hexDigitPattern(hex[0])}${hexDigitPattern(hex[1])}`;
}

/**
 * A pattern that finds a secret however a header value spells it: each character as is or
 * percent-encoded (its UTF-8 bytes, upper- or lowercase hex, encoded once or several times, any
 * mix of encoded and plain characters), a space also as `+`. This covers encodeURIComponent,
 * encodeURI, form encoding, proxies that encode more or fewer characters, and double encoding.
 */
function secretPattern(secret: string): string {
	let pattern = '';
	for (const char of secret) {
		const bytes = [...Buffer.from(char, 'utf8')];
		const alternatives = [
			char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
			bytes.map(escapedBytePattern).join(''),
		];
		if (char === ' ') alternatives.push('\\+');
		pattern += `(?:${alternatives.join('|')})`;
	}
	return pattern;
}

/** One regular expression that finds any of the secrets in any spelling, longest secret first. */
function secretMatcher(secrets: string[]): RegExp | undefined {
	const patterns = [...new Set(secrets.filter(Boolean))]
		.sort((a, b) => b.length - a.length)
		.map(secretPattern);
	return patterns.length ? new RegExp(patterns.join('|'), 'g') : undefined;
}

/** Percent-decodes a query parameter name, repeatedly and safely ('' when it is not valid). */
function decodedName(name: string): string {
	let current = name.replace(/\+/g, ' ');
	for (let round = 0; round < 5 && current.includes('%'); round++) {
		try {
			const next = decodeURIComponent(current);
			if (next === current) break;
			current = next;
		} catch {
			return '';
		}
	}
	return current;
}

/**
 * Replaces the value of every query parameter named in `names` (its name compared after
 * percent-decoding) in a URL-like text, wherever a `?`, `&` or `;` starts a parameter.
 */
function redactQueryParameters(value: string, names: Set<string>): string {
	if (!names.size) return value;
	return value.replace(/([?&;])([^=&;#?\s]+)=([^&;#\s]*)/g, (whole, start: string, name: string) =>
		names.has(decodedName(name)) ? `${start}${name}=${REDACTED}` : whole,
	);
}

/**
 * The request headers for the output: the ones named in `hide` (case-insensitive) say only
 * "[redacted]"; in every other header value, the value of a query parameter named in
 * `secretParameters` (e.g. `x-original-uri`, `x-forwarded-uri` or `referer` carrying `?secret=…`)
 * and every occurrence of a secret in any spelling (see `secretPattern`) read "[redacted]".
 */
export function outputHeaders(
	request: WebhookRequest,
	hide: string[] = [],
	secrets: string[] = [],
	secretParameters: string[] = [],
): IDataObject {
	const hidden = new Set(hide.map((name) => name.trim().toLowerCase()).filter(Boolean));
	const matcher = secretMatcher(secrets);
	const parameters = new Set(secretParameters.filter(Boolean));
	// The secret first: a secret with `&` or `#` would otherwise be cut where a parameter ends.
	const redact = (text: string) =>
		redactQueryParameters(matcher ? text.replace(matcher, REDACTED) : text, parameters);
	const headers: IDataObject = {};
	for (const [key, value] of Object.entries(request.headers ?? {})) {
		if (value === undefined) continue;
		if (hidden.has(key.toLowerCase())) {
			headers[key] = REDACTED;
			continue;
		}
		headers[key] = Array.isArray(value)
			? value.map((entry) => redact(String(entry)))
			: redact(String(value));
	}
	return headers;
}

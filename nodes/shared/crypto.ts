import { createHash, timingSafeEqual } from 'crypto';

/**
 * Whether two strings are equal, compared in constant time. `timingSafeEqual` throws on inputs of
 * different lengths, hence the length check first (it only tells the length apart).
 */
export function safeEqual(provided: string, expected: string): boolean {
	const a = Buffer.from(provided, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	if (a.length !== b.length) return false;
	return timingSafeEqual(a, b);
}

/**
 * A fixed-size key (64 hex characters, SHA-256) for one delivery, from the parts that make it the
 * same delivery. Each part is length-prefixed, so no two different lists give the same input.
 */
export function deliveryDigest(parts: Array<string | Buffer>): string {
	const hash = createHash('sha256');
	for (const part of parts) {
		const bytes = Buffer.isBuffer(part) ? part : Buffer.from(part, 'utf8');
		hash.update(`${bytes.length}:`, 'utf8');
		hash.update(bytes);
	}
	return hash.digest('hex');
}

/** The SHA-256 digest of a text (hashed as UTF-8), as 64 lowercase hex characters. */
export function sha256Hex(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

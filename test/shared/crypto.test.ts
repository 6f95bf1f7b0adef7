import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../nodes/shared/crypto';

describe('sha256Hex (both vendors)', () => {
	it('is the SHA-256 of the text as UTF-8, in lowercase hex', () => {
		expect(sha256Hex('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
		);
		expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
		// Non-ASCII text is hashed as its UTF-8 bytes.
		expect(sha256Hex('Trần Văn Tiến')).toBe(
			'd445cbb54f81bb1253610152c1936e4f1a8588d782400388fea05f5f4f8658f1',
		);
	});
});

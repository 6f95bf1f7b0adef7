import { describe, expect, it } from 'vitest';
import { splitList } from '../../nodes/shared/lists';

describe('splitList (both vendors)', () => {
	it('splits texts at commas and newlines, trimmed, without empty parts', () => {
		expect(splitList(' a, b\nc ,, ')).toEqual(['a', 'b', 'c']);
		expect(splitList(undefined)).toEqual([]);
		expect(splitList(null)).toEqual([]);
		expect(splitList('')).toEqual([]);
		expect(splitList(12)).toEqual(['12']);
		expect(splitList([' x ', 3, ''])).toEqual(['x', '3']);
	});

	it('drops null and undefined entries of an array (never the text "null")', () => {
		expect(splitList(['a', null, undefined])).toEqual(['a']);
	});
});

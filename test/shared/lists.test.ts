import { describe, expect, it } from 'vitest';
import { splitList, splitListStringified } from '../../nodes/shared/lists';

describe('splitList and splitListStringified', () => {
	it('split texts at commas and newlines, trimmed, without empty parts', () => {
		for (const split of [splitList, splitListStringified]) {
			expect(split(' a, b\nc ,, ')).toEqual(['a', 'b', 'c']);
			expect(split(undefined)).toEqual([]);
			expect(split(null)).toEqual([]);
			expect(split('')).toEqual([]);
			expect(split(12)).toEqual(['12']);
			expect(split([' x ', 3, ''])).toEqual(['x', '3']);
		}
	});

	it('differ only on null and undefined entries of an array', () => {
		expect(splitList(['a', null, undefined])).toEqual(['a']);
		expect(splitListStringified(['a', null, undefined])).toEqual(['a', 'null', 'undefined']);
	});
});

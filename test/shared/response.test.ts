import { describe, expect, it } from 'vitest';
import { payloadToItems } from '../../nodes/shared/response';

describe('payloadToItems (both vendors)', () => {
	it('gives one item per array element, objects as they are', () => {
		expect(payloadToItems([{ a: 1 }, { b: 2 }])).toEqual([{ json: { a: 1 } }, { json: { b: 2 } }]);
	});

	it('wraps what is not an object, a nested array included, as { value }', () => {
		expect(payloadToItems([1, 'x', [2, 3]])).toEqual([
			{ json: { value: 1 } },
			{ json: { value: 'x' } },
			{ json: { value: [2, 3] } },
		]);
		expect(payloadToItems('ok')).toEqual([{ json: { value: 'ok' } }]);
	});

	it('gives one item for an object and none for nothing', () => {
		expect(payloadToItems({ a: 1 })).toEqual([{ json: { a: 1 } }]);
		expect(payloadToItems(undefined)).toEqual([]);
		expect(payloadToItems(null)).toEqual([]);
	});
});

import { beforeEach, describe, expect, it } from 'vitest';
import {
	MAX_REPEAT_ENTRIES,
	forgetDeliveries,
	isRepeat,
	parseJsonObject,
	rememberedDeliveries,
	repeatWindowFromOptions,
	safeEqual,
} from '../../nodes/shared/webhook';

beforeEach(() => forgetDeliveries());

describe('safeEqual', () => {
	it('compares in constant time and tells inputs of another length apart without throwing', () => {
		expect(safeEqual('secret', 'secret')).toBe(true);
		expect(safeEqual('secreT', 'secret')).toBe(false);
		expect(safeEqual('secret-longer', 'secret')).toBe(false);
		expect(safeEqual('', 'secret')).toBe(false);
		expect(safeEqual('é', 'e\u0301')).toBe(false);
	});
});

describe('isRepeat', () => {
	const window = { windowSeconds: 10, maxEntries: 3 };

	it('remembers keys for the window, counted from the first arrival', () => {
		expect(isRepeat('s', 'k', window, 0)).toBe(false);
		expect(isRepeat('s', 'k', window, 9_999)).toBe(true);
		expect(isRepeat('s', 'k', window, 10_000)).toBe(false);
		expect(isRepeat('s', 'k', window, 19_999)).toBe(true);
	});

	it('is bounded in size and prunes expired keys as deliveries arrive', () => {
		for (const key of ['a', 'b', 'c', 'd']) isRepeat('s', key, window, 0);
		expect(rememberedDeliveries('s')).toBe(3);
		expect(isRepeat('s', 'a', window, 1)).toBe(false);
		isRepeat('s', 'z', window, 60_000);
		expect(rememberedDeliveries('s')).toBe(1);
	});

	it('keeps scopes apart and bounds how many scopes it remembers', () => {
		isRepeat('first', 'k', window, 0);
		expect(isRepeat('second', 'k', window, 0)).toBe(false);
		for (let i = 0; i < 1000; i++) isRepeat(`scope-${i}`, 'k', window, 0);
		expect(rememberedDeliveries('first')).toBe(0);
		expect(rememberedDeliveries('scope-999')).toBe(1);
	});

	it('clamps the node options', () => {
		expect(repeatWindowFromOptions({})).toEqual({ windowSeconds: 600, maxEntries: 1000 });
		expect(repeatWindowFromOptions({ repeatWindow: 0, repeatMaxEntries: 1e9 })).toEqual({
			windowSeconds: 600,
			maxEntries: MAX_REPEAT_ENTRIES,
		});
	});
});

describe('parseJsonObject', () => {
	it('parses the raw bytes (a UTF-8 BOM is allowed) and refuses what is not one object', () => {
		expect(parseJsonObject({ headers: {}, rawBody: Buffer.from('\uFEFF{"a":1}') })).toEqual({
			ok: true,
			value: { a: 1 },
		});
		expect(parseJsonObject({ headers: {}, rawBody: Buffer.from('') })).toEqual({
			ok: false,
			reason: 'empty',
		});
		expect(parseJsonObject({ headers: {}, rawBody: Buffer.from('{') })).toEqual({
			ok: false,
			reason: 'malformed',
		});
		expect(parseJsonObject({ headers: {}, rawBody: Buffer.from('[]') })).toEqual({
			ok: false,
			reason: 'notObject',
		});
	});

	it('falls back to the parsed body when n8n kept no raw bytes', () => {
		expect(parseJsonObject({ headers: {}, body: { a: 1 } })).toEqual({ ok: true, value: { a: 1 } });
		expect(parseJsonObject({ headers: {}, body: {} })).toEqual({ ok: false, reason: 'empty' });
		expect(parseJsonObject({ headers: {}, body: '{"a":2}' })).toEqual({
			ok: true,
			value: { a: 2 },
		});
	});
});

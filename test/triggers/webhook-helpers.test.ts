import { beforeEach, describe, expect, it } from 'vitest';
import {
	MAX_REPEAT_ENTRIES,
	REPEAT_HARD_CEILING,
	checkDelivery,
	forgetDeliveries,
	isRepeat,
	rememberedDeliveries,
	rememberedKeys,
	repeatWindowFromOptions,
} from '../../nodes/shared/webhook/repeats';
import { isJsonContentType, parseJsonObject } from '../../nodes/shared/webhook/request';
import { outputItem } from '../../nodes/shared/webhook/start';
import { deliveryDigest, safeEqual } from '../../nodes/shared/crypto';

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

	it('never forgets a protected key (younger than protectSeconds) to make room', () => {
		const protectedWindow = { windowSeconds: 600, maxEntries: 2, protectSeconds: 20 };
		for (const key of ['a', 'b', 'c', 'd']) {
			expect(checkDelivery('p', key, protectedWindow, 0)).toBe('new');
		}
		expect(rememberedDeliveries('p')).toBe(4);
		for (const key of ['a', 'b', 'c', 'd']) {
			expect(checkDelivery('p', key, protectedWindow, 19_999)).toBe('repeat');
		}
		// Out of the protected window: forgotten by count again, oldest first.
		expect(checkDelivery('p', 'e', protectedWindow, 20_000)).toBe('new');
		expect(rememberedKeys('p')).toEqual(['d', 'e']);
	});

	it('answers full, forgetting and remembering nothing, at the hard ceiling of protected keys', () => {
		const protectedWindow = { windowSeconds: 600, maxEntries: 10, protectSeconds: 600 };
		for (let i = 0; i < REPEAT_HARD_CEILING; i++) checkDelivery('f', `k${i}`, protectedWindow, 0);
		expect(checkDelivery('f', 'new', protectedWindow, 1)).toBe('full');
		expect(isRepeat('f', 'new', protectedWindow, 1)).toBe(true);
		expect(rememberedDeliveries('f')).toBe(REPEAT_HARD_CEILING);
		expect(checkDelivery('f', 'k0', protectedWindow, 1)).toBe('repeat');
		// Once they leave the protected window, the oldest make room again.
		expect(checkDelivery('f', 'new', protectedWindow, 600_001)).toBe('new');
	});

	it('does not drop a scope that holds protected keys to make room for other scopes', () => {
		const protectedWindow = { windowSeconds: 600, maxEntries: 10, protectSeconds: 600 };
		checkDelivery('guarded', 'k', protectedWindow, 0);
		for (let i = 0; i < 1000; i++) checkDelivery(`other-${i}`, 'k', window, 0);
		expect(checkDelivery('guarded', 'k', protectedWindow, 1)).toBe('repeat');
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
		expect(parseJsonObject(Buffer.from('\uFEFF{"a":1}'))).toEqual({ ok: true, value: { a: 1 } });
		expect(parseJsonObject(Buffer.from(''))).toEqual({ ok: false, reason: 'empty' });
		expect(parseJsonObject(Buffer.from('{'))).toEqual({ ok: false, reason: 'malformed' });
		expect(parseJsonObject(Buffer.from('[]'))).toEqual({ ok: false, reason: 'notObject' });
	});
});

describe('isJsonContentType', () => {
	it('accepts application/json and application/*+json, with a UTF-8 charset or none', () => {
		for (const header of [
			'application/json',
			'Application/JSON',
			'application/json; charset=utf-8',
			'application/json;charset="UTF-8"',
			'application/json; charset=utf8; foo=bar',
			'application/cloudevents+json',
			'application/vnd.api+json; charset=utf-8',
		]) {
			expect(isJsonContentType(header), header).toBe(true);
		}
	});

	it('refuses anything else', () => {
		for (const header of [
			undefined,
			'',
			'text/plain',
			'text/json',
			'application/x-www-form-urlencoded',
			'multipart/form-data; boundary=x',
			'application/jsonp',
			'application/json-patch',
			'application/+json',
			'application/json; charset=iso-8859-1',
			'application/json; charset=utf-16',
		]) {
			expect(isJsonContentType(header), String(header)).toBe(false);
		}
		expect(isJsonContentType(['application/json', 'application/json'])).toBe(false);
	});
});

describe('repeat keys', () => {
	it('stores a fixed-size digest whatever the size of what identifies a delivery', () => {
		const big = Buffer.alloc(1024 * 1024, 'x');
		const key = deliveryDigest(['omicall', big]);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(deliveryDigest(['omicall', big])).toBe(key);
		expect(deliveryDigest(['omicall', Buffer.concat([big, Buffer.from(' ')])])).not.toBe(key);
		// Length prefixes: moving bytes between parts gives another key.
		expect(deliveryDigest(['ab', 'c'])).not.toBe(deliveryDigest(['a', 'bc']));
		// Even a long key given directly is stored as a digest.
		isRepeat('s', 'y'.repeat(1024 * 1024), { windowSeconds: 10, maxEntries: 3 }, 0);
		expect(rememberedKeys('s').map((k) => k.length)).toEqual([64]);
		expect(isRepeat('s', 'y'.repeat(1024 * 1024), { windowSeconds: 10, maxEntries: 3 }, 1)).toBe(
			true,
		);
	});
});

describe('outputItem', () => {
	it('never overwrites the payload: its event, receivedAt, headers and _trigger win', () => {
		const metadata = {
			event: 'callEnded',
			receivedAt: 'now',
			deliveryKey: 'k',
			headers: { a: '1' },
		};
		expect(outputItem({ x: 1 }, metadata)).toEqual({
			x: 1,
			event: 'callEnded',
			receivedAt: 'now',
			headers: { a: '1' },
			_trigger: metadata,
		});
		const payload = { event: 'theirs', receivedAt: 'then', headers: 'h', _trigger: 'mine' };
		expect(outputItem(payload, metadata)).toEqual(payload);
	});
});

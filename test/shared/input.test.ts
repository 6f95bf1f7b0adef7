import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { phoneKey, toEpochMs } from '../../nodes/shared/input';

const ZONE = 'Asia/Ho_Chi_Minh';
const utc = (iso: string) => Date.parse(iso);

describe('toEpochMs', () => {
	it('reads ISO text, in the workflow time zone without an offset', () => {
		expect(toEpochMs('2031-02-28T10:00:00', ZONE)).toBe(utc('2031-02-28T03:00:00Z'));
		expect(toEpochMs('2031-02-28 10:00', ZONE)).toBe(utc('2031-02-28T03:00:00Z'));
		expect(toEpochMs('2031-02-28T10:00:00+07:00', 'UTC')).toBe(utc('2031-02-28T03:00:00Z'));
		expect(toEpochMs('2031-02-28T03:00:00Z', ZONE)).toBe(utc('2031-02-28T03:00:00Z'));
	});

	it('reads dates with an English month name, checked field by field', () => {
		expect(toEpochMs('Tue, 01 Dec 2026 01:30:00 GMT', ZONE)).toBe(utc('2026-12-01T01:30:00Z'));
		expect(toEpochMs('Tue Dec 01 2026 08:30:00 GMT+0700 (Indochina Time)', 'UTC')).toBe(
			utc('2026-12-01T01:30:00Z'),
		);
		expect(toEpochMs('1 December 2026 10:00 +07:00', 'UTC')).toBe(utc('2026-12-01T03:00:00Z'));
		expect(toEpochMs('Dec 1, 2026 10:00 PM', ZONE)).toBe(utc('2026-12-01T15:00:00Z'));
		expect(toEpochMs('Dec 1, 2026 12:05 AM', 'UTC')).toBe(utc('2026-12-01T00:05:00Z'));
		// No zone: the workflow's time zone, not the n8n server's.
		expect(toEpochMs('February 28 2031 10:00', ZONE)).toBe(utc('2031-02-28T03:00:00Z'));
		expect(toEpochMs('28 Feb 2031', 'UTC')).toBe(utc('2031-02-28T00:00:00Z'));
	});

	it('refuses named-month dates that a plain Date rolls over', () => {
		for (const text of [
			'Feb 30 2025',
			'30 February 2025',
			'Feb 29, 2025 10:00',
			'31 Apr 2026',
			'Tue, 31 Nov 2026 01:30:00 GMT',
			'Feb 28 2025 25:00',
			'Feb 28 2025 23:60',
			'Feb 28 2025 13:00 PM',
			'Foo 12 2025',
		]) {
			expect(toEpochMs(text, ZONE), text).toBeUndefined();
		}
		expect(toEpochMs('Feb 29 2028', 'UTC')).toBe(utc('2028-02-29T00:00:00Z'));
	});

	it('refuses slash, dotted and other non-ISO numeric forms rather than guessing', () => {
		for (const text of [
			'2031/02/30 10:00',
			'2031/02/28 10:00',
			'01/12/2026',
			'12.01.2026 10:00',
			'2025-02-30',
			'2025-13-01',
			'2025-01-01T25:00',
			'next tuesday',
			'NaN',
			'Infinity',
			'-5',
		]) {
			expect(toEpochMs(text, ZONE), text).toBeUndefined();
		}
	});

	it('returns undefined, not NaN, for an invalid Date or Luxon DateTime', () => {
		expect(toEpochMs(new Date('not a date'), ZONE)).toBeUndefined();
		expect(toEpochMs(DateTime.fromISO('2025-02-30'), ZONE)).toBeUndefined();
		expect(toEpochMs({ toMillis: () => Number.NaN }, ZONE)).toBeUndefined();
		expect(toEpochMs({ getTime: () => Number.POSITIVE_INFINITY }, ZONE)).toBeUndefined();
		expect(toEpochMs(Number.NaN, ZONE)).toBeUndefined();
		expect(toEpochMs(new Date(utc('2031-02-28T03:00:00Z')), ZONE)).toBe(
			utc('2031-02-28T03:00:00Z'),
		);
		expect(toEpochMs(DateTime.fromISO('2031-02-28T03:00:00Z'), ZONE)).toBe(
			utc('2031-02-28T03:00:00Z'),
		);
	});

	it('reads Unix seconds and milliseconds', () => {
		expect(toEpochMs('1924999200', ZONE)).toBe(1924999200000);
		expect(toEpochMs(1924999200000, ZONE)).toBe(1924999200000);
	});
});

describe('phoneKey', () => {
	it('gives one key to every spelling of a Vietnamese number, the trunk 0 after +84 included', () => {
		const spellings = [
			'0912345678',
			'84912345678',
			'+84 912 345 678',
			'0084912345678',
			'+84 0912345678',
			'+84 (0) 912 345 678',
			'0084 0912 345 678',
			'+84-091-234-5678',
		];
		for (const spelling of spellings) expect(phoneKey(spelling), spelling).toBe('84912345678');
	});

	it('leaves other countries as they are, and tells different numbers apart', () => {
		expect(phoneKey('+86 13800000000')).toBe('8613800000000');
		expect(phoneKey('+44 020 7946 0000')).toBe('4402079460000');
		expect(phoneKey('+84 912345679')).not.toBe(phoneKey('0912345678'));
		expect(phoneKey('')).toBe('');
	});
});

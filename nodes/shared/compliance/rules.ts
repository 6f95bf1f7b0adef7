import { phoneKey } from '../input';

/**
 * The time rules of Vietnam's Decree 91/2020/ND-CP for advertising calls (see docs/compliance.md):
 * calls only between 08:00 and 17:00 Vietnam time, unless the person agreed otherwise.
 *
 * Vietnam has one time zone, UTC+7, with no daylight saving time (none since 1975), so the rules
 * use a fixed offset: the same answer on every machine clock and time zone setting.
 */

/** Vietnam's offset from UTC, in minutes (Asia/Ho_Chi_Minh, no daylight saving time). */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;
/** The advertising-call window, in minutes after midnight Vietnam time: [08:00, 17:00). */
export const WINDOW_OPENS = 8 * 60;
export const WINDOW_CLOSES = 17 * 60;
/** At most one advertising call to a number within this period. */
export const CAP_PERIOD_MS = 24 * 3600_000;

const DAY_MINUTES = 24 * 60;
const MINUTE = 60_000;

/** Whether a number is Vietnamese: +84 / 0084 / 84 followed by 8 to 10 digits, or national 0… */
export function isVietnameseNumber(phone: unknown): boolean {
	return /^84[1-9]\d{7,9}$/.test(phoneKey(phone));
}

/** Minutes after midnight, Vietnam time, of an instant (Unix ms). */
export function vietnamMinuteOfDay(instant: number): number {
	const minutes = Math.floor(instant / MINUTE) + VIETNAM_OFFSET_MINUTES;
	return ((minutes % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
}

/** Whether advertising calls may start at this instant: 08:00 ≤ Vietnam time < 17:00. */
export function isInsideWindow(instant: number): boolean {
	const minute = vietnamMinuteOfDay(instant);
	return minute >= WINDOW_OPENS && minute < WINDOW_CLOSES;
}

/** The next instant (Unix ms, at or after `instant`) at which the window is open. */
export function nextOpening(instant: number): number {
	if (isInsideWindow(instant)) return instant;
	const minute = vietnamMinuteOfDay(instant);
	const startOfMinute = Math.floor(instant / MINUTE) * MINUTE;
	const wait = (WINDOW_OPENS - minute + DAY_MINUTES) % DAY_MINUTES;
	return startOfMinute + wait * MINUTE;
}

/** An instant as Vietnam wall-clock time, e.g. "2026-11-28 19:05". */
export function formatVietnamTime(instant: number): string {
	const shifted = new Date(instant + VIETNAM_OFFSET_MINUTES * MINUTE).toISOString();
	return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** A range of minutes after midnight in some time zone, [from, to). */
export interface MinuteRange {
	from: number;
	to: number;
}

/**
 * The part of each range that lies inside the advertising window, for a schedule kept in a time
 * zone `offsetMinutes` from UTC (e.g. an NXCLOUD task's dialing hours). The window [08:00, 17:00)
 * Vietnam time is [08:00 − 7 h + offset, 17:00 − 7 h + offset) in that zone, which may cross
 * midnight. Ranges that fall outside completely are dropped; the result is sorted.
 */
export function clipRangesToWindow(ranges: MinuteRange[], offsetMinutes: number): MinuteRange[] {
	const shift = offsetMinutes - VIETNAM_OFFSET_MINUTES;
	const opens = (((WINDOW_OPENS + shift) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
	const closes = opens + (WINDOW_CLOSES - WINDOW_OPENS);
	// The window in the zone, as one or two ranges within [0, 24 h).
	const windows: MinuteRange[] =
		closes <= DAY_MINUTES
			? [{ from: opens, to: closes }]
			: [
					{ from: 0, to: closes - DAY_MINUTES },
					{ from: opens, to: DAY_MINUTES },
				];
	const clipped: MinuteRange[] = [];
	for (const range of ranges) {
		for (const window of windows) {
			const from = Math.max(range.from, window.from);
			const to = Math.min(range.to, window.to);
			if (from < to) clipped.push({ from, to });
		}
	}
	return clipped.sort((a, b) => a.from - b.from);
}

/** "HH:MM" for minutes after midnight (24:00 for the end of the day). */
export function formatMinutes(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

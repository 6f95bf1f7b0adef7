import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { clipRangesToWindow, formatMinutes } from '../../../../shared/compliance/rules';
import { inputError } from '../../../../shared/input';
import { toDialHours } from './dialingTimes';

/**
 * Decree 91 on a new task's dialing hours (Create and Call, advertising to Vietnamese numbers): the
 * hours are clipped to 08:00–17:00 Vietnam time in the task's time zone (`zoneSecond`), and the
 * output says what changed. NXCLOUD dials in half-hour slots, so a slot only partly inside the
 * window (a zone whose offset is not a whole or half hour from UTC+7) is dropped.
 */

const SLOT_MINUTES = 30;

/** The half-hour slots (0 = 00:00–00:30 … 47) of dialAtUpHour / dialAtDownHour. */
function slotsOf(setting: IDataObject): number[] {
	const hours = (value: unknown) =>
		String(value ?? '')
			.split(',')
			.filter((part) => part.trim() !== '')
			.map(Number);
	const slots = [
		...hours(setting.dialAtUpHour).map((hour) => hour * 2),
		...hours(setting.dialAtDownHour).map((hour) => hour * 2 + 1),
	];
	return [...new Set(slots)].sort((a, b) => a - b);
}

/** Slots as ranges of "HH:MM" (neighbouring slots joined), e.g. [{from: '08:00', to: '12:30'}]. */
function rangesOf(slots: number[]): Array<{ from: string; to: string }> {
	const ranges: Array<{ from: number; to: number }> = [];
	for (const slot of slots) {
		const last = ranges.at(-1);
		if (last && last.to === slot) last.to = slot + 1;
		else ranges.push({ from: slot, to: slot + 1 });
	}
	return ranges.map((range) => ({
		from: formatMinutes(range.from * SLOT_MINUTES),
		to: formatMinutes(range.to * SLOT_MINUTES),
	}));
}

const asText = (ranges: Array<{ from: string; to: string }>) =>
	ranges.map((range) => `${range.from}–${range.to}`).join(', ');

/** "UTC+07:00" for seconds east of UTC. */
function zoneName(zoneSecond: number): string {
	const minutes = Math.abs(Math.round(zoneSecond / 60));
	return `UTC${zoneSecond < 0 ? '-' : '+'}${formatMinutes(minutes)}`;
}

/**
 * Clips the task setting's dialing hours to the window (in place) and returns the output note
 * (before → after, in the task's time zone). Refuses, before any request, hours that lie wholly
 * outside the window.
 */
export function clipDialingHours(ctx: IExecuteSingleFunctions, setting: IDataObject): IDataObject {
	const zoneSecond = Number(setting.zoneSecond) || 0;
	const slots = slotsOf(setting);
	const clipped = clipRangesToWindow(
		slots.map((slot) => ({ from: slot * SLOT_MINUTES, to: (slot + 1) * SLOT_MINUTES })),
		zoneSecond / 60,
	);
	const inside = slots.filter((slot) =>
		clipped.some(
			(range) => range.from === slot * SLOT_MINUTES && range.to === (slot + 1) * SLOT_MINUTES,
		),
	);
	const before = asText(rangesOf(slots));
	const zone = zoneName(zoneSecond);
	if (!inside.length) {
		inputError(
			ctx,
			'Dialing Hours',
			`(${before}, task time zone ${zone}) lie wholly outside 08:00–17:00 Vietnam time`,
			'Advertising calls to Vietnamese numbers may be made only between 08:00 and 17:00 Vietnam time (Decree 91/2020/ND-CP): set hours inside that window; or, if the recipients agreed to other hours, turn on Advertising Rules → Recipients Agreed to Other Hours. Nothing was sent.',
		);
	}
	const after = rangesOf(inside);
	Object.assign(setting, toDialHours(ctx, after));
	return {
		dialingHours:
			inside.length === slots.length
				? { unchanged: before, timeZone: zone }
				: { before, after: asText(after), timeZone: zone },
	};
}

import type { IDataObject, IExecuteSingleFunctions, INodePropertyOptions } from 'n8n-workflow';
import { asText, inputError } from '../../../../shared/input';
import { splitList } from '../../../../shared/lists';

/** Dialing days and hours of the task settings: the editor's options and their converters. */

// ------------------------------------------------------------------ weekdays

export const WEEKDAYS: Array<{ name: string; value: number; aliases: string[] }> = [
	{ name: 'Monday', value: 1, aliases: ['mon', 'monday', 't2'] },
	{ name: 'Tuesday', value: 2, aliases: ['tue', 'tues', 'tuesday', 't3'] },
	{ name: 'Wednesday', value: 3, aliases: ['wed', 'wednesday', 't4'] },
	{ name: 'Thursday', value: 4, aliases: ['thu', 'thur', 'thurs', 'thursday', 't5'] },
	{ name: 'Friday', value: 5, aliases: ['fri', 'friday', 't6'] },
	{ name: 'Saturday', value: 6, aliases: ['sat', 'saturday', 't7'] },
	{ name: 'Sunday', value: 7, aliases: ['sun', 'sunday', 'cn'] },
];

/**
 * `dialAtWeekDay`: "1,2,…" with 1 = Monday … 7 = Sunday. Takes the multi-select's values, or from an
 * expression numbers (0 is read as Sunday) or English day names, as an array or comma-separated.
 */
export function toDialAtWeekDay(ctx: IExecuteSingleFunctions, value: unknown): string {
	const days = new Set<number>();
	for (const part of splitList(value)) {
		const lower = part.toLowerCase();
		const byName = WEEKDAYS.find((day) => day.aliases.includes(lower));
		const number = /^\d$/.test(part) ? Number(part) : undefined;
		const day = byName?.value ?? (number === 0 ? 7 : number);
		if (day === undefined || day < 1 || day > 7) {
			inputError(
				ctx,
				'Dialing Days',
				`contain "${part}", which is not a weekday`,
				'Choose days from the list (or use 1 = Monday … 7 = Sunday).',
			);
		}
		days.add(day);
	}
	if (!days.size)
		inputError(
			ctx,
			'Dialing Days',
			'is empty',
			'Choose at least one day on which the robot may call.',
		);
	return [...days].sort((a, b) => a - b).join(',');
}

// ------------------------------------------------------------------ hours

export function halfHourOptions(from: number, to: number): INodePropertyOptions[] {
	const options: INodePropertyOptions[] = [];
	for (let slot = from; slot <= to; slot++) {
		const text = `${String(Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}`;
		options.push({ name: text, value: text });
	}
	return options;
}

/** Minutes after midnight of "HH:mm" (or "H", "H:mm", "HHmm"), on a full or half hour; 24:00 allowed. */
function halfHourSlot(ctx: IExecuteSingleFunctions, value: unknown, label: string): number {
	const text = asText(value);
	const match = /^(\d{1,2})(?:[:.h]?(\d{2}))?$/.exec(text);
	const hours = match ? Number(match[1]) : NaN;
	const minutes = match?.[2] ? Number(match[2]) : 0;
	if (
		!match ||
		hours > 24 ||
		(minutes !== 0 && minutes !== 30) ||
		(hours === 24 && minutes !== 0)
	) {
		inputError(
			ctx,
			label,
			`"${text}" is not a time on the full or half hour`,
			'NXCLOUD dials in half-hour steps: use times like 08:00 or 13:30.',
		);
	}
	return hours * 2 + (minutes === 30 ? 1 : 0);
}

export interface DialHours {
	dialAtUpHour: string;
	dialAtDownHour: string;
}

/**
 * `dialAtUpHour` / `dialAtDownHour` from time ranges. The API allows dialing per half hour: hour h in
 * dialAtUpHour allows h:00–h:30, in dialAtDownHour h:30–(h+1):00. A range from 09:30 to 11:00 gives
 * down 9, up 10, down 10. A range that ends before it starts runs over midnight.
 */
export function toDialHours(ctx: IExecuteSingleFunctions, ranges: unknown): DialHours {
	const list = Array.isArray(ranges) ? ranges : [];
	const slots = new Set<number>();
	list.forEach((range: IDataObject, index) => {
		const label = `Dialing Hours range ${index + 1}`;
		const from = halfHourSlot(ctx, range?.from, `${label} start`);
		const to = halfHourSlot(ctx, range?.to, `${label} end`);
		if (from === to) {
			inputError(
				ctx,
				label,
				`starts and ends at ${asText(range.from)}`,
				'Enter a range of at least half an hour, e.g. 08:00 to 12:00.',
			);
		}
		const end = to > from ? to : to + 48;
		for (let slot = from; slot < end; slot++) slots.add(slot % 48);
	});
	if (!slots.size) {
		inputError(
			ctx,
			'Dialing Hours',
			'is empty',
			'Add at least one time range in which the robot may call, e.g. 08:00 to 17:00.',
		);
	}
	const sorted = [...slots].sort((a, b) => a - b);
	return {
		dialAtUpHour: sorted
			.filter((slot) => slot % 2 === 0)
			.map((slot) => slot / 2)
			.join(','),
		dialAtDownHour: sorted
			.filter((slot) => slot % 2 === 1)
			.map((slot) => (slot - 1) / 2)
			.join(','),
	};
}

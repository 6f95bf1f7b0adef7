import type { IExecuteSingleFunctions, INodePropertyOptions } from 'n8n-workflow';
import { asText, inputError, zoneOffsetMinutes } from '../../../../shared/input';

/** The task time zone of the task settings: the editor's options and `zoneSecond`. */

const FIXED_OFFSETS = [
	'-12:00',
	'-11:00',
	'-10:00',
	'-09:30',
	'-09:00',
	'-08:00',
	'-07:00',
	'-06:00',
	'-05:00',
	'-04:00',
	'-03:30',
	'-03:00',
	'-02:00',
	'-01:00',
	'+00:00',
	'+01:00',
	'+02:00',
	'+03:00',
	'+03:30',
	'+04:00',
	'+04:30',
	'+05:00',
	'+05:30',
	'+05:45',
	'+06:00',
	'+06:30',
	'+07:00',
	'+08:00',
	'+08:45',
	'+09:00',
	'+09:30',
	'+10:00',
	'+10:30',
	'+11:00',
	'+12:00',
	'+12:45',
	'+13:00',
	'+14:00',
];

/**
 * Time zones offered in the list, labelled by country. The list is fixed (not read from the runtime's
 * ICU data, which differs between Node versions and spells some zones the old way, e.g. Asia/Saigon
 * for Asia/Ho_Chi_Minh); any other IANA zone works from an expression.
 */
const ZONES: Array<[string, string]> = [
	['Vietnam', 'Asia/Ho_Chi_Minh'],
	['Thailand', 'Asia/Bangkok'],
	['Cambodia', 'Asia/Phnom_Penh'],
	['Laos', 'Asia/Vientiane'],
	['Myanmar', 'Asia/Yangon'],
	['Indonesia (West)', 'Asia/Jakarta'],
	['Indonesia (Central)', 'Asia/Makassar'],
	['Indonesia (East)', 'Asia/Jayapura'],
	['Malaysia', 'Asia/Kuala_Lumpur'],
	['Singapore', 'Asia/Singapore'],
	['Philippines', 'Asia/Manila'],
	['China', 'Asia/Shanghai'],
	['Hong Kong', 'Asia/Hong_Kong'],
	['Taiwan', 'Asia/Taipei'],
	['Korea', 'Asia/Seoul'],
	['Japan', 'Asia/Tokyo'],
	['India', 'Asia/Kolkata'],
	['Bangladesh', 'Asia/Dhaka'],
	['Pakistan', 'Asia/Karachi'],
	['Nepal', 'Asia/Kathmandu'],
	['Sri Lanka', 'Asia/Colombo'],
	['United Arab Emirates', 'Asia/Dubai'],
	['Saudi Arabia', 'Asia/Riyadh'],
	['Australia (Sydney)', 'Australia/Sydney'],
	['Australia (Perth)', 'Australia/Perth'],
	['New Zealand', 'Pacific/Auckland'],
	['United Kingdom', 'Europe/London'],
	['Germany', 'Europe/Berlin'],
	['Russia (Moscow)', 'Europe/Moscow'],
	['Nigeria', 'Africa/Lagos'],
	['Kenya', 'Africa/Nairobi'],
	['Brazil (São Paulo)', 'America/Sao_Paulo'],
	['Mexico', 'America/Mexico_City'],
	['United States (Eastern)', 'America/New_York'],
	['United States (Central)', 'America/Chicago'],
	['United States (Pacific)', 'America/Los_Angeles'],
	['UTC', 'UTC'],
];

export const timeZoneOptions: INodePropertyOptions[] = [
	{ name: 'Workflow Time Zone', value: 'workflow' },
	...FIXED_OFFSETS.map((offset) => ({
		name: `UTC${offset} (Fixed Offset)`,
		value: `UTC${offset}`,
	})),
	...ZONES.map(([country, zone]) => ({ name: `${country} (${zone})`, value: zone })),
];

/**
 * `zoneSecond`: the task time zone as seconds east of UTC. Takes "workflow" (the workflow's time
 * zone), an IANA zone (its offset at `instant`, i.e. the task's start: a zone with daylight saving
 * time keeps that offset for the task's life), a fixed offset ("UTC+07:00", "+7", "GMT-3:30"), or
 * a number of hours (up to ±14) or seconds.
 */
export function toZoneSecond(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	instant: number,
): number {
	const text = asText(value) || 'workflow';
	let seconds: number | undefined;
	const fixed = /^(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
	if (/^(?:UTC|GMT|Z)$/i.test(text)) seconds = 0;
	else if (fixed) {
		seconds = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 3600 + Number(fixed[3] ?? 0) * 60);
	} else if (/^-?\d+$/.test(text)) {
		const number = Number(text);
		seconds = Math.abs(number) <= 14 ? number * 3600 : number;
	} else {
		const zone = text === 'workflow' ? ctx.getTimezone() : text;
		try {
			seconds = zoneOffsetMinutes(zone, instant) * 60;
		} catch {
			seconds = undefined;
		}
	}
	if (
		seconds === undefined ||
		!Number.isFinite(seconds) ||
		seconds < -12 * 3600 ||
		seconds > 14 * 3600
	) {
		inputError(
			ctx,
			'Time Zone',
			`"${text}" is not a time zone`,
			'Choose a time zone from the list, or enter an offset such as UTC+07:00.',
		);
	}
	return seconds;
}

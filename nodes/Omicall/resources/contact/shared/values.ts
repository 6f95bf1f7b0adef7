import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { asText, inputError, normalizePhone, toEpochMs } from '../../../../shared/input';

/**
 * Values of the OMICall contact fields: phones and birthdays. (Emails: `checkedEmail` of
 * ../../../shared/checks.ts; the `payload: true/false` answers: ../../../shared/outputs.ts.)
 */

/** A phone parameter as digits (formatting and a leading + removed), or an input error. */
export function checkedPhone(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	itemIndex = ctx.getItemIndex(),
): string {
	const phone = normalizePhone(typeof value === 'object' ? '' : value);
	if (!phone) {
		const text = typeof value === 'object' && value !== null ? '[object]' : asText(value);
		inputError(
			ctx,
			label,
			`"${text.slice(0, 40)}" is not a valid phone number`,
			'Enter 8 to 15 digits, e.g. 0912345678 or +84912345678.',
			itemIndex,
		);
	}
	return phone;
}

/** A birthday as dd/MM/yyyy: from an n8n date (workflow time zone) or text already in that form. */
export function birthdayText(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	itemIndex: number,
): string {
	const text = asText(value);
	const fix = 'Pick a date, or enter it as dd/MM/yyyy, e.g. 17/05/1990.';
	const dmy = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
	const timeZone = ctx.getTimezone();
	const millis = dmy
		? toEpochMs(`${dmy[3]}-${dmy[2]}-${dmy[1]}`, timeZone)
		: toEpochMs(typeof value === 'object' ? value : text, timeZone);
	if (millis === undefined)
		inputError(ctx, 'Birthday', `"${text.slice(0, 40)}" is not a date`, fix, itemIndex);
	if (dmy) return text;
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
	}).formatToParts(new Date(millis));
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('day')}/${part('month')}/${part('year')}`;
}

import {
	NodeApiError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type JsonObject,
	type PostReceiveAction,
} from 'n8n-workflow';
import { asText, inputError, normalizePhone, toEpochMs } from '../../../../shared/input';
import { omicallOutput } from '../../../transport/output';
import { EMAIL } from '../../internalPhone/shared/pbx';

/**
 * Values and answers of the OMICall CRM resources (contacts, tickets): email checks, and the
 * `payload: true/false` answers of create, update, add and delete (reference §4.8), where `false`
 * is a failure, not a success.
 */

/**
 * An email parameter as trimmed text, or an input error naming the field and the item: the check
 * of `requiredEmail` (internalPhone/shared/pbx.ts), for any item of the run (Create Many reads
 * every item's fields).
 */
export function checkedEmail(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	itemIndex = ctx.getItemIndex(),
): string {
	const fix = 'Enter an email address, e.g. agent@example.com.';
	if (value !== null && typeof value === 'object') {
		inputError(ctx, label, 'is an object, not an email address', fix, itemIndex);
	}
	const email = asText(value);
	if (!EMAIL.test(email)) {
		const problem = email ? `"${email.slice(0, 80)}" is not a valid email address` : 'is empty';
		inputError(ctx, label, problem, fix, itemIndex);
	}
	return email;
}

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

/** Whether a payload is OMICall's `false` (boolean, or text "false"). */
function isFalse(payload: unknown): boolean {
	return payload === false || String(payload).trim().toLowerCase() === 'false';
}

/**
 * A postReceive for OMICall's true/false answers: `false` throws a NodeApiError saying what was not
 * done; `true` outputs `done()` (e.g. `{ created: true, …fields sent }`); any other payload (an
 * object, as some OMICall pages show for contacts) is output as it came.
 */
export function confirmedOutput(
	action: string,
	done: (this: IExecuteSingleFunctions) => IDataObject,
): PostReceiveAction {
	return omicallOutput(function (this: IExecuteSingleFunctions, payload: unknown) {
		if (isFalse(payload)) {
			const error = new NodeApiError(this.getNode(), { payload: false } as JsonObject, {
				message: `OMICall answered false: the ${action} was not done`,
				description:
					'OMICall accepted the request (status_code 9999) but its payload is false. Check the IDs and fields (e.g. that the contact or ticket exists) and try again.',
				itemIndex: this.getItemIndex(),
			});
			error.context.vendorCode = 'payload_false';
			throw error;
		}
		if (payload === true || String(payload).trim().toLowerCase() === 'true' || payload == null) {
			return done.call(this);
		}
		return payload;
	});
}

/** The output of a delete: `{ deleted: true, id }`, with the ID of the node parameter `parameter`. */
export function deletedOutput(parameter: string): PostReceiveAction {
	return confirmedOutput('delete', function () {
		const id = asText(this.getNodeParameter(parameter, '', { extractValue: true }));
		return { deleted: true, id };
	});
}

import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { asText, inputError, phoneKey, stripPhoneFormatting } from '../../shared/input';
import { derivedIds } from '../../shared/plan';
import type { ContactInput } from '../../shared/contacts';
import { checkedId } from './ids';

/**
 * One callList entry (an order: one phone number) from the contact fields as given, checked: the
 * number in NXCLOUD's form (userPhone), the script variables (params), the order ID, given or
 * derived.
 */

/**
 * `userPhone`: country code + number, digits only. Formatting and a leading + or 00 are removed; a
 * national number (leading 0) gets the country code option, or is rejected.
 */
export function toUserPhone(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	countryCode: string,
	label: string,
	itemIndex: number,
): string {
	const stripped = stripPhoneFormatting(value);
	if (!stripped)
		inputError(
			ctx,
			label,
			'is empty',
			'Enter the number with its country code, e.g. 84912345678.',
			itemIndex,
		);
	let digits: string;
	if (stripped.startsWith('+')) digits = stripped.slice(1);
	else if (stripped.startsWith('00')) digits = stripped.slice(2);
	else if (stripped.startsWith('0')) {
		if (!countryCode) {
			inputError(
				ctx,
				label,
				`"${String(value)}" has no country code`,
				'Write the number with its country code and without the leading 0 (e.g. 84912345678), or set the option Country Code for National Numbers.',
				itemIndex,
			);
		}
		digits = countryCode + stripped.slice(1);
	} else digits = stripped;
	if (!/^[1-9]\d{7,14}$/.test(digits)) {
		inputError(
			ctx,
			label,
			`"${String(value)}" is not a valid phone number`,
			'Use the country code and the number, 8 to 15 digits in all, e.g. 84912345678.',
			itemIndex,
		);
	}
	return digits;
}

function toParams(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): IDataObject[] {
	if (value === undefined || value === null || value === '') return [];
	let rows: unknown[];
	if (Array.isArray(value)) rows = value;
	else if (typeof value === 'object' && Array.isArray((value as IDataObject).variable)) {
		rows = (value as IDataObject).variable as unknown[];
	} else if (typeof value === 'object') {
		if ('variable' in (value as IDataObject)) rows = [];
		else rows = Object.entries(value as IDataObject).map(([name, v]) => ({ name, value: v }));
	} else {
		inputError(
			ctx,
			label,
			'is not a list of variables',
			'Give name/value pairs, e.g. [{"name": "name", "value": "An"}].',
			itemIndex,
		);
	}
	return rows.map((row) => {
		const entry = (row ?? {}) as IDataObject;
		const name = asText(entry.name);
		if (!name) {
			inputError(
				ctx,
				label,
				'has a variable without a name',
				'Enter the variable name or remove the empty row.',
				itemIndex,
			);
		}
		const raw = entry.value;
		const text =
			raw === undefined || raw === null
				? ''
				: typeof raw === 'object'
					? JSON.stringify(raw)
					: String(raw);
		return { name, value: text };
	});
}

/** One callList entry from the contact fields, checked. */
export function toOrder(
	ctx: IExecuteSingleFunctions,
	input: ContactInput,
	countryCode: string,
	label: string,
	itemIndex: number,
	derivedOrderId: (userPhone: string) => string,
): { order: IDataObject; derivedOrderId: boolean } {
	const userPhone = toUserPhone(ctx, input.phone, countryCode, `${label}Phone`, itemIndex);
	const ownId = checkedId(ctx, input.orderId, `${label}Order ID`, itemIndex);
	const order = {
		orderID: ownId || derivedOrderId(userPhone),
		userPhone,
		other: asText(input.other),
		userName: asText(input.userName),
		customerName: asText(input.customerName),
		params: toParams(ctx, input.variables, `${label}Script Variables`, itemIndex),
	};
	return { order, derivedOrderId: !ownId };
}

/**
 * Derives order IDs: 32 characters, the same on every Retry On Fail attempt; with the item's
 * Idempotency Key, the same on every run with that key. The scope is the number itself (its
 * `phoneKey`), never its position in a list: a re-run with the same key and a list in another order,
 * or with a number added in front, derives the same ID for the same number, and a new ID for a new
 * number. Within one run a number is sent once ("Duplicate Numbers"), so (key, number) is unique.
 * The run-level facts are read once per plan (see ../../shared/plan.ts).
 */
export type OrderIdDeriver = (
	userPhone: string,
	itemIndex: number,
	idempotencyKey: string,
	countryCode: string,
) => string;

export function orderIdDeriver(ctx: IExecuteSingleFunctions): OrderIdDeriver {
	const derive = derivedIds(ctx);
	return (userPhone, itemIndex, idempotencyKey, countryCode) =>
		derive(
			`nxcloud.order.${phoneKey(userPhone, countryCode || '84')}`,
			29,
			itemIndex,
			idempotencyKey,
		);
}

/** The digits of a number as NXCLOUD writes it back (in errList and order details). */
export function digitsOf(value: unknown): string {
	return String(value ?? '').replace(/\D/g, '');
}

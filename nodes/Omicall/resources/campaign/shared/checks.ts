import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { asText, inputError } from '../../../../shared/input';

/** Checks of Campaign → Start's fields shared by its settings and contacts. */

/** A text field that must not be an object (e.g. an expression that picked a whole record). */
export function textField(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	fix: string,
	itemIndex: number,
): string {
	if (value !== null && typeof value === 'object') {
		inputError(
			ctx,
			label,
			`is ${Array.isArray(value) ? 'a list' : 'an object'}, not text`,
			fix,
			itemIndex,
		);
	}
	return asText(value);
}

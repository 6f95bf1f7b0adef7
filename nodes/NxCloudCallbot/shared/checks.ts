import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { asText, inputError, toEpochMs } from '../../shared/input';
import { splitList } from '../../shared/lists';

/** A comma-separated list of integers, or an input error naming the field. */
export function integerList(ctx: IExecuteSingleFunctions, value: unknown, label: string): number[] {
	return splitList(value).map((part) => {
		if (!/^-?\d+$/.test(part)) {
			inputError(
				ctx,
				label,
				`contains "${part}", which is not a whole number`,
				'Enter whole numbers separated by commas, e.g. 1, 2.',
			);
		}
		return Number(part);
	});
}

/** Whether a text is an http(s) URL. */
export function isHttpUrl(value: string): boolean {
	return /^https?:\/\/[^\s/]+\S*$/i.test(value);
}

/** A callback URL field's value: empty, or an http(s) URL. */
export function callbackUrl(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	itemIndex = ctx.getItemIndex(),
): string {
	const url = asText(value);
	if (url && !isHttpUrl(url)) {
		inputError(
			ctx,
			label,
			`"${url}" is not an http(s) URL`,
			'Enter a full URL such as https://example.com/nxcloud/order, or leave the field empty.',
			itemIndex,
		);
	}
	return url;
}

/** Unix seconds of a date filter, or an input error. */
export function filterSeconds(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const millis = toEpochMs(value, ctx.getTimezone());
	if (millis === undefined) {
		inputError(
			ctx,
			label,
			`"${String(value)}" is not a date`,
			'Pick a date and time, or remove the filter.',
		);
	}
	return Math.floor(millis / 1000);
}

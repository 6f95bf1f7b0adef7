import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { asText, inputError } from '../../shared/input';
import { splitList } from '../../shared/lists';
import { pathSegment } from '../transport/request';

/** Input checks several OMICall resources use: IDs, SIP users, emails; the ID of a record. */

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A required ID parameter (locators give their value; SIP users, hotlines, record IDs): trimmed,
 * not empty, not an object, only letters, digits and - _ . : ~ (the checks of a URL path segment).
 */
export function requiredId(
	ctx: IExecuteSingleFunctions,
	parameter: string,
	label: string,
	fix: string,
): string {
	return checkedId(ctx, ctx.getNodeParameter(parameter, '', { extractValue: true }), label, fix);
}

/** A value checked as `requiredId` checks a parameter. */
export function checkedId(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	fix: string,
): string {
	return decodeURIComponent(pathSegment(ctx, value, label, fix));
}

/**
 * An email (a parameter's or a locator's value) as trimmed text, or an input error naming the
 * field, the item (any item of the run: Create Many reads every item's fields) and the fix.
 */
export function checkedEmail(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	{
		fix = 'Enter an email address, e.g. agent@example.com.',
		itemIndex = ctx.getItemIndex(),
	}: { fix?: string; itemIndex?: number } = {},
): string {
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

/**
 * A list of SIP users (extensions) from a multi-value field, a list mapped by an expression or
 * comma-separated text: each checked like an ID; refused when empty.
 */
export function sipUserList(ctx: IExecuteSingleFunctions, value: unknown, label: string): string[] {
	const fix = 'Choose internal phones from the list, or map SIP users (e.g. 100, 101).';
	const users = splitList(value).map((user) => checkedId(ctx, user, label, fix));
	if (!users.length) inputError(ctx, label, 'is empty', fix);
	return [...new Set(users)];
}

/** The ID of an OMICall record: `_id`, `id` or `uuid` (the records' ID field is not documented). */
export function recordId(record: IDataObject): string {
	const id = record._id ?? record.id ?? record.uuid;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
}

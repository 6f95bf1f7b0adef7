/** Reading request fields as the API checks them: retCode 2 (missing), 3 (type), 4 (value). */
import { NX_RET, NxApiError } from './constants';
import type { Obj } from './types';

type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export function isObj(value: unknown): value is Obj {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasKind(value: unknown, kind: Kind): boolean {
	switch (kind) {
		case 'string':
			return typeof value === 'string';
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value);
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'boolean':
			return typeof value === 'boolean';
		case 'object':
			return isObj(value);
		case 'array':
			return Array.isArray(value);
	}
}

/** Reads a field: retCode 2 when a required one is missing (or null), 3 when its type is wrong. */
export function field<T = unknown>(
	obj: Obj,
	key: string,
	kind: Kind,
	path: string,
	required = true,
): T {
	const value = obj[key];
	if (value === undefined || value === null) {
		if (required) throw new NxApiError(NX_RET.parameterMissing, `${path}${key} is missing`);
		return undefined as T;
	}
	if (!hasKind(value, kind)) {
		throw new NxApiError(NX_RET.parameterFormat, `${path}${key} must be ${article(kind)}`);
	}
	return value as T;
}

function article(kind: Kind): string {
	return kind === 'integer' || kind === 'object' || kind === 'array' ? `an ${kind}` : `a ${kind}`;
}

export function requireNonEmpty(value: string, name: string): string {
	if (!value.trim()) throw new NxApiError(NX_RET.parameterValue, `${name} must not be empty`);
	return value;
}

export function oneOf(value: number, allowed: readonly number[], name: string): number {
	if (!allowed.includes(value)) {
		throw new NxApiError(NX_RET.parameterValue, `${name} must be one of ${allowed.join(', ')}`);
	}
	return value;
}

export function stringArray(
	obj: Obj,
	key: string,
	path: string,
	required = false,
): string[] | undefined {
	const value = field<unknown[]>(obj, key, 'array', path, required);
	if (value === undefined) return undefined;
	if (!value.every((v) => typeof v === 'string')) {
		throw new NxApiError(NX_RET.parameterFormat, `${path}${key} must be an array of strings`);
	}
	return value as string[];
}

export function integerArray(obj: Obj, key: string, path: string): number[] | undefined {
	const value = field<unknown[]>(obj, key, 'array', path, false);
	if (value === undefined) return undefined;
	if (!value.every((v) => hasKind(v, 'integer'))) {
		throw new NxApiError(NX_RET.parameterFormat, `${path}${key} must be an array of integers`);
	}
	return value as number[];
}

/** A comma-separated list of integers within [min, max] ("1,2,3"). */
export function numberList(
	value: string,
	min: number,
	max: number,
	name: string,
	allowEmpty: boolean,
) {
	const parts = value
		.split(',')
		.map((p) => p.trim())
		.filter((p) => p !== '');
	if (!parts.length && !allowEmpty) {
		throw new NxApiError(NX_RET.parameterValue, `${name} must list at least one value`);
	}
	for (const part of parts) {
		const n = Number(part);
		if (!/^\d+$/.test(part) || n < min || n > max) {
			throw new NxApiError(
				NX_RET.parameterValue,
				`${name} must be comma-separated integers from ${min} to ${max}`,
			);
		}
	}
	return parts.map(Number);
}

export function round2(value: number): number {
	return Math.round(value * 100) / 100;
}

/** A range filter `{gt, lt, enable}` of listCall/listOrder: 0 (or absent) means no bound. */
export function inRange(value: number, filter: unknown): boolean {
	if (!isObj(filter) || filter.enable !== true) return true;
	const gt = Number(filter.gt ?? 0);
	const lt = Number(filter.lt ?? 0);
	if (gt > 0 && !(value > gt)) return false;
	if (lt > 0 && !(value < lt)) return false;
	return true;
}

export function paginate<T>(rows: T[], page: number, size: number): T[] {
	return rows.slice((page - 1) * size, page * size);
}

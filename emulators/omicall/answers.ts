/** OMICall answer shapes: the status_code envelope, error forms A and B, the two page shapes. */
import { createHash } from 'node:crypto';
import type { EmulatorResponse, ReceivedRequest } from '../http-server';

export type Json = Record<string, unknown>;

export function ok(payload: unknown, status = 200): EmulatorResponse {
	return {
		status,
		body: {
			instance_id: 'stg',
			payload,
			instance_version: '1.2.164',
			key_enabled: false,
			status_code: 9999,
		},
	};
}

/** Form A: the code inside payload (click-to-call page). */
export function failA(error: string, message = 'Please check your input param'): EmulatorResponse {
	return {
		body: {
			status_code: -9999,
			instance_id: 'stg',
			instance_version: '1.2.163',
			payload: { status: 'fail', error, message },
			key_enabled: false,
		},
	};
}

/** Form B: the code in the top-level message (overview page). */
export function failB(message: string, statusCode = -9999, httpStatus = 200): EmulatorResponse {
	return {
		status: httpStatus,
		body: { status_code: statusCode, instance_id: 'stg', message, payload: null },
	};
}

export function hex24(seed: string): string {
	return createHash('sha1').update(seed).digest('hex').slice(0, 24);
}

export function uuid(seed: string): string {
	const h = createHash('sha1').update(seed).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function list(value: unknown): string[] {
	if (value === undefined) return [];
	return (Array.isArray(value) ? value : [value])
		.flatMap((v) => String(v).split(','))
		.filter(Boolean);
}

/** snake_case page (section 5.1). */
export function snakePage(all: unknown[], page: number, size: number): Json {
	const totalPages = Math.max(1, Math.ceil(all.length / size));
	return {
		items: all.slice((page - 1) * size, page * size),
		page_number: page,
		page_size: size,
		total_items: all.length,
		total_pages: totalPages,
		has_next: page < totalPages,
		next_page: page < totalPages ? page + 1 : page,
		has_previous: page > 1,
		previous_page: Math.max(1, page - 1),
	};
}

/** camelCase page (section 5.2). */
export function camelPage(all: unknown[], page: number, size: number): Json {
	const totalPages = Math.max(1, Math.ceil(all.length / size));
	return {
		items: all.slice((page - 1) * size, page * size),
		pageNumber: page,
		pageSize: size,
		totalItems: all.length,
		totalPages,
		hasNext: page < totalPages,
		nextPage: page < totalPages ? page + 1 : page,
		hasPrevious: page > 1,
		previousPage: Math.max(1, page - 1),
	};
}

export function pageParams(request: ReceivedRequest, defaultSize: number, maxSize = Infinity) {
	const page = Math.max(1, Number(request.query.page ?? 1) || 1);
	const size = Math.min(
		maxSize,
		Math.max(1, Number(request.query.size ?? defaultSize) || defaultSize),
	);
	return { page, size };
}

/** Newest first (emulator: the order of OMICall's rows is not documented). */
export function newestFirst(rows: Json[]): Json[] {
	return [...rows].sort((a, b) => (b.created_date as number) - (a.created_date as number));
}

/** Broken paging of the list endpoints (see `OmicallEmulator.pagingFault`). */
export type PagingFault = 'repeatPage' | 'bogusTotal' | 'endless';

/** A page, with the broken behaviour of `pagingFault`. */
export function faultyPage(
	pagingFault: PagingFault | undefined,
	all: unknown[],
	page: number,
	size: number,
	shape: (all: unknown[], page: number, size: number) => Json,
): Json {
	const camel = shape === camelPage;
	const fields = (result: Json, pageNumber: number, hasNext: boolean, total: number) => ({
		...result,
		[camel ? 'pageNumber' : 'page_number']: pageNumber,
		[camel ? 'hasNext' : 'has_next']: hasNext,
		[camel ? 'totalItems' : 'total_items']: total,
	});
	const lastPage = Math.max(1, Math.ceil(all.length / size));
	switch (pagingFault) {
		case 'repeatPage':
			return fields(shape(all, 1, size), 1, true, all.length);
		case 'bogusTotal':
			return fields(shape(all, Math.min(page, lastPage), size), page, true, 1_000_000_000);
		case 'endless': {
			if (page <= lastPage) return fields(shape(all, page, size), page, true, 1_000_000_000);
			const made = Array.from({ length: size }, (_, i) => ({
				_id: hex24(`made-${page}-${i}`),
				page,
			}));
			return fields(shape(made, 1, size), page, true, 1_000_000_000);
		}
		default:
			return shape(all, page, size);
	}
}

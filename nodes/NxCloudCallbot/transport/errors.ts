import {
	NodeApiError,
	NodeOperationError,
	type INode,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IN8nHttpFullResponse,
	type JsonObject,
} from 'n8n-workflow';
import { parseResponseBody } from '../../shared/response';

/** The documented `retCode` table (NXCLOUD page Callbot-API-createTaskAndCall), in plain words. */
export const NXCLOUD_RET_CODES: Record<number, string> = {
	1: 'General error',
	2: 'A parameter is missing',
	3: 'A parameter has the wrong format',
	4: 'A parameter value is wrong',
	4001: 'Too many array elements in one request (parameter content over capacity)',
	5: 'The server is under maintenance',
	5001: 'Internal server error',
	6: 'The signature is incorrect',
	6001: 'The signature is missing',
	6002: 'The account does not exist',
	6003: 'The user has no permission',
	7: 'The system is busy',
	1001: 'A batch import is in progress; batch import and export are not available now',
};

/** What an error needs from its context: the node and the item (0 in a dropdown). */
export type NxErrorContext = Pick<IExecuteSingleFunctions, 'getNode' | 'getItemIndex'>;

export type NxErrorFamily = 'input' | 'credential' | 'temporary' | 'general' | 'unknown';

/** The family of a retCode (from that table's texts). */
export function retCodeFamily(code: number): NxErrorFamily {
	if ([2, 3, 4, 4001].includes(code)) return 'input';
	if ([6, 6001, 6002, 6003].includes(code)) return 'credential';
	if ([5, 5001, 7, 1001].includes(code)) return 'temporary';
	if (code === 1) return 'general';
	return 'unknown';
}

const HINTS: Record<NxErrorFamily, string> = {
	input: "Check the node's parameters.",
	credential:
		'Check the NXCLOUD credential: UUID, secret key and algorithm must match the platform (Developer → Developer authorization).',
	temporary: 'This is temporary: try again later, e.g. with the node setting Retry On Fail.',
	general: '',
	unknown: 'This code is not in the NXCLOUD documentation.',
};

const SPECIFIC_HINTS: Record<number, string> = {
	4001: 'Send fewer elements per request, e.g. lower the option "Numbers per Request".',
	6: 'The secret key or the algorithm (MD5/SHA256) in the credential does not match the account.',
	6002: 'Check the UUID in the credential and the base URL.',
	6003: 'Ask NXCLOUD support to enable the Callbot API for this account.',
	1001: 'Wait until the running batch import has finished.',
};

function asCode(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const code = Number(value);
	return Number.isFinite(code) ? code : undefined;
}

/** The error class thrown for a failed NXCLOUD answer, with the vendor code in its context. */
export function nxApiError(
	ctx: NxErrorContext,
	body: IDataObject,
	code: number,
	vendorMessage: string,
	traceId: string,
	httpCode: number,
): NodeApiError {
	const meaning = NXCLOUD_RET_CODES[code];
	const family = retCodeFamily(code);
	const error = new NodeApiError(ctx.getNode(), body as JsonObject, {
		message: `NXCLOUD error ${code}${meaning ? `: ${meaning}` : ''}`,
		description: [
			vendorMessage ? `NXCLOUD says: ${vendorMessage}.` : undefined,
			SPECIFIC_HINTS[code] ?? HINTS[family],
			traceId ? `responseID ${traceId} (quote it to NXCLOUD support).` : undefined,
		]
			.filter(Boolean)
			.join(' '),
		httpCode: String(httpCode),
		itemIndex: ctx.getItemIndex(),
	});
	error.context.vendorCode = code;
	error.context.family = family;
	if (traceId) error.context.responseID = traceId;
	return error;
}

/**
 * The body of a successful NXCLOUD answer, or a NodeApiError with the vendor code and its documented
 * meaning. The standard envelope is `retCode`/`retMsg`/`responseID`; `ping` answers
 * `code`/`msg`/`reqId`. Both are read on every endpoint, with the code as a number or as text. A
 * JSON object without any code is taken as a success (response shapes are partly undocumented);
 * anything else (an empty body, text such as an HTML page, an array) is not an NXCLOUD answer.
 */
export function checkNxResponse(ctx: NxErrorContext, response: IN8nHttpFullResponse): IDataObject {
	const parsed = parseResponseBody(response.body);
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		const text = parsed === undefined || parsed === null ? '' : String(JSON.stringify(parsed));
		throw new NodeApiError(
			ctx.getNode(),
			{ body: text.slice(0, 500) },
			{
				message: 'NXCLOUD answered with something that is not a JSON object',
				description: `Every NXCLOUD answer is a JSON object with retCode. Check the Base URL of the credential (usually https://nxbot.nxcloud.com). The answer began with: ${text.slice(0, 200) || '(nothing)'}`,
				httpCode: String(response.statusCode),
				itemIndex: ctx.getItemIndex(),
			},
		);
	}
	const body = parsed as IDataObject;
	const code = asCode(body.retCode) ?? asCode(body.code);
	if (code === undefined || code === 0) return body;
	const vendorMessage = String(body.retMsg ?? body.msg ?? body.message ?? '').trim();
	const traceId = String(body.responseID ?? body.reqId ?? '').trim();
	throw nxApiError(ctx, body, code, vendorMessage, traceId, response.statusCode);
}

/** The vendor code of an error thrown by checkNxResponse, if it is one. */
export function vendorCodeOf(error: unknown): number | undefined {
	const context = (error as { context?: IDataObject } | undefined)?.context;
	const code = context?.vendorCode;
	return typeof code === 'number' ? code : undefined;
}

/** The envelope fields that do not belong in the output. */
const ENVELOPE_KEYS = ['retCode', 'retMsg', 'code', 'msg'];

/** The answer without its status fields (the trace ID `responseID` / `reqId` is kept). */
export function withoutEnvelope(body: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(body)) {
		if (!ENVELOPE_KEYS.includes(key)) result[key] = value;
	}
	return result;
}

/**
 * An error caught around a request, as a node error: NodeApiError and NodeOperationError as they
 * are, anything else (e.g. a dropped connection) wrapped in a NodeApiError.
 */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeApiError(node, (error ?? {}) as JsonObject, {
		message: (error as Error | undefined)?.message,
		itemIndex,
	});
}

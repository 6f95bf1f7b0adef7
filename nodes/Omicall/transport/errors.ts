import {
	NodeApiError,
	type IDataObject,
	type IN8nHttpFullResponse,
	type INode,
	type JsonObject,
} from 'n8n-workflow';
import { parseResponseBody } from '../../shared/response';

/**
 * Every OMICall error code the reference knows (section 3.5), with its meaning and, where there is
 * one, what to do about it.
 */
export const OMICALL_ERRORS: Record<string, string> = {
	// Global / authentication (documented)
	api_key_is_required: 'The API key is missing.',
	api_key_invalid:
		'The API key is wrong or has been revoked. Copy it again from OMICall → Integration → API management.',
	request_body_required: 'A request body is required but was not sent.',
	// Known to OMICall's own client
	token_expired:
		'OMICall refused the access token as expired. The node fetches a new token and retries once by itself; seeing this means the new token was refused too.',
	auth_invalid:
		'OMICall refused the access token. The node fetches a new token and retries once by itself; seeing this means the new token was refused too: check the API key in the credential.',
	tenant_disabled: 'The OMICall tenant is disabled.',
	individual_package_expired: 'The OMICall service package has expired.',
	service_package_customer_limit: "The service package's customer limit is reached.",
	resource_not_found: 'The resource does not exist. Check the ID.',
	permission_denied: 'The API key has no permission for this operation.',
	rate_limit_exceeded: 'Too many requests. Slow down, for example with the Batching option.',
	invalid_phone_number: 'The phone number is not valid.',
	source_contact_not_exists: 'The source contact does not exist.',
	// Click-to-call
	data_is_required: 'Input is missing. Check the parameters.',
	tenant_invalid: 'The tenant was not found.',
	user_not_registered: 'The extension is not registered on any softphone, IP phone or web client.',
	number_call_out_invalid: 'The hotline is invalid or missing.',
	extension_invalid: 'The extension does not exist or is disabled.',
	user_busy: 'The called number is busy.',
	do_not_call: "The called number is on the carrier's do-not-call list.",
	Unknown: 'Unspecified error reported by OMICall.',
	// Auto-call
	limit_service: 'The plan (for example a trial) does not allow auto-calls.',
	limit_word: 'Text-to-speech limit reached: 300 characters per session, 3,000 per day.',
	limit_word_session: 'More than 300 text-to-speech characters in one session.',
	balance_is_not_enough: 'The account balance is too low.',
	// Callbot (per phone number, inside a successful response)
	number_dnc: 'The number is on the do-not-call list and was skipped.',
	// Agent invite
	full_name_is_required: 'The full name is missing.',
	identify_info_invalid: 'The email (identify_info) is not valid.',
	password_invalid:
		'The password is too weak: at least 8 characters with upper case, lower case, a digit and a special character.',
	role_is_required: 'The role name is missing.',
	agent_exists: 'The agent already exists.',
	limit_agent: "The plan's agent limit is reached.",
	invite_error: 'The invitation failed.',
	agent_uuid_exists: 'The given agent UUID is already used.',
	// Call history v1
	limit_request_30_minute:
		'OMICall rate limit on call history: its page says requests must be 30 minutes apart (the exact rule is unknown). Wait, or change the filters.',
	from_date_is_required: 'The start date (from_date) is missing.',
	to_date_is_required: 'The end date (to_date) is missing.',
	date_invalid: 'The start or end date is not valid.',
	date_is_too_long:
		'The date range is longer than OMICall accepts (30 days for call history). Call → Get Many, Search and Get Report split longer periods by themselves; seeing this means OMICall refused even a one-hour window.',
	// HTTP 400 without an envelope
	'Invalid request': 'OMICall rejected the request as invalid (HTTP 400). Check the parameters.',
};

/** The error code of a failed OMICall response: `payload.error ?? message ?? payload.message ?? error`. */
export function omicallErrorCode(body: IDataObject): string {
	const payload = (
		typeof body.payload === 'object' && body.payload !== null ? body.payload : {}
	) as IDataObject;
	const code = payload.error ?? body.message ?? payload.message ?? body.error;
	return typeof code === 'string' && code ? code : 'unknown_error';
}

/** Whether an OMICall response is a success: `status_code` 9999 (number or text). */
export function isOmicallSuccess(body: unknown): boolean {
	return (
		typeof body === 'object' && body !== null && Number((body as IDataObject).status_code) === 9999
	);
}

/**
 * What an error needs of the context: the node and, in an operation, the item (`IExecuteSingleFunctions`
 * and the pagination context have one; load-options, poll and hook contexts do not).
 */
export interface ErrorContext {
	getNode(): INode;
	getItemIndex?: () => number;
}

/**
 * The body of a successful OMICall response, or a NodeApiError carrying the vendor code and its
 * documented meaning. HTTP 204 (an empty page) gives `undefined`.
 */
export function checkOmicallResponse(
	ctx: ErrorContext,
	response: IN8nHttpFullResponse,
): IDataObject | undefined {
	if (response.statusCode === 204) return undefined;
	const body = parseResponseBody(response.body);
	if (isOmicallSuccess(body)) return body as IDataObject;
	const errorBody: IDataObject =
		typeof body === 'object' && body !== null
			? (body as IDataObject)
			: { message: String(body ?? '') };
	// A 2xx answer without an envelope (e.g. add_evaluation's documented 201 with no body) is a success.
	if (
		errorBody.status_code === undefined &&
		errorBody.error === undefined &&
		errorBody.message === undefined
	) {
		return { payload: errorBody };
	}
	const code = omicallErrorCode(errorBody);
	const meaning = OMICALL_ERRORS[code];
	const payload = (errorBody.payload ?? {}) as IDataObject;
	const vendorMessage = typeof payload.message === 'string' ? payload.message : undefined;
	const error = new NodeApiError(ctx.getNode(), errorBody as JsonObject, {
		message: `OMICall error ${code}${meaning ? `: ${meaning}` : ''}`,
		description: [
			meaning ? undefined : 'This error code is not in the OMICall documentation.',
			vendorMessage ? `OMICall says: ${vendorMessage}` : undefined,
			`status_code ${String(errorBody.status_code ?? 'none')}`,
		]
			.filter(Boolean)
			.join(' '),
		httpCode: String(response.statusCode),
		itemIndex: ctx.getItemIndex?.(),
	});
	error.context.vendorCode = code;
	throw error;
}

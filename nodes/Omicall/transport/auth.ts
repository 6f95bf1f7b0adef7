import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { sha256Hex } from '../../shared/crypto';
import { refusePlanBody } from '../../shared/planBody';

/**
 * OMICall's token exchange (GET /api/auth) and the token memory that the credential (preAuthentication,
 * authenticate) and the node's request helper (sendOmicall: a token refused inside an HTTP 200
 * answer) share. The credential class itself is in credentials/OmicallApi.credentials.ts.
 */

/** Refresh the access token when it has less than this many seconds left. */
const TOKEN_EXPIRY_MARGIN_SECONDS = 60;

/**
 * How long an OMICall request may wait for an answer: 30 s, as OMICall's own client
 * (VIHAT's omicall-mcp). Used for the token exchange and, unless the node's Request Options set a timeout, for
 * every request of the OMICall node. An object so that tests can shorten it.
 */
export const OMICALL_TIMEOUT = { ms: 30_000 };

/** Hashes of access tokens that OMICall refused inside an HTTP 200 answer (token_expired, auth_invalid). */
const refusedTokens = new Set<string>();
const MAX_REMEMBERED_TOKENS = 1000;

/**
 * Token exchanges by (Base URL, API key, replaced token), so that one account's requests share
 * one GET /api/auth and two accounts never share a token:
 * - requests that found the same token refused or expired share one exchange and its new token
 *   (five items that all meet an expired token cause one exchange, not five);
 * - requests of a fresh credential (no token stored yet) share the first exchange. n8n decrypts the
 *   credential for every request, and writes the new token to its database only after the
 *   exchange: items that read the credential before that write still find no token, even after
 *   the exchange is over. They get the token fetched a moment before, not a new one.
 * A finished exchange is remembered for ten minutes (a first fetch for one minute, which is ample
 * for the late readers of one run), as long as its token is not refused or (nearly) expired.
 */
const exchanges = new Map<string, { token: Promise<string>; value?: string; until: number }>();
const EXCHANGE_MEMORY_MS = 10 * 60_000;
const FIRST_FETCH_MEMORY_MS = 60_000;

/** Forgets every remembered exchange and refused token, as a restart of n8n does (for tests). */
export function forgetOmicallTokens(): void {
	exchanges.clear();
	refusedTokens.clear();
}

function digest(...parts: string[]): string {
	return sha256Hex(parts.join('\u0000'));
}

/**
 * Which account a stored token belongs to: a digest of the Base URL and API key (never the key
 * itself), stored beside the token. n8n keeps hidden fields when the user edits and saves the
 * credential, so after the API key or Base URL is changed the old token is still stored; a token
 * whose `tokenFor` does not match the credential is treated as expired and exchanged anew.
 */
function tokenOwner(credentials: ICredentialDataDecryptedObject): string {
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	return digest('omicall-token-for', baseUrl, String(credentials.apiKey ?? ''));
}

function remember<T>(collection: Set<T> | Map<T, unknown>, limit: number): void {
	while (collection.size > limit) {
		const oldest = collection.keys().next().value as T;
		collection.delete(oldest);
	}
}

/**
 * Records that OMICall refused this access token although its HTTP status was 200 (an envelope
 * with token_expired or auth_invalid). The next request that would send it is reported to n8n as
 * a 401 instead, so n8n fetches a new token through preAuthentication, exactly as after a real 401.
 * Takes the token or the `Authorization: Bearer …` header value.
 */
export function refuseOmicallToken(tokenOrHeader: unknown): void {
	const token = String(tokenOrHeader ?? '').replace(/^Bearer\s+/i, '');
	if (!token) return;
	refusedTokens.add(digest(token));
	remember(refusedTokens, MAX_REMEMBERED_TOKENS);
}

/** An error shaped like n8n's HTTP 401, which makes n8n call preAuthentication and retry. */
function unauthorized(message: string): Error {
	const error = new Error(message) as Error & IDataObject;
	error.response = { status: 401 };
	return error;
}

/** Whether a token may still be sent: not refused by OMICall, not (nearly) expired by its `exp`. */
function usableToken(token: string): boolean {
	if (refusedTokens.has(digest(token))) return false;
	const exp = jwtExpiry(token);
	return exp === undefined || exp - TOKEN_EXPIRY_MARGIN_SECONDS > Date.now() / 1000;
}

/** Reads the `exp` claim (Unix seconds) of a JWT, or undefined when the token is not a JWT. */
export function jwtExpiry(token: string): number | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	try {
		const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as IDataObject;
		const exp = Number(claims.exp);
		return Number.isFinite(exp) && exp > 0 ? exp : undefined;
	} catch {
		return undefined;
	}
}

export const AUTH_ERRORS: Record<string, string> = {
	api_key_is_required: 'The API key is missing. Paste the key from OMICall into the credential.',
	api_key_invalid:
		'OMICall rejected the API key (api_key_invalid): it is wrong or has been revoked. Copy it again from OMICall: Account / Configuration → Integration → API management.',
	tenant_disabled: 'The OMICall tenant of this API key is disabled (tenant_disabled).',
	individual_package_expired:
		'The OMICall service package has expired (individual_package_expired).',
};

/**
 * The credential's preAuthentication: a new access token for this account, with the `tokenFor`
 * to store beside it. Calls of one account that replace the same token, or that find no token
 * yet, share one exchange (see `exchanges`).
 */
export async function exchangeOmicallToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ accessToken: string; tokenFor: string }> {
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	const apiKey = String(credentials.apiKey ?? '');
	const owner = tokenOwner(credentials);
	const stored = String(credentials.accessToken ?? '');
	// A token stored for another API key or Base URL (the credential was edited) is not replaced
	// for this account: this account has no token yet.
	const replaced = credentials.tokenFor === owner ? stored : '';
	const key = digest(baseUrl, apiKey, replaced);
	// n8n asks for a new token while one is stored only when that token was refused (a 401, or
	// `authenticate` found it expired or refused): no remembered exchange may hand it out again.
	if (replaced) refuseOmicallToken(replaced);
	const now = Date.now();
	for (const [name, exchange] of exchanges) if (exchange.until < now) exchanges.delete(name);
	let exchange = exchanges.get(key);
	if (exchange?.value !== undefined && !usableToken(exchange.value)) {
		exchanges.delete(key);
		exchange = undefined;
	}
	if (!exchange) {
		const token = fetchToken(helper, baseUrl, apiKey);
		exchange = { token, until: Number.POSITIVE_INFINITY };
		exchanges.set(key, exchange);
		remember(exchanges, 100);
		const settled = exchange;
		token.then(
			(value) => {
				settled.value = value;
				settled.until = Date.now() + (replaced ? EXCHANGE_MEMORY_MS : FIRST_FETCH_MEMORY_MS);
			},
			() => exchanges.delete(key),
		);
	}
	return { accessToken: await exchange.token, tokenFor: owner };
}

/**
 * The credential's authenticate: sets `x-api-key` and `Authorization: Bearer` on the given
 * options, or throws an error shaped like a 401 when the stored token may not be sent. A body that
 * is still a many-items plan is refused first (a programming error, nothing is sent).
 */
export function authorizeOmicallRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	refusePlanBody(requestOptions, 'OMICall');
	const token = String(credentials.accessToken ?? '');
	const exp = jwtExpiry(token);
	if (exp !== undefined && exp - TOKEN_EXPIRY_MARGIN_SECONDS <= Date.now() / 1000) {
		// The token is (nearly) expired: report it as n8n reports a 401, so that n8n fetches a new
		// token through preAuthentication, stores it and sends this request with it.
		throw unauthorized('The OMICall access token has expired');
	}
	if (token && credentials.tokenFor !== tokenOwner(credentials)) {
		// The token was stored for another API key or Base URL (the credential was edited since),
		// or before tokens were stored with their owner: fetch one for this account.
		throw unauthorized('The stored OMICall access token is not for this API key and Base URL');
	}
	if (token && refusedTokens.has(digest(token))) {
		// OMICall refused this token inside an HTTP 200 answer: the same as a 401.
		throw unauthorized('OMICall refused the access token');
	}
	// Set on the given options (n8n passes the request's own options object), so the node can
	// tell which token a refused request carried.
	requestOptions.headers = {
		...(requestOptions.headers ?? {}),
		'x-api-key': String(credentials.apiKey ?? ''),
		Authorization: `Bearer ${token}`,
	};
	requestOptions.timeout ??= OMICALL_TIMEOUT.ms;
	return requestOptions;
}

/** GET /api/auth: the access token, or an error that says in plain words why there is none. */
async function fetchToken(helper: IHttpRequestHelper, baseUrl: string, apiKey: string) {
	const response = (await helper.helpers.httpRequest({
		method: 'GET',
		url: `${baseUrl}/api/auth`,
		qs: { apiKey },
		headers: { 'Content-Type': 'application/json' },
		json: true,
		timeout: OMICALL_TIMEOUT.ms,
	})) as IDataObject;
	const payload = (
		typeof response?.payload === 'object' && response.payload !== null ? response.payload : {}
	) as IDataObject;
	const token = payload.access_token;
	if (Number(response?.status_code) !== 9999 || typeof token !== 'string' || !token) {
		const code = String(
			(payload.error as string) ?? response?.message ?? payload.message ?? 'unknown_error',
		);
		throw new Error(
			AUTH_ERRORS[code] ??
				`OMICall did not issue an access token (${code}). Check the API key and Base URL.`,
		);
	}
	return token;
}

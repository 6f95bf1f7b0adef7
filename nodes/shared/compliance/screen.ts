import { phoneKey } from '../input';
import { splitList } from '../lists';
import type { CallLog } from './callLog';
import { formatVietnamTime, isVietnameseNumber } from './rules';

/**
 * The per-number rules of Decree 91/2020/ND-CP for an advertising campaign, applied before any
 * request: a Vietnamese number is left out when it is on the local Do-Not-Call list, when the
 * contact's consent is asked for and missing, or when it had an advertising call in the last 24
 * hours (unless the recipients agreed to more calls). Numbers of other countries are not Decree 91's
 * business: only the local Do-Not-Call list applies to them.
 */

/** Why a number was left out. */
export type LeftOutReason = 'doNotCall' | 'noConsent' | 'calledWithin24Hours';

/** One number a node is about to send, with where it came from. */
export interface Candidate {
	phone: string;
	itemIndex: number;
	/** The contact's consent as given (undefined: the node has no Consent field set). */
	consent?: unknown;
}

export interface LeftOut {
	phone: string;
	itemIndex: number;
	reason: LeftOutReason;
	message: string;
	/** For calledWithin24Hours: when and in which campaign the earlier call was sent. */
	calledAt?: string;
	campaign?: string;
}

export interface ScreenSettings {
	/** Keys (phoneKey) of the local Do-Not-Call list. */
	doNotCall: Set<string>;
	/** Whether the recipients agreed to more than one advertising call in 24 hours. */
	agreedToMoreCalls: boolean;
	log: CallLog;
	/**
	 * The campaign (task, session) these numbers are for. An earlier entry of the same campaign is
	 * not a second call: it is this campaign's own earlier attempt (Retry On Fail, a re-run with the
	 * same Idempotency Key), which the vendor's own duplicate checks handle.
	 */
	campaign: string;
}

/** The values of a Consent field that mean "yes" (anything else, empty included, means no). */
const CONSENTING = new Set(['true', 'yes', 'y', '1', 'agreed', 'consented', 'opt-in', 'optin']);

/** Whether a Consent value says the contact agreed. */
export function hasConsent(value: unknown): boolean {
	if (value === true) return true;
	if (typeof value === 'number') return value === 1;
	return typeof value === 'string' && CONSENTING.has(value.trim().toLowerCase());
}

/** The keys of a Local Do-Not-Call list: comma- or line-separated text, or an array. */
export function doNotCallKeys(value: unknown): Set<string> {
	return new Set(
		splitList(value)
			.map((phone) => phoneKey(phone))
			.filter(Boolean),
	);
}

/** Splits the candidates into those that may be sent and those left out (with the reason). */
export function screenAdvertising(
	candidates: Candidate[],
	settings: ScreenSettings,
): { send: Candidate[]; leftOut: LeftOut[] } {
	const send: Candidate[] = [];
	const leftOut: LeftOut[] = [];
	for (const candidate of candidates) {
		const key = phoneKey(candidate.phone);
		const out = (reason: LeftOutReason, message: string, extra: Partial<LeftOut> = {}) =>
			leftOut.push({
				phone: candidate.phone,
				itemIndex: candidate.itemIndex,
				reason,
				message,
				...extra,
			});
		if (settings.doNotCall.has(key)) {
			out('doNotCall', 'The number is on the Local Do-Not-Call list.');
			continue;
		}
		if (!isVietnameseNumber(candidate.phone)) {
			send.push(candidate);
			continue;
		}
		if (candidate.consent !== undefined && !hasConsent(candidate.consent)) {
			out(
				'noConsent',
				'The contact has not consented to advertising calls (Consent is empty or not "true"/"yes").',
			);
			continue;
		}
		const earlier = settings.agreedToMoreCalls ? undefined : settings.log.lastCall(key);
		if (earlier && earlier.campaign !== settings.campaign) {
			out(
				'calledWithin24Hours',
				`The number was sent for an advertising call at ${formatVietnamTime(earlier.at)} Vietnam time (campaign ${earlier.campaign}); Decree 91 allows one advertising call to a number within 24 hours.`,
				{ calledAt: new Date(earlier.at).toISOString(), campaign: earlier.campaign },
			);
			continue;
		}
		send.push(candidate);
	}
	return { send, leftOut };
}

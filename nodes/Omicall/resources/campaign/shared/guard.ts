import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { checkCallingWindow, type ComplianceSettings } from '../../../../shared/compliance/guard';
import {
	formatVietnamTime,
	isInsideWindow,
	isVietnameseNumber,
	nextOpening,
} from '../../../../shared/compliance/rules';
import { phoneKey } from '../../../../shared/input';
import { groupBy } from '../../../../shared/items';
import {
	forgetNumbers,
	screenNumbers,
	type GuardCandidate,
	type PlanGuard,
} from '../../../shared/advertising';

/**
 * The Decree 91 guard of Campaign → Start (nodes/Omicall/shared/advertising.ts for the steps). An
 * OMICall campaign has a start (send_time, or now) and no end:
 *
 * - a scheduled start outside 08:00–17:00 Vietnam time is moved to the next opening, and the output
 *   says so (before → after); a start now outside the window is refused;
 * - a campaign started inside the window may go on dialing after 17:00 (OMICall has no end time,
 *   the node cannot stop it): the output says so.
 *
 * The 24-hour log keys the numbers by the campaign's ext_session_id, so Retry On Fail (or a re-run
 * with the same Idempotency Key) does not leave out its own numbers; OMICall refuses the session
 * the second time.
 */

const NO_END_TIME =
	'OMICall campaigns have no end time: a campaign started inside the window keeps dialing its list and may call after 17:00 Vietnam time. Start large lists early, or split them.';

/**
 * Checks the window at the start (moving a scheduled start into it) and screens the campaign's
 * numbers. `body` is the campaign body (its send_time may change); `sessionId` its ext_session_id.
 */
export function guardCampaign(
	ctx: IExecuteSingleFunctions,
	candidates: GuardCandidate[],
	body: IDataObject,
	sessionId: string,
): { send: GuardCandidate[]; guard: PlanGuard; body: IDataObject } {
	const applies = candidates.some(
		({ settings, phone }) =>
			settings.purpose === 'advertising' &&
			!settings.agreedToOtherHours &&
			isVietnameseNumber(phone),
	);
	const scheduled = typeof body.send_time === 'number' ? body.send_time : undefined;
	let moved: IDataObject | undefined;
	let sendBody = body;
	if (applies && scheduled !== undefined && !isInsideWindow(scheduled)) {
		const after = nextOpening(scheduled);
		sendBody = { ...body, send_time: after };
		moved = {
			before: new Date(scheduled).toISOString(),
			after: new Date(after).toISOString(),
			message: `Start Time ${formatVietnamTime(scheduled)} Vietnam time is outside 08:00–17:00: moved to ${formatVietnamTime(after)} Vietnam time.`,
		};
	} else if (scheduled === undefined) {
		for (const { entries } of groupBy(candidates, (entry) => String(entry.itemIndex))) {
			const phones = entries.map((entry) => entry.phone);
			checkCallingWindow(ctx, entries[0].settings, phones, Date.now(), entries[0].itemIndex);
		}
	}
	const notes = (settings: ComplianceSettings): IDataObject => ({
		...(settings.agreedToOtherHours ? {} : { noEndTime: NO_END_TIME }),
		...(moved ? { scheduledStart: moved } : {}),
	});
	const { send, guard } = screenNumbers(ctx, candidates, sessionId, notes);
	return { send, guard, body: sendBody };
}

/**
 * The numbers OMICall did not call because they are on its do-not-call list (`payload.errors[]`
 * with error_code number_dnc, REFERENCE §4.1.1): forgotten in the 24-hour log and, for an
 * advertising campaign, reported as an output item each, paired to the item that gave it.
 */
export function vendorDoNotCall(
	ctx: IExecuteSingleFunctions,
	answer: IDataObject,
	guard: PlanGuard | undefined,
	itemOf: Record<string, number>,
	fallbackItem: number,
): INodeExecutionData[] {
	const errors = Array.isArray(answer.errors) ? (answer.errors as IDataObject[]) : [];
	const dnc = errors.filter(
		(error) => error && String(error.error_code ?? error.errorCode ?? '') === 'number_dnc',
	);
	forgetNumbers(
		ctx,
		guard,
		dnc.map((error) => error.phone),
	);
	const advertising = Object.values(guard?.summaries ?? {}).some(
		(summary) => summary.callPurpose === 'advertising',
	);
	if (!advertising) return [];
	return dnc.map((error) => ({
		json: {
			skipped: true,
			reason: 'omicallDoNotCall',
			message:
				'OMICall did not call the number: it is on the do-not-call list (number_dnc). It does not count as a call for the 24-hour rule.',
			phone: error.phone as string,
			vendorCode: 'number_dnc',
		},
		pairedItem: { item: itemOf[phoneKey(error.phone)] ?? fallbackItem },
	}));
}

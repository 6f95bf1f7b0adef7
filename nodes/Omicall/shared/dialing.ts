import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { checkCallingWindow, readCompliance } from '../../shared/compliance/guard';
import { planOf, withPlan } from '../../shared/plan';
import {
	forgetNumbers,
	leftOutItems,
	recordNumbers,
	screenNumbers,
	withSummaries,
	type PlanGuard,
} from './advertising';
import { onceKey, sendOnce } from './sendOnce';

/**
 * The operations that dial one request per item (Call → Click to Call, Auto-Call → Start by Phone,
 * Start by Extension): the preSend plans the request with the Decree 91 guard and logs the
 * advertising numbers (`planDial`), the pagination function (`paginateDialOnce`) sends at most once
 * per item and execution, whatever Retry On Fail does (./sendOnce.ts), and forgets the numbers of
 * a request OMICall refused for certain.
 */

/** What a dialing item sends: the body (undefined: every number was left out) and its guard. */
interface DialPlan {
	body?: IDataObject;
	key: string;
	guard: PlanGuard;
}

/** The key of a dialing request: per item, the same on every attempt (tool calls included). */
function dialKey(ctx: IExecuteSingleFunctions, label: string): string {
	return onceKey(ctx, `omicall-dial|${label}`, { item: true });
}

/**
 * Plans a dialing request to `phones`: reads the item's Call Purpose (refusing an unset one), and
 * for advertising checks the calling window now and screens the numbers (the 24-hour log's
 * campaign is the request's key); `bodyFor` makes the body of the numbers kept.
 */
export function planDial(
	ctx: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	label: string,
	phones: string[],
	bodyFor: (phones: string[]) => IDataObject,
): IHttpRequestOptions {
	const itemIndex = ctx.getItemIndex();
	const settings = readCompliance(ctx);
	checkCallingWindow(ctx, settings, phones, Date.now());
	const key = dialKey(ctx, label);
	const candidates = phones.map((phone) => ({ phone, itemIndex, settings }));
	const { send, guard } = screenNumbers(ctx, candidates, key);
	// Logged now, before any request: n8n runs every item's preSend before the first request, so
	// a later item of the run giving the same number sees this one's entry and leaves it out.
	recordNumbers(ctx, guard);
	const body = send.length ? bodyFor(send.map((candidate) => candidate.phone)) : undefined;
	return withPlan(requestOptions, { body, key, guard } satisfies DialPlan);
}

/**
 * The pagination function of a dialing operation: `sendOnce` keyed by the item, with where to
 * check made from the request body the preSend built, e.g. "call history for 0395187319". With a
 * plan (`planDial`), the advertising numbers are forgotten when OMICall refused the request for
 * certain; the numbers left out get their own output items.
 */
export function paginateDialOnce(label: string, check: (body: IDataObject) => string) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const plan = planOf<DialPlan>(requestData.options);
		const body = plan ? plan.body : ((requestData.options.body ?? {}) as IDataObject);
		const skipped = leftOutItems(plan?.guard);
		if (!body) return withSummaries(skipped, plan?.guard);
		const items = await sendOnce(this, requestData, {
			key: plan?.key ?? dialKey(this, label),
			what: `${label} of item ${this.getItemIndex()}`,
			kind: 'dial',
			howToCheck: `Check the ${check(body)} before you start it again (a new execution sends it).`,
			body,
			// Refused for certain: nothing was dialed, the numbers may be called again.
			onRefused: () => forgetNumbers(this, plan?.guard),
		});
		return withSummaries([...items, ...skipped], plan?.guard, this.getItemIndex());
	};
}

import {
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { parameterForItem } from '../../../shared/items';
import { chunk, planForItems, planOf, runMemo, withPlan } from '../../../shared/plan';
import { nodeError } from '../../transport/request';
import { contactBody, contactCreateFields, requireIdentity } from './shared/fields';
import { onceKey, sendOnce } from '../../shared/sendOnce';

/**
 * Contact → Create Many: every input item is one contact; one `POST /api/contacts/add-more` per
 * node run carries them all (in batches of Batch Size). OMICall imports them asynchronously: its
 * `payload: true` says it accepted the list, not that each contact was created.
 *
 * The path: each item's preSend calls `planForItems` (nodes/shared/plan.ts): every item's fields
 * are read and checked once, the first valid item (the leader) plans the batches, a bad item gets
 * its own input error (with Continue On Fail; otherwise nothing is sent), the other items send
 * nothing. The plans reach `sendContactBatches` in the request options' body: the leader sends
 * each batch once per node run (../../shared/sendOnce.ts) and shares the results with the run's items;
 * each item outputs its own contact, paired to it, in item order.
 */

const show = { resource: ['contact'], operation: ['createMany'] };
const HOW_TO_CHECK =
	'OMICall imports the list asynchronously: wait a minute, then look for these contacts with Contact → Get (by Partner ID, Partner Code or Phone) and send only the missing ones.';

export const contactCreateManyDescription: INodeProperties[] = [
	{
		displayName:
			'One contact per input item, all sent in one request per run (in batches). OMICall imports them asynchronously: the output says they were accepted, not created. Set Partner ID or Partner Code to find them later.',
		name: 'createManyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	...contactCreateFields(show),
	{
		displayName: 'Options',
		name: 'createManyOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 500 },
				default: 100,
				description:
					'Most contacts per add-more request (OMICall documents no limit); more input items are sent in several requests',
			},
		],
	},
];

interface Entry {
	itemIndex: number;
	body: IDataObject;
}

/** What each item of the run outputs: its contact, queued, or the error of its batch. */
type Result = { ok: true; json: IDataObject } | { ok: false; error: unknown };

/** The results of a run's add-more batches, which the leading item sends and every item awaits. */
interface RunResults {
	promise: Promise<Map<number, Result>>;
	resolve: (results: Map<number, Result>) => void;
}

function runResults(): RunResults {
	let resolve: RunResults['resolve'] = () => undefined;
	const promise = new Promise<Map<number, Result>>((done) => (resolve = done));
	return { promise, resolve };
}

interface ItemPlan {
	results: RunResults;
	/** Only in the leading item's plan. */
	batches?: Entry[][];
}

/**
 * Reads and checks every item once; the leading item plans the batches of all valid items. Every
 * valid item gets the run's shared results, so that it outputs its own contact (or its batch's
 * error) in its own place: errors of bad items then stand between them in item order.
 */
export async function prepareContactCreateMany(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const results = runMemo(this, 'omicall-contact-createMany-results', runResults);
	const read = (itemIndex: number) => {
		const top: IDataObject = {
			fullName: parameterForItem(this, 'fullName', itemIndex, '') as IDataObject[string],
			phones: parameterForItem(this, 'phones', itemIndex, {}) as IDataObject,
		};
		const more = (parameterForItem(this, 'additionalFields', itemIndex, {}) ?? {}) as IDataObject;
		const body = contactBody(this, top, more, itemIndex);
		requireIdentity(this, body, itemIndex);
		return body;
	};
	let plan: ReturnType<typeof planForItems<IDataObject>>;
	try {
		plan = planForItems(this, 'omicall-contact-createMany', read);
	} catch (error) {
		// The leading item stops the run with another item's error (no Continue On Fail): nothing
		// is sent, and the other items must not wait for results.
		const failed = (error as { context?: IDataObject }).context?.itemIndex;
		if (failed !== this.getItemIndex()) results.resolve(new Map());
		throw nodeError(this, error);
	}
	if (!plan.leader) return withPlan<ItemPlan>(requestOptions, { results });
	const options = this.getNodeParameter('createManyOptions', {}) as IDataObject;
	const size = Math.min(500, Math.max(1, Math.floor(Number(options.batchSize ?? 100)) || 100));
	const entries = plan.entries.map(({ itemIndex, value }) => ({ itemIndex, body: value }));
	return withPlan<ItemPlan>(requestOptions, { results, batches: chunk(entries, size) });
}

/**
 * Sends the planned batches in order, each once per node run. Without Continue On Fail the first
 * failed batch stops the sending; the items of later batches get an error saying they were not
 * sent.
 */
async function sendBatches(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	batches: Entry[][],
): Promise<Map<number, Result>> {
	const results = new Map<number, Result>();
	let stoppedBy: number | undefined;
	for (const [index, batch] of batches.entries()) {
		const items = batch.map((entry) => entry.itemIndex);
		if (stoppedBy !== undefined) {
			const error = new NodeOperationError(
				ctx.getNode(),
				`Batch ${index + 1} of Create Many (items ${items.join(', ')}) was not sent: batch ${stoppedBy} failed first`,
				{ itemIndex: items[0] },
			);
			for (const item of items) results.set(item, { ok: false, error });
			continue;
		}
		const body = batch.map((entry) => entry.body);
		try {
			await sendOnce(ctx, requestData, {
				key: onceKey(ctx, 'omicall-contact-createMany', { body }),
				what: `Batch ${index + 1} of Create Many (items ${items.join(', ')})`,
				kind: 'create',
				howToCheck: HOW_TO_CHECK,
				body,
			});
			for (const entry of batch) {
				results.set(entry.itemIndex, {
					ok: true,
					json: { queued: true, batch: index + 1, ...entry.body },
				});
			}
		} catch (error) {
			for (const item of items) results.set(item, { ok: false, error });
			if (!ctx.continueOnFail()) stoppedBy = index + 1;
		}
	}
	return results;
}

/**
 * The pagination function: the leading item sends every batch and shares the results; each item
 * then outputs its own contact, paired to it, or throws its batch's error (with Continue On Fail,
 * n8n makes that its error item).
 */
export async function sendContactBatches(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const plan = planOf<ItemPlan>(requestData.options);
	if (!plan) return [];
	if (plan.batches) {
		let results = new Map<number, Result>();
		try {
			results = await sendBatches(this, requestData, plan.batches);
		} finally {
			plan.results.resolve(results);
		}
	}
	const itemIndex = this.getItemIndex();
	const mine = (await plan.results.promise).get(itemIndex);
	if (!mine) return [];
	if (!mine.ok) throw nodeError(this, mine.error);
	return [{ json: { ...mine.json }, pairedItem: { item: itemIndex } }];
}

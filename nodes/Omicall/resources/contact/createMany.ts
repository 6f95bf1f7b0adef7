import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { parameterForItem } from '../../../shared/items';
import {
	chunk,
	planErrorItems,
	planForItems,
	planOf,
	withNoPlan,
	withPlan,
} from '../../../shared/plan';
import { nodeError } from '../../transport/request';
import { contactBody, contactCreateFields, requireIdentity } from './shared/fields';
import { onceKey, sendOnce } from './shared/sentOnce';

/**
 * Contact → Create Many: every input item is one contact; one `POST /api/contacts/add-more` per
 * node run carries them all (in batches of Batch Size). OMICall imports them asynchronously: its
 * `payload: true` says it accepted the list, not that each contact was created.
 *
 * The path: each item's preSend calls `planForItems` (nodes/shared/plan.ts): every item's fields
 * are read and checked once, the first valid item (the leader) plans the batches, a bad item gets
 * its own input error (with Continue On Fail; otherwise nothing is sent), the other items send
 * nothing. The leader's plan reaches `sendContactBatches` in the request options' body, which sends
 * each batch once per node run (./shared/sentOnce.ts) and outputs one item per contact, paired to
 * its input item.
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

interface BatchesPlan {
	batches: Entry[][];
}

/** Reads and checks every item once; the leading item plans the batches of all valid items. */
export async function prepareContactCreateMany(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const plan = planForItems(this, 'omicall-contact-createMany', (itemIndex) => {
		const top: IDataObject = {
			fullName: parameterForItem(this, 'fullName', itemIndex, '') as IDataObject[string],
			phones: parameterForItem(this, 'phones', itemIndex, {}) as IDataObject,
		};
		const more = (parameterForItem(this, 'additionalFields', itemIndex, {}) ?? {}) as IDataObject;
		const body = contactBody(this, top, more, itemIndex);
		requireIdentity(this, body, itemIndex);
		return body;
	});
	if (!plan.leader || !plan.entries.length) return withNoPlan(requestOptions);
	const options = this.getNodeParameter('createManyOptions', {}) as IDataObject;
	const size = Math.min(500, Math.max(1, Math.floor(Number(options.batchSize ?? 100)) || 100));
	const entries = plan.entries.map(({ itemIndex, value }) => ({ itemIndex, body: value }));
	return withPlan<BatchesPlan>(requestOptions, { batches: chunk(entries, size) });
}

/** Sends the planned batches, each once per node run, and outputs one item per contact. */
export async function sendContactBatches(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const plan = planOf<BatchesPlan>(requestData.options);
	if (!plan) return [];
	const output: INodeExecutionData[] = [];
	for (const [index, batch] of plan.batches.entries()) {
		const body = batch.map((entry) => entry.body);
		const items = batch.map((entry) => entry.itemIndex);
		try {
			await sendOnce(this, requestData, {
				key: onceKey(this, 'omicall-contact-createMany', body),
				what: `Batch ${index + 1} of Create Many (items ${items.join(', ')})`,
				howToCheck: HOW_TO_CHECK,
				body,
			});
		} catch (error) {
			const failure = nodeError(this, error);
			if (!this.continueOnFail()) throw failure;
			output.push(...planErrorItems(failure, items, { more: { batch: index + 1 } }));
			continue;
		}
		for (const entry of batch) {
			output.push({
				json: { queued: true, batch: index + 1, ...entry.body },
				pairedItem: { item: entry.itemIndex },
			});
		}
	}
	return output;
}

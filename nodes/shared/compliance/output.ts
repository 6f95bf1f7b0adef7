import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { LeftOut } from './screen';

/**
 * The Decree 91 guard's output, the same for both vendors: an output item per number left out, and
 * each output item's summary of its input item (`compliance`).
 */

/**
 * Output items of the numbers left out, paired to their input items. `lead(entry)` gives fields
 * that come first (e.g. NXCLOUD's task ID; a field it repeats keeps its place).
 */
export function leftOutItems<Entry extends LeftOut>(
	leftOut: Entry[],
	lead: (entry: Entry) => IDataObject = () => ({}),
): INodeExecutionData[] {
	return leftOut.map((entry) => {
		const json: IDataObject = {
			...lead(entry),
			skipped: true,
			reason: entry.reason,
			message: entry.message,
			phone: entry.phone,
		};
		if (entry.calledAt) json.calledAt = entry.calledAt;
		if (entry.campaign) json.campaign = entry.campaign;
		return { json, pairedItem: { item: entry.itemIndex } };
	});
}

/**
 * Adds its item's summary (`summaries` by input item) to every output item: the item it is paired
 * to (the first, for a list), else `ownItem`; items of no known item stay as they are.
 */
export function withSummaries(
	items: INodeExecutionData[],
	summaries: Record<number, IDataObject> | undefined,
	ownItem?: number,
): INodeExecutionData[] {
	if (!summaries) return items;
	for (const item of items) {
		const paired = ([] as Array<{ item?: number }>).concat(
			(item.pairedItem ?? []) as { item?: number },
		)[0];
		const index = paired?.item ?? ownItem;
		const summary = index === undefined ? undefined : summaries[index];
		if (summary) item.json = { ...item.json, compliance: summary };
	}
	return items;
}

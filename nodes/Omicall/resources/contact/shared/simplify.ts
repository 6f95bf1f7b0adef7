import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	PostReceiveAction,
} from 'n8n-workflow';

/**
 * Simplify for contacts: OMICall keeps a contact's fields in `attribute_structure[]` (one entry per
 * field_code, its values in `value[].display_value`; reference §4.8, contact shape [inferred]).
 * The simplified record is flat: the ID, name, phones, emails, tags and dates. camelCase records
 * (`publicId`, `fullName`, `phones[].data`) are read too.
 */

function displayValues(attribute: IDataObject): string[] {
	const values = Array.isArray(attribute.value) ? (attribute.value as IDataObject[]) : [];
	return values
		.map((value) => value?.display_value)
		.filter((value) => value !== undefined && value !== null && value !== '')
		.map(String);
}

function dataValues(list: unknown): string[] {
	return Array.isArray(list)
		? (list as IDataObject[]).map((entry) => String(entry?.data ?? '')).filter(Boolean)
		: [];
}

/** The flat form of one contact record. */
export function simplifyContact(record: IDataObject): IDataObject {
	const attributes: Record<string, string[]> = {};
	if (Array.isArray(record.attribute_structure)) {
		for (const attribute of record.attribute_structure as IDataObject[]) {
			if (attribute?.field_code)
				attributes[String(attribute.field_code)] = displayValues(attribute);
		}
	}
	const first = (code: string) => attributes[code]?.[0];
	const simple: IDataObject = {
		id: record.public_id ?? record.publicId ?? record._id ?? record.id,
		full_name: first('full_name') ?? record.fullName ?? record.full_name,
		phones: attributes.phone_number ?? dataValues(record.phones),
		emails: attributes.mail ?? dataValues(record.emails),
		tags: record.tags,
		ref_id: record.refId ?? record.ref_id,
		ref_code: record.refCode ?? record.ref_code,
		created_date: record.created_date,
		last_updated_date: record.last_updated_date,
	};
	return Object.fromEntries(Object.entries(simple).filter(([, value]) => value !== undefined));
}

/** A postReceive that, when Simplify is on, outputs `simplifyContact` of each record. */
export const simplifyContacts: PostReceiveAction = async function (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (!(this.getNodeParameter('simplify', false) as boolean)) return items;
	return items.map((item) => ({ ...item, json: simplifyContact(item.json) }));
};

import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import {
	collectionRows,
	itemContact,
	jsonContacts,
	listedContacts,
	type JsonContactsSpec,
} from '../../nodes/shared/contacts';

const ctx = {
	getNode: () => ({ name: 'Node', type: 'test', typeVersion: 1, parameters: {} }),
	getItemIndex: () => 0,
} as unknown as IExecuteSingleFunctions;

const spec = (listIsBare: boolean): JsonContactsSpec => ({
	label: 'Contacts (JSON)',
	fix: 'Enter a JSON array.',
	aliases: { phone: ['userPhone', 'phone'], code: ['ext_code'] },
	bareField: 'phone',
	listIsBare,
});

describe('contacts', () => {
	it('reads a JSON array with the vendor keys, the first set alias winning', () => {
		expect(
			jsonContacts(
				ctx,
				'[{"userPhone": "1", "phone": "2"}, {"phone": "3", "ext_code": "C"}, "4"]',
				0,
				spec(true),
			),
		).toEqual([{ phone: '1', code: undefined }, { phone: '3', code: 'C' }, { phone: '4' }]);
		// One object is one contact.
		expect(jsonContacts(ctx, { phone: '5' }, 0, spec(true))).toEqual([
			{ phone: '5', code: undefined },
		]);
	});

	it('reads a list entry as a bare value or as an object without known keys', () => {
		expect(jsonContacts(ctx, [['6']], 0, spec(true))).toEqual([{ phone: ['6'] }]);
		expect(jsonContacts(ctx, [['6']], 0, spec(false))).toEqual([
			{ phone: undefined, code: undefined },
		]);
	});

	it('names the field and the item when the value is not a JSON array', () => {
		expect(() => jsonContacts(ctx, '[{', 3, spec(true))).toThrow(
			'Contacts (JSON) of item 3 is not valid JSON',
		);
		expect(() => jsonContacts(ctx, 7, 3, spec(true))).toThrow(
			'Contacts (JSON) of item 3 is not an array',
		);
	});

	it('reads the Define Below list and the per-item fields', () => {
		const parameters: Record<string, unknown> = {
			contacts: { contact: [{ phone: '1' }, null] },
			contactPhone: '2',
		};
		const get = (name: string, fallback?: unknown) => parameters[name] ?? fallback;
		expect(listedContacts(ctx, get, 0, 'define', spec(true))).toEqual([{ phone: '1' }, {}]);
		expect(
			itemContact(get, { phone: 'contactPhone', email: 'contactEmail' }, { email: '' }),
		).toEqual({ phone: '2', email: '' });
		expect(collectionRows('text', 'contact')).toEqual([]);
		expect(collectionRows(undefined, 'contact')).toEqual([]);
	});
});

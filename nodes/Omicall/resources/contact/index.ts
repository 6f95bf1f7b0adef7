import type { INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../../shared/toolMode';
import { listItems, omicallOutput } from '../../transport/output';
import { addNoteOnce, contactAddNoteDescription, prepareContactAddNote, readNote } from './addNote';
import {
	contactCreateDescription,
	createContactOnce,
	prepareContactCreate,
	readContactToCreate,
} from './create';
import {
	contactCreateManyDescription,
	prepareContactCreateMany,
	sendContactBatches,
} from './createMany';
import { contactDeleteDescription, fillContactId } from './delete';
import { contactGetDescription, prepareContactGet } from './get';
import { contactGetManyDescription, prepareContactGetMany } from './getAll';
import { simplifyContacts } from './shared/simplify';
import { contactUpdateDescription, prepareContactUpdate, readContactUpdate } from './update';
import { confirmedOutput, deletedOutput } from '../../shared/outputs';

// OMICall API reference §4.8 "Contacts" (Bearer auth). Create, Update, Add Note and Delete answer
// `payload: true/false`: false is an error (./shared/values.ts). Create, Create Many and Add Note
// send each request at most once per node run (../../shared/sendOnce.ts).
export const contactDescription: INodeProperties[] = [
	...operationProperties({
		resource: 'contact',
		default: 'getAll',
		hiddenInTool: ['delete'],
		operations: [
			{
				name: 'Add Note',
				value: 'addNote',
				action: 'Add a note to a contact',
				description: 'Add a note to the contact with a phone number',
				routing: {
					request: { method: 'POST', url: '/api/contacts/add-note' },
					send: { preSend: [prepareContactAddNote] },
					operations: { pagination: addNoteOnce },
					output: {
						postReceive: [
							confirmedOutput('note', function () {
								return { added: true, ...readNote(this) };
							}),
						],
					},
				},
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a contact',
				description: 'Create one contact per input item',
				routing: {
					request: { method: 'POST', url: '/api/contacts/add' },
					send: { preSend: [prepareContactCreate] },
					operations: { pagination: createContactOnce },
					output: {
						postReceive: [
							confirmedOutput('contact creation', function () {
								return { created: true, ...readContactToCreate(this) };
							}),
						],
					},
				},
			},
			{
				name: 'Create Many',
				value: 'createMany',
				action: 'Create many contacts',
				description:
					'Send all input items as contacts in one request per run; OMICall imports them asynchronously',
				routing: {
					request: { method: 'POST', url: '/api/contacts/add-more' },
					send: { preSend: [prepareContactCreateMany] },
					operations: { pagination: sendContactBatches },
					output: {
						postReceive: [confirmedOutput('contact import', () => ({ queued: true }))],
					},
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a contact',
				description: 'Delete a contact by its OMICall ID',
				routing: {
					request: { method: 'DELETE', url: '/api/contacts/delete/:id' },
					send: { preSend: [fillContactId] },
					output: { postReceive: [deletedOutput('contactId')] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a contact',
				description: 'Get a contact by its ID, phone, email, Partner ID or Partner Code',
				routing: {
					request: { method: 'GET', url: '/api/contacts/get' },
					send: { preSend: [prepareContactGet] },
					output: { postReceive: [omicallOutput(), simplifyContacts] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many contacts',
				description: 'List contacts, optionally by keyword or owner',
				routing: {
					request: { method: 'POST', url: '/api/contacts/list' },
					send: { preSend: [prepareContactGetMany] },
					output: { postReceive: [omicallOutput(listItems), simplifyContacts] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a contact',
				description: 'Change fields of a contact found by its Partner ID',
				routing: {
					request: { method: 'POST', url: '/api/contacts/update' },
					send: { preSend: [prepareContactUpdate] },
					output: {
						postReceive: [
							confirmedOutput('contact update', function () {
								return { updated: true, ...readContactUpdate(this) };
							}),
						],
					},
				},
			},
		],
	}),
	...contactAddNoteDescription,
	...contactCreateDescription,
	...contactCreateManyDescription,
	...contactDeleteDescription,
	...contactGetDescription,
	...contactGetManyDescription,
	...contactUpdateDescription,
];

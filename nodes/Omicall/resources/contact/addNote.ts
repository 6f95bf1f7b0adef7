import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { asText, inputError } from '../../../shared/input';
import { sendOncePerRun } from '../../shared/sendOnce';
import { checkedPhone } from './shared/values';
import { checkedEmail } from '../../shared/checks';

const show = { resource: ['contact'], operation: ['addNote'] };

export const contactAddNoteDescription: INodeProperties[] = [
	{
		displayName: 'Phone',
		name: 'notePhone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 0912345678',
		description: 'Phone number of the contact the note is for',
		displayOptions: { show },
	},
	{
		displayName: 'Content',
		name: 'noteContent',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'e.g. The customer asked to be called back on Monday',
		displayOptions: { show },
	},
	{
		displayName: 'Note By',
		name: 'noteBy',
		type: 'string',
		default: '',
		placeholder: 'e.g. agent@example.com',
		description: 'Email of the agent who writes the note (note_by); empty leaves it out',
		displayOptions: { show },
	},
];

/** The add-note body of this item: an array with one `{phone, content, note_by}`. */
export function readNote(ctx: IExecuteSingleFunctions): IDataObject {
	const phone = checkedPhone(ctx, ctx.getNodeParameter('notePhone', ''), 'Phone');
	const content = asText(ctx.getNodeParameter('noteContent', ''));
	if (!content) inputError(ctx, 'Content', 'is empty', 'Enter the text of the note.');
	const note: IDataObject = { phone, content };
	const by = ctx.getNodeParameter('noteBy', '');
	if (asText(by)) note.note_by = checkedEmail(ctx, by, 'Note By');
	return note;
}

export async function prepareContactAddNote(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return { ...requestOptions, body: [readNote(this)] as unknown as IDataObject };
}

/** Sends the note once per node run: Retry On Fail never adds it twice. */
export const addNoteOnce = sendOncePerRun(
	'omicall-contact-addNote',
	'Note',
	'Open the contact in OMICall to see whether the note is there before adding it again.',
);

import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { asText, inputError } from '../../../shared/input';

const show = { resource: ['greeting'], operation: ['createFromText'] };

/** OMICall's text-to-speech limit per request (section 4.8; `limit_word_session`). */
export const MAX_TTS_CHARACTERS = 300;

export const greetingCreateFromTextDescription: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'greetingName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Welcome',
		displayOptions: { show },
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'e.g. Hello, thank you for calling',
		displayOptions: { show },
		description: `What the greeting says, at most ${MAX_TTS_CHARACTERS} characters`,
	},
	{
		displayName: 'Voice',
		name: 'voice',
		type: 'options',
		default: 'northern_female_ngocanh',
		displayOptions: { show },
		// The voices of OMICall's text-to-speech service (section 4.9); that this endpoint takes the
		// same names is inferred.
		options: [
			{ name: 'Northern Female (Ngọc Anh)', value: 'northern_female_ngocanh' },
			{ name: 'Northern Male (Anh Kiệt)', value: 'northern_male_anhkiet' },
			{ name: 'Southern Female (Hồng Anh)', value: 'southern_female_honganh' },
			{ name: 'Southern Female (Khang An)', value: 'southern_female_khangan' },
			{ name: 'Southern Male (Tiến Huy)', value: 'southern_male_tienhuy' },
		],
		description:
			"The voice, from OMICall's text-to-speech voices (that this endpoint takes the same names is inferred)",
	},
	{
		displayName: 'Speed',
		name: 'speed',
		type: 'number',
		typeOptions: { minValue: 0.8, maxValue: 1.2, numberPrecision: 1 },
		default: 1,
		displayOptions: { show },
		description:
			"Speaking speed, 0.8 to 1.2 (the range of OMICall's text-to-speech service, inferred)",
	},
];

/** The greeting's name as the query and the checked body `{text, speed, voice}`. */
export async function prepareGreetingFromText(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const name = asText(this.getNodeParameter('greetingName', ''));
	if (!name) inputError(this, 'Name', 'is empty', 'Enter a name for the greeting.');
	const text = asText(this.getNodeParameter('text', ''));
	if (!text) inputError(this, 'Text', 'is empty', 'Enter what the greeting says.');
	if ([...text].length > MAX_TTS_CHARACTERS) {
		inputError(
			this,
			'Text',
			`has ${[...text].length} characters, more than ${MAX_TTS_CHARACTERS}`,
			`Shorten the text to ${MAX_TTS_CHARACTERS} characters or fewer (OMICall's text-to-speech limit per request).`,
		);
	}
	const speed = Number(this.getNodeParameter('speed', 1));
	if (!Number.isFinite(speed) || speed < 0.8 || speed > 1.2) {
		inputError(
			this,
			'Speed',
			`${String(speed)} is outside 0.8 to 1.2`,
			'Enter a speed from 0.8 to 1.2.',
		);
	}
	const body: IDataObject = { text, speed, voice: asText(this.getNodeParameter('voice', '')) };
	return {
		...requestOptions,
		qs: { ...(requestOptions.qs ?? {}), greeting_name: name },
		body,
	};
}

import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * The editor fields of the Decree 91 guard, for every operation that starts calls (see
 * docs/compliance.md). The action nodes' version 1.1 added them: a node added since then must choose
 * a Call Purpose (no default, required); a node of version 1 (workflows made before) keeps working
 * as service calls and shows a notice saying so.
 */

/** Where the fields of a call-starting operation show (resource and operation). */
type Show = NonNullable<IDisplayOptions['show']>;

/** The node version that added Call Purpose. */
export const CALL_PURPOSE_VERSION = 1.1;

export type CallPurpose = 'advertising' | 'service';

const PURPOSES = [
	{
		name: 'Advertising (Decree 91 Rules)',
		value: 'advertising',
		description:
			'Calls that promote products or services. Vietnamese numbers are called only 08:00–17:00 Vietnam time, at most once in 24 hours, with consent and not on the Do-Not-Call list.',
	},
	{
		name: 'Service or Transactional',
		value: 'service',
		description:
			'Reminders, deliveries, appointments, customer care: the advertising rules do not apply',
	},
];

const PURPOSE_DESCRIPTION =
	"What the calls are for. Vietnam's Decree 91/2020/ND-CP sets rules for advertising calls; the node enforces them for Advertising. This is a guard, not legal advice.";

/** Call Purpose (required from version 1.1, service for version 1 with a notice) and its rules. */
export function callPurposeProperties(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Call Purpose',
			name: 'callPurpose',
			type: 'options',
			options: PURPOSES,
			default: '',
			required: true,
			description: PURPOSE_DESCRIPTION,
			displayOptions: { show: { ...show, '@version': [{ _cnd: { gte: CALL_PURPOSE_VERSION } }] } },
		},
		{
			displayName: 'Call Purpose',
			name: 'callPurpose',
			type: 'options',
			options: PURPOSES,
			default: 'service',
			description: PURPOSE_DESCRIPTION,
			displayOptions: { show: { ...show, '@version': [{ _cnd: { lt: CALL_PURPOSE_VERSION } }] } },
		},
		{
			displayName:
				'This node was added before Call Purpose existed, so its calls count as service calls and the advertising rules (Decree 91) are not applied. Choose Advertising if these calls promote anything.',
			name: 'callPurposeNotice',
			type: 'notice',
			default: '',
			displayOptions: {
				show: {
					...show,
					callPurpose: ['service'],
					'@version': [{ _cnd: { lt: CALL_PURPOSE_VERSION } }],
				},
			},
		},
		{
			displayName: 'Advertising Rules',
			name: 'advertisingRules',
			type: 'collection',
			placeholder: 'Add Rule Option',
			default: {},
			displayOptions: { show: { ...show, callPurpose: ['advertising'] } },
			options: [
				{
					displayName: 'Consent',
					name: 'consent',
					type: 'string',
					default: '',
					placeholder: 'e.g. {{ $json.consent }}',
					description:
						"Each contact's consent to advertising calls. True, yes or 1 means consented; anything else (empty included) leaves the number out, with an output item saying why.",
				},
				{
					displayName: 'Local Do-Not-Call List',
					name: 'doNotCall',
					type: 'string',
					default: '',
					placeholder: 'e.g. 0912345678, 0987654321 or {{ $json.doNotCall }}',
					description:
						'Numbers never to call, comma- or line-separated, or an array from an expression. Applied before any request, to numbers of every country.',
				},
				{
					displayName: 'Recipients Agreed to More Calls',
					name: 'agreedToMoreCalls',
					type: 'boolean',
					default: false,
					description:
						'Whether the recipients agreed to more than one advertising call within 24 hours. Turns the 24-hour check off; the output says so.',
				},
				{
					displayName: 'Recipients Agreed to Other Hours',
					name: 'agreedToOtherHours',
					type: 'boolean',
					default: false,
					description:
						'Whether the recipients agreed to advertising calls outside 08:00–17:00 Vietnam time. Turns the calling-window check off; the output says so.',
				},
			],
		},
	];
}

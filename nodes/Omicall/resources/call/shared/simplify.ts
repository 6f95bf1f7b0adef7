import { simplifyOutput, simplifyProperties } from '../../../../shared/toolMode';

/**
 * Simplify for the call records of Get, Get Many and Search (about 50 fields each, over 60 in
 * Search's rows): one toggle for the three operations, and the fields an agent or a report needs:
 * who called whom, when, how it ended, the recording, the agent, the note and the tags. A field a
 * record does not have is left out (Get Many's and Search's rows differ).
 */
export const CALL_RECORD_FIELDS = [
	'transaction_id',
	'direction',
	'source_number',
	'destination_number',
	'disposition',
	'dial_status',
	'hangup_cause',
	'duration',
	'bill_sec',
	'time_start_call',
	'time_start_to_answer',
	'time_end_call',
	'created_date',
	'recording_file',
	'sip_user',
	'is_auto_call',
	'is_callbot',
	'note',
	'tag',
	'customer.full_name',
	'user.full_name',
	'total_evaluate',
];

export const callSimplifyFields = simplifyProperties({
	resource: ['call'],
	operation: ['get', 'getAll', 'search'],
});

/** Keeps CALL_RECORD_FIELDS of each call when Simplify is on. */
export const simplifyCallRecords = simplifyOutput(CALL_RECORD_FIELDS);

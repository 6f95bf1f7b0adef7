import type { INodeProperties } from 'n8n-workflow';
import { PERSISTED_REPEAT_CEILING } from './persistedRepeats';
import { MAX_REPEAT_ENTRIES, MAX_REPEAT_WINDOW_SECONDS } from './repeats';

/** Pieces of a trigger's Options collection shared by both triggers. */

/**
 * The repeat options of a trigger's Options collection. `noun` is what the trigger receives
 * ("callback", "delivery"); `sameKeys` says which fields make two of them the same; `keptNote` is
 * added to the Remembered Deliveries description (e.g. what is never forgotten early).
 */
export function repeatOptions(
	noun: string,
	plural: string,
	sameKeys: string,
	keptNote = '',
): INodeProperties[] {
	return [
		{
			displayName: 'Drop Repeated Deliveries',
			name: 'dropRepeats',
			type: 'boolean',
			default: true,
			description: `Whether to acknowledge and ignore a ${noun} already received within the window (${sameKeys}). Remembered in the memory of this n8n process and, unless Remember Across Restarts is off, in the workflow's static data.`,
		},
		{
			displayName: 'Remember Across Restarts',
			name: 'persistRepeats',
			type: 'boolean',
			default: true,
			description: `Whether Drop Repeated Deliveries also keeps the ${plural} it remembers in the workflow's static data (at most ${PERSISTED_REPEAT_CEILING.toLocaleString('en-US')}), so that a restarted n8n or another n8n process (queue mode) drops a repeat too. Each new ${noun} then saves the workflow's static data once. Two copies arriving at the same moment can still both start (see docs/repeats-at-scale.md). Test URLs use the memory only.`,
		},
		{
			displayName: 'Remembered Deliveries',
			name: 'repeatMaxEntries',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_REPEAT_ENTRIES },
			default: 1000,
			description: `At most this many ${plural} are remembered for Drop Repeated Deliveries; the oldest are forgotten first${keptNote}`,
		},
		{
			displayName: 'Repeat Window (Seconds)',
			name: 'repeatWindow',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_REPEAT_WINDOW_SECONDS },
			default: 600,
			description: `How long a ${noun} is remembered for Drop Repeated Deliveries, counted from its first arrival`,
		},
	];
}

/** Options in alphabetical order, as n8n lists them. */
export function alphabetical(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

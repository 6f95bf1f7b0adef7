import type { INodeProperties } from 'n8n-workflow';
import { listControls } from '../../transport/pagination';
import { keywordFilters } from '../../shared/descriptions';
import { sipPasswordProperties } from '../../shared/sipPasswords';

const show = { resource: ['internalPhone'], operation: ['getAll'] };

export const internalPhoneGetManyDescription: INodeProperties[] = [
	...listControls({ show, maxPageSize: 50, style: 'paged' }),
	keywordFilters(
		show,
		'e.g. 100',
		'Only internal phones whose SIP user, name or email contains this text',
	),
	...sipPasswordProperties(show),
];

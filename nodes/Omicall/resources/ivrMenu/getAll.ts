import type { INodeProperties } from 'n8n-workflow';
import { simplifyProperties } from '../../../shared/toolMode';
import { listControls } from '../../transport/pagination';
import { keywordFilters } from '../../shared/descriptions';

const show = { resource: ['ivrMenu'], operation: ['getAll'] };

/** The fields Simplify keeps. */
export const IVR_SIMPLE_FIELDS = ['_id', 'id', 'script_name', 'greeting_id', 'scripts'];

export const ivrMenuGetManyDescription: INodeProperties[] = [
	...listControls({ show, maxPageSize: 50, style: 'paged' }),
	keywordFilters(show, 'e.g. Main', 'Only menus whose name contains this text'),
	...simplifyProperties(show),
];

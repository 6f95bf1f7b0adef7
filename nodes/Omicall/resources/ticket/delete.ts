import type { INodeProperties } from 'n8n-workflow';
import { ticketLocator } from './shared/locator';

export const ticketDeleteDescription: INodeProperties[] = [
	ticketLocator('delete', 'The ticket to delete (DELETE /api/ticket/delete/:id)'),
];

import type { INodeProperties } from 'n8n-workflow';
import { greetingLocator } from '../../shared/locators';

export const greetingDeleteDescription: INodeProperties[] = [
	greetingLocator(
		'greeting',
		'Greeting',
		{ resource: ['greeting'], operation: ['delete'] },
		'The greeting (audio file) to delete from the PBX',
	),
];

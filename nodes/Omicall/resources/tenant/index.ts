import type { INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../../shared/toolMode';
import { omicallOutput } from '../../transport/output';

/** The OMICall account (tenant): `GET /api/tenant/detail` (section 4.8). */
export const tenantDescription: INodeProperties[] = [
	...operationProperties({
		resource: 'tenant',
		default: 'get',
		operations: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get the tenant',
				description:
					'Get the OMICall account of the credential: balance, public numbers, service package, domain, expiry dates',
				routing: {
					request: { method: 'GET', url: '/api/tenant/detail' },
					output: { postReceive: [omicallOutput()] },
				},
			},
		],
	}),
];

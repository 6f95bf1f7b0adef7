/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createRequire } from 'node:module';
import { NodeApiError } from 'n8n-workflow';
import { expect, it } from 'vitest';

it('tests and n8n-core share one n8n-workflow, so instanceof checks in the routing engine hold', () => {
	const fromCore = createRequire(require.resolve('n8n-core'))('n8n-workflow');
	expect(fromCore.NodeApiError).toBe(NodeApiError);
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// End-to-end suite: a real n8n (E2E_N8N_VERSION) with the packed package, against the sandbox.
export default defineConfig({
	resolve: { alias: [{ find: /^n8n-workflow$/, replacement: require.resolve('n8n-workflow') }] },
	test: {
		include: ['e2e/**/*.e2e.ts'],
		environment: 'node',
		testTimeout: 120_000,
		hookTimeout: 600_000,
		fileParallelism: false,
		pool: 'forks',
	},
});

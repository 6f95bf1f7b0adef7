/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// End-to-end suite: a real n8n (E2E_N8N_VERSION) with the packed package, against the sandbox.
// e2e/queue/ is the queue-mode suite (vitest.e2e.queue.config.ts, npm run test:e2e:queue).
export default defineConfig({
	resolve: { alias: [{ find: /^n8n-workflow$/, replacement: require.resolve('n8n-workflow') }] },
	test: {
		include: ['e2e/**/*.e2e.ts'],
		exclude: ['e2e/queue/**', '**/node_modules/**'],
		environment: 'node',
		testTimeout: 120_000,
		hookTimeout: 600_000,
		fileParallelism: false,
		pool: 'forks',
	},
});

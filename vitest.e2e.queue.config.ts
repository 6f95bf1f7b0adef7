import { defineConfig } from 'vitest/config';
import e2e from './vitest.e2e.config';

// The queue-mode end-to-end suite (npm run test:e2e:queue): e2e/queue/, each file on its own n8n
// queue-mode stack (e2e/stack.ts with E2E_STACK=queue: PostgreSQL, Redis, a main, 2 workers, 2
// webhook processors behind a balancer), against the sandbox.
export default defineConfig({
	...e2e,
	test: {
		...e2e.test,
		include: ['e2e/queue/**/*.e2e.ts'],
		exclude: ['**/node_modules/**'],
		env: { E2E_STACK: 'queue' },
	},
});

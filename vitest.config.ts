/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// Importing n8n-core writes an instance config into the user folder: keep it out of $HOME.
const userFolder = process.env.N8N_USER_FOLDER ?? mkdtempSync(join(tmpdir(), 'n8n-callbot-test-'));

export default defineConfig({
	resolve: {
		// One copy of n8n-workflow: the CommonJS build that n8n-core requires. With the ESM build
		// beside it, `instanceof NodeApiError` inside the routing engine would be false.
		alias: [{ find: /^n8n-workflow$/, replacement: require.resolve('n8n-workflow') }],
	},
	test: {
		include: ['test/**/*.test.ts'],
		environment: 'node',
		env: {
			N8N_USER_FOLDER: userFolder,
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			TZ: 'Asia/Ho_Chi_Minh',
		},
		testTimeout: 20_000,
		hookTimeout: 20_000,
		pool: 'forks',
	},
});

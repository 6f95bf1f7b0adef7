// `node scripts/install-n8n.mjs [version…]`: installs the pinned n8n versions into .n8n-local/.
import { DEFAULT_N8N_VERSION, ensureN8n } from './n8n-local.mjs';

const versions = process.argv.slice(2);
for (const version of versions.length ? versions : [DEFAULT_N8N_VERSION]) ensureN8n(version);

// `npm run sandbox`: the OMICall and NXCLOUD emulators and the capture endpoint, until Ctrl-C.
// Ports: SANDBOX_OMICALL_PORT (4310), SANDBOX_NXCLOUD_PORT (4320), SANDBOX_CAPTURE_PORT (4330).
// SANDBOX_OMICALL_CHAT_WEBHOOK: where guest messages get their chatbot reply (an OMICall Trigger URL).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LOCAL, ROOT, log } from './n8n-local.mjs';
import { SANDBOX_PORTS } from './examples.mjs';

/** Compiles the sandbox (TypeScript, shared with the tests) into .n8n-local/build and loads it. */
export async function loadSandbox() {
	const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');
	const result = spawnSync(tsc, ['-p', 'tsconfig.sandbox.json'], { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) throw new Error('Compiling the sandbox failed.');
	return await import(pathToFileURL(path.join(LOCAL, 'build', 'sandbox', 'sandbox.js')).href);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	const { startSandbox, SANDBOX_CREDENTIALS } = await loadSandbox();
	const sandbox = await startSandbox({
		omicallPort: SANDBOX_PORTS.omicall,
		nxcloudPort: SANDBOX_PORTS.nxcloud,
		capturePort: SANDBOX_PORTS.capture,
		omicallChatWebhookUrl: process.env.SANDBOX_OMICALL_CHAT_WEBHOOK,
		log,
	});
	const { omicall, nxcloud } = SANDBOX_CREDENTIALS;
	log(
		[
			'Sandbox running on 127.0.0.1:',
			`  OMICall API   ${sandbox.urls.omicall}   (API key: ${omicall.apiKey})`,
			`  NXCLOUD API   ${sandbox.urls.nxcloud}   (UUID: ${nxcloud.uuid}, secret key: ${nxcloud.secretKey}, ${nxcloud.algorithm})`,
			`  Capture (CRM) ${sandbox.urls.capture}/capture/<name>   (GET it to read what was posted)`,
			'Press Ctrl-C to stop.',
		].join('\n'),
	);
	const stop = () => void sandbox.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

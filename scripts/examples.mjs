// The example workflows and the sandbox credentials they use, shared by `npm start` and the e2e suite.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './n8n-local.mjs';

export const EXAMPLES_DIR = path.join(ROOT, 'examples');

/**
 * The local addresses the example files are written with: n8n and the sandbox on their default
 * ports. They are moved to the configured ports when the examples are read (`onPorts`).
 */
export const DEFAULT_PORTS = { n8n: 5678, omicall: 4310, nxcloud: 4320, capture: 4330 };

export const SANDBOX_PORTS = {
	omicall: Number(process.env.SANDBOX_OMICALL_PORT ?? DEFAULT_PORTS.omicall),
	nxcloud: Number(process.env.SANDBOX_NXCLOUD_PORT ?? DEFAULT_PORTS.nxcloud),
	capture: Number(process.env.SANDBOX_CAPTURE_PORT ?? DEFAULT_PORTS.capture),
};

const LOCAL_ADDRESS = new RegExp(
	`http://127\\.0\\.0\\.1:(${Object.values(DEFAULT_PORTS).join('|')})/`,
	'g',
);

/**
 * A workflow file's text with every `http://127.0.0.1:<default port>/` (n8n 5678, OMICall 4310,
 * NXCLOUD 4320, capture 4330) moved to the port of `ports` (`{ n8n, omicall, nxcloud, capture }`;
 * a missing one stays), in one pass, so two ports that trade places cannot be moved twice.
 */
export function onPorts(text, ports) {
	const byDefault = new Map(
		Object.entries(DEFAULT_PORTS).map(([name, port]) => [String(port), ports[name] ?? port]),
	);
	return text.replace(LOCAL_ADDRESS, (_, port) => `http://127.0.0.1:${byDefault.get(port)}/`);
}

/** The workflow files of `dir`, sorted by name, with their local addresses moved to `ports`. */
export function readWorkflows(dir, ports = {}) {
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(onPorts(fs.readFileSync(path.join(dir, file), 'utf8'), ports)),
		}));
}

/** Writes workflows (as `readWorkflows` returns them) into `dir`, for `n8n import:workflow --separate`. */
export function writeWorkflows(dir, workflows) {
	for (const { file, workflow } of workflows)
		fs.writeFileSync(path.join(dir, file), JSON.stringify(workflow, null, '\t'));
	return dir;
}

/** The local owner account `npm start` creates, so the editor opens on a login form. */
export const OWNER = {
	email: 'sandbox@example.com',
	firstName: 'Sandbox',
	lastName: 'Owner',
	password: 'Sandbox-2026',
};

/** Credentials for the sandbox on `ports`; the examples reference them by these IDs. */
export function sandboxCredentials(ports = SANDBOX_PORTS) {
	return [
		{
			id: 'omicallSandbox01',
			name: 'OMICall sandbox',
			type: 'omicallApi',
			data: {
				baseUrl: `http://127.0.0.1:${ports.omicall}`,
				apiKey: 'sandbox-omicall-key',
				accessToken: '',
			},
		},
		{
			id: 'nxcloudSandbox01',
			name: 'NXCLOUD sandbox',
			type: 'nxCloudCallbotApi',
			data: {
				baseUrl: `http://127.0.0.1:${ports.nxcloud}`,
				uuid: 'sandbox-uuid',
				secretKey: 'sandbox-secret',
				algorithm: 'MD5',
			},
		},
		{
			// n8n's own OpenAI credential, on the sandbox's scripted OpenAI-compatible mock (example 5;
			// emulators/openai, mounted on the capture server under /openai/v1).
			id: 'openaiSandbox01',
			name: 'OpenAI mock (sandbox)',
			type: 'openAiApi',
			data: {
				apiKey: 'sandbox-openai-key',
				organizationId: '',
				url: `http://127.0.0.1:${ports.capture}/openai/v1`,
				header: false,
			},
		},
	];
}

/**
 * The example workflows. With `ports` (`{ n8n, omicall, nxcloud, capture }`), the addresses they
 * hard-code (2a's callbackBase, the "Post to CRM" nodes) point at those ports instead of the defaults.
 */
export function readExamples(ports = {}) {
	return readWorkflows(EXAMPLES_DIR, ports);
}

const TRIGGER_TYPES = /\.(webhook|omicallTrigger|nxCloudCallbotTrigger|chatTrigger)$/;

/** Workflows that wait for a webhook and so must be active. */
export function webhookWorkflows(examples = readExamples()) {
	return examples.filter(({ workflow }) =>
		workflow.nodes.some((node) => TRIGGER_TYPES.test(node.type)),
	);
}

/** Production URL of a webhook-type node of an example workflow. */
export function webhookUrl(n8nPort, node) {
	const base = `http://127.0.0.1:${n8nPort}/webhook`;
	if (node.type.endsWith('.webhook')) return `${base}/${node.parameters.path}`;
	// n8n's Chat Trigger (public): the hosted chat page (GET) and its messages (POST).
	if (node.type.endsWith('.chatTrigger')) return `${base}/${node.webhookId}/chat`;
	return `${base}/${node.webhookId}/webhook`;
}

/** URL (with its secret) of the example OMICall Trigger that receives chatbot replies. */
export function omicallChatWebhookUrl(n8nPort, examples = readExamples()) {
	for (const { workflow } of examples) {
		const node = workflow.nodes.find((candidate) => candidate.type.endsWith('.omicallTrigger'));
		if (!node) continue;
		const name = node.parameters.queryParameterName ?? 'secret';
		return `${webhookUrl(n8nPort, node)}?${name}=${encodeURIComponent(node.parameters.secret)}`;
	}
	return undefined;
}

/**
 * Imports the sandbox credentials and every example into the n8n of `env`, and activates the webhook
 * ones. The examples' local addresses are moved to `n8nPort` and `sandboxPorts` first, so changing a
 * port (N8N_PORT, SANDBOX_*_PORT) imports them again. Skipped when this user folder already has these
 * exact examples on these ports, so edits made in the editor survive a restart.
 */
export async function prepareExamples({
	version,
	env,
	n8nPort,
	sandboxPorts = SANDBOX_PORTS,
	runN8n,
	activateWorkflows,
}) {
	const examples = readExamples({ n8n: n8nPort, ...sandboxPorts });
	const credentials = sandboxCredentials(sandboxPorts);
	const digest = createHash('sha256')
		.update(JSON.stringify([examples, credentials]))
		.digest('hex');
	const marker = path.join(env.N8N_USER_FOLDER, '.callbot-examples');
	const result = {
		examples,
		omicallChatWebhookUrl: omicallChatWebhookUrl(n8nPort, examples),
		tryLines: tryLines(examples, n8nPort),
		imported: false,
	};
	if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === digest) return result;
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callbot-import-'));
	try {
		const credentialsFile = path.join(tmp, 'credentials.json');
		fs.writeFileSync(credentialsFile, JSON.stringify(credentials));
		const workflowsDir = writeWorkflows(fs.mkdtempSync(path.join(tmp, 'workflows-')), examples);
		for (const args of [
			['import:credentials', `--input=${credentialsFile}`],
			['import:workflow', '--separate', `--input=${workflowsDir}`],
		]) {
			const result = await runN8n(version, args, env);
			if (result.code !== 0)
				throw new Error(`n8n ${args[0]} failed:\n${result.stderr || result.stdout}`);
		}
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
	await activateWorkflows(
		version,
		webhookWorkflows(examples).map(({ workflow }) => workflow.id),
		env,
	);
	fs.writeFileSync(marker, digest);
	return { ...result, imported: true };
}

function tryLines(examples, n8nPort) {
	return examples.map(({ workflow }) => {
		const hook = workflow.nodes.find((node) => node.type.endsWith('.webhook'));
		const chat = workflow.nodes.find((node) => node.type.endsWith('.chatTrigger'));
		// A polling trigger is imported inactive: its polls would read the sandbox every minute.
		const polls = workflow.nodes.some((node) =>
			node.type.endsWith('.omicallCallbotResultsTrigger'),
		);
		const how = hook
			? `POST JSON to ${webhookUrl(n8nPort, hook)} (see README)`
			: chat
				? `chat at ${webhookUrl(n8nPort, chat)} or with the editor's Chat button`
				: workflow.nodes.some((node) => node.type.endsWith('.manualTrigger'))
					? 'open it and click "Execute workflow"'
					: polls
						? 'open it, "Fetch Test Event" shows the latest calls; activate it to poll every minute'
						: 'active: runs when the sandbox calls back';
		return `${workflow.name}: ${how}`;
	});
}

// The benchmark itself; start it with `npm run bench` (bench/bench.mjs), which runs this file with
// vite-node so it can use the e2e stack (e2e/stack.ts) and the sandbox (sandbox/sandbox.ts).
//
// Knobs (environment):
//   BENCH_QUICK=1              short version (1,000 items, fewer trigger requests, no network row)
//   BENCH_SIZES=1000,10000,100000   campaign sizes
//   BENCH_REPS=3               alternating repetitions of every figure (min / median reported)
//   BENCH_LARGE_REPS=3         repetitions at 100,000 items and more
//   BENCH_BUDGET_S=<s>         after this many seconds, campaign sizes get no further repetitions
//   BENCH_CAP_S=240            time cap of one run; a run over it is reported as not finished and n8n
//                              is restarted; a size a workflow's last median predicts over it is skipped
//   BENCH_HISTORY_CALLS=10000  calls in the OMICall call history; BENCH_HISTORY_DAYS=90 its span
//   BENCH_TRIGGER_REQUESTS=2000 requests per trigger; BENCH_CONCURRENCY=50 concurrent senders
//   BENCH_NET_ITEMS=10000      items of the "real network" row (0 to skip it)
//   BENCH_NET_LATENCY_MS=80    its latency per request; BENCH_NET_RATE_LIMIT=20 its requests/s
//   BENCH_OUT=<file>           also write the table (Markdown) to this file
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.env.BENCH_QUICK === '1';
const num = (name, fallback) =>
	process.env[name] !== undefined ? Number(process.env[name]) : fallback;
const SIZES = (process.env.BENCH_SIZES ?? (quick ? '1000' : '1000,10000,100000'))
	.split(',')
	.map(Number)
	.filter((n) => n > 0);
const REPS = Math.max(1, num('BENCH_REPS', 3));
const LARGE_REPS = Math.max(1, num('BENCH_LARGE_REPS', REPS));
const BUDGET_S = num('BENCH_BUDGET_S', Infinity);
const CAP_S = num('BENCH_CAP_S', quick ? 60 : 240);
const HISTORY_CALLS = num('BENCH_HISTORY_CALLS', 10_000);
const HISTORY_DAYS = num('BENCH_HISTORY_DAYS', 90);
const TRIGGER_REQUESTS = num('BENCH_TRIGGER_REQUESTS', quick ? 600 : 2000);
const CONCURRENCY = num('BENCH_CONCURRENCY', 50);
const NET_ITEMS = num('BENCH_NET_ITEMS', quick ? 0 : 10_000);
const NET_LATENCY_MS = num('BENCH_NET_LATENCY_MS', 80);
const NET_RATE_LIMIT = num('BENCH_NET_RATE_LIMIT', 20);

// The sandbox's call history for the 90-day row (read by sandbox/sandbox.ts at start).
process.env.SANDBOX_OMICALL_CALLS = String(HISTORY_CALLS);
process.env.SANDBOX_OMICALL_CALL_DAYS = String(HISTORY_DAYS);

const { startStack } = await import('../e2e/stack.ts');
const examples = await import('../scripts/examples.mjs');
const local = await import('../scripts/n8n-local.mjs');

const log = (line) => process.stdout.write(`${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;

// ------------------------------------------------------------------ workflows

const OMICALL_URL = `http://127.0.0.1:${examples.SANDBOX_PORTS.omicall}`;
const NXCLOUD_URL = `http://127.0.0.1:${examples.SANDBOX_PORTS.nxcloud}`;
const OMICALL_KEY = 'sandbox-omicall-key';
const NX = { uuid: 'sandbox-uuid', secret: 'sandbox-secret' };
const SCRIPT_ID = '653b155db0f7941234567890';
const OMICALL_CREDENTIAL = { omicallApi: { id: 'omicallSandbox01', name: 'OMICall sandbox' } };
const NXCLOUD_CREDENTIAL = {
	nxCloudCallbotApi: { id: 'nxcloudSandbox01', name: 'NXCLOUD sandbox' },
};
const OMICALL_TRIGGER_SECRET = 'bench-omicall-secret-0123456789abcdef';

let nodeCounter = 0;
const node = (name, type, typeVersion, parameters, extra = {}) => ({
	id: `0be0c000-0000-4000-8000-${String(++nodeCounter).padStart(12, '0')}`,
	name,
	type,
	typeVersion,
	position: [nodeCounter * 200, 0],
	parameters,
	...extra,
});
const hook = (path) =>
	node(
		'Hook',
		'n8n-nodes-base.webhook',
		2,
		{
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: 'firstEntryJson',
			options: {},
		},
		{ webhookId: `0be0c000-0000-4000-8000-1${String(nodeCounter).padStart(11, '0')}` },
	);
/** N contacts: phones 0912000000, 0912000001, … (unique), a name and a CRM code. */
const generate = () =>
	node('Contacts', 'n8n-nodes-base.code', 2, {
		jsCode: [
			"const n = Number($('Hook').first().json.body.n);",
			'const out = new Array(n);',
			'for (let i = 0; i < n; i++) {',
			"\tout[i] = { json: { phone: '0912' + String(i).padStart(6, '0'), name: 'Khách ' + i, crm: 'crm-' + i } };",
			'}',
			'return out;',
		].join('\n'),
	});
/** A chain of nodes as one workflow. */
function workflow(id, name, nodes) {
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id,
		name,
		active: false,
		// The same for every variant: a successful run's data is not written to the database, so the
		// figures are the nodes' work, not SQLite's (n8n's default saves it).
		settings: {
			executionOrder: 'v1',
			saveDataSuccessExecution: 'none',
			saveManualExecutions: false,
		},
		pinData: {},
		nodes,
		connections,
	};
}

const byHandOmicallBody = [
	'={{ JSON.stringify({',
	`  bot_script_id: '${SCRIPT_ID}',`,
	"  cid: '842899990338',",
	"  name: 'By hand ' + $json.crm,",
	'  contact_info: [{ phone: $json.phone, ext_contact_code: $json.crm,',
	"    mapping_variables: { full_name: $json.name, gender1: 'Anh' } }],",
	'}) }}',
].join('\n');

const byHandNxSign = [
	"const crypto = require('crypto');",
	'const body = JSON.stringify({',
	"\tproductID: 'callbot',",
	"\tuserTaskID: crypto.randomUUID().replace(/-/g, ''),",
	"\tsceneID: 'S-SANDBOX-1',",
	'\ttaskCreateSetting: {',
	"\t\tstrategyName: '默认策略', startupType: 3, startupAt: 0, zoneSecond: 25200, maxRingTime: 30,",
	"\t\trouteID: 'R-SANDBOX', dialAtWeekDay: '1,2,3,4,5,6,7',",
	"\t\tdialAtUpHour: '0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23',",
	"\t\tdialAtDownHour: '0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22',",
	"\t\tmaxCall: 2, taskName: 'By hand ' + $json.crm, taskCallbackUrl: '',",
	"\t\tmanualCallSetting: { agentGroup: '', dispatchType: 0, ratioCallRate: 0, predictCallRate: 0 },",
	'\t},',
	'\tfuncFlag: { taskKeep: false, roundRedial: false, wholeTTS: false, smsEnable: false, smsFuncFlag: [], phoneEncrypt: false },',
	'\tcallInfoList: {',
	"\t\torderCallbackUrl: '', callCallbackUrl: '',",
	"\t\tcallList: [{ orderID: crypto.randomUUID().replace(/-/g, ''), userPhone: '84' + $json.phone.slice(1), other: $json.crm, userName: '', customerName: '', params: [] }],",
	'\t},',
	'});',
	'const createTs = String(Math.floor(Date.now() / 1000));',
	"const requestID = crypto.randomUUID().replace(/-/g, '');",
	`const raw = '${NX.secret}&body=' + body + '&createTs=' + createTs + '&requestID=' + requestID + '&uuid=${NX.uuid}';`,
	"const sign = crypto.createHash('md5').update(raw, 'utf8').digest('hex').toUpperCase();",
	'return { json: { body, createTs, requestID, sign } };',
].join('\n');

const WORKFLOWS = {
	noop: workflow('benchNoop0000001', 'Bench · No Operation', [
		hook('bench-noop'),
		generate(),
		node('No Operation', 'n8n-nodes-base.noOp', 1, {}),
	]),
	omicall: workflow('benchOmicall0001', 'Bench · OMICall Campaign Start', [
		hook('bench-omicall'),
		generate(),
		node(
			'Start Campaign',
			'n8n-nodes-callbot.omicall',
			1,
			{
				resource: 'campaign',
				operation: 'start',
				script: { __rl: true, mode: 'id', value: SCRIPT_ID },
				hotline: '842899990338',
				contactsSource: 'items',
				contactPhone: '={{ $json.phone }}',
				contactExternalCode: '={{ $json.crm }}',
				contactVariables: {
					variable: [
						{ name: 'full_name', value: '={{ $json.name }}' },
						{ name: 'gender1', value: 'Anh' },
					],
				},
				options: { name: 'bench' },
			},
			{ credentials: OMICALL_CREDENTIAL },
		),
	]),
	nxcloud: workflow('benchNxcloud0001', 'Bench · NXCLOUD Create and Call', [
		hook('bench-nxcloud'),
		generate(),
		node(
			'Create Task and Call',
			'n8n-nodes-callbot.nxCloudCallbot',
			1,
			{
				resource: 'task',
				operation: 'createAndCall',
				sceneId: 'S-SANDBOX-1',
				taskName: 'bench',
				routeId: 'R-SANDBOX',
				strategyName: '默认策略',
				maxCall: 2,
				maxRingTime: 30,
				startMode: 'immediately',
				timeZone: 'Asia/Ho_Chi_Minh',
				dialingDays: [1, 2, 3, 4, 5, 6, 7],
				dialingHours: { range: [{ from: '00:00', to: '23:30' }] },
				contactsSource: 'items',
				contactPhone: '={{ $json.phone }}',
				contactOther: '={{ $json.crm }}',
				options: { countryCode: '84' },
			},
			{ credentials: NXCLOUD_CREDENTIAL },
		),
	]),
	omicallByHand: workflow('benchOmicallHand', 'Bench · OMICall by hand (HTTP Request per item)', [
		hook('bench-omicall-hand'),
		node(
			'Get Token',
			'n8n-nodes-base.httpRequest',
			4.2,
			{ url: `${OMICALL_URL}/api/auth?apiKey=${OMICALL_KEY}`, options: {} },
			{ executeOnce: true },
		),
		generate(),
		node('Start Campaign per Item', 'n8n-nodes-base.httpRequest', 4.2, {
			method: 'POST',
			url: `${OMICALL_URL}/api/call_bot/execute_by_phone?cid=842899990338`,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'x-api-key', value: OMICALL_KEY },
					{
						name: 'Authorization',
						value: "=Bearer {{ $('Get Token').first().json.payload.access_token }}",
					},
				],
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody: byHandOmicallBody,
			options: {},
		}),
	]),
	nxcloudByHand: workflow(
		'benchNxcloudHand',
		'Bench · NXCLOUD by hand (Code node signs, HTTP Request per item)',
		[
			hook('bench-nxcloud-hand'),
			generate(),
			node('Sign Each Item', 'n8n-nodes-base.code', 2, {
				mode: 'runOnceForEachItem',
				jsCode: byHandNxSign,
			}),
			node('Create and Call per Item', 'n8n-nodes-base.httpRequest', 4.2, {
				method: 'POST',
				url: `${NXCLOUD_URL}/callcentre/api/v3/createAndCall`,
				sendHeaders: true,
				headerParameters: {
					parameters: [
						{ name: 'requestID', value: '={{ $json.requestID }}' },
						{ name: 'uuid', value: NX.uuid },
						{ name: 'createTs', value: '={{ $json.createTs }}' },
						{ name: 'sign', value: '={{ $json.sign }}' },
						{ name: 'algorithm', value: 'MD5' },
					],
				},
				sendBody: true,
				contentType: 'raw',
				rawContentType: 'application/json',
				body: '={{ $json.body }}',
				options: {},
			}),
		],
	),
	history: workflow('benchHistory0001', 'Bench · OMICall call history', [
		hook('bench-history'),
		node(
			'Get Calls',
			'n8n-nodes-callbot.omicall',
			1,
			{
				resource: 'call',
				operation: 'getAll',
				fromDate: "={{ $('Hook').first().json.body.from }}",
				toDate: "={{ $('Hook').first().json.body.to }}",
				returnAll: true,
				filters: {},
			},
			{ credentials: OMICALL_CREDENTIAL },
		),
		node('Call IDs', 'n8n-nodes-base.code', 2, {
			jsCode: 'return [{ json: { ids: $input.all().map((item) => item.json.transaction_id) } }];',
		}),
	]),
	omicallTrigger: workflow('benchOmiTrigger1', 'Bench · OMICall Trigger', [
		node(
			'OMICall Trigger',
			'n8n-nodes-callbot.omicallTrigger',
			1,
			{
				events: ['callEnded', 'callState', 'chatMessage'],
				secretLocation: 'query',
				queryParameterName: 'secret',
				secret: OMICALL_TRIGGER_SECRET,
				options: {},
			},
			{ webhookId: '0be0c000-0000-4000-8000-0000000e0001' },
		),
		node('No Operation', 'n8n-nodes-base.noOp', 1, {}),
	]),
	nxcloudTrigger: workflow('benchNxTrigger01', 'Bench · NXCLOUD Callbot Trigger', [
		node(
			'NXCLOUD Trigger',
			'n8n-nodes-callbot.nxCloudCallbotTrigger',
			1,
			{ events: ['callFinished', 'orderCompleted', 'taskStatusChanged'], options: {} },
			{ webhookId: '0be0c000-0000-4000-8000-0000000e0002', credentials: NXCLOUD_CREDENTIAL },
		),
		node('No Operation', 'n8n-nodes-base.noOp', 1, {}),
	]),
	webhook: workflow('benchWebhook0001', 'Bench · n8n Webhook', [
		node(
			'Webhook',
			'n8n-nodes-base.webhook',
			2,
			{ httpMethod: 'POST', path: 'bench-webhook', responseMode: 'onReceived', options: {} },
			{ webhookId: '0be0c000-0000-4000-8000-0000000e0003' },
		),
		node('No Operation', 'n8n-nodes-base.noOp', 1, {}),
	]),
};

// ------------------------------------------------------------------ measuring

/** The running n8n server's process ID (its command line and N8N_PORT). */
function n8nPid(port) {
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
			if (
				!cmdline.some((arg) => arg.endsWith(path.join('n8n', 'bin', 'n8n'))) ||
				!cmdline.includes('start')
			)
				continue;
			const environ = fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
			if (environ.includes(`N8N_PORT=${port}`)) return Number(entry);
		} catch {
			// gone, or not ours
		}
	}
	throw new Error(`No n8n process on port ${port}`);
}

/** Peak RSS since the last reset (VmHWM), in MiB; resetting writes 5 to clear_refs. */
const resetPeak = (pid) => fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
const statusMiB = (pid, field) => {
	const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(
		fs.readFileSync(`/proc/${pid}/status`, 'utf8'),
	);
	return match ? Number(match[1]) / 1024 : NaN;
};
const peakMiB = (pid) => statusMiB(pid, 'VmHWM');

const phoneKey = (phone) => String(phone).replace(/\D/g, '').replace(/^84/, '0');

/** How many of the n generated numbers the platform received once, and how many were lost or doubled. */
function exactlyOnce(n, phones) {
	const counts = new Map();
	for (const phone of phones) counts.set(phoneKey(phone), (counts.get(phoneKey(phone)) ?? 0) + 1);
	let once = 0;
	let twice = 0;
	for (let i = 0; i < n; i++) {
		const count = counts.get('0912' + String(i).padStart(6, '0')) ?? 0;
		if (count === 1) once++;
		else if (count > 1) twice++;
	}
	return { once, lost: n - once - twice, twice };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length % 2
		? sorted[(sorted.length - 1) / 2]
		: (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};
const minMed = (values, digits = 1, unit = '') =>
	values.length
		? `${Math.min(...values).toFixed(digits)} / ${median(values).toFixed(digits)}${unit}`
		: '—';
const fmt = (n) => n.toLocaleString('en-US');

// ------------------------------------------------------------------ the run

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callbot-bench-'));
for (const [key, value] of Object.entries(WORKFLOWS)) {
	fs.writeFileSync(path.join(dir, `${key}.json`), JSON.stringify(value));
}
let stack;
let sandbox;
let pid;
let cookie;
let restarts = 0;
async function rest(route, init = {}) {
	// n8n may be too busy to answer (a Code node running per item blocks its event loop): never wait
	// for it without a limit.
	const response = await fetch(`${stack.baseUrl}/rest${route}`, {
		...init,
		headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
		signal: AbortSignal.timeout(15_000),
	}).catch(() => undefined);
	if (!response) return undefined;
	if (!cookie && response.headers.getSetCookie().length) {
		cookie = response.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
	}
	return response.ok ? await response.json() : undefined;
}
/** Starts n8n (default heap: no --max-old-space-size, NODE_OPTIONS removed) and the sandbox. */
async function startN8n() {
	stack = await startStack({ workflowsDir: dir });
	sandbox = stack.sandbox;
	pid = n8nPid(stack.port);
	cookie = undefined;
	await local.ensureOwner(stack.baseUrl, examples.OWNER);
	await rest('/login', {
		method: 'POST',
		body: JSON.stringify({
			emailOrLdapLoginId: examples.OWNER.email,
			email: examples.OWNER.email,
			password: examples.OWNER.password,
		}),
	});
}
/**
 * After a run hit its cap n8n is still working on it (a per-item Code node can block its event loop
 * for minutes, so it cannot even be asked to stop): kill it and start a fresh n8n and sandbox, so the
 * runs after it measure an idle n8n. Warms the new process up like the first one.
 */
async function restartN8n(reason = 'after a run over its cap') {
	if (reason.startsWith('after')) restarts++;
	log(`  ▸ restarting n8n ${reason} (${elapsed()})`);
	await stack.stop();
	await startN8n();
	for (const [variant] of VARIANTS) await campaignRun(variant, 10);
}
log(`▸ Starting n8n and the sandbox (${elapsed()})`);
await startN8n();
const heapLimitMiB =
	Number(
		execFileSync(
			local.nodeFor(stack.version),
			['-p', 'require("v8").getHeapStatistics().heap_size_limit'],
			{ encoding: 'utf8', env: { PATH: process.env.PATH } },
		).trim(),
	) /
	2 ** 20;

function resetSandbox() {
	sandbox.omicall.server.clearReceived();
	sandbox.omicall.campaigns.clear();
	sandbox.nxcloud.reset();
	sandbox.realism.rateLimited.omicall = 0;
	sandbox.realism.rateLimited.nxcloud = 0;
}

/**
 * Waits until n8n says it is ready (/healthz/readiness). n8n pings its database every few seconds and
 * gives the ping 5 s: after a run that kept its event loop busy longer, the ping counts as failed and
 * n8n answers every request with 503 "Database is not ready!" until the next ping succeeds.
 */
async function waitReady() {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		const response = await fetch(`${stack.baseUrl}/healthz/readiness`, {
			signal: AbortSignal.timeout(5000),
		}).catch(() => undefined);
		if (response?.status === 200) return;
		await sleep(250);
	}
	throw new Error('n8n did not become ready within 60 s');
}

/** One webhook-started run of a campaign variant with n items. */
async function campaignRun(variant, n) {
	resetSandbox();
	await sleep(300);
	await waitReady();
	resetPeak(pid);
	const before = statusMiB(pid, 'VmRSS');
	const url = stack.nodeWebhookUrl(WORKFLOWS[variant].id, 'Hook');
	const t0 = performance.now();
	let status;
	let text = '';
	let timedOut = false;
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ n }),
			signal: AbortSignal.timeout(CAP_S * 1000),
		});
		status = response.status;
		text = await response.text();
	} catch (error) {
		if (error.name === 'TimeoutError') timedOut = true;
		else text = error.message;
	}
	const seconds = (performance.now() - t0) / 1000;
	// n8n's heap keeps earlier runs' garbage until it collects it: the peak's rise over the RSS at the
	// start of the run is the figure that does not depend on what ran before.
	const memory = peakMiB(pid) - before;
	const peak = peakMiB(pid);
	// What the platform received (when a run hit its cap: what it had received by then).
	const omicallPhones = [...sandbox.omicall.campaigns.values()].flatMap((campaign) =>
		(campaign.contact_info ?? []).map((contact) => contact.phone),
	);
	const nxPhones = [...sandbox.nxcloud.orders.values()].map((order) => order.userPhone);
	const received = {
		requests: sandbox.omicall.server.received.length + sandbox.nxcloud.received.length,
		campaigns: sandbox.omicall.campaigns.size + sandbox.nxcloud.tasks.size,
		rateLimited: sandbox.realism.rateLimited.omicall + sandbox.realism.rateLimited.nxcloud,
		delivery: variant === 'noop' ? undefined : exactlyOnce(n, [...omicallPhones, ...nxPhones]),
	};
	if (timedOut) {
		await restartN8n();
		return { timedOut, seconds, memory, peak, ...received };
	}
	if (!fs.existsSync(`/proc/${pid}`)) {
		// n8n itself ended during the run (e.g. out of heap): report it and go on with a fresh one.
		const tail = stack.log().slice(-2000);
		const heap = /heap out of memory/i.test(tail) ? ' (JavaScript heap out of memory)' : '';
		await restartN8n('after it exited during a run');
		return {
			ok: false,
			error: `n8n exited during the run${heap}`,
			seconds,
			memory,
			peak,
			...received,
		};
	}
	let error;
	if (status !== 200) {
		const execution = await stack.lastExecution(WORKFLOWS[variant].id).catch(() => undefined);
		error = `n8n reports an error: ${execution?.error?.message ?? `HTTP ${status} ${text.slice(0, 160)}`}`;
	}
	return { ok: status === 200, error, seconds, memory, peak, ...received };
}

const VARIANTS = [
	['omicall', 'OMICall Campaign → Start (this package)'],
	['nxcloud', 'NXCLOUD Task → Create and Call (this package)'],
	['omicallByHand', 'OMICall by hand: HTTP Request per item'],
	['nxcloudByHand', 'NXCLOUD by hand: Code node signs, HTTP Request per item'],
	['noop', 'No Operation (n8n floor)'],
];

const lines = [];
const out = (line = '') => {
	lines.push(line);
};

// Warm-up: every path once, so no variant pays n8n's first-use costs in the table.
log(`▸ Warming up (${elapsed()})`);
for (const [variant] of VARIANTS) await campaignRun(variant, 10);

// ---- campaign start
out('### Campaign start from many items');
out();
out(
	`Webhook-started run, wall time until the last node answered. Peak memory rise: the n8n process's peak RSS during the run (VmHWM, reset before each run) minus its RSS at the start of the run; peak RSS: that peak itself (highest run). n8n runs with Node's default heap (no --max-old-space-size, NODE_OPTIONS removed; V8 heap limit ${fmt(Math.round(heapLimitMiB))} MiB on this machine). ${REPS} alternating repetitions (${LARGE_REPS} at 100,000 items), min / median; cap ${CAP_S} s per run: a run over it is reported as not finished and n8n is restarted before the next run; a size that a workflow's median at the previous size, scaled linearly, puts over the cap is not run.`,
);
out();
out(
	'| Items | Workflow | Wall time (s) | Requests sent | Peak memory rise (MiB) | Peak RSS (MiB) | Numbers received exactly once |',
);
out('|---:|---|---:|---:|---:|---:|---|');
const givenUp = new Map();
/** The size at which a workflow did not finish within the cap (without latency). */
const notFinishedAt = new Map();
/** Median wall time of each variant at the last size it ran, to skip a size it cannot finish. */
const lastMedian = new Map();
for (const n of SIZES) {
	const results = Object.fromEntries(VARIANTS.map(([variant]) => [variant, []]));
	const notes = {};
	const reps = n >= 100_000 ? LARGE_REPS : REPS;
	// A fresh n8n for the largest sizes: its peak RSS then shows what these runs need, not the heap
	// that earlier runs left behind (V8 keeps it).
	if (n >= 100_000) await restartN8n(`for ${fmt(n)} items`);
	for (const [variant] of VARIANTS) {
		const last = lastMedian.get(variant);
		if (givenUp.has(variant)) notes[variant] = `not run (${givenUp.get(variant)})`;
		else if (last && last.seconds * (n / last.n) > CAP_S) {
			// Wall time grows at least linearly with the items: running it would only burn the cap.
			notes[variant] =
				`not run: ${last.seconds.toFixed(0)} s at ${fmt(last.n)} items, so at least ${fmt(Math.round(last.seconds * (n / last.n)))} s here, over the ${CAP_S} s cap`;
			givenUp.set(variant, `over the cap at ${fmt(n)} items`);
		}
	}
	for (let rep = 0; rep < reps; rep++) {
		// Bounded in time: past the budget, every workflow keeps the runs it has (at least one).
		if (rep > 0 && (Date.now() - started) / 1000 > BUDGET_S) {
			log(`  time budget of ${BUDGET_S} s spent: no more repetitions (${elapsed()})`);
			break;
		}
		const order = VARIANTS.map((_, i) => VARIANTS[(i + rep) % VARIANTS.length]);
		for (const [variant] of order) {
			if (givenUp.has(variant)) continue;
			log(`  ${fmt(n)} items · ${variant} · repetition ${rep + 1} (${elapsed()})`);
			const result = await campaignRun(variant, n);
			if (result.timedOut) {
				notes[variant] =
					`did not finish within ${CAP_S} s (peak RSS ${fmt(Math.round(result.peak))} MiB when stopped; n8n restarted)`;
				givenUp.set(variant, `did not finish at ${fmt(n)} items`);
				notFinishedAt.set(variant, n);
				continue;
			}
			if (!result.ok) {
				notes[variant] = `failed: ${result.error}`;
				givenUp.set(variant, `failed at ${fmt(n)} items`);
				continue;
			}
			results[variant].push(result);
		}
	}
	for (const [variant, label] of VARIANTS) {
		const runs = results[variant];
		if (runs.length) lastMedian.set(variant, { n, seconds: median(runs.map((r) => r.seconds)) });
		if (!runs.length) {
			out(`| ${fmt(n)} | ${label} | ${notes[variant] ?? 'not run'} | | | | |`);
			continue;
		}
		const delivery = runs.map((run) => run.delivery).filter(Boolean);
		const deliveryText = !delivery.length
			? '—'
			: delivery.every((d) => d.once === n && d.lost === 0 && d.twice === 0)
				? `${fmt(n)} of ${fmt(n)} in every run`
				: delivery
						.map((d) => `${fmt(d.once)} (${fmt(d.lost)} lost, ${fmt(d.twice)} twice)`)
						.join('; ');
		out(
			`| ${fmt(n)} | ${label} | ${minMed(
				runs.map((r) => r.seconds),
				2,
			)}${notes[variant] ? ` (${notes[variant]})` : ''}${runs.length < reps && !notes[variant] ? ` (${runs.length} of ${reps} runs, time budget)` : ''} | ${fmt(median(runs.map((r) => r.requests)))} | ${minMed(
				runs.map((r) => r.memory),
				0,
			)} | ${fmt(Math.round(Math.max(...runs.map((r) => r.peak))))} | ${deliveryText} |`,
		);
	}
	log(lines.slice(-VARIANTS.length).join('\n'));
}
out();

// ---- call history
log(`▸ Call history over ${HISTORY_DAYS} days (${elapsed()})`);
{
	const to = Date.now();
	const from = to - HISTORY_DAYS * 24 * 3600_000;
	const expected = sandbox.omicall.calls
		.filter((call) => call.created_date >= from && call.created_date <= to)
		.map((call) => call.transaction_id);
	const runs = [];
	let note;
	for (let rep = 0; rep < REPS && !note; rep++) {
		sandbox.omicall.server.clearReceived();
		await waitReady();
		const t0 = performance.now();
		const response = await fetch(stack.nodeWebhookUrl(WORKFLOWS.history.id, 'Hook'), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ from: new Date(from).toISOString(), to: new Date(to).toISOString() }),
			signal: AbortSignal.timeout(CAP_S * 1000),
		}).catch((error) => ({ status: 0, text: async () => error.message }));
		const seconds = (performance.now() - t0) / 1000;
		const text = await response.text();
		if (response.status !== 200) {
			const execution = await stack.lastExecution(WORKFLOWS.history.id).catch(() => undefined);
			const reason = execution?.error?.message ?? text;
			note = `failed in this build (HTTP ${response.status}): ${String(reason)
				.replace(/[\s|]+/g, ' ')
				.slice(0, 240)}`;
			break;
		}
		const ids = JSON.parse(text).ids ?? [];
		const unique = new Set(ids);
		const expectedSet = new Set(expected);
		runs.push({
			seconds,
			requests: sandbox.omicall.server.received.length,
			rows: ids.length,
			lost: expected.filter((id) => !unique.has(id)).length,
			duplicated: ids.length - unique.size,
			extra: [...unique].filter((id) => !expectedSet.has(id)).length,
		});
	}
	out(`### Call history over ${HISTORY_DAYS} days (${fmt(expected.length)} calls)`);
	out();
	out('| Operation | Wall time (s) | Requests | Rows returned | Rows lost | Rows duplicated |');
	out('|---|---:|---:|---:|---:|---:|');
	if (note) out(`| OMICall Call → Get Many, Return All | ${note} | | | | |`);
	else
		out(
			`| OMICall Call → Get Many, Return All | ${minMed(
				runs.map((r) => r.seconds),
				2,
			)} | ${median(runs.map((r) => r.requests))} | ${median(runs.map((r) => r.rows))} | ${Math.max(...runs.map((r) => r.lost))} | ${Math.max(...runs.map((r) => r.duplicated + r.extra))} |`,
		);
	out();
	log(lines.slice(-2).join('\n'));
}

// ---- triggers
log(`▸ Trigger acknowledgement, ${CONCURRENCY} concurrent senders (${elapsed()})`);
{
	let seq = 0;
	const omicallUrl = `${stack.nodeWebhookUrl(WORKFLOWS.omicallTrigger.id, 'OMICall Trigger')}?secret=${OMICALL_TRIGGER_SECRET}`;
	const nxUrl = `${stack.nodeWebhookUrl(WORKFLOWS.nxcloudTrigger.id, 'NXCLOUD Trigger')}?kind=call`;
	const webhookUrl = stack.nodeWebhookUrl(WORKFLOWS.webhook.id, 'Webhook');
	const bodies = {
		omicall: () => {
			const id = `bench-${++seq}`;
			return {
				url: omicallUrl,
				body: JSON.stringify({ transaction_id: id, state: 'cdr', duration: 5 }),
				headers: { 'content-type': 'application/json' },
			};
		},
		nxcloud: () => {
			const id = `bench-${++seq}`;
			const signed = sandbox.nxcloud.signedCallback(
				'call',
				JSON.stringify({
					callbackType: 3,
					userTaskID: 'bench-task',
					orderID: `order-${id}`,
					userPhone: '84912345678',
					callInfoDetail: { callID: `call-${id}`, callDuration: 5 },
				}),
			);
			return { url: nxUrl, body: signed.rawBody, headers: signed.headers };
		},
		webhook: () => ({
			url: webhookUrl,
			body: JSON.stringify({ transaction_id: `bench-${++seq}`, state: 'cdr', duration: 5 }),
			headers: { 'content-type': 'application/json' },
		}),
	};
	const TARGETS = [
		['omicall', 'OMICall Trigger (secret checked)'],
		['nxcloud', 'NXCLOUD Callbot Trigger (signature checked)'],
		['webhook', "n8n's Webhook node"],
	];
	const perRep = Math.ceil(TRIGGER_REQUESTS / REPS);
	const stats = Object.fromEntries(TARGETS.map(([target]) => [target, []]));
	const failures = Object.fromEntries(TARGETS.map(([target]) => [target, 0]));
	// Warm-up
	for (const [target] of TARGETS) {
		const request = bodies[target]();
		await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
	}
	for (let rep = 0; rep < REPS; rep++) {
		for (let t = 0; t < TARGETS.length; t++) {
			const [target] = TARGETS[(t + rep) % TARGETS.length];
			const requests = Array.from({ length: perRep }, () => bodies[target]());
			await waitReady();
			const times = [];
			let next = 0;
			await Promise.all(
				Array.from({ length: CONCURRENCY }, async () => {
					while (next < requests.length) {
						const request = requests[next++];
						const t0 = performance.now();
						try {
							const response = await fetch(request.url, {
								method: 'POST',
								headers: request.headers,
								body: request.body,
								signal: AbortSignal.timeout(30_000),
							});
							await response.arrayBuffer();
							if (response.status !== 200) failures[target]++;
						} catch {
							failures[target]++;
						}
						times.push(performance.now() - t0);
					}
				}),
			);
			times.sort((a, b) => a - b);
			stats[target].push({
				p50: quantile(times, 0.5),
				p99: quantile(times, 0.99),
				max: times.at(-1),
			});
		}
	}
	out(
		`### Trigger acknowledgement (${fmt(perRep * REPS)} requests per trigger, ${CONCURRENCY} concurrent senders)`,
	);
	out();
	out('| Trigger | p50 (ms) | p99 (ms) | max (ms) | Not answered 200 |');
	out('|---|---:|---:|---:|---:|');
	for (const [target, label] of TARGETS) {
		const s = stats[target];
		out(
			`| ${label} | ${minMed(s.map((x) => x.p50))} | ${minMed(s.map((x) => x.p99))} | ${minMed(s.map((x) => x.max))} | ${failures[target]} |`,
		);
	}
	out();
	log(lines.slice(-5).join('\n'));
}

// ---- a modelled real network
if (NET_ITEMS > 0) {
	log(
		`▸ Modelled network: ${NET_LATENCY_MS} ms per request, ${NET_RATE_LIMIT} requests/s (${elapsed()})`,
	);
	out(
		`### Modelled network: ${NET_LATENCY_MS} ms per request, ${NET_RATE_LIMIT} requests/s per platform, ${fmt(NET_ITEMS)} items (once)`,
	);
	out();
	out(
		'Neither vendor documents a rate limit: the figure is an assumption (sandbox knob). Over it, OMICall answers HTTP 429 `rate_limit_exceeded` and NXCLOUD retCode 7.',
	);
	out();
	out(
		'| Workflow | Wall time (s) | Requests | Campaigns / tasks created | Rate-limit refusals | Numbers received exactly once | Outcome |',
	);
	out('|---|---:|---:|---:|---:|---|---|');
	for (const [variant, label] of VARIANTS) {
		if (variant === 'noop') continue;
		if (notFinishedAt.has(variant) && notFinishedAt.get(variant) <= NET_ITEMS) {
			// Latency only adds to it: running it would spend the cap to learn nothing new.
			out(
				`| ${label} | not run: did not finish within ${CAP_S} s at ${fmt(notFinishedAt.get(variant))} items without latency (table above) | | | | | |`,
			);
			continue;
		}
		log(`  ${variant} (${elapsed()})`);
		// Set before every run: a restart after a run over the cap starts a new sandbox.
		sandbox.realism.latencyMs = NET_LATENCY_MS;
		sandbox.realism.rateLimitPerSecond = NET_RATE_LIMIT;
		const result = await campaignRun(variant, NET_ITEMS);
		sandbox.realism.latencyMs = 0;
		sandbox.realism.rateLimitPerSecond = 0;
		const d = result.delivery;
		out(
			`| ${label} | ${result.timedOut ? `over ${CAP_S} (cap)` : result.seconds.toFixed(2)} | ${fmt(result.requests)} | ${fmt(result.campaigns)} | ${fmt(result.rateLimited)} | ${fmt(d.once)} (${fmt(d.lost)} lost, ${fmt(d.twice)} twice) | ${result.timedOut ? `did not finish within the ${CAP_S} s cap; figures are what the platform had received by then (n8n restarted)` : result.ok ? 'n8n reports success' : (result.error ?? '').replace(/\|/g, '/').replace(/\s+/g, ' ').slice(0, 160)} |`,
		);
	}
	sandbox.realism.latencyMs = 0;
	sandbox.realism.rateLimitPerSecond = 0;
	out();
	log(lines.slice(-6).join('\n'));
}

await stack.stop();

// ---- package size
{
	const [pack] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], {
			cwd: ROOT,
			encoding: 'utf8',
		}),
	);
	out('### Package size');
	out();
	out(
		`Packed ${fmt(Math.round(pack.size / 1024))} KiB, unpacked ${fmt(Math.round(pack.unpackedSize / 1024))} KiB, ${pack.entryCount} files (\`npm pack --dry-run\`).`,
	);
	out();
}

const cpu = os.cpus();
let commit = process.env.BENCH_COMMIT;
if (!commit) {
	try {
		const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
		commit = `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'nodes', 'credentials', 'package.json').length ? ' plus uncommitted changes' : ''}`;
	} catch {
		commit = 'unknown commit';
	}
}
out(
	`Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, n8n ${stack.version}, SQLite; commit ${commit}; ${new Date().toISOString().slice(0, 10)}; whole benchmark ${elapsed()}${quick ? ' (BENCH_QUICK)' : ''}, n8n restarted ${restarts} time(s) after a run over the cap or its exit.`,
);
log('\n' + lines.join('\n'));
if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, lines.join('\n') + '\n');
process.exit(0);

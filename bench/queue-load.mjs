// `npm run bench:queue`: both triggers under load on n8n in queue mode (scripts/queue-stack.mjs:
// PostgreSQL, Redis, 1 main, 2 workers, 2 webhook processors, the round-robin balancer), loopback only.
//
//   1. Kill phase: KILL_REQUESTS distinct callbacks per trigger (OMICall Trigger with its secret,
//      NXCLOUD Callbot Trigger with signed callbacks), interleaved, from CONCURRENCY senders; worker 1
//      is SIGKILLed after a third of them were sent and started again at once. Then every accepted
//      callback (2xx) must have exactly one execution, and the killed worker's jobs must finish.
//   2. Latency phase: LATENCY_REQUESTS per target, the same senders, one target at a time (queue
//      drained before each): OMICall Trigger, NXCLOUD Callbot Trigger, n8n's own Webhook node
//      (Respond Immediately), and the OMICall Trigger with Remember Across Restarts off.
//   3. Every accepted request of every phase: exactly one execution (counted per workflow in
//      PostgreSQL), matched by `_trigger.deliveryKey` (computed here as the trigger computes it) and
//      by the request's own ID, read from the execution data.
//
// Knobs (environment): BENCH_QUICK=1 (short version), BENCH_CONCURRENCY=50, BENCH_KILL_REQUESTS
// (per trigger, 2,500; quick 300), BENCH_LATENCY_REQUESTS (per target and repetition, 1,000; quick
// 200), BENCH_REPS=2 (latency repetitions, alternating order), BENCH_DRAIN_S=300 (longest wait for
// the executions to finish), BENCH_NO_KILL=1, BENCH_OUT=<file> (also write the table there),
// BENCH_QUEUE_ENV='{"QUEUE_WORKER_LOCK_DURATION":"10000"}' (extra n8n environment, e.g. stalled-job
// settings; the defaults are n8n's), E2E_N8N_VERSION (default: the pinned 1.x).
//
// The functions are exported for the smoke test e2e/queue/load.e2e.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	DEFAULT_N8N_VERSION,
	ROOT,
	activateWorkflows,
	n8nDir,
	log as defaultLog,
} from '../scripts/n8n-local.mjs';
import { sandboxCredentials } from '../scripts/examples.mjs';
import { startQueueStack } from '../scripts/queue-stack.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------------ workflows

export const OMICALL_SECRET = 'queue-load-omicall-secret-0123456789abcdef';
const NX = { uuid: 'sandbox-uuid', secret: 'sandbox-secret' };
const NXCLOUD_CREDENTIAL = {
	nxCloudCallbotApi: { id: 'nxcloudSandbox01', name: 'NXCLOUD sandbox' },
};
const OMICALL_WEBHOOK_CREDENTIAL = {
	omicallWebhookApi: { id: 'omicallQueueLoad1', name: 'OMICall webhook secret (queue load)' },
};

/** The targets: workflow, the request ID prefix, how the table names it. */
export const TARGETS = {
	omicall: { id: 'qloadOmicall0001', token: 'qlo', label: 'OMICall Trigger (secret checked)' },
	nxcloud: {
		id: 'qloadNxcloud0001',
		token: 'qln',
		label: 'NXCLOUD Callbot Trigger (signature checked)',
	},
	webhook: {
		id: 'qloadWebhook0001',
		token: 'qlw',
		label: "n8n's Webhook node (Respond Immediately)",
	},
	omicallNoPersist: {
		id: 'qloadOmicallNoP1',
		token: 'qlp',
		label: 'OMICall Trigger, Remember Across Restarts off',
	},
};
const WEBHOOK_IDS = {
	omicall: '0be0c000-0000-4000-8000-0000000f0001',
	nxcloud: '0be0c000-0000-4000-8000-0000000f0002',
	webhook: '0be0c000-0000-4000-8000-0000000f0003',
	omicallNoPersist: '0be0c000-0000-4000-8000-0000000f0004',
};

function workflow(key, name, trigger) {
	const noOp = {
		id: randomUUID(),
		name: 'No Operation',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [220, 0],
		parameters: {},
	};
	return {
		id: TARGETS[key].id,
		name,
		active: false,
		// n8n's defaults: every execution is saved (the check reads them back).
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [{ position: [0, 0], webhookId: WEBHOOK_IDS[key], ...trigger }, noOp],
		connections: { [trigger.name]: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
	};
}

function omicallTrigger(options) {
	return {
		id: randomUUID(),
		name: 'OMICall Trigger',
		type: 'n8n-nodes-callbot.omicallTrigger',
		typeVersion: 2,
		parameters: { events: ['callEnded', 'callState', 'chatMessage'], options },
		credentials: OMICALL_WEBHOOK_CREDENTIAL,
	};
}

export function loadWorkflows() {
	return [
		workflow('omicall', 'Queue load · OMICall Trigger', omicallTrigger({})),
		workflow(
			'omicallNoPersist',
			'Queue load · OMICall Trigger, Remember Across Restarts off',
			omicallTrigger({ persistRepeats: false }),
		),
		workflow('nxcloud', 'Queue load · NXCLOUD Callbot Trigger', {
			id: randomUUID(),
			name: 'NXCLOUD Trigger',
			type: 'n8n-nodes-callbot.nxCloudCallbotTrigger',
			typeVersion: 1,
			parameters: { events: ['callFinished', 'orderCompleted', 'taskStatusChanged'], options: {} },
			credentials: NXCLOUD_CREDENTIAL,
		}),
		workflow('webhook', "Queue load · n8n's Webhook node", {
			id: randomUUID(),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			parameters: {
				httpMethod: 'POST',
				path: 'queue-load-webhook',
				responseMode: 'onReceived',
				options: {},
			},
		}),
	];
}

function loadCredentials() {
	return [
		...sandboxCredentials(),
		{
			id: OMICALL_WEBHOOK_CREDENTIAL.omicallWebhookApi.id,
			name: OMICALL_WEBHOOK_CREDENTIAL.omicallWebhookApi.name,
			type: 'omicallWebhookApi',
			data: { secret: OMICALL_SECRET, location: 'query', queryParameterName: 'secret' },
		},
	];
}

// ------------------------------------------------------------------ the stack

/**
 * The queue stack with the load workflows imported and active. Options go to startQueueStack
 * (workers, webhooks, extraEnv, log, onProcessExit, …).
 */
export async function startLoadStack(options = {}) {
	const log = options.log ?? defaultLog;
	return startQueueStack({
		version: process.env.E2E_N8N_VERSION ?? DEFAULT_N8N_VERSION,
		workers: 2,
		webhooks: 2,
		frontDoor: false,
		...options,
		log,
		prepare: async ({ env, runN8n, dir }) => {
			const input = path.join(dir, 'import');
			fs.mkdirSync(path.join(input, 'workflows'), { recursive: true });
			fs.writeFileSync(path.join(input, 'credentials.json'), JSON.stringify(loadCredentials()));
			for (const wf of loadWorkflows())
				fs.writeFileSync(path.join(input, 'workflows', `${wf.id}.json`), JSON.stringify(wf));
			for (const args of [
				['import:credentials', `--input=${path.join(input, 'credentials.json')}`],
				['import:workflow', '--separate', `--input=${path.join(input, 'workflows')}`],
			]) {
				const result = await runN8n(args);
				if (result.code !== 0)
					throw new Error(`n8n ${args[0]} failed:\n${result.stderr || result.stdout}`);
			}
			// One CLI process per workflow, side by side (each takes seconds to start).
			const version = process.env.E2E_N8N_VERSION ?? DEFAULT_N8N_VERSION;
			await Promise.all(
				Object.values(TARGETS).map(({ id }) => activateWorkflows(version, [id], env)),
			);
			log('  load workflows imported and active');
		},
	});
}

// ------------------------------------------------------------------ requests

/** The trigger's delivery key (nodes/shared/crypto.ts deliveryDigest), computed independently. */
function deliveryDigest(parts) {
	const hash = createHash('sha256');
	for (const part of parts) {
		const bytes = Buffer.isBuffer(part) ? part : Buffer.from(part, 'utf8');
		hash.update(`${bytes.length}:`, 'utf8');
		hash.update(bytes);
	}
	return hash.digest('hex');
}

/** NXCLOUD's documented signature (emulators/nxcloud/signing.ts computeSign, MD5). */
function nxSign(body, createTs, requestID) {
	return createHash('md5')
		.update(`${NX.secret}&body=${body}&createTs=${createTs}&requestID=${requestID}&uuid=${NX.uuid}`)
		.digest('hex')
		.toUpperCase();
}

/** Makes distinct requests for the targets, against the stack's balancer (its WEBHOOK_URL). */
export function requestMaker(baseUrl) {
	const seq = { omicall: 0, nxcloud: 0, webhook: 0, omicallNoPersist: 0 };
	const next = (target) => `${TARGETS[target].token}-${String(++seq[target]).padStart(6, '0')}`;
	const omicall = (target) => {
		const id = next(target);
		const body = JSON.stringify({ transaction_id: id, state: 'cdr', duration: 5 });
		return {
			target,
			id,
			key: deliveryDigest(['omicall', body]),
			url: `${baseUrl}/webhook/${WEBHOOK_IDS[target]}/webhook?secret=${OMICALL_SECRET}`,
			headers: { 'content-type': 'application/json' },
			body,
		};
	};
	return {
		omicall: () => omicall('omicall'),
		omicallNoPersist: () => omicall('omicallNoPersist'),
		nxcloud: () => {
			const id = next('nxcloud');
			const body = JSON.stringify({
				callbackType: 3,
				userTaskID: 'queue-load-task',
				orderID: `order-${id}`,
				userPhone: '84912345678',
				callInfoDetail: { callID: id, callDuration: 5 },
			});
			const createTs = String(Math.floor(Date.now() / 1000));
			const requestID = randomUUID().replace(/-/g, '');
			return {
				target: 'nxcloud',
				id,
				key: deliveryDigest(['nxcloud', NX.uuid, requestID, createTs, body]),
				url: `${baseUrl}/webhook/${WEBHOOK_IDS.nxcloud}/webhook?kind=call`,
				headers: {
					'content-type': 'application/json',
					requestID,
					uuid: NX.uuid,
					createTs,
					sign: nxSign(body, createTs, requestID),
				},
				body,
			};
		},
		webhook: () => {
			const id = next('webhook');
			return {
				target: 'webhook',
				id,
				key: undefined,
				url: `${baseUrl}/webhook/queue-load-webhook`,
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ transaction_id: id, state: 'cdr', duration: 5 }),
			};
		},
	};
}

/**
 * Sends `requests` from `concurrency` senders (each sends its next request when the previous one was
 * answered). Returns one result per request: { ...request, status, ms } (status 0: no answer).
 * `onSent(count)` runs after each answer.
 */
export async function sendAll(requests, concurrency, { onSent = () => undefined } = {}) {
	const results = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(concurrency, requests.length) }, async () => {
			while (next < requests.length) {
				const request = requests[next++];
				const t0 = performance.now();
				let status = 0;
				try {
					const response = await fetch(request.url, {
						method: 'POST',
						headers: request.headers,
						body: request.body,
						signal: AbortSignal.timeout(30_000),
					});
					await response.arrayBuffer();
					status = response.status;
				} catch {
					status = 0;
				}
				const { body: _body, headers: _headers, ...kept } = request;
				results.push({ ...kept, status, ms: performance.now() - t0 });
				onSent(results.length);
			}
		}),
	);
	return results;
}

export const accepted = (result) => result.status >= 200 && result.status < 300;

// ------------------------------------------------------------------ executions

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/** Executions of the load workflows by status: { total, unfinished, byStatus }. */
export function executionCounts(stack) {
	const rows = stack.services.postgres
		.query('SELECT status, count(*) FROM execution_entity GROUP BY status')
		.trim();
	const byStatus = {};
	for (const line of rows ? rows.split('\n') : []) {
		const [status, count] = line.split('|');
		byStatus[status] = Number(count);
	}
	const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
	const unfinished = Object.entries(byStatus)
		.filter(([status]) => !FINISHED.includes(status))
		.reduce((a, [, n]) => a + n, 0);
	return { total, unfinished, byStatus };
}

/**
 * Waits until at least `expected` executions exist and none is unfinished (new, running, waiting).
 * Returns { ok, seconds, counts }; ok false after `timeoutS`.
 */
export async function waitForExecutions(stack, expected, timeoutS) {
	const t0 = Date.now();
	let counts;
	while (Date.now() - t0 < timeoutS * 1000) {
		counts = executionCounts(stack);
		if (counts.total >= expected && counts.unfinished === 0)
			return { ok: true, seconds: (Date.now() - t0) / 1000, counts };
		await sleep(500);
	}
	return { ok: false, seconds: (Date.now() - t0) / 1000, counts };
}

/**
 * n8n 2.x's MaxStalledCountError (`errors/max-stalled-count.error.js`): the error a webhook processor
 * writes into an execution whose job a killed worker held (see exactlyOnce).
 */
export const STALLED_MESSAGE = 'This execution failed to be processed too many times';

/**
 * Every execution with its workflow, status, whether its data holds n8n 2.x's stalled-job error, and
 * the request IDs and delivery keys its data holds (strings of the flatted execution data:
 * `"qlo-000001"`, 64 hex digits; other 64-hex strings, such as 2.x's `resumeToken`, match no request
 * and are ignored by exactlyOnce). Read in batches (psql's output is buffered).
 */
export function readExecutions(stack) {
	const query = stack.services.postgres.query;
	const maxId = Number(query('SELECT coalesce(max(id), 0) FROM execution_entity').trim());
	const executions = [];
	const BATCH = 1000;
	for (let from = 0; from < maxId; from += BATCH) {
		const out = query(
			`SELECT e.id, e."workflowId", e.status, coalesce(d.data LIKE '%"No Operation"%', false),
			        coalesce(d.data LIKE '%${STALLED_MESSAGE}%', false),
			        coalesce(string_agg(DISTINCT m[1], ','), '')
			 FROM execution_entity e
			 LEFT JOIN execution_data d ON d."executionId" = e.id
			 LEFT JOIN LATERAL regexp_matches(d.data, '"(ql[onwp]-[0-9]{6}|[0-9a-f]{64})"', 'g') m ON true
			 WHERE e.id > ${from} AND e.id <= ${from + BATCH}
			 GROUP BY e.id, e."workflowId", e.status, d.data ORDER BY e.id`,
		).trim();
		for (const line of out ? out.split('\n') : []) {
			const [id, workflowId, status, noOp, stalled, strings] = line.split('|');
			const values = strings ? strings.split(',') : [];
			executions.push({
				id: Number(id),
				workflowId,
				status,
				noOpRan: noOp === 't',
				stalledError: stalled === 't',
				ids: values.filter((v) => v.startsWith('ql')),
				keys: values.filter((v) => !v.startsWith('ql')),
			});
		}
	}
	return executions;
}

/**
 * How many times the No Operation node finished, per execution ID, from the event logs of every
 * process (n8n writes `n8n.node.finished` to ~/.n8n/n8nEventLog*.log where the node ran): a node a
 * re-run job repeated counts twice.
 */
export function noOpRuns(stack) {
	const dir = path.join(stack.userFolder, '.n8n');
	const runs = new Map();
	const seen = new Set();
	for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
		if (!/^n8nEventLog.*\.log$/.test(file)) continue;
		for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
			if (!line.includes('n8n.node.finished') || !line.includes('No Operation')) continue;
			try {
				const event = JSON.parse(line);
				if (event.eventName !== 'n8n.node.finished' || event.payload?.nodeName !== 'No Operation')
					continue;
				// The same event may be written twice (two processes sharing a log file): count it once.
				if (seen.has(event.id)) continue;
				seen.add(event.id);
				const id = Number(event.payload.executionId);
				runs.set(id, (runs.get(id) ?? 0) + 1);
			} catch {
				// a torn line
			}
		}
	}
	return runs;
}

/**
 * Per target: accepted requests, executions of its workflow, and whether each accepted request has
 * exactly one execution, by request ID and (triggers) by delivery key; executions that carry no
 * accepted request's ID (e.g. from a refused request) are counted as extra, except:
 *
 * `failedByStall`: executions n8n 2.x failed with its stalled-job error and whose data no longer
 * holds the trigger's output. 2.x runs Bull with maxStalledCount 0 (`scaling/scaling.service.js`,
 * `setupQueue`), so a job a killed worker held is failed instead of run again; the webhook processor
 * that enqueued it then writes the execution as `error` with run data `{ error, runData: {} }`
 * (`workflow-runner.js`, `enqueueExecution` and `processError`), replacing the trigger's output. Each
 * is one accepted request whose content is gone: it counts as missing by ID and key, not as extra.
 */
export function exactlyOnce(results, executions, nodeRuns = new Map()) {
	const report = {};
	for (const [target, { id: workflowId }] of Object.entries(TARGETS)) {
		const sent = results.filter((r) => r.target === target);
		const ok = sent.filter(accepted);
		if (!sent.length) continue;
		const mine = executions.filter((e) => e.workflowId === workflowId);
		const byId = new Map();
		const byKey = new Map();
		for (const execution of mine) {
			for (const id of execution.ids) byId.set(id, (byId.get(id) ?? 0) + 1);
			for (const key of execution.keys) byKey.set(key, (byKey.get(key) ?? 0) + 1);
		}
		const acceptedIds = new Set(ok.map((r) => r.id));
		const tally = (requests, counts, field) => {
			let once = 0;
			let missing = 0;
			let twice = 0;
			for (const request of requests) {
				const n = counts.get(request[field]) ?? 0;
				if (n === 1) once++;
				else if (n === 0) missing++;
				else twice++;
			}
			return { once, missing, twice };
		};
		const statuses = {};
		for (const execution of mine)
			statuses[execution.status] = (statuses[execution.status] ?? 0) + 1;
		report[target] = {
			sent: sent.length,
			accepted: ok.length,
			refused: sent.length - ok.length,
			executions: mine.length,
			statuses,
			byId: tally(ok, byId, 'id'),
			byKey: target === 'webhook' ? undefined : tally(ok, byKey, 'key'),
			extra: mine.filter((e) => !e.ids.some((id) => acceptedIds.has(id)) && !e.stalledError).length,
			failedByStall: mine
				.filter((e) => !e.ids.some((id) => acceptedIds.has(id)) && e.stalledError)
				.map((e) => e.id),
			// Lost: an accepted request whose execution never ran the node after the trigger.
			noOpMissing: mine.filter((e) => !e.noOpRan).length,
			// Of those: executions the restarted worker marked `crashed` from its event log after the
			// trigger and before the node after it (1.x, "What a killed worker does"): the request is in
			// them (retry from the executions list), the node after the trigger never ran.
			crashedBeforeNode: mine
				.filter(
					(e) => e.status === 'crashed' && !e.noOpRan && e.ids.some((id) => acceptedIds.has(id)),
				)
				.map((e) => e.id),
			noOpTwice: mine.filter((e) => (nodeRuns.get(e.id) ?? 0) > 1).length,
		};
	}
	return report;
}

export function exactlyOnceHolds(report) {
	return Object.values(report).every(
		(r) =>
			r.executions === r.accepted &&
			r.byId.once === r.accepted &&
			(!r.byKey || r.byKey.once === r.accepted) &&
			r.extra === 0 &&
			r.noOpMissing === 0,
	);
}

// ------------------------------------------------------------------ the killed worker

/** `Worker started/finished execution N (job M)` lines of a worker log, up to byte `end`. */
function workerJobs(logFile, start = 0, end = Infinity) {
	const text = fs.readFileSync(logFile, 'utf8');
	const slice = Buffer.from(text)
		.subarray(start, Number.isFinite(end) ? end : undefined)
		.toString();
	const started = new Map();
	const finished = new Set();
	for (const match of slice.matchAll(/Worker (started|finished) execution (\d+) \(job (\d+)\)/g)) {
		if (match[1] === 'started') started.set(Number(match[2]), Number(match[3]));
		else finished.add(Number(match[2]));
	}
	return { started, finished };
}

/** `redis-cli <args>` against the stack's Redis. */
function redis(stack, ...args) {
	const { host, port } = stack.services.redis;
	const result = spawnSync('redis-cli', ['-h', host, '-p', String(port), '--raw', ...args], {
		encoding: 'utf8',
	});
	return result.status === 0 ? result.stdout : '';
}

/** Execution IDs of the Bull jobs in the active list (n8n's queue `jobs`, prefix `bull`). */
function activeJobExecutions(stack) {
	const ids = redis(stack, 'LRANGE', 'bull:jobs:active', '0', '-1').split('\n').filter(Boolean);
	const executions = new Map();
	for (const jobId of ids) {
		try {
			const data = JSON.parse(redis(stack, 'HGET', `bull:jobs:${jobId}`, 'data'));
			executions.set(Number(data.executionId), Number(jobId));
		} catch {
			// finished in between
		}
	}
	return executions;
}

/**
 * SIGKILLs worker `index` (0-based) and starts it again. Returns what it was running then: the
 * executions its log shows started and not finished (its Bull jobs, active when it died).
 */
export async function killAndRestartWorker(stack, index, log = defaultLog) {
	const logFile = stack.logs.workers[index];
	const killedAt = Date.now();
	await stack.killWorker(index);
	const size = fs.statSync(logFile).size;
	const { started, finished } = workerJobs(logFile, 0, size);
	const fromLog = [...started.keys()].filter((id) => !finished.has(id));
	// Jobs it had taken but not yet logged stay in Bull's active list until their lock expires; the
	// living worker's trivial jobs leave it within milliseconds. So: active now and 3 s later.
	const activeAtKill = activeJobExecutions(stack);
	await sleep(3000);
	const activeLater = activeJobExecutions(stack);
	const fromQueue = [...activeAtKill.keys()].filter((id) => activeLater.has(id));
	const inFlight = [...new Set([...fromLog, ...fromQueue])].sort((a, b) => a - b);
	log(
		`  worker ${index + 1} SIGKILLed; its log shows ${started.size} executions started, ${fromLog.length} not finished (${fromLog.join(', ') || 'none'}); still active in Bull 3 s later: ${fromQueue.join(', ') || 'none'}`,
	);
	const t0 = Date.now();
	await stack.startWorker(index);
	const restartSeconds = (Date.now() - t0) / 1000;
	log(`  worker ${index + 1} started again in ${restartSeconds.toFixed(1)} s`);
	return { index, killedAt, inFlight, fromLog, fromQueue, restartSeconds };
}

/**
 * What became of the killed worker's executions: final status, when they finished (seconds after
 * the kill, from stoppedAt), how many times any worker started each (worker logs), and how many
 * times the No Operation node ran in the saved data.
 */
export function killedOutcome(stack, kill, nodeRuns = noOpRuns(stack)) {
	if (!kill.inFlight.length) return { executions: [] };
	const flatted = createRequire(path.join(n8nDir(stack.version), 'package.json'))('flatted');
	const starts = new Map(kill.inFlight.map((id) => [id, 0]));
	stack.logs.workers.forEach((file) => {
		for (const id of workerJobs(file).started.keys())
			if (starts.has(id)) starts.set(id, starts.get(id) + 1);
	});
	// An execution runs again under the same job: the log lines after the kill name the worker.
	const executions = kill.inFlight.map((id) => {
		const row = stack.services.postgres
			.query(
				`SELECT e.status, extract(epoch from e."stoppedAt") * 1000, d.data FROM execution_entity e
				 LEFT JOIN execution_data d ON d."executionId" = e.id WHERE e.id = ${id}`,
			)
			.trim();
		const [status, stoppedAt, ...data] = row.split('|');
		let savedRuns;
		try {
			savedRuns = flatted.parse(data.join('|')).resultData.runData['No Operation']?.length ?? 0;
		} catch {
			savedRuns = undefined;
		}
		return {
			id,
			status,
			finishedAfterS: stoppedAt ? (Number(stoppedAt) - kill.killedAt) / 1000 : undefined,
			workerStarts: starts.get(id),
			// runs of the node in the saved execution data, and as the event logs saw them
			savedRuns,
			nodeRuns: nodeRuns.get(id) ?? 0,
		};
	});
	return { executions };
}

// ------------------------------------------------------------------ figures

export function latency(results) {
	const times = results.map((r) => r.ms).sort((a, b) => a - b);
	const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
	return {
		n: times.length,
		p50: q(0.5),
		p99: q(0.99),
		max: times.at(-1),
		over2s: times.filter((t) => t > 2000).length,
		refused: results.filter((r) => !accepted(r)).length,
		// e.g. "500 ×2, no answer ×1"
		refusedBy: Object.entries(
			results
				.filter((r) => !accepted(r))
				.reduce(
					(by, r) => ({ ...by, [r.status || 'no answer']: (by[r.status || 'no answer'] ?? 0) + 1 }),
					{},
				),
		)
			.map(([status, n]) => `${status} ×${n}`)
			.join(', '),
	};
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');

// ------------------------------------------------------------------ the benchmark

async function main() {
	const quick = process.env.BENCH_QUICK === '1';
	const num = (name, fallback) =>
		process.env[name] !== undefined ? Number(process.env[name]) : fallback;
	const CONCURRENCY = num('BENCH_CONCURRENCY', 50);
	const KILL_REQUESTS = num('BENCH_KILL_REQUESTS', quick ? 300 : 2500);
	const LATENCY_REQUESTS = num('BENCH_LATENCY_REQUESTS', quick ? 200 : 1000);
	const REPS = Math.max(1, num('BENCH_REPS', 2));
	const DRAIN_S = num('BENCH_DRAIN_S', 300);
	const KILL = process.env.BENCH_NO_KILL !== '1';
	const extraEnv = process.env.BENCH_QUEUE_ENV ? JSON.parse(process.env.BENCH_QUEUE_ENV) : {};
	const log = defaultLog;
	const started = Date.now();
	const loadBefore = os.loadavg()[0];
	const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;

	if (
		!fs.existsSync(path.join(ROOT, 'dist', 'package.json')) &&
		!fs.existsSync(path.join(ROOT, 'dist', 'nodes'))
	)
		throw new Error('dist/ is missing: run npm run build first');

	log(
		`▸ Starting the queue stack: PostgreSQL, Redis, main, 2 workers, 2 webhook processors, balancer`,
	);
	const stack = await startLoadStack({
		log,
		extraEnv,
		onProcessExit: ({ name, code, signal }) => {
			if (!name.startsWith('worker')) log(`  n8n ${name} exited (${code ?? signal})`);
		},
	});
	const stopStack = async () => {
		await stack.stop().catch(() => undefined);
	};
	process.on('SIGINT', () => void stopStack().then(() => process.exit(130)));
	log(`  ready (${elapsed()}); balancer ${stack.urls.balancer}`);
	const make = requestMaker(stack.urls.balancer);
	const all = [];
	const lines = [];
	const out = (line = '') => lines.push(line);
	try {
		// Warm-up: every path once, then wait for its executions.
		for (const target of Object.keys(TARGETS))
			all.push(...(await sendAll([make[target](), make[target]()], 2)));
		await waitForExecutions(stack, all.filter(accepted).length, 60);

		// ---- 1. kill phase
		log(
			`▸ Kill phase: ${fmt(KILL_REQUESTS)} OMICall + ${fmt(KILL_REQUESTS)} NXCLOUD callbacks, ${CONCURRENCY} senders${KILL ? ', worker 1 SIGKILLed after a third' : ''} (${elapsed()})`,
		);
		const killRequests = [];
		for (let i = 0; i < KILL_REQUESTS; i++) killRequests.push(make.omicall(), make.nxcloud());
		let kill;
		let killing;
		const t0 = performance.now();
		const killResults = await sendAll(killRequests, CONCURRENCY, {
			onSent: (count) => {
				if (KILL && !killing && count >= killRequests.length / 3)
					killing = killAndRestartWorker(stack, 0, log).then((k) => (kill = k));
			},
		});
		const sendSeconds = (performance.now() - t0) / 1000;
		await killing;
		all.push(...killResults);
		log(
			`  sent in ${sendSeconds.toFixed(1)} s; waiting for every execution to finish (${elapsed()})`,
		);
		const drained = await waitForExecutions(stack, all.filter(accepted).length, DRAIN_S);
		const drainedAfterKillS = kill ? (Date.now() - kill.killedAt) / 1000 : undefined;
		log(
			`  ${drained.ok ? 'all finished' : `NOT all finished within ${DRAIN_S} s`} ${drained.seconds.toFixed(1)} s after the last answer: ${JSON.stringify(drained.counts.byStatus)}`,
		);
		if (kill)
			log(`  killed worker's executions: ${JSON.stringify(killedOutcome(stack, kill).executions)}`);

		// ---- 2. latency phase
		const ORDER = ['omicall', 'nxcloud', 'webhook', 'omicallNoPersist'];
		const latencyResults = Object.fromEntries(ORDER.map((t) => [t, []]));
		for (let rep = 0; rep < REPS; rep++) {
			for (let i = 0; i < ORDER.length; i++) {
				const target = ORDER[(i + rep) % ORDER.length];
				const waited = await waitForExecutions(stack, all.filter(accepted).length, DRAIN_S);
				if (!waited.ok) log(`  the queue did not drain within ${DRAIN_S} s before ${target}`);
				log(
					`▸ Latency: ${target}, ${fmt(LATENCY_REQUESTS)} requests, repetition ${rep + 1} (${elapsed()})`,
				);
				const requests = Array.from({ length: LATENCY_REQUESTS }, () => make[target]());
				const results = await sendAll(requests, CONCURRENCY);
				latencyResults[target].push(...results);
				all.push(...results);
				const l = latency(results);
				log(`  p50 ${l.p50.toFixed(0)} ms, p99 ${l.p99.toFixed(0)} ms, max ${l.max.toFixed(0)} ms`);
			}
		}
		const final = await waitForExecutions(stack, all.filter(accepted).length, DRAIN_S);
		log(`▸ Checking every execution (${elapsed()}): ${JSON.stringify(final.counts.byStatus)}`);
		const nodeRuns = noOpRuns(stack);
		const report = exactlyOnce(all, readExecutions(stack), nodeRuns);
		const killedFinal = kill ? killedOutcome(stack, kill, nodeRuns) : undefined;
		const holds = exactlyOnceHolds(report);

		// ---- the table
		const cpu = os.cpus();
		const git = (...args) => {
			try {
				return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
			} catch {
				return '';
			}
		};
		const commit = `${git('rev-parse', '--short', 'HEAD') || 'unknown'}${git('status', '--porcelain', '--', 'nodes', 'credentials').length ? ' plus uncommitted changes under nodes/ or credentials/' : ''}`;
		const settings = Object.keys(extraEnv).length
			? Object.entries(extraEnv)
					.map(([k, v]) => `${k}=${v}`)
					.join(', ')
			: "n8n's defaults (QUEUE_WORKER_LOCK_DURATION 60000, QUEUE_WORKER_LOCK_RENEW_TIME 10000, QUEUE_WORKER_STALLED_INTERVAL 30000, QUEUE_WORKER_MAX_STALLED_COUNT 1, worker concurrency 10, DB_POSTGRESDB_POOL_SIZE 2)";
		const machine = `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, nproc ${os.availableParallelism?.() ?? cpu.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM; Node ${process.version}; n8n ${stack.version} in queue mode (1 main, 2 workers, 2 webhook processors, scripts/balancer.mjs, PostgreSQL ${stack.services.postgres.query('SHOW server_version').trim().split(' ')[0]}, Redis), everything and the senders on the same host, loopback; settings: ${settings}; commit ${commit}; ${new Date().toISOString().slice(0, 10)}; whole benchmark ${elapsed()}${quick ? ' (BENCH_QUICK)' : ''}; load average before the start ${loadBefore.toFixed(1)} (other work on the host shares its cores).`;

		out(`### Queue mode: acknowledgement under load (${CONCURRENCY} concurrent senders)`);
		out();
		out(
			`Client-side time from sending a request to the end of its answer, through the balancer. Latency phase: ${fmt(LATENCY_REQUESTS)} requests per target and repetition, ${REPS} repetitions in alternating order, one target at a time, the queue drained before each. Kill phase: ${fmt(KILL_REQUESTS)} callbacks per trigger interleaved${KILL ? ', worker 1 SIGKILLed after a third and started again' : ''}. OMICall waits at most 2 s for an answer.`,
		);
		out();
		out('| Phase | Target | Requests | p50 (ms) | p99 (ms) | max (ms) | Over 2 s | Not 2xx |');
		out('|---|---|---:|---:|---:|---:|---:|---:|');
		for (const target of ['omicall', 'nxcloud']) {
			const l = latency(killResults.filter((r) => r.target === target));
			out(
				`| Kill | ${TARGETS[target].label} | ${fmt(l.n)} | ${fmt(l.p50)} | ${fmt(l.p99)} | ${fmt(l.max)} | ${fmt(l.over2s)} | ${fmt(l.refused)}${l.refusedBy ? ` (${l.refusedBy})` : ''} |`,
			);
		}
		for (const target of ORDER) {
			const l = latency(latencyResults[target]);
			out(
				`| Latency | ${TARGETS[target].label} | ${fmt(l.n)} | ${fmt(l.p50)} | ${fmt(l.p99)} | ${fmt(l.max)} | ${fmt(l.over2s)} | ${fmt(l.refused)}${l.refusedBy ? ` (${l.refusedBy})` : ''} |`,
			);
		}
		out();
		const p = (t, k) => latency(latencyResults[t])[k];
		out(
			`Remember Across Restarts (static data), OMICall Trigger: on p50 ${fmt(p('omicall', 'p50'))} / p99 ${fmt(p('omicall', 'p99'))} ms, off p50 ${fmt(p('omicallNoPersist', 'p50'))} / p99 ${fmt(p('omicallNoPersist', 'p99'))} ms (on/off p50 ${(p('omicall', 'p50') / p('omicallNoPersist', 'p50')).toFixed(2)}×, p99 ${(p('omicall', 'p99') / p('omicallNoPersist', 'p99')).toFixed(2)}×).`,
		);
		out();
		out('### Exactly one execution per accepted request (all phases)');
		out();
		out(
			'| Target | Sent | Accepted (2xx) | Executions | Exactly once (request ID) | Exactly once (delivery key) | Missing | Of which failed by n8n, trigger data gone | Twice or more | Extra | Node after the trigger never ran | Node ran twice | Statuses |',
		);
		out('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
		for (const [target, r] of Object.entries(report)) {
			out(
				`| ${TARGETS[target].label} | ${fmt(r.sent)} | ${fmt(r.accepted)} | ${fmt(r.executions)} | ${fmt(r.byId.once)} | ${r.byKey ? fmt(r.byKey.once) : '—'} | ${fmt(r.byId.missing)} | ${fmt(r.failedByStall.length)} | ${fmt(r.byId.twice)} | ${fmt(r.extra)} | ${fmt(r.noOpMissing)} | ${fmt(r.noOpTwice)} | ${Object.entries(
					r.statuses,
				)
					.map(([s, n]) => `${s} ${fmt(n)}`)
					.join(', ')} |`,
			);
		}
		out();
		out(
			`"Node ran twice" counts executions whose No Operation node finished more than once in the event logs (~/.n8n/n8nEventLog*.log of every process; ${fmt(nodeRuns.size)} executions seen there of ${fmt(all.filter(accepted).length)}).`,
		);
		out();
		out(
			`Exactly once for every accepted request: **${holds ? 'yes' : 'NO'}**. Kill phase: sent in ${sendSeconds.toFixed(1)} s (${fmt((2 * KILL_REQUESTS) / sendSeconds)} requests/s); every execution finished ${drained.ok ? `${drained.seconds.toFixed(1)} s after the last answer` : `— NOT within ${DRAIN_S} s`}${drainedAfterKillS !== undefined ? ` (${drainedAfterKillS.toFixed(1)} s after the kill)` : ''}.`,
		);
		if (kill) {
			const ex = killedFinal.executions;
			out();
			out(
				`Killed worker: ${ex.length} executions were running on worker 1 when it was SIGKILLed (its log: started, not finished); it was started again in ${kill.restartSeconds.toFixed(1)} s.${ex.length ? '' : ' None: no job was active on it at that instant.'}`,
			);
			if (ex.length) {
				out();
				out(
					'| Execution | Final status | stoppedAt − kill (s) | Started by a worker (times) | No Operation ran (event logs) | No Operation runs in the saved data |',
				);
				out('|---:|---|---:|---:|---:|---:|');
				for (const e of ex)
					out(
						`| ${e.id} | ${e.status} | ${e.finishedAfterS?.toFixed(1) ?? '—'} | ${e.workerStarts} | ${e.nodeRuns} | ${e.savedRuns ?? '—'} |`,
					);
			}
		}
		out();
		out(machine);
		log('\n' + lines.join('\n'));
		if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, lines.join('\n') + '\n');
		await stopStack();
		process.exit(holds && drained.ok ? 0 : 1);
	} catch (error) {
		log(`bench:queue failed: ${error.stack ?? error.message}`);
		log(`logs: ${path.relative(ROOT, path.dirname(stack.logs.main))}`);
		await stopStack();
		process.exit(1);
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
	main().catch((error) => {
		defaultLog(`bench:queue failed: ${error.stack ?? error.message}`);
		process.exit(1);
	});
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * The action nodes as AI-agent tools in real n8n: example 5 (n8n's Chat Trigger → AI Agent with
 * n8n's OpenAI Chat Model → OMICall and NXCLOUD nodes as tools, their parameters filled by
 * `$fromAI()`), with the model on the sandbox's OpenAI-compatible mock (emulators/openai), whose
 * scripted model reads the tools n8n offers and calls them. A copy of the example with the model's
 * Use Responses API off runs the same through Chat Completions.
 *
 * What the versions need (read in their installed packages): both have AI Agent 3 (tools run by the
 * workflow engine as their own node runs), OpenAI Chat Model 1.3 (Use Responses API on by default:
 * `POST <Base URL>/responses`; off: `/chat/completions`; streaming only when the chat trigger
 * answers in Streaming mode) and Chat Trigger 1.1 (public, hosted chat: `POST /webhook/<id>/chat`,
 * answered with the agent's output). Community nodes are offered as tools without
 * N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: neither version reads it any more.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NxCloudEmulator } from '../emulators/nxcloud';
import { NXCLOUD_API_PATH } from '../emulators/nxcloud/constants';
import { defaultScript, type OpenAiRequest } from '../emulators/openai';
// @ts-expect-error plain JavaScript module shared with npm start
import * as examples from '../scripts/examples.mjs';
import { postWebhook, startStack, type Stack } from './stack';

const EXAMPLE = 'callbotEx005';
/** The example with Use Responses API off (Chat Completions). */
const CHAT_COMPLETIONS = 'callbotEx05cc';
/** The example with its Chat Trigger answering in Streaming mode: the agent streams the model. */
const STREAMING = 'callbotEx05st';
const CHAT_NODE = 'When Chat Message Received';
const CAMPAIGN_TOOL = 'Start_Callbot_Campaign';
const CALLS_TOOL = 'Get_Task_Calls';

type Workflow = {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown> & { name: string; parameters: Record<string, unknown> }>;
};

/** A copy of example 5: its own ID, node IDs and webhook ID, changed by `edit`. */
function variant(text: string, id: string, tag: string, edit: (workflow: Workflow) => void) {
	const copy = JSON.parse(text) as Workflow;
	copy.id = id;
	for (const node of copy.nodes) {
		node.id = String(node.id).replace('-0005-', `-${tag}-`);
		if (node.webhookId) node.webhookId = String(node.webhookId).replace('-0005-', `-${tag}-`);
	}
	edit(copy);
	return JSON.stringify(copy);
}

const node = (workflow: Workflow, name: string) => workflow.nodes.find((n) => n.name === name)!;

/** Example 5 as shipped, its Chat Completions copy and its streaming copy, in a folder of their own. */
function workflowsDir(tmp: string): string {
	const file = '05-voice-agent-back-office.json';
	const text = fs.readFileSync(path.join(examples.EXAMPLES_DIR, file), 'utf8');
	fs.writeFileSync(path.join(tmp, file), text);
	const chatCompletions = variant(text, CHAT_COMPLETIONS, '005c', (workflow) => {
		workflow.name += ' (Chat Completions)';
		node(workflow, 'OpenAI Chat Model').parameters.responsesApiEnabled = false;
	});
	fs.writeFileSync(path.join(tmp, '05c-chat-completions.json'), chatCompletions);
	// Chat Trigger 1.3 (both versions) offers Streaming for a public chat in Embedded (webhook) mode.
	const streaming = variant(text, STREAMING, '005s', (workflow) => {
		workflow.name += ' (streaming)';
		const trigger = node(workflow, CHAT_NODE);
		trigger.typeVersion = 1.3;
		trigger.parameters = { public: true, mode: 'webhook', options: { responseMode: 'streaming' } };
	});
	fs.writeFileSync(path.join(tmp, '05s-streaming.json'), streaming);
	return tmp;
}

/** A task with two orders, each called once, put straight into the NXCLOUD emulator. */
function seedTask(nx: NxCloudEmulator, userTaskID: string): string[] {
	const now = Math.floor(Date.now() / 1000);
	nx.tasks.set(userTaskID, {
		userTaskID,
		taskID: `T-${userTaskID}`,
		sceneID: 'scene-e2e',
		taskStatus: 2,
		createTs: now,
		taskCreateSetting: {},
		funcFlag: {},
		taskCallbackUrl: '',
		orderCallbackUrl: '',
		callCallbackUrl: '',
		batchID: `B-${userTaskID}`,
		batchSeq: 1,
		importInProgress: false,
	});
	return ['84395187319', '84979816773'].map((userPhone, i) => {
		const orderID = `${userTaskID}-o${i + 1}`;
		nx.orders.set(orderID, {
			orderID,
			userTaskID,
			userPhone,
			userName: `Contact ${i + 1}`,
			customerName: '',
			other: '',
			params: [],
			batchID: `B-${userTaskID}`,
			createTs: now,
			finish: false,
			stopped: false,
			orderCallbackUrl: '',
			callCallbackUrl: '',
			calls: [],
		});
		return nx.simulateCall(orderID, { callDuration: 40 + i }).callID;
	});
}

let stack: Stack;
let tmp: string;
beforeAll(async () => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callbot-e2e-agent-'));
	stack = await startStack({ workflowsDir: workflowsDir(tmp) });
});
afterAll(async () => {
	await stack?.stop();
	if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * Sends one chat message to a workflow's Chat Trigger; returns the agent's answer: the JSON answer
 * of the last node, or with Streaming the text of the `item` chunks (n8n's JSON-lines stream).
 */
async function chat(workflowId: string, sessionId: string, chatInput: string) {
	const response = await postWebhook(
		stack.nodeWebhookUrl(workflowId, CHAT_NODE),
		JSON.stringify({ action: 'sendMessage', sessionId, chatInput }),
	);
	expect(response.status, response.text).toBe(200);
	if (workflowId !== STREAMING) return JSON.parse(response.text) as { output: string };
	const chunks = response.text
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => JSON.parse(line) as { type: string; content?: string });
	expect(chunks[0].type, response.text).toBe('begin');
	expect(chunks.at(-1)!.type, response.text).toBe('end');
	return { output: chunks.map((chunk) => (chunk.type === 'item' ? chunk.content : '')).join('') };
}

/** The model requests of one chat message (the mock is cleared before each). */
const modelRequests = (): OpenAiRequest[] => stack.sandbox.openai.requests;

describe(`AI Agent with the callbot nodes as tools, real n8n ${process.env.E2E_N8N_VERSION ?? ''}`, () => {
	it('offers both nodes as tools, with the $fromAI() parameters as their schema', async () => {
		stack.sandbox.openai.clear();
		stack.sandbox.omicall.server.clearReceived();
		stack.sandbox.nxcloud.clearReceived();
		const answer = await chat(EXAMPLE, 'e2e-hello', 'Hello, what can you do?');

		// The scripted model calls nothing without values: it lists its tools.
		expect(answer.output).toContain('scripted sandbox model');
		const [request] = modelRequests();
		expect(modelRequests()).toHaveLength(1);
		expect(request.api).toBe('responses');
		expect(request.turn.user).toBe('Hello, what can you do?');
		expect(request.turn.system).toContain('back-office assistant');
		const tools = Object.fromEntries(request.turn.tools.map((tool) => [tool.name, tool]));
		expect(Object.keys(tools).sort()).toEqual([CALLS_TOOL, CAMPAIGN_TOOL]);
		expect(tools[CAMPAIGN_TOOL].description).toMatch(/^Start an OMICall callbot campaign/);
		expect(Object.keys(tools[CAMPAIGN_TOOL].parameters.properties ?? {}).sort()).toEqual([
			'contact_name',
			'phone',
		]);
		expect(Object.keys(tools[CALLS_TOOL].parameters.properties ?? {})).toEqual(['task_id']);
		// Nothing reached a vendor.
		expect(stack.sandbox.omicall.server.received).toHaveLength(0);
		expect(stack.sandbox.nxcloud.received).toHaveLength(0);
	});

	it('OMICall as a tool: the agent starts one campaign for the named contact and reports its ID', async () => {
		stack.sandbox.openai.clear();
		stack.sandbox.omicall.server.clearReceived();
		const campaignsBefore = new Set(stack.sandbox.omicall.campaigns.keys());
		const answer = await chat(
			EXAMPLE,
			'e2e-campaign',
			'Please call contact_name: Trần Văn An, phone: 0395187319',
		);

		// What the sandbox received: one campaign, the tool's arguments in its contact.
		const starts = stack.sandbox.omicall.server.requests('/api/call_bot/execute_by_phone');
		expect(starts).toHaveLength(1);
		expect(starts[0].query).toEqual({ cid: '842899990338' });
		expect(starts[0].body).toMatchObject({
			bot_script_id: '653b155db0f7941234567890',
			name: 'Voice agent back office',
			voice: 'southern_female_honganh',
			contact_info: [{ phone: '0395187319', mapping_variables: { full_name: 'Trần Văn An' } }],
		});
		const created = [...stack.sandbox.omicall.campaigns.keys()].filter(
			(id) => !campaignsBefore.has(id),
		);
		expect(created).toHaveLength(1);
		const [autocallId] = created;

		// The model: a tool call with the values of the message, then the tool's result passed back.
		const [first, second] = modelRequests();
		expect(modelRequests()).toHaveLength(2);
		expect(first.answer).toEqual({
			toolCalls: [
				{ name: CAMPAIGN_TOOL, arguments: { contact_name: 'Trần Văn An', phone: '0395187319' } },
			],
		});
		expect(second.turn.toolResults).toHaveLength(1);
		expect(second.turn.toolResults[0].name).toBe(CAMPAIGN_TOOL);
		expect(second.turn.toolResults[0].output).toContain(autocallId);

		// The agent's final answer quotes it.
		expect(answer.output).toContain(`${CAMPAIGN_TOOL} returned:`);
		expect(answer.output).toContain(autocallId);

		// One run of the tool node in n8n's execution: nothing dialled twice.
		const execution = await stack.lastExecution(EXAMPLE);
		expect(execution.status).toBe('success');
		expect(execution.runData['Start Callbot Campaign']).toHaveLength(1);
		expect(execution.runData).not.toHaveProperty('Get Task Calls');
	});

	it('exactly once: the model asks for the same call twice in one turn; one campaign starts, the second tool run answers alreadyStarted', async () => {
		stack.sandbox.openai.clear();
		stack.sandbox.omicall.server.clearReceived();
		const campaignsBefore = stack.sandbox.omicall.campaigns.size;
		const call = {
			name: CAMPAIGN_TOOL,
			arguments: { contact_name: 'Lê Minh', phone: '0395187320' },
		};
		stack.sandbox.openai.script = (turn) =>
			turn.toolResults.length ? defaultScript(turn) : { toolCalls: [call, call] };
		try {
			await chat(EXAMPLE, 'e2e-twice', 'Call Lê Minh on 0395187320, now!');
		} finally {
			stack.sandbox.openai.script = defaultScript;
		}
		expect(stack.sandbox.omicall.campaigns.size).toBe(campaignsBefore + 1);
		const sessions = stack.sandbox.omicall.server
			.requests('/api/call_bot/execute_by_phone')
			.map((r) => (r.body as { ext_session_id: string }).ext_session_id);
		// Each tool run sent the same session ID, derived from the execution and the call's values.
		expect(sessions.length).toBeGreaterThanOrEqual(1);
		expect(new Set(sessions).size).toBe(1);
		const results = modelRequests().at(-1)!.turn.toolResults;
		expect(results).toHaveLength(2);
		// The tool's output as n8n passed it back: its items (an array) or the one item.
		const firstItem = (output: string) => {
			const json = JSON.parse(output) as unknown;
			return (Array.isArray(json) ? json[0] : json) as { alreadyStarted?: boolean };
		};
		expect(results.map((r) => firstItem(r.output).alreadyStarted).sort()).toEqual([false, true]);
		const execution = await stack.lastExecution(EXAMPLE);
		expect(execution.runData['Start Callbot Campaign']).toHaveLength(2);
	});

	it.each([
		{ workflow: EXAMPLE, api: 'responses', stream: false },
		{ workflow: CHAT_COMPLETIONS, api: 'chat', stream: false },
		{ workflow: STREAMING, api: 'responses', stream: true },
	])(
		'NXCLOUD as a tool ($api API, streaming $stream): the agent reads the calls of a task and quotes their IDs',
		async ({ workflow, api, stream }) => {
			const taskId = `e2e-agent-${workflow}`;
			const callIds = seedTask(stack.sandbox.nxcloud, taskId);
			stack.sandbox.openai.clear();
			stack.sandbox.nxcloud.clearReceived();
			const answer = await chat(
				workflow,
				`e2e-calls-${workflow}`,
				`Show the calls of task_id: ${taskId}`,
			);

			const lists = stack.sandbox.nxcloud.requests(`${NXCLOUD_API_PATH}/listCall`);
			expect(lists.length).toBeGreaterThanOrEqual(1);
			expect(lists[0].body).toMatchObject({ productID: 'callbot', userTaskID: taskId });
			expect(stack.sandbox.nxcloud.received.every((r) => r.path.endsWith('/listCall'))).toBe(true);

			expect(modelRequests().map((r) => [r.api, r.stream])).toEqual([
				[api, stream],
				[api, stream],
			]);
			const [first, second] = modelRequests();
			expect(first.answer).toEqual({
				toolCalls: [{ name: CALLS_TOOL, arguments: { task_id: taskId } }],
			});
			const [result] = second.turn.toolResults;
			expect(result.name).toBe(CALLS_TOOL);
			for (const callId of callIds) {
				expect(result.output).toContain(callId);
				expect(answer.output).toContain(callId);
			}
		},
	);
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorServer } from '../../emulators/http-server';
import {
	argumentsFromMessage,
	chatTurn,
	OpenAiMock,
	responsesTurn,
	valueInMessage,
	type OfferedTool,
} from '../../emulators/openai';

const KEY = 'test-openai-key';

/** An AI message of LangChain (the installed n8n's copy, loaded at run time). */
interface Answer {
	tool_calls?: Array<{ id: string; name: string; args: unknown }>;
	text?: string;
	content: unknown;
	concat(other: Answer): Answer;
}

const campaignTool: OfferedTool = {
	name: 'Start_Callbot_Campaign',
	description: 'Start a campaign',
	parameters: {
		type: 'object',
		properties: {
			contact_name: { type: 'string' },
			phone: { type: 'string' },
			retries: { type: 'number' },
		},
		required: ['contact_name', 'phone'],
	},
};

describe('OpenAI mock: reading a turn', () => {
	it('finds "name: value" pairs, with spaces for underscores, quoted values and any case', () => {
		const message = 'Call Contact Name: Trần Văn An, phone = 0395187319; note: "a, b"';
		expect(valueInMessage(message, 'contact_name')).toBe('Trần Văn An');
		expect(valueInMessage(message, 'phone')).toBe('0395187319');
		expect(valueInMessage(message, 'note')).toBe('a, b');
		// a name inside another name is not a match
		expect(valueInMessage('contact_phone: 1', 'phone')).toBeUndefined();
	});

	it('calls a tool only with all its required parameters, typed by its schema', () => {
		expect(argumentsFromMessage('phone: 0395187319', campaignTool)).toBeUndefined();
		expect(
			argumentsFromMessage('contact_name: An, phone: 0395187319, retries: 2', campaignTool),
		).toEqual({ contact_name: 'An', phone: '0395187319', retries: 2 });
	});

	it('reads the Responses API input and Chat Completions messages into the same turn', () => {
		const responses = responsesTurn({
			model: 'm',
			instructions: 'Be brief.',
			input: [
				{ role: 'user', content: 'old question' },
				{ role: 'user', content: [{ type: 'input_text', text: 'phone: 1' }] },
				{ type: 'function_call', call_id: 'c1', name: 'Tool_A', arguments: '{"phone":"1"}' },
				{ type: 'function_call_output', call_id: 'c1', output: '[{"id":"x"}]' },
			],
			tools: [{ type: 'function', name: 'Tool_A', description: 'A', parameters: {} }],
		});
		const chat = chatTurn({
			model: 'm',
			messages: [
				{ role: 'system', content: 'Be brief.' },
				{ role: 'user', content: 'phone: 1' },
				{
					role: 'assistant',
					content: null,
					tool_calls: [
						{
							id: 'c1',
							type: 'function',
							function: { name: 'Tool_A', arguments: '{"phone":"1"}' },
						},
					],
				},
				{ role: 'tool', tool_call_id: 'c1', content: '[{"id":"x"}]' },
			],
			tools: [{ type: 'function', function: { name: 'Tool_A', description: 'A', parameters: {} } }],
		});
		for (const turn of [responses, chat]) {
			expect(turn).toMatchObject({
				system: 'Be brief.',
				user: 'phone: 1',
				tools: [{ name: 'Tool_A', description: 'A' }],
				toolCalls: [{ callId: 'c1', name: 'Tool_A', arguments: '{"phone":"1"}' }],
				toolResults: [{ callId: 'c1', name: 'Tool_A', output: '[{"id":"x"}]' }],
			});
		}
	});
});

/** The n8n versions installed by scripts/n8n-local.mjs, when they are (not in a fresh checkout). */
const localN8n = join(__dirname, '..', '..', '.n8n-local');
const n8nVersions = existsSync(localN8n)
	? readdirSync(localN8n).filter((name) =>
			existsSync(join(localN8n, name, 'node_modules', '@langchain', 'openai', 'package.json')),
		)
	: [];

describe.skipIf(n8nVersions.length === 0).each(n8nVersions)(
	"OpenAI mock answering LangChain's ChatOpenAI of %s (what n8n's OpenAI Chat Model node runs)",
	(version) => {
		const server = new EmulatorServer();
		const mock = new OpenAiMock({ apiKey: KEY });
		mock.mount(server, '/openai/v1');
		const require = createRequire(join(localN8n, version, 'node_modules', 'n8n', 'package.json'));
		const { ChatOpenAI } = require('@langchain/openai');
		const { HumanMessage, ToolMessage } = require('@langchain/core/messages');
		const tool = {
			type: 'function',
			function: {
				name: campaignTool.name,
				description: campaignTool.description,
				parameters: campaignTool.parameters,
			},
		};

		beforeAll(async () => {
			await server.start();
		});
		afterAll(async () => {
			await server.stop();
		});

		const model = (useResponsesApi: boolean, apiKey = KEY) =>
			new ChatOpenAI({
				apiKey,
				model: 'gpt-4.1-mini',
				useResponsesApi,
				maxRetries: 0,
				configuration: { baseURL: `${server.url}/openai/v1` },
			});

		/**
		 * One model call: `invoke`, or `stream` with the chunks concatenated, as the AI Agent's
		 * streamEvents reads a streaming model. (ChatOpenAI's `streaming: true` with `invoke` would
		 * also estimate tokens with tiktoken, which downloads its encodings: not here, offline.)
		 */
		const ask = async (
			bound: {
				invoke(m: unknown): Promise<Answer>;
				stream(m: unknown): Promise<AsyncIterable<Answer>>;
			},
			messages: unknown[],
			streaming: boolean,
		): Promise<Answer> => {
			if (!streaming) return await bound.invoke(messages);
			let whole: Answer | undefined;
			for await (const chunk of await bound.stream(messages))
				whole = whole ? whole.concat(chunk) : chunk;
			return whole!;
		};

		it.each([
			{ responses: true, streaming: false },
			{ responses: true, streaming: true },
			{ responses: false, streaming: false },
			{ responses: false, streaming: true },
		])(
			'Responses API $responses, streaming $streaming: tool call, then an answer quoting the result',
			async ({ responses, streaming }) => {
				mock.clear();
				const bound = model(responses).bindTools([tool]);
				const question = new HumanMessage('Call contact_name: Trần Văn An, phone: 0395187319');
				const first = await ask(bound, [question], streaming);
				expect(first.tool_calls).toEqual([
					expect.objectContaining({
						name: 'Start_Callbot_Campaign',
						args: { contact_name: 'Trần Văn An', phone: '0395187319' },
					}),
				]);
				const callId = first.tool_calls![0].id;
				const result = new ToolMessage({
					tool_call_id: callId,
					content: '[{"autocall_id":"65f0c0ffee"}]',
				});
				const second = await ask(bound, [question, first, result], streaming);
				expect(second.tool_calls ?? []).toEqual([]);
				expect(second.text ?? second.content).toContain(
					'Start_Callbot_Campaign returned: [{"autocall_id":"65f0c0ffee"}]',
				);

				const api = responses ? 'responses' : 'chat';
				expect(mock.requests.map((r) => [r.api, r.stream])).toEqual([
					[api, streaming],
					[api, streaming],
				]);
				expect(mock.requests[0].turn.tools.map((t) => t.name)).toEqual(['Start_Callbot_Campaign']);
				expect(mock.requests[1].turn.toolResults).toEqual([
					{ callId, name: 'Start_Callbot_Campaign', output: '[{"autocall_id":"65f0c0ffee"}]' },
				]);
			},
		);

		it('refuses a wrong API key with OpenAI’s 401 error', async () => {
			mock.clear();
			await expect(model(true, 'wrong').invoke('hi')).rejects.toThrow(/Incorrect API key/);
			expect(mock.requests).toHaveLength(0);
		});

		it('lists models for the Model dropdown and the credential test (GET /models)', async () => {
			const response = await fetch(`${server.url}/openai/v1/models`, {
				headers: { authorization: `Bearer ${KEY}` },
			});
			expect(response.status).toBe(200);
			const list = (await response.json()) as { data: Array<{ id: string }> };
			expect(list.data.map((m) => m.id)).toContain('gpt-4.1-mini');
		});
	},
);

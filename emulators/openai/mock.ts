/**
 * A local mock of an OpenAI-compatible API whose "model" answers from a script (./script.ts): tool
 * calls for the tools n8n offers, then a final answer quoting the tool results. No internet, no
 * language model. It speaks what n8n's OpenAI Chat Model node (`lmChatOpenAi`, through LangChain's
 * ChatOpenAI and the `openai` client) calls, in n8n 1.123.50 and 2.41.1 alike:
 * - `POST <base>/responses`: the Responses API, the node's default from version 1.3 (Use Responses
 *   API on);
 * - `POST <base>/chat/completions`: Chat Completions (versions 1–1.2, or Use Responses API off);
 * - both with `stream: true` as server-sent events (the AI Agent streams only when its chat trigger
 *   answers in Streaming mode);
 * - `GET <base>/models`: the model list of the node's Model dropdown and of the credential test.
 * `<base>` is the `openAiApi` credential's Base URL (field `url`), e.g. the sandbox's
 * `http://127.0.0.1:4330/openai/v1`. Requests need `Authorization: Bearer <apiKey>`.
 *
 * Every chat request is recorded with its parsed turn and the answer given (`requests`), so a test
 * can assert the tools offered and the tool results n8n passed back to the model.
 */
import type { EmulatorResponse, EmulatorServer, ReceivedRequest } from '../http-server';
import {
	chatTurn,
	defaultScript,
	responsesTurn,
	type Script,
	type ScriptAnswer,
	type Turn,
} from './script';

export interface OpenAiMockOptions {
	apiKey: string;
	/** The models `GET /models` lists (any model name is accepted in chat requests). */
	models?: string[];
}

export interface OpenAiRequest {
	api: Turn['api'];
	path: string;
	stream: boolean;
	/** The request body as received. */
	body: Record<string, unknown>;
	turn: Turn;
	answer: ScriptAnswer;
}

type Obj = Record<string, unknown>;

const DEFAULT_MODELS = ['gpt-4.1-mini', 'gpt-4o-mini'];

/** A rough token count for the usage fields (about four characters a token). */
const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function sse(events: Array<{ event?: string; data: unknown }>, done = false): EmulatorResponse {
	const lines = events.map(
		({ event, data }) => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`,
	);
	return {
		headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
		body: lines.join('') + (done ? 'data: [DONE]\n\n' : ''),
	};
}

export class OpenAiMock {
	readonly requests: OpenAiRequest[] = [];
	/** The model's behaviour; replace it to script a test differently. */
	script: Script = defaultScript;
	private readonly apiKey: string;
	private readonly models: string[];
	private sequence = 0;

	constructor(options: OpenAiMockOptions) {
		this.apiKey = options.apiKey;
		this.models = options.models ?? DEFAULT_MODELS;
	}

	/** Adds the routes under `prefix` (e.g. `/openai/v1`) of an emulator server. */
	mount(server: EmulatorServer, prefix = '/openai/v1'): void {
		server.route('GET', `${prefix}/models`, (request) => this.guard(request, () => this.list()));
		server.route('GET', `${prefix}/models/:id`, (request, { id }) =>
			this.guard(request, () =>
				this.models.includes(id)
					? { body: this.model(id) }
					: this.error(404, `The model '${id}' does not exist`, 'model_not_found'),
			),
		);
		server.route('POST', `${prefix}/responses`, (request) =>
			this.guard(request, (body) => this.respond('responses', request, body)),
		);
		server.route('POST', `${prefix}/chat/completions`, (request) =>
			this.guard(request, (body) => this.respond('chat', request, body)),
		);
	}

	/** Chat requests of one API (default both), oldest first. */
	chatRequests(api?: Turn['api']): OpenAiRequest[] {
		return this.requests.filter((request) => !api || request.api === api);
	}

	clear(): void {
		this.requests.length = 0;
	}

	private guard(
		request: ReceivedRequest,
		handle: (body: Obj) => EmulatorResponse,
	): EmulatorResponse {
		const header = request.headers.authorization;
		if (header !== `Bearer ${this.apiKey}`) {
			return this.error(401, 'Incorrect API key provided.', 'invalid_api_key');
		}
		if (request.method === 'POST') {
			const body = request.body;
			if (typeof body !== 'object' || body === null || Array.isArray(body)) {
				return this.error(400, 'The body must be a JSON object.', 'invalid_json');
			}
			return handle(body as Obj);
		}
		return handle({});
	}

	private error(status: number, message: string, code: string): EmulatorResponse {
		return {
			status,
			body: { error: { message, type: 'invalid_request_error', param: null, code } },
		};
	}

	private model(id: string) {
		return { id, object: 'model', created: 1_700_000_000, owned_by: 'sandbox' };
	}

	private list(): EmulatorResponse {
		return { body: { object: 'list', data: this.models.map((id) => this.model(id)) } };
	}

	private respond(api: Turn['api'], request: ReceivedRequest, body: Obj): EmulatorResponse {
		if (typeof body.model !== 'string' || !body.model) {
			return this.error(400, 'you must provide a model parameter', 'missing_model');
		}
		const turn = api === 'responses' ? responsesTurn(body) : chatTurn(body);
		const answer = this.script(turn);
		const stream = body.stream === true;
		this.requests.push({ api, path: request.path, stream, body, turn, answer });
		const n = ++this.sequence;
		const prompt = tokens(JSON.stringify(body));
		return api === 'responses'
			? this.responsesAnswer(n, turn.model, answer, prompt, stream)
			: this.chatAnswer(n, turn.model, answer, prompt, stream, body);
	}

	// ------------------------------------------------------------------ Responses API

	private responsesAnswer(
		n: number,
		model: string,
		answer: ScriptAnswer,
		prompt: number,
		stream: boolean,
	): EmulatorResponse {
		const output: Obj[] =
			'text' in answer
				? [
						{
							type: 'message',
							id: `msg_${n}`,
							role: 'assistant',
							status: 'completed',
							content: [{ type: 'output_text', text: answer.text, annotations: [] }],
						},
					]
				: answer.toolCalls.map((call, i) => ({
						type: 'function_call',
						id: `fc_${n}_${i}`,
						call_id: `call_${n}_${i}`,
						name: call.name,
						arguments: JSON.stringify(call.arguments),
						status: 'completed',
					}));
		const completion = tokens(JSON.stringify(output));
		const response = {
			id: `resp_${n}`,
			object: 'response',
			created_at: Math.floor(Date.now() / 1000),
			status: 'completed',
			model,
			output,
			parallel_tool_calls: true,
			tool_choice: 'auto',
			tools: [],
			text: { format: { type: 'text' } },
			error: null,
			incomplete_details: null,
			instructions: null,
			metadata: {},
			usage: {
				input_tokens: prompt,
				input_tokens_details: { cached_tokens: 0 },
				output_tokens: completion,
				output_tokens_details: { reasoning_tokens: 0 },
				total_tokens: prompt + completion,
			},
		};
		if (!stream) return { body: response };
		let sequence = 0;
		const events: Array<{ event: string; data: unknown }> = [];
		const push = (type: string, data: Obj) =>
			events.push({ event: type, data: { type, sequence_number: sequence++, ...data } });
		push('response.created', { response: { ...response, status: 'in_progress', output: [] } });
		output.forEach((item, index) => {
			const id = item.id as string;
			if (item.type === 'function_call') {
				push('response.output_item.added', {
					output_index: index,
					item: { ...item, arguments: '', status: 'in_progress' },
				});
				push('response.function_call_arguments.delta', {
					item_id: id,
					output_index: index,
					delta: item.arguments,
				});
				push('response.function_call_arguments.done', {
					item_id: id,
					output_index: index,
					arguments: item.arguments,
				});
			} else {
				const text = (item.content as Array<{ text: string }>)[0].text;
				const part = { type: 'output_text', text: '', annotations: [] };
				const at = { item_id: id, output_index: index, content_index: 0 };
				push('response.output_item.added', {
					output_index: index,
					item: { ...item, content: [], status: 'in_progress' },
				});
				push('response.content_part.added', { ...at, part });
				push('response.output_text.delta', { ...at, delta: text });
				push('response.output_text.done', { ...at, text });
				push('response.content_part.done', { ...at, part: { ...part, text } });
			}
			push('response.output_item.done', { output_index: index, item });
		});
		push('response.completed', { response });
		return sse(events);
	}

	// ------------------------------------------------------------------ Chat Completions

	private chatAnswer(
		n: number,
		model: string,
		answer: ScriptAnswer,
		prompt: number,
		stream: boolean,
		body: Obj,
	): EmulatorResponse {
		const toolCalls =
			'toolCalls' in answer
				? answer.toolCalls.map((call, i) => ({
						id: `call_${n}_${i}`,
						type: 'function',
						function: { name: call.name, arguments: JSON.stringify(call.arguments) },
					}))
				: undefined;
		const content = 'text' in answer ? answer.text : null;
		const finish = toolCalls ? 'tool_calls' : 'stop';
		const completion = tokens(JSON.stringify(toolCalls ?? content));
		const usage = {
			prompt_tokens: prompt,
			completion_tokens: completion,
			total_tokens: prompt + completion,
		};
		const base = { id: `chatcmpl-${n}`, created: Math.floor(Date.now() / 1000), model };
		if (!stream) {
			return {
				body: {
					...base,
					object: 'chat.completion',
					choices: [
						{
							index: 0,
							message: {
								role: 'assistant',
								content,
								refusal: null,
								...(toolCalls ? { tool_calls: toolCalls } : {}),
							},
							finish_reason: finish,
							logprobs: null,
						},
					],
					usage,
				},
			};
		}
		const chunk = (delta: Obj, finishReason: string | null = null) => ({
			data: {
				...base,
				object: 'chat.completion.chunk',
				choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
			},
		});
		const chunks: Array<{ data: unknown }> = [chunk({ role: 'assistant', content: '' })];
		if (content !== null) chunks.push(chunk({ content }));
		toolCalls?.forEach((call, index) => chunks.push(chunk({ tool_calls: [{ index, ...call }] })));
		chunks.push(chunk({}, finish));
		const options = body.stream_options as { include_usage?: boolean } | undefined;
		if (options?.include_usage) {
			chunks.push({ data: { ...base, object: 'chat.completion.chunk', choices: [], usage } });
		}
		return sse(chunks, true);
	}
}

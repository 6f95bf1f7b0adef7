/**
 * What the OpenAI-compatible mock reads from a request (one "turn": the system and user messages,
 * the tools offered, the tool calls and results since the last user message) and the scripted
 * model that answers it. Both APIs n8n's OpenAI Chat Model node uses are read into the same turn:
 * the Responses API (`input` items, the node's default from version 1.3) and Chat Completions
 * (`messages`).
 */

/** A JSON schema as n8n sends it for a tool's parameters (from the `$fromAI()` calls of the tool node). */
export interface JsonSchema {
	type?: string | string[];
	properties?: Record<string, JsonSchema & { description?: string }>;
	required?: string[];
	description?: string;
}

export interface OfferedTool {
	name: string;
	description: string;
	parameters: JsonSchema;
}

export interface ToolCall {
	callId: string;
	name: string;
	/** The arguments as the model sent them (a JSON string). */
	arguments: string;
}

export interface ToolResult {
	callId: string;
	/** The tool's name, from the matching tool call (undefined when the request lacks it). */
	name?: string;
	/** What n8n passed back to the model: the tool node's output, as text. */
	output: string;
}

export interface Turn {
	api: 'responses' | 'chat';
	model: string;
	system: string;
	/** The last user message, as text. */
	user: string;
	tools: OfferedTool[];
	/** Tool calls the model made since the last user message. */
	toolCalls: ToolCall[];
	/** Tool results passed back since the last user message. */
	toolResults: ToolResult[];
}

/** What the scripted model answers: tool calls, or a final text. */
export type ScriptAnswer =
	| { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> }
	| { text: string };

export type Script = (turn: Turn) => ScriptAnswer;

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Text of a message content: a string, or parts with `text` (input_text, output_text, text). */
function contentText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.map((part) => (isObj(part) && typeof part.text === 'string' ? part.text : ''))
		.join('');
}

const asText = (value: unknown): string =>
	typeof value === 'string' ? value : JSON.stringify(value ?? '');

function offeredTools(tools: unknown): OfferedTool[] {
	if (!Array.isArray(tools)) return [];
	return tools.filter(isObj).map((tool) => {
		// Chat Completions nests the function; the Responses API does not.
		const fn = isObj(tool.function) ? tool.function : tool;
		return {
			name: String(fn.name ?? ''),
			description: String(fn.description ?? ''),
			parameters: (isObj(fn.parameters) ? fn.parameters : {}) as JsonSchema,
		};
	});
}

/** The turn of a Responses API request (`POST /responses`). */
export function responsesTurn(body: Obj): Turn {
	const input: unknown[] =
		typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : [];
	if (Array.isArray(body.input)) input.push(...body.input);
	const system: string[] = typeof body.instructions === 'string' ? [body.instructions] : [];
	let user = '';
	let toolCalls: ToolCall[] = [];
	let toolResults: ToolResult[] = [];
	for (const item of input.filter(isObj)) {
		const role = item.role;
		if (item.type === 'function_call') {
			toolCalls.push({
				callId: String(item.call_id ?? ''),
				name: String(item.name ?? ''),
				arguments: asText(item.arguments),
			});
		} else if (item.type === 'function_call_output') {
			toolResults.push({ callId: String(item.call_id ?? ''), output: asText(item.output) });
		} else if (role === 'system' || role === 'developer') {
			system.push(contentText(item.content));
		} else if (role === 'user') {
			user = contentText(item.content);
			toolCalls = [];
			toolResults = [];
		}
	}
	return turnOf('responses', body, { system, user, toolCalls, toolResults });
}

/** The turn of a Chat Completions request (`POST /chat/completions`). */
export function chatTurn(body: Obj): Turn {
	const messages = Array.isArray(body.messages) ? body.messages.filter(isObj) : [];
	const system: string[] = [];
	let user = '';
	let toolCalls: ToolCall[] = [];
	let toolResults: ToolResult[] = [];
	for (const message of messages) {
		if (message.role === 'system' || message.role === 'developer') {
			system.push(contentText(message.content));
		} else if (message.role === 'user') {
			user = contentText(message.content);
			toolCalls = [];
			toolResults = [];
		} else if (message.role === 'assistant' && Array.isArray(message.tool_calls)) {
			for (const call of message.tool_calls.filter(isObj)) {
				const fn = isObj(call.function) ? call.function : {};
				toolCalls.push({
					callId: String(call.id ?? ''),
					name: String(fn.name ?? ''),
					arguments: asText(fn.arguments),
				});
			}
		} else if (message.role === 'tool') {
			toolResults.push({
				callId: String(message.tool_call_id ?? ''),
				output: contentText(message.content) || asText(message.content),
			});
		}
	}
	return turnOf('chat', body, { system, user, toolCalls, toolResults });
}

/** The turn read from a request: each tool result named after its tool call. */
function turnOf(
	api: Turn['api'],
	body: Obj,
	read: { system: string[]; user: string; toolCalls: ToolCall[]; toolResults: ToolResult[] },
): Turn {
	return {
		api,
		model: String(body.model ?? ''),
		system: read.system.join('\n'),
		user: read.user,
		tools: offeredTools(body.tools),
		toolCalls: read.toolCalls,
		toolResults: read.toolResults.map((result) => ({
			...result,
			name: read.toolCalls.find((call) => call.callId === result.callId)?.name,
		})),
	};
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The value written for a parameter in the user's message as `name: value` or `name = value`
 * (case-insensitive; `_` in the name may be written as a space; a value runs to the next comma,
 * semicolon or line end, or is quoted). Undefined when the message does not give it.
 */
export function valueInMessage(message: string, name: string): string | undefined {
	const key = name
		.split(/[_\s]+/)
		.filter(Boolean)
		.map(escape)
		.join('[_\\s]+');
	if (!key) return undefined;
	const match = new RegExp(
		`(?:^|[\\s,;(])${key}\\s*[:=]\\s*(?:"([^"]*)"|“([^”]*)”|([^,;\\n]+))`,
		'i',
	).exec(message);
	if (!match) return undefined;
	return (match[1] ?? match[2] ?? match[3]).trim();
}

function typed(value: string, schema: JsonSchema | undefined): unknown {
	const types = [schema?.type ?? 'string'].flat();
	if (types.includes('string')) return value;
	if (types.includes('number') || types.includes('integer')) {
		const number = Number(value);
		if (Number.isFinite(number)) return number;
	}
	if (types.includes('boolean')) return /^(true|yes|1)$/i.test(value);
	return value;
}

/**
 * The arguments for a tool from the user's message, or undefined when the message gives none of
 * its parameters or misses a required one.
 */
export function argumentsFromMessage(
	message: string,
	tool: OfferedTool,
): Record<string, unknown> | undefined {
	const properties = tool.parameters.properties ?? {};
	const args: Record<string, unknown> = {};
	for (const [name, schema] of Object.entries(properties)) {
		const value = valueInMessage(message, name);
		if (value !== undefined) args[name] = typed(value, schema);
	}
	if (!Object.keys(args).length) return undefined;
	const required = tool.parameters.required ?? Object.keys(properties);
	if (required.some((name) => !(name in args))) return undefined;
	return args;
}

/**
 * The default script, deterministic and generic (it knows no tool by name):
 * 1. After tool results: a final answer that quotes each result (`<tool> returned: <output>`).
 * 2. Otherwise it calls every offered tool whose parameters the user's message gives as
 *    `name: value` pairs (all its required ones, at least one); several at once when several fit.
 * 3. Otherwise it answers which tools it has and the parameters each needs.
 */
export const defaultScript: Script = (turn) => {
	if (turn.toolResults.length) {
		const quotes = turn.toolResults.map(
			(result) => `${result.name ?? result.callId} returned: ${result.output}`,
		);
		return { text: `Done. ${quotes.join('\n')}` };
	}
	const toolCalls = turn.tools.flatMap((tool) => {
		const args = argumentsFromMessage(turn.user, tool);
		return args ? [{ name: tool.name, arguments: args }] : [];
	});
	if (toolCalls.length) return { toolCalls };
	const offers = turn.tools.map(
		(tool) => `${tool.name} (${Object.keys(tool.parameters.properties ?? {}).join(', ')})`,
	);
	return {
		text: offers.length
			? `I am a scripted sandbox model. Give the values as "name: value" pairs for one of my tools: ${offers.join('; ')}.`
			: 'I am a scripted sandbox model and have no tools in this workflow.',
	};
};

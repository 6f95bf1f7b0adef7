/** The OpenAI-compatible mock with a scripted model (mock.ts) and how it reads and answers (script.ts). */
export { OpenAiMock, type OpenAiMockOptions, type OpenAiRequest } from './mock';
export {
	argumentsFromMessage,
	chatTurn,
	defaultScript,
	responsesTurn,
	valueInMessage,
	type OfferedTool,
	type Script,
	type ScriptAnswer,
	type ToolCall,
	type ToolResult,
	type Turn,
} from './script';

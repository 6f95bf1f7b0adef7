import { HookContext, WebhookContext } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IWebhookData,
	type IWebhookDescription,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { TestCredentialsHelper } from './credentials-helper';

/**
 * Runs a trigger node's `webhook()` and `webhookMethods` through n8n-core's real WebhookContext and
 * HookContext (parameters with their defaults, credentials through the credentials helper, workflow
 * static data, `getNodeWebhookUrl`, `helpers.httpRequestWithAuthentication`).
 *
 * What the n8n CLI does around them is imitated here, in a few lines each:
 * - the request is a plain object with what n8n's express request carries for a webhook: lower-cased
 *   `headers`, `query`, the raw bytes in `rawBody` and the parsed `body`. n8n's body parser answers
 *   422 by itself when a body sent as `application/json` does not parse, before the node runs; to
 *   test the node's own handling of such bodies, `body` is left `{}` here instead;
 * - the response is a small recorder with the express methods a node uses (`status`, `json`,
 *   `send`, `end`, `setHeader`);
 * - after `webhook()` returns, `respond()` settles the HTTP answer the way the CLI does in
 *   `onReceived` mode (webhook-helpers.ts, handleImmediateWebhookResponse and
 *   extractWebhookOnReceivedResponse): nothing more when the node answered itself
 *   (`noWebhookResponse`); when no workflow starts, the webhook's `responseCode` (default 200)
 *   with `webhookResponse` or n8n's default message; when one starts, the description's
 *   `responseData` (default: the text "firstEntryJson"), and only without one `webhookResponse`.
 */

export const WEBHOOK_BASE_URL = 'https://n8n.example.com/webhook';
export const WEBHOOK_TEST_BASE_URL = 'https://n8n.example.com/webhook-test';

export interface WebhookRequestInit {
	method?: string;
	headers?: Record<string, string | string[]>;
	query?: Record<string, string | string[]>;
	/** The raw body: a string is encoded as UTF-8. Absent means no body at all. */
	body?: string | Buffer;
	/** What n8n parsed the body into, when it is not JSON (e.g. the fields of a multipart form). */
	parsedBody?: unknown;
}

/**
 * Which request bodies n8n 1.x reads into `rawBody` before the node runs (webhook-helpers.ts,
 * parseRequestBody, and middlewares/body-parser.ts, parseBody): none of `multipart/*`; for a node
 * of version 1 every other body; for later versions only JSON (`application/json…`), text/plain,
 * form-urlencoded and XML bodies. Other bodies stay unread, and `req.readRawBody()` (the
 * rawBodyReader middleware) reads them on demand.
 */
export function n8nReadsRawBody(contentType: string | undefined, typeVersion: number): boolean {
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (type.startsWith('multipart/')) return false;
	if (typeVersion <= 1) return true;
	return (
		type.startsWith('application/json') ||
		type.startsWith('text/plain') ||
		type.startsWith('application/x-www-form-urlencoded') ||
		type.endsWith('/xml') ||
		type.endsWith('+xml')
	);
}

export class RecordedResponse {
	statusCode = 200;
	headers: Record<string, string> = {};
	body: unknown;
	headersSent = false;
	finished = false;

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string): this {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	json(body: unknown): this {
		this.setHeader('content-type', 'application/json; charset=utf-8');
		return this.end(body);
	}

	send(body: unknown): this {
		return this.end(body);
	}

	end(body?: unknown): this {
		if (this.finished) throw new Error('The response was already sent');
		this.body = body;
		this.headersSent = true;
		this.finished = true;
		return this;
	}
}

export interface WebhookDelivery {
	/** What the node's webhook() returned (undefined when it threw). */
	result?: IWebhookResponseData;
	/** What webhook() threw, if anything (a trigger should never throw). */
	thrown?: unknown;
	/** The HTTP answer the caller gets. */
	status: number;
	body: unknown;
	/** Whether the node answered the request itself. */
	answeredByNode: boolean;
	/** Whether a workflow execution starts. */
	started: boolean;
	/** The items the workflow starts with. */
	items: INodeExecutionData[];
}

export interface WebhookHarnessOptions {
	nodeType: INodeType;
	parameters: INodeParameters;
	credentialTypes?: ICredentialType[];
	credentialsHelper?: TestCredentialsHelper;
	/** Credential data by type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	nodeId?: string;
	webhookId?: string;
	workflowId?: string;
	/** Execution mode of deliveries: 'webhook' (production) or 'manual' (test URL). */
	mode?: WorkflowExecuteMode;
	/** The node's type version (default: the description's defaultVersion, else its latest). */
	typeVersion?: number;
	/** n8n's webhook base URLs (default https://n8n.example.com/webhook and /webhook-test). */
	webhookBaseUrl?: string;
	webhookTestBaseUrl?: string;
}

/** One trigger node in a one-node workflow, kept across deliveries and hook calls. */
export class WebhookHarness {
	readonly workflow: Workflow;
	readonly node: INode;
	readonly credentialsHelper: TestCredentialsHelper;
	readonly nodeType: INodeType;
	private readonly mode: WorkflowExecuteMode;
	private readonly baseUrl: string;
	private readonly testBaseUrl: string;

	constructor(options: WebhookHarnessOptions) {
		this.nodeType = options.nodeType;
		this.mode = options.mode ?? 'webhook';
		this.baseUrl = options.webhookBaseUrl ?? WEBHOOK_BASE_URL;
		this.testBaseUrl = options.webhookTestBaseUrl ?? WEBHOOK_TEST_BASE_URL;
		this.credentialsHelper =
			options.credentialsHelper ?? new TestCredentialsHelper(options.credentialTypes ?? []);
		for (const [type, data] of Object.entries(options.credentials ?? {})) {
			this.credentialsHelper.store.set(type, { ...data });
		}
		const description = options.nodeType.description;
		const typeName = `test.${description.name}`;
		const credentials: INode['credentials'] = {};
		for (const credential of description.credentials ?? []) {
			credentials[credential.name] = {
				id: `cred-${credential.name}`,
				name: `${credential.name} account`,
			};
		}
		const versions = Array.isArray(description.version)
			? description.version
			: [description.version];
		const typeVersion = options.typeVersion ?? description.defaultVersion ?? Math.max(...versions);
		const node: INode = {
			id: options.nodeId ?? '7d1f0c2e-0000-4000-8000-00000000beef',
			name: description.defaults.name ?? 'Trigger',
			type: typeName,
			typeVersion,
			position: [0, 0],
			webhookId: options.webhookId ?? '5b0c6e1a-1111-4222-8333-444455556666',
			parameters: {},
			credentials,
		};
		// The parameters as the editor saves them: the given values plus defaults.
		node.parameters =
			NodeHelpers.getNodeParameters(
				description.properties,
				options.parameters,
				true,
				false,
				node,
				description,
			) ?? {};
		this.node = node;
		this.workflow = new Workflow({
			id: options.workflowId ?? 'wf-trigger-test',
			name: 'Trigger test workflow',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: {
				getByName: () => options.nodeType,
				getByNameAndVersion: () => options.nodeType,
				getKnownTypes: () => ({}),
			},
			staticData: {},
			settings: { executionOrder: 'v1', timezone: 'Asia/Ho_Chi_Minh' },
		});
	}

	private get webhookDescription(): IWebhookDescription {
		const webhook = this.nodeType.description.webhooks?.[0];
		if (!webhook) throw new Error('The node declares no webhook');
		return webhook;
	}

	private additionalData(
		extra: Partial<IWorkflowExecuteAdditionalData> = {},
	): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: this.credentialsHelper,
			webhookBaseUrl: this.baseUrl,
			webhookTestBaseUrl: this.testBaseUrl,
			webhookWaitingBaseUrl: 'https://n8n.example.com/webhook-waiting',
			formWaitingBaseUrl: 'https://n8n.example.com/form-waiting',
			restApiUrl: 'https://n8n.example.com/rest',
			instanceBaseUrl: 'https://n8n.example.com',
			currentNodeExecutionIndex: 0,
			variables: {},
			...extra,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private webhookData(
		additionalData: IWorkflowExecuteAdditionalData,
		isTest = false,
	): IWebhookData {
		const description = this.webhookDescription;
		return {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: this.node.name,
			path: `${this.node.webhookId}/${description.path}`,
			webhookDescription: description,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
			isTest,
		};
	}

	/** The production (or test) URL n8n shows for this trigger. */
	webhookUrl(isTest = false): string {
		return `${isTest ? this.testBaseUrl : this.baseUrl}/${this.node.webhookId}/${this.webhookDescription.path}`;
	}

	/** The node's static data (what activation stores for deactivation). */
	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** Delivers one request to the node's webhook() and settles the HTTP answer. */
	async deliver(init: WebhookRequestInit): Promise<WebhookDelivery> {
		const headers: Record<string, string | string[]> = {};
		for (const [name, value] of Object.entries(init.headers ?? {}))
			headers[name.toLowerCase()] = value;
		const bytes =
			init.body === undefined
				? Buffer.alloc(0)
				: Buffer.isBuffer(init.body)
					? init.body
					: Buffer.from(init.body, 'utf8');
		const contentTypeHeader = headers['content-type'];
		const contentType = typeof contentTypeHeader === 'string' ? contentTypeHeader : undefined;
		const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
		let body: unknown = init.parsedBody ?? {};
		if (init.parsedBody === undefined && mediaType === 'application/json' && bytes.length) {
			try {
				body = JSON.parse(bytes.toString('utf8'));
			} catch {
				body = {};
			}
		}
		const request: Record<string, unknown> = {
			method: init.method ?? 'POST',
			headers,
			query: init.query ?? {},
			params: {},
			body,
			readRawBody: async () => {
				if (mediaType.startsWith('multipart/')) {
					// n8n's form parser has consumed the stream already.
					throw new Error('The request body was already read');
				}
				if (!request.rawBody) request.rawBody = bytes;
			},
		};
		if (n8nReadsRawBody(contentType, this.node.typeVersion)) request.rawBody = bytes;
		const response = new RecordedResponse();
		const additionalData = this.additionalData({
			httpRequest: request as never,
			httpResponse: response as never,
		});
		const context = new WebhookContext(
			this.workflow,
			this.node,
			additionalData,
			this.mode,
			this.webhookData(additionalData, this.mode === 'manual'),
			[],
			null,
		);

		let result: IWebhookResponseData | undefined;
		let thrown: unknown;
		try {
			result = await this.nodeType.webhook!.call(context);
		} catch (error) {
			thrown = error;
		}
		return this.respond(result, thrown, response);
	}

	private respond(
		result: IWebhookResponseData | undefined,
		thrown: unknown,
		response: RecordedResponse,
	): WebhookDelivery {
		const items = result?.workflowData?.[0] ?? [];
		const started = result?.workflowData !== undefined;
		if (thrown !== undefined) {
			// The CLI answers 500 "Workflow Webhook Error: Workflow could not be started!".
			return {
				thrown,
				status: 500,
				body: undefined,
				answeredByNode: response.finished,
				started: false,
				items: [],
			};
		}
		if (result?.noWebhookResponse === true || response.finished) {
			return {
				result,
				status: response.statusCode,
				body: response.body,
				answeredByNode: true,
				started,
				items,
			};
		}
		const responseCode = Number(this.webhookDescription.responseCode ?? 200);
		let body: unknown;
		if (!started) body = result?.webhookResponse ?? { message: 'Webhook call received' };
		else {
			const responseData = this.webhookDescription.responseData ?? 'firstEntryJson';
			if (responseData === 'noData') body = undefined;
			else if (responseData) body = responseData;
			else body = result?.webhookResponse ?? { message: 'Workflow was started' };
		}
		return { result, status: responseCode, body, answeredByNode: false, started, items };
	}

	/** Runs one webhookMethods hook through a HookContext, as activation and deactivation do. */
	async hook(
		method: 'checkExists' | 'create' | 'delete',
		options: { activation?: WorkflowActivateMode; isTest?: boolean } = {},
	): Promise<boolean | undefined> {
		const hooks = this.nodeType.webhookMethods?.default;
		const fn = hooks?.[method];
		if (!fn) throw new Error(`The node has no webhookMethods.default.${method}`);
		const additionalData = this.additionalData();
		const context = new HookContext(
			this.workflow,
			this.node,
			additionalData,
			'trigger',
			options.activation ?? 'activate',
			this.webhookData(additionalData, options.isTest ?? false),
		);
		return await fn.call(context);
	}

	/** Activation as n8n does it: create only when checkExists says the webhook is missing. */
	async activate(options: { isTest?: boolean } = {}): Promise<void> {
		if (!(await this.hook('checkExists', options))) await this.hook('create', options);
	}

	async deactivate(options: { isTest?: boolean } = {}): Promise<void> {
		await this.hook('delete', options);
	}
}

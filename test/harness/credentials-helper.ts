/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type Workflow,
} from 'n8n-workflow';

/**
 * An in-memory stand-in for the n8n CLI's CredentialsHelper (packages/cli/src/credentials-helper.ts).
 * `authenticate` and `preAuthentication` follow the CLI's logic line by line, so a credential's
 * hooks run here exactly as in n8n: the expirable token is fetched when empty or after a 401,
 * and the refreshed data is written back to the store (the CLI writes it to its database).
 *
 * The store is read and written the way the CLI uses its database: asynchronously, one query at a
 * time, as over a single database connection. Every request decrypts the
 * credential anew (`getDecrypted`), and preAuthentication reads the stored data and writes the
 * new token back before it returns, so concurrent items interleave with those queries as in n8n.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** Stored credential data by credential type name (what the CLI keeps encrypted in its database). */
	readonly store = new Map<string, ICredentialDataDecryptedObject>();

	/** How often preAuthentication actually called the credential's hook, by type name. */
	readonly preAuthCalls = new Map<string, number>();

	/** The database queue: each query waits for the one before and for the next event-loop turn. */
	private queue: Promise<unknown> = Promise.resolve();

	constructor(private readonly types: ICredentialType[]) {
		super();
	}

	private async query<T>(run: () => T): Promise<T> {
		const result = this.queue.then(async () => {
			await new Promise<void>((resolve) => setImmediate(resolve));
			return run();
		});
		this.queue = result.catch(() => undefined);
		return await result;
	}

	private type(name: string): ICredentialType {
		const type = this.types.find((t) => t.name === name);
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (authenticate && authenticate.type === 'generic') {
			if (requestOptions.headers === undefined) requestOptions.headers = {};
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
					if (!target[outerKey]) target[outerKey] = {};
					target[outerKey][this.resolve(key, credentials, workflow, node)] = this.resolve(
						value,
						credentials,
						workflow,
						node,
					);
				}
			}
		}
		return requestOptions;
	}

	private resolve(
		value: string,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (typeof value !== 'string' || value.charAt(0) !== '=') return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? String(resolved) : '';
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.type(typeName);
		const expirable = credentialType.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (expirable?.name === undefined) return undefined;
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] === '' || credentialsExpired || isTestingCredentials) {
			this.preAuthCalls.set(typeName, (this.preAuthCalls.get(typeName) ?? 0) + 1);
			const output = await credentialType.preAuthentication.call(helpers, credentials);
			if (output[expirable.name] === undefined) return undefined;
			if (node.credentials) {
				// As the CLI: read the stored data, write the new token (not over fields stored as
				// expressions), then hand the token to the request.
				const nodeCredentials = node.credentials[credentialType.name];
				const storedData = (
					await this.getCredentials(nodeCredentials, credentialType.name)
				).getData();
				const dataToPersist: ICredentialDataDecryptedObject = { ...storedData };
				for (const [key, value] of Object.entries(output as ICredentialDataDecryptedObject)) {
					const stored = storedData[key];
					const isExpression = typeof stored === 'string' && stored.startsWith('=');
					if (key === expirable.name || !isExpression) dataToPersist[key] = value;
				}
				await this.updateCredentials(nodeCredentials, credentialType.name, dataToPersist);
				return Object.assign(credentials, output);
			}
		}
		return undefined;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		const data = await this.query(() => structuredClone(this.store.get(type) ?? {}));
		return {
			id: nodeCredentials.id,
			name: nodeCredentials.name,
			type,
			data: undefined,
			getData: () => ({ ...data }),
			getDataToSave: () => ({ id: nodeCredentials.id, name: nodeCredentials.name, type, data: '' }),
			setData: () => undefined,
		} as unknown as ICredentials;
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = await this.query(() => this.store.get(type));
		if (!stored) throw new Error(`No credentials of type ${type} stored`);
		const properties = this.type(type).properties;
		const data = structuredClone(stored);
		// As the CLI (applyDefaultsAndOverwrites → NodeHelpers.getNodeParameters): only the declared
		// fields, each with its stored value or its default; undeclared stored fields are dropped.
		// A fresh copy per call, as the CLI decrypts anew for every request.
		const decrypted: ICredentialDataDecryptedObject = {};
		for (const property of properties) {
			decrypted[property.name] =
				property.name in data
					? data[property.name]
					: (property.default as ICredentialDataDecryptedObject[string]);
		}
		return decrypted;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await this.query(() => this.store.set(type, { ...data }));
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}

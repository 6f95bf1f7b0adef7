import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NxCloudCallbotApi } from '../../credentials/NxCloudCallbotApi.credentials';
import { verifyNxCloudSignature } from '../../nodes/NxCloudCallbot/transport/signing';
import { EmulatorServer } from '../../emulators/http-server';
import { NX_RET, NX_TASK_STATUS, NxCloudEmulator } from '../../emulators/nxcloud';
import { runNode, testCredential } from '../harness/run-node';

const UUID = 'Vh71ym3yQwWSYZFpqkFwTskGXUbSxDtR';
// The vendor's published sample value, not a real secret.
const SAMPLE_SIGNING_VALUE = 'u7Mf3zUNOkg4lMV9a0E6cHSgIkK22GSr';
const SECRET = SAMPLE_SIGNING_VALUE;

const credential = new NxCloudCallbotApi();
const emulator = new NxCloudEmulator({ uuid: UUID, secret: SECRET, algorithm: 'MD5' });
let creds: ICredentialDataDecryptedObject;

interface Answer {
	status: number;
	json: IDataObject;
	text: string;
	headers: Headers;
}

/** Signs with the credential's authenticate and sends with plain fetch. */
async function signed(
	name: string,
	body: unknown,
	options: {
		credentials?: ICredentialDataDecryptedObject;
		edit?: (o: IHttpRequestOptions) => IHttpRequestOptions;
	} = {},
): Promise<Answer> {
	let request = await credential.authenticate(options.credentials ?? creds, {
		method: 'POST',
		url: emulator.endpointUrl(name),
		body: body as IDataObject,
	});
	if (options.edit) request = options.edit(request);
	return await send(request.url, request.headers as Record<string, string>, request.body as string);
}

async function send(url: string, headers: Record<string, string>, body: string): Promise<Answer> {
	const response = await fetch(url, { method: 'POST', headers, body });
	const text = await response.text();
	return {
		status: response.status,
		json: JSON.parse(text) as IDataObject,
		text,
		headers: response.headers,
	};
}

const taskSetting = (name = 'Chiến dịch nhắc hẹn') => ({
	strategyName: '默认策略',
	startupType: 1,
	startupAt: 0,
	zoneSecond: 25200,
	maxRingTime: 30,
	routeID: 'R1',
	dialAtWeekDay: '1,2,3,4,5',
	dialAtUpHour: '9,10,11,14,15,16',
	dialAtDownHour: '9,10,11,14,15,16',
	maxCall: 2,
	taskName: name,
	taskCallbackUrl: 'https://example.com/nx/task',
});

const funcFlag = {
	taskKeep: false,
	roundRedial: false,
	wholeTTS: true,
	smsEnable: false,
	smsFuncFlag: [],
	phoneEncrypt: false,
};

const order = (orderID: string, userPhone = '84912345678', userName = 'Nguyễn Văn An') => ({
	orderID,
	userPhone,
	other: `crm-${orderID}`,
	userName,
	customerName: '',
	params: [{ name: 'ten', value: userName }],
});

const callInfoList = (...orders: object[]) => ({
	orderCallbackUrl: 'https://example.com/nx/order',
	callCallbackUrl: 'https://example.com/nx/call',
	callList: orders,
});

function createAndCallBody(userTaskID: string, orders: object[], setting = taskSetting()) {
	return {
		productID: 'callbot',
		userTaskID,
		sceneID: 'S123',
		taskCreateSetting: setting,
		funcFlag,
		callInfoList: callInfoList(...orders),
	};
}

beforeAll(async () => {
	const url = await emulator.start();
	creds = { baseUrl: url, uuid: UUID, secretKey: SECRET, algorithm: 'MD5' };
});

afterAll(async () => {
	await emulator.stop();
});

beforeEach(() => emulator.reset());

describe('NXCLOUD emulator: signature checks', () => {
	it('accepts a request signed by the credential, and signs its answer', async () => {
		const answer = await signed('ping', { data: 'xin chào' });
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ data: 'xin chào', code: 0 });
		expect(answer.json.reqId).toEqual(expect.any(String));
		const request = emulator.received.at(-1)!;
		expect(answer.headers.get('requestID')).toBe(request.headers.requestid);
		expect(
			verifyNxCloudSignature(
				{
					secretKey: SECRET,
					uuid: UUID,
					body: answer.text,
					createTs: answer.headers.get('createTs')!,
					requestID: answer.headers.get('requestID')!,
					sign: answer.headers.get('sign')!,
				},
				'MD5',
			),
		).toBe('MD5');
	});

	it('rejects a wrong secret with retCode 6 (ping: code 6)', async () => {
		const wrong = { credentials: { ...creds, secretKey: 'not-the-secret' } };
		expect((await signed('ping', { data: 'x' }, wrong)).json).toMatchObject({
			code: NX_RET.signatureIncorrect,
		});
		const answer = await signed(
			'mgrTaskStatus',
			{ productID: 'callbot', userTaskID: 't', taskOperate: 1 },
			wrong,
		);
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ retCode: 6, retMsg: 'signature incorrect' });
		expect(answer.json.responseID).toEqual(expect.any(String));
	});

	it('rejects a body changed after signing (Vietnamese text, same length in characters)', async () => {
		await signed('createAndCall', createAndCallBody('t-1', [order('o-1')]));
		const tampered = await signed(
			'addBatchCall',
			{
				productID: 'callbot',
				userTaskID: 't-1',
				callInfoList: callInfoList(order('o-2', '84912345678', 'Lê Thị Hoa')),
			},
			{
				edit: (o) => ({ ...o, body: (o.body as string).replace('Lê', 'Lệ') }),
			},
		);
		expect(tampered.json).toMatchObject({ retCode: NX_RET.signatureIncorrect });
		expect(emulator.orders.has('o-2')).toBe(false);
	});

	it('rejects a body re-serialized with other spacing, a lowercase sign and a stale header', async () => {
		const body = { productID: 'callbot', page: 1, size: 10, queryConditions: {} };
		const spaced = await signed('listTask', body, {
			edit: (o) => ({ ...o, body: JSON.stringify(JSON.parse(o.body as string), null, 1) }),
		});
		expect(spaced.json.retCode).toBe(6);
		const lower = await signed('listTask', body, {
			edit: (o) => ({
				...o,
				headers: { ...o.headers, sign: String(o.headers!.sign).toLowerCase() },
			}),
		});
		expect(lower.json.retCode).toBe(6);
		const otherTs = await signed('listTask', body, {
			edit: (o) => ({
				...o,
				headers: { ...o.headers, createTs: String(Number(o.headers!.createTs) - 1) },
			}),
		});
		expect(otherTs.json.retCode).toBe(6);
	});

	it('answers the documented codes for missing or wrong auth headers', async () => {
		const body = { productID: 'callbot', page: 1, size: 10, queryConditions: {} };
		const drop = (name: string) => (o: IHttpRequestOptions) => {
			const headers = { ...o.headers };
			delete headers[name];
			return { ...o, headers };
		};
		expect((await signed('listTask', body, { edit: drop('sign') })).json.retCode).toBe(
			NX_RET.signatureMissing,
		);
		expect((await signed('listTask', body, { edit: drop('requestID') })).json.retCode).toBe(
			NX_RET.parameterMissing,
		);
		expect(
			(await signed('listTask', body, { credentials: { ...creds, uuid: 'someone-else' } })).json
				.retCode,
		).toBe(NX_RET.accountNotFound);
		const millis = await signed('listTask', body, {
			edit: (o) => ({ ...o, headers: { ...o.headers, createTs: String(Date.now()) } }),
		});
		expect(millis.json.retCode).toBe(NX_RET.parameterFormat);
		// The account is MD5: a SHA256-signed request does not match
		const sha = await signed('listTask', body, { credentials: { ...creds, algorithm: 'SHA256' } });
		expect(sha.json.retCode).toBe(NX_RET.signatureIncorrect);
		// No algorithm header means MD5 (documented)
		expect((await signed('listTask', body, { edit: drop('algorithm') })).json.retCode).toBe(0);
	});

	it('accepts the vendor sample header spelling requestId', async () => {
		const answer = await signed(
			'ping',
			{ data: 'x' },
			{
				edit: (o) => {
					const headers: IDataObject = { ...o.headers, requestId: o.headers!.requestID };
					delete headers.requestID;
					return { ...o, headers };
				},
			},
		);
		expect(answer.json.code).toBe(0);
	});

	it('verifies SHA256 accounts', async () => {
		const sha = new NxCloudEmulator({ uuid: UUID, secret: SECRET, algorithm: 'SHA256' });
		const url = await sha.start();
		try {
			const request = await credential.authenticate(
				{ ...creds, baseUrl: url, algorithm: 'SHA256' },
				{ method: 'POST', url: sha.endpointUrl('ping'), body: { data: '测试' } },
			);
			const answer = await send(
				request.url,
				request.headers as Record<string, string>,
				request.body as string,
			);
			expect(answer.json.code).toBe(0);
			expect(answer.headers.get('algorithm')).toBe('SHA256');
		} finally {
			await sha.stop();
		}
	});
});

describe('NXCLOUD emulator: credential test (as n8n runs it)', () => {
	it('passes with the right keys', async () => {
		expect(await testCredential(credential, creds)).toEqual({
			status: 'OK',
			message: expect.any(String),
		});
		const ping = emulator.requests('/callcentre/api/v3/ping').at(-1)!;
		expect(ping.rawBody.toString('utf8')).toBe('{"data":"n8n"}');
	});

	it('explains a wrong secret key or algorithm', async () => {
		const result = await testCredential(credential, { ...creds, secretKey: 'wrong' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/code 6\b.*check the secret key and the algorithm/i);
		const sha = await testCredential(credential, { ...creds, algorithm: 'SHA256' });
		expect(sha.message).toMatch(/check the secret key and the algorithm/i);
	});

	it('explains an unknown account', async () => {
		const result = await testCredential(credential, { ...creds, uuid: 'nobody' });
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/does not know this account.*UUID/),
		});
	});

	it('also explains errors answered in the standard envelope', async () => {
		const standard = new NxCloudEmulator({
			uuid: UUID,
			secret: SECRET,
			pingErrorEnvelope: 'standard',
		});
		const url = await standard.start();
		try {
			const result = await testCredential(credential, {
				...creds,
				baseUrl: url,
				secretKey: 'wrong',
			});
			expect(result.message).toMatch(/check the secret key/i);
		} finally {
			await standard.stop();
		}
	});
});

describe('NXCLOUD emulator: tasks and orders', () => {
	it('createAndCall imports orders and reports rejected ones in errList', async () => {
		const answer = await signed(
			'createAndCall',
			createAndCallBody('t-1', [order('o-1'), order('o-2', '+84 912 345 678'), order('o-1')]),
		);
		expect(answer.json).toMatchObject({
			retCode: 0,
			taskID: expect.any(String),
			totalCount: 3,
			successCount: 1,
			errList: [
				{ phone: '+84 912 345 678', errMsg: expect.stringMatching(/digits only/) },
				{ phone: '84912345678', errMsg: 'orderID o-1 already exists' },
			],
		});
		expect(emulator.tasks.get('t-1')).toMatchObject({
			taskStatus: NX_TASK_STATUS.pendingStart,
			sceneID: 'S123',
		});
		expect(emulator.orders.get('o-1')).toMatchObject({ userName: 'Nguyễn Văn An' });
		// Same userTaskID again
		expect((await signed('createAndCall', createAndCallBody('t-1', []))).json.retCode).toBe(
			NX_RET.parameterValue,
		);
	});

	it('validates required fields, types and enums', async () => {
		const missing = createAndCallBody('t-2', []) as IDataObject;
		delete missing.funcFlag;
		expect((await signed('createAndCall', missing)).json).toMatchObject({
			retCode: 2,
			retMsg: 'funcFlag is missing',
		});
		const asString = createAndCallBody('t-2', [], { ...taskSetting(), startupType: '1' } as never);
		expect((await signed('createAndCall', asString)).json.retCode).toBe(NX_RET.parameterFormat);
		const badEnum = createAndCallBody('t-2', [], { ...taskSetting(), startupType: 4 });
		expect((await signed('createAndCall', badEnum)).json.retCode).toBe(NX_RET.parameterValue);
		const badProduct = { ...createAndCallBody('t-2', []), productID: 'other' };
		expect((await signed('createAndCall', badProduct)).json.retCode).toBe(NX_RET.parameterValue);
		expect(emulator.tasks.size).toBe(0);
	});

	it('createTask accepts the vendor example quirks; addBatchCall adds orders', async () => {
		const setting: IDataObject = { ...taskSetting(), startupType: 0, 'dialAtUpHour ': '9' };
		delete setting.dialAtUpHour;
		delete setting.maxCall;
		delete setting.taskName;
		delete setting.taskCallbackUrl;
		const created = await signed('createTask', {
			account: '',
			productID: 'callbot',
			userTaskID: 't-3',
			sceneID: 'S1',
			taskCreateSetting: setting,
			funcFlag: {
				taskKeep: true,
				roundRedial: true,
				wholeTTS: false,
				smsEnable: false,
				smsFuncFlag: [{ smsId: 's', intentId: ['i'], intentName: ['n'] }],
			},
			other: '',
			taskCallbackUrl: 'https://example.com/t',
			orderCallbackUrl: 'https://example.com/o',
		});
		expect(created.json).toMatchObject({ retCode: 0, taskID: expect.any(String) });
		const added = await signed('addBatchCall', {
			productID: 'callbot',
			userTaskID: 't-3',
			callInfoList: callInfoList(order('o-9')),
		});
		expect(added.json).toMatchObject({ retCode: 0, totalCount: 1, successCount: 1 });
		const unknown = await signed('addBatchCall', {
			productID: 'callbot',
			userTaskID: 'nope',
			callInfoList: callInfoList(),
		});
		expect(unknown.json.retCode).toBe(NX_RET.parameterValue);
	});

	it('mgrTaskStatus starts, pauses and finishes; updateTask only while paused or not started', async () => {
		await signed('createAndCall', createAndCallBody('t-4', [order('o-1')]));
		const op = (taskOperate: number) =>
			signed('mgrTaskStatus', { productID: 'callbot', userTaskID: 't-4', taskOperate, delCall: 0 });
		expect((await op(1)).json).toMatchObject({ retCode: 0, taskStatus: NX_TASK_STATUS.running });
		const update = { productID: 'callbot', userTaskID: 't-4', taskCreateSetting: { maxCall: 4 } };
		expect((await signed('updateTask', update)).json.retCode).toBe(NX_RET.generalError);
		expect((await op(2)).json.taskStatus).toBe(NX_TASK_STATUS.paused);
		expect((await signed('updateTask', update)).json.retCode).toBe(0);
		expect(emulator.tasks.get('t-4')!.taskCreateSetting.maxCall).toBe(4);
		expect((await op(3)).json.taskStatus).toBe(NX_TASK_STATUS.completed);
		expect((await op(1)).json.retCode).toBe(NX_RET.generalError);
		expect((await op(9)).json.retCode).toBe(NX_RET.parameterValue);
	});

	it('listTask pages through tasks with statistics', async () => {
		for (const id of ['a', 'b', 'c'])
			await signed('createAndCall', createAndCallBody(id, [order(`o-${id}`)], taskSetting(id)));
		emulator.simulateCall('o-a');
		const page = async (n: number) =>
			(await signed('listTask', { productID: 'callbot', page: n, size: 2, queryConditions: {} }))
				.json;
		const first = await page(1);
		expect((first.taskData as IDataObject[]).map((t) => t.userTaskID)).toEqual(['a', 'b']);
		expect((first.taskData as IDataObject[])[0].taskStat).toMatchObject({
			totalOrderCount: 1,
			finishOrderCount: 1,
			finishRate: 1,
			totalCall: 1,
			totalAnswerCall: 1,
			answerRate: 1,
		});
		expect(((await page(2)).taskData as IDataObject[]).map((t) => t.userTaskID)).toEqual(['c']);
		expect((await page(3)).taskData).toEqual([]);
		const filtered = await signed('listTask', {
			productID: 'callbot',
			page: 1,
			size: 10,
			queryConditions: { taskName: ['b'], taskStatus: [1] },
		});
		expect((filtered.json.taskData as IDataObject[]).map((t) => t.userTaskID)).toEqual(['b']);
	});

	it('listCall, listOrder and listOrderDetail report simulated calls (listCall gzip on request)', async () => {
		await signed(
			'createAndCall',
			createAndCallBody('t-5', [order('o-1'), order('o-2', '84900000002')]),
		);
		emulator.simulateCall('o-1', { callAnswerTs: 0, callDuration: 0 }, { finish: false });
		emulator.simulateCall('o-1', {
			callDuration: 42,
			intents: [{ intentID: 'I1', intentTag: '', intentName: 'quan tâm', intentLevel: 1 }],
		});
		const calls = await signed(
			'listCall',
			{
				productID: 'callbot',
				userTaskID: 't-5',
				options: { callID: null, callDuration: { gt: 10, lt: 0, enable: true } },
				page: 1,
				size: 100,
			},
			{ edit: (o) => ({ ...o, headers: { ...o.headers, 'Accept-Encoding': 'gzip' } }) },
		);
		expect(calls.headers.get('content-encoding')).toBe('gzip');
		expect(calls.json.callList).toEqual([
			expect.objectContaining({
				orderID: 'o-1',
				callDuration: 42,
				intents: [expect.objectContaining({ intentName: 'quan tâm' })],
			}),
		]);
		const orders = await signed('listOrder', {
			productID: 'callbot',
			userTaskID: 't-5',
			options: { orderID: null, finish: 1 },
			page: 1,
			size: 100,
		});
		expect(orders.json.orderList).toEqual([
			expect.objectContaining({
				orderID: 'o-1',
				finish: true,
				callInfoDetail: expect.objectContaining({ callDuration: 42 }),
			}),
		]);
		const detail = await signed('listOrderDetail', {
			productID: 'callbot',
			userTaskID: 't-5',
			orderList: ['o-1', 'o-2'],
		});
		const list = detail.json.orderDetailList as IDataObject[];
		expect(list.map((o) => (o.callInfoDetailList as unknown[]).length)).toEqual([2, 0]);
		const tooMany = Array.from({ length: 501 }, (_, i) => `o-${i}`);
		const over = await signed('listOrderDetail', {
			productID: 'callbot',
			userTaskID: 't-5',
			orderList: tooMany,
		});
		expect(over.json.retCode).toBe(NX_RET.overCapacity);
		const limit = await signed('listOrderDetail', {
			productID: 'callbot',
			userTaskID: 't-5',
			orderList: tooMany.slice(0, 500),
		});
		expect(limit.json.retCode).toBe(0);
	});

	it('stopOrder reports per-order errors keyed by orderID', async () => {
		await signed(
			'createAndCall',
			createAndCallBody('t-6', [order('o-1'), order('o-2', '84900000002')]),
		);
		emulator.simulateCall('o-2');
		const answer = await signed('stopOrder', {
			productID: 'callbot',
			userTaskID: 't-6',
			orderIDs: ['o-1', 'o-2', 'o-x'],
			delCall: 0,
		});
		expect(answer.json).toMatchObject({
			retCode: 0,
			totalCount: 3,
			successCount: 1,
			errList: [
				{ orderID: 'o-2', errMsg: 'order is already finished' },
				{ orderID: 'o-x', errMsg: 'order does not exist in this task' },
			],
		});
		expect(emulator.orders.get('o-1')).toMatchObject({ stopped: true, finish: true });
	});

	it('importBatchCall starts a new batch, exportBatchCall exports it, 1001 while importing', async () => {
		await signed(
			'createAndCall',
			createAndCallBody('t-7', [order('o-1'), order('o-2', '84900000002')]),
		);
		emulator.simulateCall('o-1');
		const imported = await signed('importBatchCall', {
			productID: 'callbot',
			userTaskID: 't-7',
			callInfoList: callInfoList(order('o-3', '84900000003')),
		});
		expect(imported.json).toMatchObject({ retCode: 0, successCount: 1 });
		expect([...emulator.orders.keys()].sort()).toEqual(['o-1', 'o-3']); // undialed o-2 deleted
		emulator.simulateCall('o-3');
		const exported = await signed('exportBatchCall', { productID: 'callbot', userTaskID: 't-7' });
		expect(exported.json).toMatchObject({
			retCode: 0,
			totalCount: 1,
			batchID: expect.any(String),
			callList: [expect.objectContaining({ orderID: 'o-3' })],
		});
		emulator.setBatchImportInProgress('t-7', true);
		expect(
			(await signed('exportBatchCall', { productID: 'callbot', userTaskID: 't-7' })).json.retCode,
		).toBe(NX_RET.batchImportInProgress);
	});
});

describe('NXCLOUD emulator: through n8n (RoutingNode + httpRequestWithAuthentication)', () => {
	async function pageThrough(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const body = requestData.options.body as IDataObject;
		const rows: INodeExecutionData[] = [];
		for (let page = 1; ; page++) {
			const [response] = await this.makeRoutingRequest({
				...requestData,
				options: { ...requestData.options, body: { ...body, page } },
			});
			const taskData = (response.json.taskData as IDataObject[]) ?? [];
			rows.push(...taskData.map((json) => ({ json })));
			if (taskData.length < Number(body.size)) return rows;
		}
	}

	const nodeType: INodeType = {
		description: {
			displayName: 'NXCLOUD Test',
			name: 'nxCloudTest',
			group: ['transform'],
			version: 1,
			description: 'Sends one NXCLOUD request',
			defaults: { name: 'NXCLOUD Test' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'nxCloudCallbotApi', required: true }],
			requestDefaults: { baseURL: '={{$credentials.baseUrl}}', json: true },
			properties: [
				{
					displayName: 'Endpoint',
					name: 'endpoint',
					type: 'string',
					default: '',
					routing: {
						request: { method: 'POST', url: '={{"/callcentre/api/v3/" + $value}}' },
						send: { paginate: '={{$value === "listTask"}}' },
						operations: { pagination: pageThrough },
					},
				},
				{
					displayName: 'Payload',
					name: 'payload',
					type: 'json',
					default: '{}',
					routing: { request: { body: '={{JSON.parse($value)}}' } },
				},
			],
		},
	} as INodeType;

	const run = (endpoint: string, payload: object) =>
		runNode({
			nodeType,
			parameters: { endpoint, payload: JSON.stringify(payload) },
			credentialTypes: [credential],
			credentials: { nxCloudCallbotApi: creds },
		});

	it('sends the exact signed bytes for non-ASCII bodies and signs every page', async () => {
		const created = await run(
			'createAndCall',
			createAndCallBody('t-n8n', [order('o-1', '84912345678', 'Đặng Thị Ánh 张伟')]),
		);
		expect(created.error).toBeUndefined();
		expect(created.items[0].json).toMatchObject({ retCode: 0, successCount: 1 });
		expect(emulator.orders.get('o-1')!.userName).toBe('Đặng Thị Ánh 张伟');
		const raw = emulator.requests('/callcentre/api/v3/createAndCall')[0].rawBody.toString('utf8');
		expect(raw).toContain('Đặng Thị Ánh 张伟'); // raw UTF-8, as JSON.stringify writes it

		for (const id of ['a', 'b', 'c', 'd'])
			emulator.tasks.set(id, { ...emulator.tasks.get('t-n8n')!, userTaskID: id });
		emulator.clearReceived();
		const listed = await run('listTask', {
			productID: 'callbot',
			page: 1,
			size: 2,
			queryConditions: {},
		});
		expect(listed.error).toBeUndefined();
		expect(listed.items.map((i) => i.json.userTaskID)).toEqual(['t-n8n', 'a', 'b', 'c', 'd']);
		const pages = emulator.requests('/callcentre/api/v3/listTask');
		expect(pages.map((r) => (r.body as IDataObject).page)).toEqual([1, 2, 3]);
		expect(new Set(pages.map((r) => r.headers.requestid)).size).toBe(3);
	});

	it("re-signs correctly on n8n's 401 retry", async () => {
		emulator.failNext('POST', '/callcentre/api/v3/ping', {
			status: 401,
			body: { error: 'unauthorized' },
		});
		const result = await run('ping', { data: 'retry' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ code: 0, data: 'retry' });
		const [first, second] = emulator.requests('/callcentre/api/v3/ping');
		expect(second.rawBody.equals(first.rawBody)).toBe(true);
		expect(Object.keys(second.headers).filter((h) => h === 'sign')).toHaveLength(1);
		// A fresh requestID (Callbot-API-authorization), so a fresh signature; the emulator verified it.
		expect(second.headers.requestid).not.toBe(first.headers.requestid);
		expect(second.headers.sign).not.toBe(first.headers.sign);
	});
});

describe('NXCLOUD emulator: signed callbacks', () => {
	it('signs callbacks like requests, without an algorithm header', async () => {
		await signed(
			'createAndCall',
			createAndCallBody('t-cb', [order('o-1', '84912345678', 'Phạm Minh Châu')]),
		);
		emulator.simulateCall('o-1');
		const receiver = new EmulatorServer().route('POST', '/hook', () => ({
			body: { retCode: 0, retMsg: 'success' },
		}));
		const url = await receiver.start();
		try {
			for (const [kind, payload] of [
				['call', emulator.callCallbackPayload('o-1')],
				['order', emulator.orderCallbackPayload('o-1', { callbackType: '1' })],
				['task', emulator.taskCallbackPayload('t-cb')],
			] as const) {
				const { headers, rawBody } = emulator.signedCallback(kind, payload);
				expect(headers).not.toHaveProperty('algorithm');
				expect(Object.keys(headers).sort()).toEqual(
					['Content-Type', 'createTs', 'requestID', 'sign', 'uuid'].sort(),
				);
				const input = {
					secretKey: SECRET,
					uuid: UUID,
					body: rawBody,
					createTs: headers.createTs,
					requestID: headers.requestID,
					sign: headers.sign,
				};
				expect(verifyNxCloudSignature(input)).toBe('MD5');
				expect(
					verifyNxCloudSignature({ ...input, body: rawBody.replace('{', '{ ') }),
				).toBeUndefined();
				const sent = await emulator.sendCallback(kind, `${url}/hook`, payload);
				expect(sent.status).toBe(200);
				const received = receiver.received.at(-1)!;
				expect(
					verifyNxCloudSignature({
						...input,
						body: received.rawBody,
						createTs: received.headers.createts as string,
						requestID: received.headers.requestid as string,
						sign: received.headers.sign as string,
					}),
				).toBe('MD5');
			}
			const [call, orderCb, task] = receiver.received.map((r) => r.body as IDataObject);
			expect(call).toMatchObject({
				callbackType: 3,
				orderID: 'o-1',
				userName: 'Phạm Minh Châu',
				callInfoDetail: { callingNumber: expect.any(String) },
			});
			expect(orderCb.callbackType).toBe('1');
			expect(orderCb.callInfoDetail).not.toHaveProperty('callingNumber');
			expect(task).toMatchObject({
				callbackType: 1,
				userTaskID: 't-cb',
				taskStat: { totalOrderCount: 1 },
			});
		} finally {
			await receiver.stop();
		}
	});
});

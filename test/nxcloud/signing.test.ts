import { createHash } from 'node:crypto';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { NxCloudCallbotApi } from '../../credentials/NxCloudCallbotApi.credentials';
import { signNxCloudRequest } from '../../nodes/NxCloudCallbot/transport/auth';
import {
	buildSigningString,
	digestUpperHex,
	newRequestId,
	parseAlgorithm,
	signNxCloud,
	toWireBody,
	unixSeconds,
	verifyNxCloudSignature,
	type NxCloudAlgorithm,
} from '../../nodes/NxCloudCallbot/transport/signing';

// Reference section 2.7 (test vectors [computed]): common inputs.
// (the vendor's published sample value, not a real secret)
const sampleSigningValue = 'u7Mf3zUNOkg4lMV9a0E6cHSgIkK22GSr';
const secretKey = sampleSigningValue;
const uuid = 'Vh71ym3yQwWSYZFpqkFwTskGXUbSxDtR';
const requestID = '0f8fad5bd9cb469fa16570867728950e';
const createTs = '1700000000';
const common = { secretKey, uuid, requestID, createTs };

/** An independent implementation of the documented formula, for cross-checks. */
function oracle(
	algorithm: NxCloudAlgorithm,
	secret: string,
	body: string,
	ts: string,
	id: string,
	user: string,
) {
	const raw = `${secret}&body=${body}&createTs=${ts}&requestID=${id}&uuid=${user}`;
	return createHash(algorithm === 'SHA256' ? 'sha256' : 'md5')
		.update(Buffer.from(raw, 'utf8'))
		.digest('hex')
		.toUpperCase();
}

describe('NXCLOUD signing: reference test vectors (section 2.7)', () => {
	it('vector 1: authRaw, MD5 and SHA256', () => {
		const body = '{"productID":"callbot","userTaskID":"t-0001","taskOperate":1,"delCall":0}';
		expect(buildSigningString({ ...common, body })).toBe(
			'u7Mf3zUNOkg4lMV9a0E6cHSgIkK22GSr&body={"productID":"callbot","userTaskID":"t-0001","taskOperate":1,"delCall":0}&createTs=1700000000&requestID=0f8fad5bd9cb469fa16570867728950e&uuid=Vh71ym3yQwWSYZFpqkFwTskGXUbSxDtR',
		);
		expect(signNxCloud({ ...common, body })).toBe('32EFDDCDBACC4F86AE062E62BA56717F');
		expect(signNxCloud({ ...common, body }, 'MD5')).toBe('32EFDDCDBACC4F86AE062E62BA56717F');
		expect(signNxCloud({ ...common, body }, 'SHA256')).toBe(
			'72B5E13ED1E274933E50FF94F582E1FCAD45E4FD5CEFCB009282405F00E9A6BB',
		);
		// The same object serialized the same way by JSON.stringify
		const serialized = JSON.stringify({
			productID: 'callbot',
			userTaskID: 't-0001',
			taskOperate: 1,
			delCall: 0,
		});
		expect(serialized).toBe(body);
	});

	const table: Array<[string, string, string, string]> = [
		[
			'empty string',
			'',
			'C3D8F39D89CF9C56270ADA9F54065A9B',
			'DA804468ECDC400651B90AC3C1F8601C0A5421A1E2B1FD023222397A1AA83450',
		],
		[
			'{}',
			'{}',
			'9AF0980B127CC536098C7C8B4FA53AE4',
			'F32B06CEA862E36B482DE7E51C0A27E2B19F58D12AA112F9BE9082D854DA9D99',
		],
		[
			'ping body',
			'{"data":"hello"}',
			'DB787144594A20580981575DF2A2D7AB',
			'4F12D50E4EA607A5BACD119924A2D6B6F8EA4DDA82FFC01E4E73D1B953D9D9FB',
		],
		[
			'Python-style spacing',
			'{"productID": "callbot", "userTaskID": "t-0001", "taskOperate": 1, "delCall": 0}',
			'17B24557695085F6A3CF8A491CFCEA53',
			'CC9051855F85117831642362606046950F48C1E39A90F78109D741C72505EC07',
		],
		[
			'raw UTF-8 Chinese',
			'{"productID":"callbot","strategyName":"默认策略"}',
			'45B737557B86353EFB93EB3011D8B0DD',
			'08DAFD22DB309F94E6F0F45D6668ED3C298FE30547504DA6E4CEB6FEDE7F1EC1',
		],
		[
			'\\u escapes',
			String.raw`{"productID":"callbot","strategyName":"\u9ed8\u8ba4\u7b56\u7565"}`,
			'9DF0E6264437EC6379F68612FF3F9AA5',
			'7F461F09BC2E94595FCB26CF0A7322307FB908B471E7D27C79D5A567F0147C47',
		],
	];

	it.each(table)('%s', (_name, body, md5, sha256) => {
		expect(signNxCloud({ ...common, body }, 'MD5')).toBe(md5);
		expect(signNxCloud({ ...common, body }, 'SHA256')).toBe(sha256);
		// Raw bytes give the same result as the string
		expect(signNxCloud({ ...common, body: Buffer.from(body, 'utf8') }, 'MD5')).toBe(md5);
		expect(verifyNxCloudSignature({ ...common, body, sign: md5 })).toBe('MD5');
		expect(verifyNxCloudSignature({ ...common, body, sign: sha256 })).toBe('SHA256');
	});

	it('JSON.stringify of the Chinese vector object gives the raw UTF-8 form', () => {
		expect(JSON.stringify({ productID: 'callbot', strategyName: '默认策略' })).toBe(table[4][1]);
	});
});

describe('NXCLOUD signing: own cases', () => {
	it('signs Vietnamese text as UTF-8, MD5 and SHA256', () => {
		const body = JSON.stringify({
			userName: 'Nguyễn Thị Hương',
			other: 'Gọi lại sau 5 phút – đơn #42',
		});
		for (const algorithm of ['MD5', 'SHA256'] as const) {
			const sign = signNxCloud({ ...common, body }, algorithm);
			expect(sign).toBe(oracle(algorithm, secretKey, body, createTs, requestID, uuid));
			expect(sign).toMatch(algorithm === 'MD5' ? /^[0-9A-F]{32}$/ : /^[0-9A-F]{64}$/);
		}
	});

	it('digest is uppercase; a lowercase sign does not verify', () => {
		const sign = signNxCloud({ ...common, body: '{}' });
		expect(digestUpperHex(buildSigningString({ ...common, body: '{}' }))).toBe(sign);
		expect(
			verifyNxCloudSignature({ ...common, body: '{}', sign: sign.toLowerCase() }),
		).toBeUndefined();
		expect(verifyNxCloudSignature({ ...common, body: '{} ', sign })).toBeUndefined();
		expect(verifyNxCloudSignature({ ...common, body: '{}', sign }, 'SHA256')).toBeUndefined();
	});

	it('reads algorithm names tolerantly', () => {
		expect(parseAlgorithm('MD5')).toBe('MD5');
		expect(parseAlgorithm('md5')).toBe('MD5');
		expect(parseAlgorithm('SHA256')).toBe('SHA256');
		expect(parseAlgorithm('sha-256')).toBe('SHA256');
		expect(parseAlgorithm('SHA1')).toBeUndefined();
		expect(parseAlgorithm(undefined)).toBeUndefined();
	});

	it('wire body: serialized once, empty means {} (POST) or nothing (GET)', () => {
		expect(toWireBody({ a: 'ệ' })).toBe('{"a":"ệ"}');
		expect(toWireBody({})).toBe('{}');
		expect(toWireBody(undefined)).toBe('{}');
		expect(toWireBody('')).toBe('{}');
		expect(toWireBody('{"a":1}')).toBe('{"a":1}');
		expect(toWireBody('  {"a":1}\n')).toBe('{"a":1}');
		expect(toWireBody('not json')).toBe('"not json"');
		expect(toWireBody({ a: 1 }, true)).toBe('');
	});

	it('request IDs are 32 hex characters and unique; createTs is seconds', () => {
		const id = newRequestId();
		expect(id).toMatch(/^[0-9a-f]{32}$/);
		expect(newRequestId()).not.toBe(id);
		expect(unixSeconds(1_700_000_000_999)).toBe('1700000000');
	});
});

describe('NXCLOUD credential authenticate', () => {
	const credential = new NxCloudCallbotApi();
	const creds = { baseUrl: 'https://nxbot.nxcloud.com', uuid, secretKey, algorithm: 'MD5' };

	function headerNames(options: IHttpRequestOptions): string[] {
		return Object.keys(options.headers ?? {}).map((h) => h.toLowerCase());
	}

	function expectValidSign(options: IHttpRequestOptions, algorithm: NxCloudAlgorithm = 'MD5') {
		const h = options.headers as IDataObject;
		const body = options.body === undefined ? '' : (options.body as string);
		expect(h.sign).toBe(
			oracle(algorithm, secretKey, body, h.createTs as string, h.requestID as string, uuid),
		);
	}

	const request = (): IHttpRequestOptions => ({
		method: 'POST',
		url: '/callcentre/api/v3/createAndCall',
		headers: { 'X-Custom': 'kept' },
		body: {
			productID: 'callbot',
			userTaskID: 't-1',
			taskCreateSetting: { strategyName: '默认策略', taskName: 'Chiến dịch tháng 6' },
			callInfoList: { callList: [{ orderID: 'o-1', userName: 'Trần Văn Bình', params: [] }] },
		},
		json: true,
	});

	it('sends the body string it signed, with the documented headers', async () => {
		const original = request();
		const signed = await credential.authenticate(creds, original);
		const h = signed.headers as IDataObject;
		expect(typeof signed.body).toBe('string');
		expect(signed.body).toBe(JSON.stringify(original.body));
		expect(h['Content-Type']).toBe('application/json');
		expect(h.requestID).toMatch(/^[0-9a-f]{32}$/);
		expect(h.uuid).toBe(uuid);
		expect(h.algorithm).toBe('MD5');
		expect(h['X-Custom']).toBe('kept');
		expect(Math.abs(Number(h.createTs) - Date.now() / 1000)).toBeLessThan(5);
		expect(h.createTs).toMatch(/^\d{10}$/);
		expect(h.sign).toMatch(/^[0-9A-F]{32}$/);
		expectValidSign(signed);
		// No auth fields in the query string or the body
		expect(signed.qs).toBeUndefined();
		expect(JSON.parse(signed.body as string)).toEqual(original.body);
	});

	it('does not change the options it was given (pagination keeps editing them)', async () => {
		const original = request();
		const snapshot = structuredClone(original);
		await credential.authenticate(creds, original);
		expect(original).toEqual(snapshot);
	});

	it('re-signs options it already signed (n8n 401 retry): same bytes, one header set, fresh requestID', async () => {
		const once = await credential.authenticate(creds, request());
		const twice = await credential.authenticate(creds, once);
		expect(twice.body).toBe(once.body); // not serialized a second time
		// The reference (2.6) asks for a fresh requestID on retries too.
		expect((twice.headers as IDataObject).requestID).not.toBe(
			(once.headers as IDataObject).requestID,
		);
		const names = headerNames(twice);
		expect(names).toHaveLength(new Set(names).size);
		expectValidSign(twice);
	});

	it('re-signs consistently when the body string changed after signing', async () => {
		const once = await credential.authenticate(creds, request());
		const edited = { ...once, body: JSON.stringify({ productID: 'callbot', changed: 'có' }) };
		const again = await credential.authenticate(creds, edited);
		expect(again.body).toBe(edited.body);
		expect((again.headers as IDataObject).sign).not.toBe((once.headers as IDataObject).sign);
		expectValidSign(again);
	});

	it('uses a fresh requestID for every new request, e.g. each page of a list', async () => {
		const base: IHttpRequestOptions = {
			method: 'POST',
			url: '/callcentre/api/v3/listTask',
			body: { productID: 'callbot', page: 1, size: 2, queryConditions: {} },
		};
		const ids = new Set<string>();
		for (let page = 1; page <= 3; page++) {
			(base.body as IDataObject).page = page;
			const signed = await credential.authenticate(creds, base);
			expect(JSON.parse(signed.body as string).page).toBe(page);
			expectValidSign(signed);
			ids.add((signed.headers as IDataObject).requestID as string);
		}
		expect(ids.size).toBe(3);
	});

	it('signs {} for an empty POST body and an empty object', async () => {
		for (const body of [undefined, {}, '']) {
			const signed = await credential.authenticate(creds, { method: 'POST', url: '/x', body });
			expect(signed.body).toBe('{}');
			expectValidSign(signed);
		}
	});

	it('signs the empty string and sends no body for GET', async () => {
		const signed = await credential.authenticate(creds, {
			method: 'GET',
			url: '/x',
			body: { a: 1 },
		});
		expect(signed.body).toBeUndefined();
		expect(headerNames(signed)).not.toContain('content-type');
		expectValidSign(signed);
	});

	it('SHA256 credential signs with SHA256 and says so', async () => {
		const signed = await credential.authenticate({ ...creds, algorithm: 'SHA256' }, request());
		expect((signed.headers as IDataObject).algorithm).toBe('SHA256');
		expect((signed.headers as IDataObject).sign).toMatch(/^[0-9A-F]{64}$/);
		expectValidSign(signed, 'SHA256');
	});

	it('replaces auth headers given in another case instead of adding a second copy', () => {
		const signed = signNxCloudRequest(creds, {
			method: 'POST',
			url: '/x',
			headers: {
				requestId: 'caller-chosen-id',
				SIGN: 'stale',
				'content-type': 'text/plain',
				UUID: 'other',
			},
			body: {},
		});
		const h = signed.headers as IDataObject;
		expect(h.requestID).toMatch(/^[0-9a-f]{32}$/);
		expect(h.uuid).toBe(uuid);
		expect(headerNames(signed).sort()).toEqual(
			['algorithm', 'content-type', 'createts', 'requestid', 'sign', 'uuid'].sort(),
		);
		expectValidSign(signed);
	});

	it('defaults to MD5 when the algorithm is empty', async () => {
		const signed = await credential.authenticate({ ...creds, algorithm: '' }, request());
		expect((signed.headers as IDataObject).algorithm).toBe('MD5');
		expectValidSign(signed, 'MD5');
	});
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commonDeclarativeNodeOptionParameters } from 'n8n-core/dist/nodes-loader/constants';
import { NxCloudCallbotApi } from '../../credentials/NxCloudCallbotApi.credentials';
import { NxCloudCallbot } from '../../nodes/NxCloudCallbot/NxCloudCallbot.node';
import { REQUEST_TIMEOUT } from '../../nodes/shared/input';
import { runNode } from '../harness/run-node';
import { api, people, sent, startNxCloud, taskParameters, type NxContext } from './setup';

/**
 * Every NXCLOUD request has a timeout (30 s unless Request Options → Timeout is set): a server
 * that accepts a request and never answers cannot hang the run. n8n's routing engine puts 300,000
 * ms on every request, so without the node's own timeout these runs would not end before the
 * test's own time limit. The timeout is shortened here; nothing is timed.
 */

let ctx: NxContext;
const standard = REQUEST_TIMEOUT.ms;
beforeAll(async () => {
	ctx = await startNxCloud();
});
afterAll(async () => await ctx.emulator.stop());
beforeEach(() => {
	ctx.emulator.reset();
	REQUEST_TIMEOUT.ms = 300;
});
afterEach(() => {
	REQUEST_TIMEOUT.ms = standard;
});

describe('NXCLOUD request timeout', () => {
	it('the standard timeout is 30 s', () => {
		expect(standard).toBe(30_000);
	});

	it('Account → Ping: a server that never answers ends in an error', async () => {
		ctx.emulator.failNext('POST', api('ping'), { hang: true });
		const result = await ctx.run({ resource: 'account', operation: 'ping' });
		expect(result.error).toBeDefined();
		// (n8n words an aborted request "The connection was aborted, perhaps the server is offline".)
		expect(result.error?.message).toMatch(/aborted|time/i);
		expect(ctx.emulator.received).toHaveLength(1);
	});

	it('Create and Call: the second request never answers; Continue On Fail reports each number', async () => {
		ctx.emulator.failNext('POST', api('addBatchCall'), { hang: true });
		const result = await ctx.run(taskParameters({ options: { numbersPerRequest: 1 } }), {
			items: people(2),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(sent(ctx.emulator).map(([name]) => name)).toEqual(['createAndCall', 'addBatchCall']);
		expect(result.items.map((i) => [i.pairedItem, i.json.imported])).toEqual([
			[{ item: 0 }, true],
			[{ item: 1 }, false],
		]);
		expect(typeof result.items[1].json.error).toBe('string');
	});

	it("the node's Request Options → Timeout wins (the option n8n adds to declarative nodes)", async () => {
		REQUEST_TIMEOUT.ms = 600_000;
		// The node type as n8n's loader gives it to the editor and the engine: with Request Options.
		const nodeType = new NxCloudCallbot();
		nodeType.description.properties.push(commonDeclarativeNodeOptionParameters);
		ctx.emulator.failNext('POST', api('ping'), { hang: true });
		const result = await runNode({
			nodeType,
			credentialTypes: [new NxCloudCallbotApi()],
			credentialsHelper: ctx.credentials,
			parameters: { resource: 'account', operation: 'ping', requestOptions: { timeout: 300 } },
		});
		expect(result.error?.message).toMatch(/aborted|time/i);
	});
});

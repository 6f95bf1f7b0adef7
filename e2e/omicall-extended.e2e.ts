/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * OMICall's extended operations in a real n8n (issue 13): one webhook-started workflow,
 * `fixtures/omicall-extended/` (a folder of its own, so hardening.e2e.ts does not load it): Call →
 * Click to Call (node 1.1, Call Purpose Service, Retry On Fail 3 tries) → Contact → Create →
 * Contact → Get by phone → Ticket → Create. The webhook answers with the last node's items.
 *
 * Asserted: what the sandbox received (one request per operation, their bodies and queries), the
 * outputs n8n passed on, and exactly once under n8n's own Retry On Fail loop: when the click-to-call
 * answer is lost after OMICall dialed, the retries send nothing, the node fails with its
 * "not redialed" error and no later node runs.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook, startStack, type Stack } from './stack';

const WORKFLOW = 'e2eOmiExtended1';
const CATEGORY = '8b395917d4555f3bbdd61884'; // the sandbox's "Khiếu nại" ticket category
const CLICK = '/api/click2call';
const ADD = '/api/contacts/add';
const GET = '/api/contacts/get';
const TICKET = '/api/ticket/create';

let stack: Stack;
beforeAll(async () => {
	stack = await startStack({ workflowsDir: path.join(__dirname, 'fixtures', 'omicall-extended') });
});
afterAll(async () => {
	await stack?.stop();
});

const omicall = () => stack.sandbox.omicall;
/** The OMICall API requests the sandbox received (token fetches left out), as [method, path]. */
const apiCalls = () =>
	omicall()
		.server.received.filter((r) => r.path !== '/api/auth')
		.map((r) => [r.method, r.path]);

describe(`OMICall click-to-call, contact add → get, ticket create in real n8n ${process.env.E2E_N8N_VERSION ?? ''}`, () => {
	it('each operation sends one request with the documented fields; the outputs flow to the next node', async () => {
		omicall().server.clearReceived();
		const dialedBefore = omicall().extendedCalls.clickToCalls.length;
		const answer = await postWebhook(
			stack.webhookUrl(WORKFLOW),
			JSON.stringify({ phone: '0912 345 001', name: 'Phạm Thu Hà', crmId: 'CRM-E2E-1' }),
		);
		expect(answer.status, answer.text).toBe(200);

		expect(apiCalls()).toEqual([
			['POST', CLICK],
			['POST', ADD],
			['GET', GET],
			['POST', TICKET],
		]);
		const [click] = omicall().server.requests(CLICK);
		expect(click.body).toEqual({
			extension: '101',
			hotline: '842899990338',
			phone_number: '0912345001',
		});
		expect(click.headers.authorization).toMatch(/^Bearer ey/);
		const dialed = omicall().extendedCalls.clickToCalls.slice(dialedBefore);
		expect(dialed).toHaveLength(1);

		const [add] = omicall().server.requests(ADD);
		expect(add.body).toMatchObject({
			fullName: 'Phạm Thu Hà',
			refId: 'CRM-E2E-1',
			phones: [expect.objectContaining({ data: '0912345001' })],
		});
		const [get] = omicall().server.requests(GET);
		expect(get.query).toEqual({ phone: '0912345001' });

		const contact = omicall().crm.contacts.at(-1)!;
		expect((contact.sent as { refId: string }).refId).toBe('CRM-E2E-1');
		const [ticket] = omicall().server.requests(TICKET);
		expect(ticket.body).toEqual({
			name: 'Follow-up: Phạm Thu Hà',
			ticket_category_id: CATEGORY,
			assignee: 'binh.tran@example.com',
			priority: 'high',
			// Built from Get's output (the contact's public_id) and Click to Call's (its call_uuid).
			description: `Contact ${String(contact.public_id)}, call ${String(dialed[0].call_uuid)}`,
		});

		const items = JSON.parse(answer.text) as Array<Record<string, unknown>>;
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			name: 'Follow-up: Phạm Thu Hà',
			assignee: 'binh.tran@example.com',
			ticket_category_id: CATEGORY,
		});
		expect(omicall().crm.tickets.at(-1)).toMatchObject({ name: 'Follow-up: Phạm Thu Hà' });

		const execution = await stack.lastExecution(WORKFLOW);
		expect(execution.status).toBe('success');
		const output = (node: string) =>
			(
				execution.runData[node] as Array<{
					data: { main: Array<Array<{ json: Record<string, unknown> }>> };
				}>
			)[0].data.main[0].map((item) => item.json);
		expect(output('Click to Call')).toEqual([
			expect.objectContaining({
				call_uuid: dialed[0].call_uuid,
				alreadyStarted: false,
				compliance: expect.objectContaining({ callPurpose: 'service' }),
			}),
		]);
		expect(output('Get Contact by Phone')).toEqual([
			expect.objectContaining({ public_id: contact.public_id }),
		]);
	});

	it('Retry On Fail after the click-to-call answer was lost (HTTP 502 after OMICall dialed): nothing is sent again, the node fails "not redialed"', async () => {
		omicall().server.clearReceived();
		const dialedBefore = omicall().extendedCalls.clickToCalls.length;
		const contactsBefore = omicall().crm.contacts.length;
		const ticketsBefore = omicall().crm.tickets.length;
		omicall().server.failNext(
			'POST',
			CLICK,
			{ status: 502, body: 'Bad Gateway' },
			{ afterHandling: true },
		);
		const answer = await postWebhook(
			stack.webhookUrl(WORKFLOW),
			JSON.stringify({ phone: '0912 345 002', name: 'Đỗ Văn Nam', crmId: 'CRM-E2E-2' }),
		);
		expect(answer.status, answer.text).toBeGreaterThanOrEqual(500);

		// One dial reached OMICall; n8n's two retries sent nothing, and no later node ran.
		expect(apiCalls()).toEqual([['POST', CLICK]]);
		expect(omicall().extendedCalls.clickToCalls.slice(dialedBefore)).toHaveLength(1);
		expect(omicall().crm.contacts).toHaveLength(contactsBefore);
		expect(omicall().crm.tickets).toHaveLength(ticketsBefore);

		const execution = await stack.lastExecution(WORKFLOW);
		expect(execution.status).toBe('error');
		expect(execution.error?.node?.name).toBe('Click to Call');
		expect(execution.error?.message).toMatch(
			/Click-to-call of item 0 not redialed: the earlier attempt may have reached OMICall/,
		);
		expect(Object.keys(execution.runData)).not.toContain('Create Contact');
	});
});

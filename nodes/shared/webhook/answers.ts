import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { WebhookResponse } from './request';

/**
 * How a webhook trigger answers by itself (rejections, configuration and unexpected errors) and
 * the messages of those answers. Nothing starts after any of them.
 */

/**
 * Answers the request right away with `status` and a JSON body, and tells n8n that the node has
 * answered and that no workflow starts.
 */
export function answerAndStop(
	ctx: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	const res = ctx.getResponseObject() as unknown as WebhookResponse;
	res.status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * The last resort of a trigger's webhook(): logs the problem (never the request) and answers 500
 * when nothing was sent yet, so no error reaches n8n unhandled and no workflow starts.
 */
export function answerUnexpectedError(
	ctx: IWebhookFunctions,
	trigger: string,
	error: unknown,
): IWebhookResponseData {
	ctx.logger.error(
		`${trigger} could not handle a delivery: ${error instanceof Error ? error.message : String(error)}`,
	);
	try {
		const res = ctx.getResponseObject() as unknown as WebhookResponse & { headersSent?: boolean };
		if (!res.headersSent) res.status(500).json({ message: 'Internal error' });
	} catch (answerError) {
		ctx.logger.error(`${trigger} could not answer: ${(answerError as Error).message}`);
	}
	return { noWebhookResponse: true };
}

export const UNSUPPORTED_MEDIA_TYPE_MESSAGE =
	'Send the body as JSON with Content-Type: application/json (UTF-8)';

/**
 * Answers 500 to a delivery that cannot be checked because the trigger is misconfigured, and logs
 * the problem (the message must not contain a secret). Nothing starts.
 */
export function answerConfigurationError(
	ctx: IWebhookFunctions,
	trigger: string,
	problem: string,
	body: IDataObject,
): IWebhookResponseData {
	ctx.logger.error(`${trigger} refused a delivery because of its configuration: ${problem}`);
	return answerAndStop(ctx, 500, body);
}

export const BODY_ERRORS: Record<'empty' | 'malformed' | 'notObject', string> = {
	empty: 'The request body is empty',
	malformed: 'The request body is not valid JSON',
	notObject: 'The request body is not a JSON object',
};

export const BUSY_MESSAGE = 'Too many deliveries to check for repeats: send again later';

import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { BUSY_MESSAGE, answerAndStop } from './answers';
import { checkPersistedDelivery, persistedRepeatData } from './persistedRepeats';
import { outputHeaders } from './redaction';
import {
	MAX_REPEAT_WINDOW_SECONDS,
	REPEAT_HARD_CEILING,
	checkDelivery,
	repeatScope,
	repeatWindowFromOptions,
} from './repeats';
import { requestOf, type WebhookResponse } from './request';

/**
 * Starting the workflow from a delivery a trigger has authenticated and classified: the event
 * filter, repeat suppression and the output item with its `_trigger` metadata.
 */

/** What a trigger made of an authenticated, parsed delivery. */
export interface ClassifiedDelivery {
	event: string;
	payload: IDataObject;
	/** The delivery's digest (deliveryDigest): the same delivery sent again has the same key. */
	deliveryKey: string;
}

export interface StartOptions {
	/** Header names whose value is a secret: shown as "[redacted]" in Include Headers. */
	hiddenHeaders?: string[];
	/** Secret values to redact wherever they appear in a header value, in any spelling. */
	secrets?: string[];
	/** Query parameter names whose value is redacted in any URL-like header value. */
	secretParameters?: string[];
	/**
	 * The repeat memory lasts at least this long (e.g. to cover a replay window), and keys younger
	 * than this are never forgotten to make room: when REPEAT_HARD_CEILING of them fill the memory,
	 * new deliveries are refused with 503 (fail closed) rather than a key forgotten.
	 */
	minRepeatWindowSeconds?: number;
	/** The trigger's name, for the log. */
	trigger?: string;
	/** The body of the 503 answer when the repeat memory is full. */
	busyBody?: IDataObject;
}

/** The metadata fields a trigger adds to each output item. */
export const TRIGGER_METADATA_KEY = '_trigger';

/**
 * The output item: the payload as it is, with the trigger's metadata under `_trigger` and, for
 * the workflows written before, `event`, `receivedAt` and (Include Headers) `headers` at the top
 * level too. A payload field of the same name always wins: metadata never overwrites the payload.
 */
export function outputItem(payload: IDataObject, metadata: IDataObject): IDataObject {
	// Spread copies own properties as data properties (a "__proto__" key stays a plain key).
	const json: IDataObject = { ...payload };
	for (const name of ['event', 'receivedAt', 'headers']) {
		if (metadata[name] === undefined || Object.prototype.hasOwnProperty.call(json, name)) continue;
		json[name] = metadata[name];
	}
	if (!Object.prototype.hasOwnProperty.call(json, TRIGGER_METADATA_KEY)) {
		json[TRIGGER_METADATA_KEY] = metadata;
	}
	return json;
}

/**
 * The last steps of a trigger, after authentication and parsing: a delivery of an event that is
 * not selected, or a repeat (Drop Repeated Deliveries, on unless turned off), is acknowledged and
 * starts nothing; any other starts the workflow with one item (outputItem). Repeats are looked up
 * in this process's memory first (repeats.ts), then, for production webhooks and unless Remember
 * Across Restarts is off, in the node's workflow static data (persistedRepeats.ts).
 */
export function startOrAcknowledge(
	ctx: IWebhookFunctions,
	delivery: ClassifiedDelivery,
	acknowledgement: IWebhookResponseData['webhookResponse'],
	startOptions: StartOptions = {},
): IWebhookResponseData {
	const events = ctx.getNodeParameter('events', []) as string[];
	if (!events.includes(delivery.event)) return { webhookResponse: acknowledgement };

	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const window = repeatWindowFromOptions(options);
	const minimum = startOptions.minRepeatWindowSeconds ?? 0;
	if (Number.isFinite(minimum) && minimum > 0) {
		const seconds = Math.min(Math.ceil(minimum), MAX_REPEAT_WINDOW_SECONDS);
		window.windowSeconds = Math.max(window.windowSeconds, seconds);
		window.protectSeconds = seconds;
	}
	if (options.dropRepeats !== false) {
		const check = checkDelivery(repeatScope(ctx), delivery.deliveryKey, window);
		if (check === 'repeat') return { webhookResponse: acknowledgement };
		if (check === 'full') {
			// Forgetting a delivery still inside the replay window would let its replay through.
			ctx.logger.error(
				`${startOptions.trigger ?? 'Trigger'} refused a delivery with 503: it already remembers ${REPEAT_HARD_CEILING} deliveries of the last ${window.protectSeconds} s, which cannot be forgotten before their replay window ends`,
			);
			return answerAndStop(ctx, 503, startOptions.busyBody ?? { message: BUSY_MESSAGE });
		}
		// New to this process: a repeat if another process, or this one before a restart, saw it.
		const persisted = options.persistRepeats === false ? undefined : persistedRepeatData(ctx);
		if (persisted && checkPersistedDelivery(persisted, delivery.deliveryKey, window) === 'repeat') {
			return { webhookResponse: acknowledgement };
		}
	}

	const metadata: IDataObject = {
		event: delivery.event,
		receivedAt: new Date().toISOString(),
		deliveryKey: delivery.deliveryKey,
	};
	if (options.includeHeaders === true) {
		metadata.headers = outputHeaders(
			requestOf(ctx),
			startOptions.hiddenHeaders ?? [],
			startOptions.secrets ?? [],
			startOptions.secretParameters ?? [],
		);
	}
	const json = outputItem(delivery.payload, metadata);
	// When a workflow starts, n8n answers with the webhook description's `responseData` (by default
	// the text "firstEntryJson") rather than `webhookResponse`: send the acknowledgement ourselves.
	const res = ctx.getResponseObject() as unknown as WebhookResponse;
	if (typeof acknowledgement === 'string') res.status(200).send(acknowledgement);
	else res.status(200).json(acknowledgement);
	return { noWebhookResponse: true, workflowData: [[{ json }]] };
}

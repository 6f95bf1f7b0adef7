import {
	NodeApiError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type JsonObject,
	type PostReceiveAction,
} from 'n8n-workflow';
import { asText } from '../../shared/input';
import { omicallOutput } from '../transport/output';

/**
 * The outputs of OMICall writes whose answer is `payload: true/false` or undocumented (CRM creates,
 * updates and deletes, reference §4.8; the PBX changes): `false` means OMICall did not do it, an
 * error, never a success.
 */

/** Whether a payload is OMICall's `false` (boolean, or text "false"). */
function isFalse(payload: unknown): boolean {
	return payload === false || String(payload).trim().toLowerCase() === 'false';
}

/** The error of OMICall's `false`: the request was accepted, but the `action` was not done. */
function notDone(ctx: IExecuteSingleFunctions, action: string): NodeApiError {
	const error = new NodeApiError(ctx.getNode(), { payload: false } as JsonObject, {
		message: `OMICall answered false: the ${action} was not done`,
		description:
			'OMICall accepted the request (status_code 9999) but its payload is false. Check the IDs and fields (e.g. that the record exists) and try again.',
		itemIndex: ctx.getItemIndex(),
	});
	error.context.vendorCode = 'payload_false';
	return error;
}

/**
 * A postReceive for OMICall's true/false answers: `false` throws a NodeApiError saying what was not
 * done; an object or a list (as some OMICall pages show for contacts) is output as it came; any
 * other answer (`true`, nothing, a number) outputs `done(payload)`, e.g. `{ created: true, …fields
 * sent }`.
 */
export function confirmedOutput(
	action: string,
	done: (this: IExecuteSingleFunctions, payload: unknown) => IDataObject,
): PostReceiveAction {
	return omicallOutput(function (this: IExecuteSingleFunctions, payload: unknown) {
		if (isFalse(payload)) throw notDone(this, action);
		if (payload !== null && typeof payload === 'object') return payload;
		return done.call(this, payload);
	});
}

/**
 * The output of a Delete: `{ deleted: true, id }`, the ID being the value of the node parameter
 * `parameter`, whatever OMICall answers but `false`, which is an error.
 */
export function deletedOutput(parameter: string): PostReceiveAction {
	return omicallOutput(function (this: IExecuteSingleFunctions, payload: unknown) {
		if (isFalse(payload)) throw notDone(this, 'delete');
		return {
			deleted: true,
			id: asText(this.getNodeParameter(parameter, '', { extractValue: true })),
		};
	});
}

/**
 * The output of a change whose answer is not documented (PBX resources): an object payload is the
 * output; `false` is an error; anything else (true, a number, nothing) becomes one item with what
 * was changed (`echo`) and the payload as `result`, so no input item goes without an output item.
 */
export function changeOutput(
	echo: (ctx: IExecuteSingleFunctions) => IDataObject,
): PostReceiveAction {
	return confirmedOutput('change', function (payload) {
		return { ...echo(this), result: (payload ?? null) as IDataObject };
	});
}

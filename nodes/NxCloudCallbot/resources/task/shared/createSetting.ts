import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { asText, inputError, toEpochMs } from '../../../../shared/input';
import { callbackUrl } from '../../../shared/checks';
import { checkedId } from '../../../shared/ids';
import { toDialAtWeekDay, toDialHours } from './dialingTimes';
import { toZoneSecond } from './timeZone';

/** `taskCreateSetting` of createAndCall, createTask and updateTask from the task settings fields. */

/** `startupType` of each Start option. */
export const START_MODES: Record<string, number> = { manual: 1, scheduled: 2, immediately: 3 };

/**
 * Whether a date text's fields are a real calendar date and time ("2025-02-30", month 13 or hour 25
 * would otherwise roll over into another date). Texts not in the ISO form pass (checked later).
 */
function isRealDate(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
	if (!match) return true;
	const [, y, mo, d, h = '0', mi = '0', sec = '0'] = match;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return (
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysInMonth &&
		Number(h) <= 23 &&
		Number(mi) <= 59 &&
		Number(sec) <= 59
	);
}

/**
 * Unix seconds of the scheduled start, or 0 when the task does not start on a schedule. A date that
 * does not exist, or a time already past, is refused (the error shows the time and the current time).
 */
function startupAt(ctx: IExecuteSingleFunctions, startMode: string): number {
	if (startMode !== 'scheduled') return 0;
	const value = ctx.getNodeParameter('startAt', '') as unknown;
	const text = typeof value === 'string' ? value.trim() : '';
	const millis = text && !isRealDate(text) ? undefined : toEpochMs(value, ctx.getTimezone());
	if (millis === undefined || !Number.isFinite(millis)) {
		const problem = asText(value) ? `"${asText(value)}" is not a date` : 'is empty';
		inputError(ctx, 'Start At', problem, 'Pick the date and time at which the task starts.');
	}
	const now = Date.now();
	if (millis <= now) {
		inputError(
			ctx,
			'Start At',
			`${new Date(millis).toISOString()} is in the past (now it is ${new Date(now).toISOString()})`,
			'Pick a time in the future, or set Start to Immediately.',
		);
	}
	return Math.floor(millis / 1000);
}

/** A transfer-to-agent number: dispatchType one of 0/1/3, a call ratio a positive number. */
function transferNumber(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	allowed?: number[],
): number {
	const number = typeof value === 'number' ? value : Number(asText(value));
	const valid =
		asText(value) !== '' &&
		Number.isFinite(number) &&
		(allowed ? allowed.includes(number) : number > 0);
	if (!valid) {
		inputError(
			ctx,
			`Transfer to Agent: ${label}`,
			`"${asText(value)}" is not ${allowed ? `one of ${allowed.join(', ')}` : 'a positive number'}`,
			allowed
				? 'Choose a dialing mode from the list.'
				: 'Enter a number greater than 0, e.g. 1 or 1.5.',
		);
	}
	return number;
}

/** `taskCreateSetting` from the node's fields. */
export function buildTaskCreateSetting(ctx: IExecuteSingleFunctions): IDataObject {
	const startMode = asText(ctx.getNodeParameter('startMode', 'immediately')) || 'immediately';
	const startupType = START_MODES[startMode];
	if (startupType === undefined) {
		inputError(
			ctx,
			'Start',
			`"${startMode}" is not a start mode`,
			'Choose Immediately, Manually or At a Scheduled Time.',
		);
	}
	const startAt = startupAt(ctx, startMode);
	const taskName = asText(ctx.getNodeParameter('taskName', ''));
	if (!taskName)
		inputError(ctx, 'Task Name', 'is empty', 'Give the task a name, e.g. the campaign name.');
	const routeID = checkedId(ctx, ctx.getNodeParameter('routeId', ''), 'Route ID');
	if (!routeID)
		inputError(
			ctx,
			'Route ID',
			'is empty',
			'Enter the ID of the line (route) shown in the NXCLOUD platform.',
		);
	const strategyName = asText(ctx.getNodeParameter('strategyName', '默认策略'));
	if (!strategyName) {
		inputError(
			ctx,
			'Dialing Strategy',
			'is empty',
			'Enter a strategy name from the NXCLOUD platform, or 默认策略 (the default strategy).',
		);
	}
	const maxCallValue = ctx.getNodeParameter('maxCall', 1) as unknown;
	const maxCall = asText(maxCallValue) === '' ? NaN : Number(maxCallValue);
	if (!Number.isInteger(maxCall) || maxCall < 1) {
		inputError(
			ctx,
			'Robots',
			`"${asText(maxCallValue)}" is not a whole number of at least 1`,
			'Enter how many robots call at the same time, e.g. 2.',
		);
	}
	const maxRingValue = ctx.getNodeParameter('maxRingTime', 30) as unknown;
	const maxRingTime = asText(maxRingValue) === '' ? NaN : Number(maxRingValue);
	if (!Number.isInteger(maxRingTime) || maxRingTime < 1) {
		inputError(
			ctx,
			'Max Ring Time (Seconds)',
			`"${asText(maxRingValue)}" is not a whole number of seconds`,
			'Enter the ring time in seconds, e.g. 30.',
		);
	}
	const hours = ctx.getNodeParameter('dialingHours', {}) as IDataObject;
	const setting: IDataObject = {
		strategyName,
		startupType,
		startupAt: startAt,
		zoneSecond: toZoneSecond(
			ctx,
			ctx.getNodeParameter('timeZone', 'workflow'),
			startAt ? startAt * 1000 : Date.now(),
		),
		dialAtWeekDay: toDialAtWeekDay(ctx, ctx.getNodeParameter('dialingDays', [])),
		...toDialHours(ctx, hours.range),
		maxRingTime,
		routeID,
		maxCall,
		taskName,
		taskCallbackUrl: callbackUrl(
			ctx,
			ctx.getNodeParameter('taskCallbackUrl', ''),
			'Task Callback URL',
		),
	};
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const transfer = (options.agentTransfer as IDataObject | undefined)?.settings as
		| IDataObject
		| undefined;
	if (transfer) {
		const agentGroup = checkedId(ctx, transfer.agentGroup, 'Transfer to Agent: Agent Group ID');
		if (!agentGroup) {
			inputError(
				ctx,
				'Transfer to Agent: Agent Group ID',
				'is empty',
				'Enter the agent group ID, or remove Transfer to Agent.',
			);
		}
		setting.manualCallSetting = {
			agentGroup,
			dispatchType: transferNumber(ctx, transfer.dispatchType ?? 0, 'Dialing Mode', [0, 1, 3]),
			ratioCallRate: transferNumber(ctx, transfer.ratioCallRate ?? 1, 'Agent Call Ratio'),
			predictCallRate: transferNumber(ctx, transfer.predictCallRate ?? 1, 'Predictive Call Ratio'),
		};
	}
	return setting;
}

/** The NXCLOUD Callbot API v3 emulator (emulator.ts): the class, options, codes, record types. */
export { NxCloudEmulator } from './emulator';
export {
	NX_MAX_ORDER_DETAIL_IDS,
	NX_RET,
	NX_TASK_STATUS,
	NXCLOUD_API_PATH,
	NxApiError,
	type NxAlgorithm,
} from './constants';
export type {
	NxAgent,
	NxCall,
	NxCallbackKind,
	NxCloudEmulatorOptions,
	NxFault,
	NxIntent,
	NxOrder,
	NxParam,
	NxSignedCallback,
	NxTask,
} from './types';

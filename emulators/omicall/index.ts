/** The OMICall public API emulator (see emulator.ts): the class, its options and the answer shapes. */
export { OmicallEmulator, type OmicallEmulatorOptions } from './emulator';
export { failA, failB, ok, snakePage } from './answers';

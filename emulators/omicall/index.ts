/** The OMICall public API emulator (emulator.ts): the class, its options, the answer shapes. */
export { OmicallEmulator, type OmicallEmulatorOptions } from './emulator';
export { failA, failB, ok, snakePage } from './answers';

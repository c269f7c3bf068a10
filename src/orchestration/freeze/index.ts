/** Freeze windows: when deployments of an environment are refused. */
export { type FreezeGateOptions, freezeGate } from './gate.js';
export { type ActiveFreeze, activeFreeze, localTime } from './windows.js';

/** QMP script simulation: a blockgraph document as the state of a qemu-storage-daemon. */
export type { Outcome, QmpCommand, QmpError, QmpReply } from './types.ts';
export { parseQmpScript } from './parseQmpScript.ts';
export { addBlockdev } from './addBlockdev.ts';
export type { SimulateOptions, Simulated } from './simulate.ts';
export { simulateQmp } from './simulate.ts';
export { QEMU_TEXT } from './messages.ts';

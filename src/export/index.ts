/** Codecs between blockgraph documents and QEMU's input forms. */
export type { QmpCommand } from './qmpScript.ts';
export { blockdevOptions, formatQmpScript, toQmpScript } from './qmpScript.ts';

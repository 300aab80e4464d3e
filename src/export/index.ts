/** Codecs between blockgraph documents and QEMU's input forms. */
export type { QmpCommand, QmpLayout, QmpOptionStyle, QmpScriptOptions } from './qmpScript.ts';
export { blockdevOptions, formatQmpScript, toQmpScript, toRollbackScript } from './qmpScript.ts';
export { flatNodeNames } from './qmpVariants.ts';
export type { BlockdevArgsOptions, BlockdevForm } from './blockdevArgs.ts';
export { escapeOptionValue, scalarText, toBlockdevArgs, toKeyval } from './blockdevArgs.ts';
export { JSON_FILENAME_PREFIX, toJsonFilename } from './jsonFilename.ts';
export type { CommandLineOptions } from './commandLine.ts';
export { MACHINE_ARGS, QEMU_SYSTEM_BINARY, toCommandLine } from './commandLine.ts';
export { formatCommandLine, quoteWord, shellQuote } from './shellQuote.ts';
export type { Verdict } from './qemuVerdict.ts';
export { checkDocument, judgeScript } from './qemuVerdict.ts';
export { fromQmpScript } from './qmpImport.ts';
export type { ArgumentPath } from './refusalSite.ts';
export { argumentOfRefusal, refusalDiagnostic, scriptRefusal } from './refusalSite.ts';

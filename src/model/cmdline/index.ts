/** What QEMU builds from a command line: tokenising, QemuOpts, keyval, -drive and -blockdev semantics. */
export type { SplitError, SplitResult, WordPosition } from './shellWords.ts';
export { splitCommandLine } from './shellWords.ts';
export type { QemuOpt, QemuOpts, QemuOptsResult } from './qemuOpts.ts';
export { parseQemuOpts } from './qemuOpts.ts';
export type { KeyvalResult } from './keyval.ts';
export { parseKeyval } from './keyval.ts';
export type { QJsonResult } from '../qapi/qjson.ts';
export { parseQemuJson } from '../qapi/qjson.ts';
export type { ParsedArgs, ParseArgsResult } from './args.ts';
export { DRIVE_SHORTCUTS, FLAGS, parseArgs, parseBlockdevArg } from './args.ts';
export type { DriveSpec } from './driveArgs.ts';
export { driveSpec } from './driveArgs.ts';
export type { ImageSource } from '../open/index.ts';
export { imagesFrom, normalizePath } from '../open/index.ts';
export type { CommandLineResolved, ResolvedBackend } from './resolveCommandLine.ts';
export { commandLineOptions, resolveCommandLine } from './resolveCommandLine.ts';

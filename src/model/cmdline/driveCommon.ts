import { boolError, parseBool } from './qemuOpts.ts';
import { extractSub, setDefault, type QDict, type QEntry } from '../open/qdict.ts';
import { qdictBucket } from '../qapi/ghash.ts';

/**
 * blockdev.c: blockdev_init — the options `-drive` keeps for the BlockBackend
 * (qemu_common_drive_opts), and the defaults it puts into the top node's options.
 */
export interface CommonDriveOptions {
  /** The top node's options: everything not consumed by the drive layer, plus -drive's defaults. */
  options: QDict;
  /** No file and no node options: a BlockBackend without a medium. */
  empty: boolean;
  snapshot: boolean;
  /** aio=native: BDRV_O_NATIVE_AIO for the whole tree (except a snapshot overlay). */
  nativeAio: boolean;
  /** detect-zeroes for the BlockBackend's root node; `explicit` when the user wrote it. */
  detectZeroes: { value: string; explicit: boolean };
  /** cache.writeback: the BlockBackend's write cache. */
  writeback: boolean;
}

/** A `-drive` error; QEMU's text. */
export class DriveError extends Error {
  override name = 'DriveError';
}

const THROTTLE = [
  ...['iops', 'bps'].flatMap((kind) =>
    ['total', 'read', 'write'].flatMap((dir) => [`${kind}-${dir}`, `${kind}-${dir}-max`, `${kind}-${dir}-max-length`]),
  ),
  'iops-size',
].map((name) => `throttling.${name}`);

const BOOLEANS = [
  'snapshot',
  'cache.writeback',
  'read-only',
  'copy-on-read',
  'stats-account-invalid',
  'stats-account-failed',
];
const STRINGS = ['aio', 'format', 'rerror', 'werror', 'detect-zeroes', 'throttling.group'];

/** include/qemu/option.h: QEMU_OPT_NUMBER — qemu_strtou64 with base 0. */
const isNumber = (value: string): boolean => /^\s*(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(value);

/** qemu_opts_absorb_qdict(qemu_common_drive_opts): takes the drive-layer options out, checking types. */
function absorbCommon(options: QDict): Map<string, QEntry> {
  const common = new Map<string, QEntry>();
  const keys = [...BOOLEANS, ...STRINGS, ...THROTTLE].filter((key) => options.has(key));
  for (const key of keys.sort((a, b) => qdictBucket(a) - qdictBucket(b))) {
    const entry = options.get(key) as QEntry;
    const value = String(entry.value);
    if (BOOLEANS.includes(key) && parseBool(value) === undefined) throw new DriveError(boolError(key));
    if (THROTTLE.includes(key) && !isNumber(value)) throw new DriveError(`Parameter '${key}' expects a number`);
    common.set(key, entry);
    options.delete(key);
  }
  return common;
}

/** blockdev.c: parse_stats_intervals over `stats-intervals.N`. */
function takeStatsIntervals(options: QDict): void {
  for (const [key, entry] of extractSub(options, 'stats-intervals.')) {
    if (!/^[0-9]+$/.test(key)) throw new DriveError(`Invalid option stats-intervals.${key}`);
    const length = Number(entry.value);
    if (!/^[0-9]+$/.test(String(entry.value)) || length <= 0 || length > 0xffffffff) {
      throw new DriveError(`Invalid interval length: ${String(entry.value)}`);
    }
  }
}

/** blockdev.c: parse_block_error_action. */
function checkErrorAction(value: string | undefined, read: boolean): void {
  const actions = read ? ['ignore', 'stop', 'report'] : ['ignore', 'enospc', 'stop', 'report'];
  if (value !== undefined && !actions.includes(value)) {
    throw new DriveError(`'${value}' invalid ${read ? 'read' : 'write'} error action`);
  }
}

/** blockdev.c: extract_common_blockdev_options — aio and detect-zeroes. */
function aioAndZeroes(common: Map<string, QEntry>): {
  nativeAio: boolean;
  detectZeroes: { value: string; explicit: boolean };
} {
  const aio = common.get('aio')?.value;
  if (aio !== undefined && !['threads', 'native', 'io_uring'].includes(String(aio)))
    throw new DriveError('invalid aio option');
  const zeroes = common.get('detect-zeroes')?.value;
  if (zeroes !== undefined && !['off', 'on', 'unmap'].includes(String(zeroes))) {
    throw new DriveError(`invalid parameter value: ${String(zeroes)}`);
  }
  return {
    nativeAio: aio === 'native',
    detectZeroes: { value: zeroes === undefined ? 'off' : String(zeroes), explicit: zeroes !== undefined },
  };
}

/**
 * Applies blockdev_init to the options drive_new produced: consumes the drive-layer options,
 * turns `format=` into `driver`, and injects `-drive`'s defaults into the top node's options
 * (cache.direct=off, cache.no-flush=off, read-only, auto-read-only=on) when it has any.
 */
export function applyCommonOptions(options: QDict, file: string | undefined): CommonDriveOptions {
  const common = absorbCommon(options);
  takeStatsIntervals(options);
  const flags = aioAndZeroes(common);
  const format = common.get('format');
  if (format !== undefined) {
    if (options.has('driver')) throw new DriveError("Cannot specify both 'driver' and 'format'");
    options.set('driver', format);
  }
  checkErrorAction(common.get('werror')?.value as string | undefined, false);
  checkErrorAction(common.get('rerror')?.value as string | undefined, true);
  const empty = (file === undefined || file === '') && options.size === 0;
  if (!empty) {
    setDefault(options, 'cache.direct', 'off', 'drive');
    setDefault(options, 'cache.no-flush', 'off', 'drive');
    options.set('read-only', common.get('read-only') ?? { value: 'off', origin: 'drive' });
    setDefault(options, 'auto-read-only', 'on', 'drive');
  }
  const snapshot = parseBool(String(common.get('snapshot')?.value ?? 'off')) === true;
  const writeback = parseBool(String(common.get('cache.writeback')?.value ?? 'on')) !== false;
  return { options, empty, snapshot, ...flags, writeback };
}

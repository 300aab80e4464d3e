import { applyCommonOptions, DriveError, type CommonDriveOptions } from './driveCommon.ts';
import type { QemuOpt, QemuOpts } from './qemuOpts.ts';
import { boolError, parseBool } from './qemuOpts.ts';
import type { QDict } from '../open/qdict.ts';
import { qdictBucket } from '../qapi/ghash.ts';

/**
 * blockdev.c: drive_new — a `-drive` option list becomes a BlockBackend name, an interface
 * address, a legacy filename and the option dict of the top node.
 */
export interface DriveSpec extends CommonDriveOptions {
  /** The BlockBackend name: `id=`, or the default (`none0`, `ide0-hd0`…). */
  id: string;
  ifType: string;
  bus: number;
  unit: number;
  /** The legacy filename (`file=`), parsed by the block layer (prefixes, json:). */
  filename: string | undefined;
  media: 'disk' | 'cdrom';
  /** What drive_new prints and goes on ("disabling copy-on-read on read-only drive"). */
  warnings: string[];
}

/** Drives already created, for default ids and address clashes. */
export type DriveAddress = Pick<DriveSpec, 'ifType' | 'bus' | 'unit'>;

/** blockdev.c: drive_new, opt_renames. */
const RENAMES: readonly (readonly [string, string])[] = [
  ...['iops', 'iops_rd', 'iops_wr', 'bps', 'bps_rd', 'bps_wr'].map((from) => [from, throttleName(from)] as const),
  ...['iops_max', 'iops_rd_max', 'iops_wr_max', 'bps_max', 'bps_rd_max', 'bps_wr_max'].map(
    (from) => [from, `${throttleName(from.slice(0, -4))}-max`] as const,
  ),
  ['iops_size', 'throttling.iops-size'],
  ['group', 'throttling.group'],
  ['readonly', 'read-only'],
];

function throttleName(legacy: string): string {
  const [kind, dir] = legacy.split('_');
  return `throttling.${kind ?? ''}-${dir === 'rd' ? 'read' : dir === 'wr' ? 'write' : 'total'}`;
}

/** blockdev.c: if_name and if_max_devs (IDE 2 units per bus, SCSI 7, others unbounded). */
const INTERFACES: Readonly<Record<string, number>> = {
  none: 0,
  ide: 2,
  scsi: 7,
  floppy: 0,
  pflash: 0,
  mtd: 0,
  sd: 0,
  virtio: 0,
  xen: 0,
};

/** block.c: bdrv_parse_cache_mode → cache.writeback, cache.direct, cache.no-flush. */
const CACHE_MODES: Readonly<Record<string, readonly [boolean, boolean, boolean]>> = {
  writeback: [true, false, false],
  none: [true, true, false],
  off: [true, true, false],
  writethrough: [false, false, false],
  directsync: [false, true, false],
  unsafe: [true, false, true],
};

function renamed(opts: QemuOpt[]): QemuOpt[] {
  let out = opts;
  for (const [from, to] of RENAMES) {
    if (out.some((o) => o.key === from) && out.some((o) => o.key === to)) {
      throw new DriveError(`'${to}' and its alias '${from}' can't be used at the same time`);
    }
    out = out.map((o) => (o.key === from ? { ...o, key: to } : o));
  }
  return out;
}

/** "Specific options take precedence": cache= only fills what cache.* leaves open. */
function expandCache(map: Map<string, string>): void {
  const mode = map.get('cache');
  if (mode === undefined) return;
  const flags = Object.hasOwn(CACHE_MODES, mode) ? CACHE_MODES[mode] : undefined;
  if (flags === undefined) throw new DriveError('invalid cache option');
  ['cache.writeback', 'cache.direct', 'cache.no-flush'].forEach((key, i) => {
    if (!map.has(key)) map.set(key, flags[i] === true ? 'on' : 'off');
  });
  map.delete('cache');
}

/** qemu_opts_absorb_qdict of the legacy options, with their QemuOpts types. */
function takeLegacy(map: Map<string, string>): Map<string, string> {
  const legacy = new Map<string, string>();
  const keys = ['bus', 'unit', 'index', 'media', 'if', 'file', 'read-only', 'rerror', 'werror', 'copy-on-read'];
  for (const key of keys.filter((k) => map.has(k)).sort((a, b) => qdictBucket(a) - qdictBucket(b))) {
    const value = map.get(key) as string;
    if (['bus', 'unit', 'index'].includes(key) && !/^\s*(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(value)) {
      throw new DriveError(`Parameter '${key}' expects a number`);
    }
    if ((key === 'read-only' || key === 'copy-on-read') && parseBool(value) === undefined)
      throw new DriveError(boolError(key));
    legacy.set(key, value);
    map.delete(key);
  }
  return legacy;
}

/** Bus and unit from bus=, unit= or index=, or the first free unit. */
function address(
  legacy: Map<string, string>,
  ifType: string,
  taken: readonly DriveAddress[],
): { bus: number; unit: number; index: number } {
  const max = INTERFACES[ifType] ?? 0;
  let bus = Number(legacy.get('bus') ?? 0);
  let unit = Number(legacy.get('unit') ?? -1);
  const index = Number(legacy.get('index') ?? -1);
  // one pass over the drives so far, then each probe is a lookup (the free-unit search tries many)
  const occupied = new Set(taken.filter((d) => d.ifType === ifType).map((d) => `${String(d.bus)}:${String(d.unit)}`));
  const used = (b: number, u: number) => occupied.has(`${String(b)}:${String(u)}`);
  if (index !== -1) {
    if (bus !== 0 || unit !== -1) throw new DriveError('index cannot be used with bus and unit');
    [bus, unit] = max > 0 ? [Math.floor(index / max), index % max] : [0, index];
  }
  if (unit === -1) {
    for (unit = 0; used(bus, unit);) {
      unit++;
      if (max > 0 && unit >= max) [unit, bus] = [unit - max, bus + 1];
    }
  }
  if (max > 0 && unit >= max) throw new DriveError(`unit ${String(unit)} too big (max is ${String(max - 1)})`);
  if (used(bus, unit))
    throw new DriveError(`drive with bus=${String(bus)}, unit=${String(unit)} (index=${String(index)}) exists`);
  return { bus, unit, index };
}

function interfaceOf(legacy: Map<string, string>): string {
  const ifType = legacy.get('if') ?? 'none';
  if (!Object.hasOwn(INTERFACES, ifType)) throw new DriveError(`unsupported bus type '${ifType}'`);
  return ifType;
}

function mediaOf(legacy: Map<string, string>): 'disk' | 'cdrom' {
  const media = legacy.get('media') ?? 'disk';
  if (media !== 'disk' && media !== 'cdrom') throw new DriveError(`'${media}' invalid media`);
  return media;
}

function defaultId(ifType: string, media: string, bus: number, unit: number): string {
  const mediaStr = ifType === 'ide' || ifType === 'scsi' ? (media === 'cdrom' ? '-cd' : '-hd') : '';
  return (INTERFACES[ifType] ?? 0) > 0
    ? `${ifType}${String(bus)}${mediaStr}${String(unit)}`
    : `${ifType}${mediaStr}${String(unit)}`;
}

/** werror/rerror exist only on IDE, SCSI, virtio and if=none. */
function checkErrorActions(legacy: Map<string, string>, ifType: string): void {
  for (const key of ['werror', 'rerror']) {
    if (legacy.has(key) && !['ide', 'scsi', 'virtio', 'none'].includes(ifType)) {
      throw new DriveError(`${key} is not supported by this bus type`);
    }
  }
}

/**
 * Turns parsed `-drive` options into what blockdev_init opens, with QEMU's errors.
 *
 * @example driveSpec(parsed, [], false) // { ok: true, value: { id: 'none0', filename: 'a.qcow2', … } }
 */
export function driveSpec(
  parsed: QemuOpts,
  taken: readonly DriveAddress[],
  snapshot: boolean,
): { ok: true; value: DriveSpec } | { ok: false; message: string } {
  try {
    const map = new Map(renamed(parsed.opts).map((o) => [o.key, o.value]));
    if (snapshot && !map.has('snapshot')) map.set('snapshot', 'on');
    expandCache(map);
    const userReadOnly = map.has('read-only');
    const legacy = takeLegacy(map);
    const media = mediaOf(legacy);
    const readOnly = media === 'cdrom' || parseBool(legacy.get('read-only') ?? 'off') === true;
    const copyOnRead = parseBool(legacy.get('copy-on-read') ?? 'off') === true;
    const warnings = readOnly && copyOnRead ? ['warning: disabling copy-on-read on read-only drive'] : [];
    const ifType = interfaceOf(legacy);
    const { bus, unit } = address(legacy, ifType, taken);
    checkErrorActions(legacy, ifType);
    const options: QDict = new Map([...map].map(([key, value]) => [key, { value, origin: 'explicit' as const }]));
    options.set('read-only', { value: readOnly ? 'on' : 'off', origin: userReadOnly ? 'explicit' : 'drive' });
    for (const key of ['werror', 'rerror'])
      if (legacy.has(key)) options.set(key, { value: legacy.get(key) ?? '', origin: 'explicit' });
    const common = applyCommonOptions(options, legacy.get('file'));
    const id = parsed.id ?? defaultId(ifType, media, bus, unit);
    return { ok: true, value: { ...common, id, ifType, bus, unit, filename: legacy.get('file'), media, warnings } };
  } catch (err) {
    if (err instanceof DriveError) return { ok: false, message: err.message };
    throw err;
  }
}

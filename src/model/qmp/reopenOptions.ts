import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { qdictOrder } from '../qapi/ghash.ts';

/** Drivers without bdrv_reopen_prepare (QEMU 7.2): reopening them, or a node defining them inline, fails. */
export const CANNOT_REOPEN: ReadonlySet<string> = new Set([
  'blklogwrites',
  'blkreplay',
  'blkverify',
  'bochs',
  'cloop',
  'compress',
  'copy-before-write',
  'copy-on-read',
  'dmg',
  'ftp',
  'ftps',
  'http',
  'https',
  'parallels',
  'quorum',
  'replication',
  'snapshot-access',
  'ssh',
  'vvfat',
]);

/** Generic options bdrv_reopen_prepare absorbs (block.c: bdrv_runtime_opts; driver and node-name are put back). */
export const GENERIC_REOPEN = new Set([
  'read-only',
  'auto-read-only',
  'cache.direct',
  'cache.no-flush',
  'discard',
  'detect-zeroes',
]);

/**
 * force-share is one of bdrv_runtime_opts that bdrv_reopen_prepare absorbs but does not consume:
 * qemu_opts_to_qdict puts it back as a string ("on"), and qobject_is_equal then compares it with
 * the QBool blockdev-add stored (or with nothing). So in QEMU 7.2 a reopen can never give it, not
 * even with its old value ("Cannot change the option 'force-share'"), nor leave it out when the
 * node holds it (it is not resettable): a node holding force-share cannot be reopened at all.
 */
export const FORCE_SHARE = 'force-share';

/** block.c: bdrv_reset_options_allowed, the options that may be left out. */
const RESETTABLE = new Set(['node-name', ...GENERIC_REOPEN]);

/** Each driver's `mutable_opts` and what its bdrv_reopen_prepare consumes (QEMU 7.2). */
const MUTABLE: Readonly<Record<string, readonly string[]>> = {
  file: ['x-check-cache-dropped'],
  host_device: ['x-check-cache-dropped'],
  host_cdrom: ['x-check-cache-dropped'],
  raw: ['offset', 'size'],
  throttle: ['throttle-group'],
  qcow2: [
    'lazy-refcounts',
    'pass-discard-request',
    'pass-discard-snapshot',
    'pass-discard-other',
    'overlap-check',
    'overlap-check.template',
    'cache-size',
    'l2-cache-size',
    'l2-cache-entry-size',
    'refcount-cache-size',
    'cache-clean-interval',
  ],
};

/** The options of a QDict as QEMU flattens them (`cache.direct`), scalars only. */
export function flatten(options: JsonObject, prefix = ''): Map<string, JsonValue> {
  const flat = new Map<string, JsonValue>();
  for (const [key, value] of Object.entries(options)) {
    if (isJsonObject(value)) for (const [k, v] of flatten(value, `${prefix}${key}.`)) flat.set(k, v);
    else flat.set(`${prefix}${key}`, value);
  }
  return flat;
}

/** The first old option left out that cannot be reset (block.c: bdrv_reset_options_allowed, QDict order). */
export function firstUnresettable(
  driver: string,
  old: Map<string, JsonValue>,
  given: Map<string, JsonValue>,
): string | undefined {
  const mutable = MUTABLE[driver] ?? [];
  const bad = [...old.keys()].filter((k) => !given.has(k) && !RESETTABLE.has(k) && !mutable.includes(k));
  return qdictOrder(bad)[0];
}

/**
 * The first option that bdrv_reopen_prepare would find changed (block.c: "Options that are not
 * handled are only okay if they are unchanged", QDict order): generic, mutable and child options
 * are consumed before; a string naming the current child of that name is accepted.
 */
export function firstChanged(
  driver: string,
  old: Map<string, JsonValue>,
  left: Map<string, JsonValue>,
  currentChild: (key: string) => string | undefined,
): string | undefined {
  const mutable = MUTABLE[driver] ?? [];
  const changed = [...left.entries()].filter(([key, value]) => {
    if (key === FORCE_SHARE) return true;
    if (GENERIC_REOPEN.has(key) || mutable.includes(key)) return false;
    if (typeof value === 'string' && currentChild(key) === value) return false;
    const before = old.get(key);
    return before === undefined || JSON.stringify(before) !== JSON.stringify(value);
  });
  return qdictOrder(changed.map(([key]) => key))[0];
}

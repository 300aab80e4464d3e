import type { JsonValue } from '../json.ts';

/**
 * Defaults QEMU applies to options the user leaves out. QAPI introspection does not carry them
 * (every optional member says `"default": null`), so they are listed here with the QEMU code that
 * sets them; `knownDefaults.qemu.test.ts` checks the ones QEMU reports back against the real binary.
 */
export interface KnownDefault {
  /** A driver name, or `*` for the members every driver shares. */
  driver: string;
  /** Dotted option path (`cache.direct`). */
  path: string;
  value: JsonValue;
  /** Where QEMU sets it. */
  source: string;
}

const RUNTIME = 'block.c: bdrv_runtime_opts, blockdev.c: bds_tree_init';

export const KNOWN_DEFAULTS: readonly KnownDefault[] = [
  { driver: '*', path: 'cache.direct', value: false, source: RUNTIME },
  { driver: '*', path: 'cache.no-flush', value: false, source: RUNTIME },
  { driver: '*', path: 'read-only', value: false, source: RUNTIME },
  { driver: '*', path: 'auto-read-only', value: false, source: 'block.c: bdrv_runtime_opts' },
  { driver: '*', path: 'force-share', value: false, source: 'block.c: bdrv_runtime_opts' },
  { driver: '*', path: 'discard', value: 'ignore', source: 'block.c: bdrv_open_common (no BDRV_O_UNMAP)' },
  { driver: '*', path: 'detect-zeroes', value: 'off', source: 'block.c: bdrv_open_common' },
  { driver: 'null-co', path: 'size', value: 1073741824, source: 'block/null.c: null_file_open (1 << 30)' },
  { driver: 'null-aio', path: 'size', value: 1073741824, source: 'block/null.c: null_file_open (1 << 30)' },
  { driver: 'null-co', path: 'read-zeroes', value: false, source: 'block/null.c: null_file_open' },
  { driver: 'null-aio', path: 'read-zeroes', value: false, source: 'block/null.c: null_file_open' },
  { driver: 'null-co', path: 'latency-ns', value: 0, source: 'block/null.c: null_file_open' },
  { driver: 'null-aio', path: 'latency-ns', value: 0, source: 'block/null.c: null_file_open' },
  { driver: 'raw', path: 'offset', value: 0, source: 'block/raw-format.c: raw_read_options' },
  { driver: 'quorum', path: 'read-pattern', value: 'quorum', source: 'block/quorum.c: quorum_open' },
  { driver: 'quorum', path: 'blkverify', value: false, source: 'block/quorum.c: quorum_open' },
  { driver: 'quorum', path: 'rewrite-corrupted', value: false, source: 'block/quorum.c: quorum_open' },
];

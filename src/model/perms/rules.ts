import type { RoleFlag } from '../drivers/defineDriver.ts';
import type { JsonObject } from '../json.ts';
import type { ChildPermInput } from './defaultPerms.ts';
import {
  ALL,
  CONSISTENT_READ,
  NONE,
  RESIZE,
  WRITE,
  WRITE_UNCHANGED,
  toBits,
  type Perm,
  type PermPair,
} from './perm.ts';

/** Everything a driver's `bdrv_child_perm` may look at, plus what `bdrv_default_perms` gives. */
export interface ChildRuleInput extends ChildPermInput {
  /** The child's QAPI member (`file`, `target`, `children`…). */
  member: string;
  /** The parent node's own options. */
  options: JsonObject;
  /** The parent node has at least one parent edge or user. */
  hasParents: boolean;
  /** bdrv_default_perms for this edge. */
  defaults: PermPair;
}

/** A driver's permissions for one child edge (its `bdrv_child_perm`). */
export type ChildPermRule = (input: ChildRuleInput) => PermPair;

const WRITE_RESIZE = WRITE | RESIZE;
/** block/copy-on-read.c: PERM_PASSTHROUGH; the rest (write-unchanged) is PERM_UNCHANGED. */
const COR_PASSTHROUGH = CONSISTENT_READ | WRITE | RESIZE;

/** Options naming permissions (`take-child-perms: ["write"]`) as a bit set. */
function permOption(options: JsonObject, key: string): number {
  const value = options[key];
  return Array.isArray(value) ? toBits(value.filter((v): v is Perm => typeof v === 'string')) : NONE;
}

/**
 * Drivers whose `bdrv_child_perm` is not plain bdrv_default_perms, keyed by driver name. Every
 * other driver (formats, throttle, compress, blklogwrites, blkverify…) uses the defaults. Each rule
 * was checked against qemu-storage-daemon 7.2 (src/cli/qemu/perms.differential.test.ts).
 */
export const CHILD_PERM_RULES: Readonly<Record<string, ChildPermRule>> = {
  // block/raw-format.c: raw_child_perm: write and resize only when the parent's users take them.
  raw: ({ defaults, perm }) => ({
    perm: (defaults.perm & ~WRITE_RESIZE) | (perm & WRITE_RESIZE),
    shared: defaults.shared,
  }),
  // block/quorum.c: quorum_child_perm: passes the users' permissions, never shares write or resize;
  // rewrite-corrupted writes on reads.
  quorum: ({ perm, shared, options }) => ({
    perm: perm | (options['rewrite-corrupted'] === true ? WRITE : NONE),
    shared: shared & (CONSISTENT_READ | WRITE_UNCHANGED),
  }),
  // block/copy-on-read.c: cor_child_perm: passes consistent-read, write and resize; always takes
  // and shares write-unchanged (it writes copies, and lets others write them).
  'copy-on-read': ({ perm, shared }) => ({
    perm: (perm & COR_PASSTHROUGH) | WRITE_UNCHANGED,
    shared: (shared & COR_PASSTHROUGH) | WRITE_UNCHANGED,
  }),
  // block/preallocate.c: preallocate_child_perm (7.2): users that write and resize get both,
  // exclusively.
  preallocate: ({ defaults, perm }) =>
    (perm & WRITE_RESIZE) === WRITE_RESIZE
      ? { perm: defaults.perm | WRITE_RESIZE, shared: defaults.shared & ~WRITE_RESIZE }
      : defaults,
  // block/crypto.c: block_crypto_child_perms: write/resize only as the users ask, and shared as
  // the users share them.
  luks: ({ defaults, perm, shared }) => ({
    perm: (defaults.perm & ~WRITE_RESIZE) | (perm & WRITE_RESIZE),
    shared: defaults.shared | (shared & WRITE_RESIZE),
  }),
  // block/copy-before-write.c: cbw_child_perm (7.2): the target is written, resize unshared; the
  // source is read before it is overwritten and kept from other writers, once the filter has parents.
  'copy-before-write': ({ member, defaults, perm, hasParents }) => {
    if (member === 'target') return { perm: WRITE, shared: ALL & ~RESIZE };
    if (!hasParents) return defaults;
    return {
      perm: defaults.perm | ((perm & WRITE) !== 0 ? CONSISTENT_READ : NONE),
      shared: defaults.shared & ~WRITE_RESIZE,
    };
  },
  // block/blkdebug.c: blkdebug_child_perm: the defaults, plus take-child-perms, minus unshare-child-perms.
  blkdebug: ({ defaults, options }) => ({
    perm: defaults.perm | permOption(options, 'take-child-perms'),
    shared: defaults.shared & ~permOption(options, 'unshare-child-perms'),
  }),
  // block/snapshot-access.c: snapshot_access_child_perm: reads go through the cbw filter's API.
  'snapshot-access': () => ({ perm: NONE, shared: ALL }),
};

/** Role bits that depend on the parent's options or its other children (a table's `variesWith`). */
export type RoleVariant = (input: {
  member: string;
  options: JsonObject;
  siblings: readonly string[];
}) => readonly RoleFlag[] | undefined;

/** Role variants keyed by driver name; undefined keeps the driver table's flags. */
export const ROLE_VARIANTS: Readonly<Record<string, RoleVariant>> = {
  // block/raw-format.c: raw_open: a non-zero offset or any size makes `file` data | primary.
  raw: ({ member, options }) =>
    member === 'file' && ((typeof options.offset === 'number' && options.offset !== 0) || options.size !== undefined)
      ? ['data', 'primary']
      : undefined,
  // block/qcow2.c: qcow2_do_open: with an external data file, `file` holds no data.
  qcow2: ({ member, siblings }) =>
    member === 'file' && siblings.includes('data-file') ? ['metadata', 'primary'] : undefined,
};

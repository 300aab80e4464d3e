import type { RoleFlag } from '../drivers/defineDriver.ts';
import { ALL, CONSISTENT_READ, RESIZE, WRITE, WRITE_UNCHANGED, type PermBits, type PermPair } from './perm.ts';

/** What a parent node's driver knows when it decides the permissions of one child edge. */
export interface ChildPermInput {
  /** The edge's role bits (QEMU's BdrvChildRole) after the parent's options are applied. */
  flags: readonly RoleFlag[];
  /** The parent's cumulative permissions: OR of its parent edges' `perm`. */
  perm: PermBits;
  /** The parent's cumulative shared permissions: AND of its parent edges' `shared`, ALL without parents. */
  shared: PermBits;
  /** The parent node is writable (effective read-only off). */
  writable: boolean;
}

/** The four permissions a filter passes through (block_int-common.h: DEFAULT_PERM_PASSTHROUGH). */
const PASSTHROUGH = ALL;

/**
 * A filtered child gets exactly what the parent's users take and share
 * (block.c: bdrv_filter_default_perms).
 */
export function filterPerms(input: ChildPermInput): PermPair {
  return { perm: input.perm & PASSTHROUGH, shared: input.shared & PASSTHROUGH };
}

/**
 * A backing child is only read, and then only if the parent's users read; it may change under the
 * parent only if the parent's users allow writes (block.c: bdrv_default_perms_for_cow). Inactive
 * nodes (incoming migration) are not modelled.
 */
export function cowPerms(input: ChildPermInput): PermPair {
  const perm = input.perm & CONSISTENT_READ;
  const changing = (input.shared & WRITE) !== 0 ? WRITE | RESIZE : 0;
  return { perm, shared: changing | CONSISTENT_READ | WRITE_UNCHANGED };
}

/**
 * A child holding data or metadata: the filter rule, then a writable format takes write and resize
 * on its metadata child even without users, always reads it and never shares write or resize on
 * it; a data child never shares resize, and writes imply resize (block.c:
 * bdrv_default_perms_for_storage).
 */
export function storagePerms(input: ChildPermInput): PermPair {
  let { perm, shared } = filterPerms(input);
  if (input.flags.includes('metadata')) {
    if (input.writable) perm |= WRITE | RESIZE;
    perm |= CONSISTENT_READ;
    shared &= ~(WRITE | RESIZE);
  }
  if (input.flags.includes('data')) {
    shared &= ~RESIZE;
    if ((perm & WRITE_UNCHANGED) !== 0) perm |= WRITE;
    if ((perm & WRITE) !== 0) perm |= RESIZE;
  }
  return { perm, shared };
}

/**
 * The permissions most drivers give a child, chosen by its role (block.c: bdrv_default_perms):
 * filtered, else COW, else data/metadata. Undefined for a role with none of these bits, which
 * QEMU never builds.
 */
export function defaultPerms(input: ChildPermInput): PermPair | undefined {
  if (input.flags.includes('filtered')) return filterPerms(input);
  if (input.flags.includes('cow')) return cowPerms(input);
  if (input.flags.includes('data') || input.flags.includes('metadata')) return storagePerms(input);
  return undefined;
}

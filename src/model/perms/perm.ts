/**
 * QEMU's block permissions (include/block/block-common.h: BLK_PERM_*), as bit sets internally and
 * as QAPI `BlockPermission` names at the API. QEMU 7.2 has four; BLK_PERM_ALL is 0x0f.
 */

/** A permission as QMP names it (`x-debug-query-block-graph`). */
export type Perm = 'consistent-read' | 'write' | 'write-unchanged' | 'resize';

/** A set of permissions as QEMU's bit mask. */
export type PermBits = number;

/** BLK_PERM_CONSISTENT_READ: reads see consistent data. */
export const CONSISTENT_READ: PermBits = 0x01;
/** BLK_PERM_WRITE: writes that change the data. */
export const WRITE: PermBits = 0x02;
/** BLK_PERM_WRITE_UNCHANGED: writes that leave the data as it reads (copy-on-read, streaming). */
export const WRITE_UNCHANGED: PermBits = 0x04;
/** BLK_PERM_RESIZE: changing the size. */
export const RESIZE: PermBits = 0x08;
/** BLK_PERM_ALL. */
export const ALL: PermBits = 0x0f;
/** No permission. */
export const NONE: PermBits = 0;
/** Each permission's bit, lowest first (QEMU's PERM_FOREACH order). */
export const PERM_BITS: readonly PermBits[] = [CONSISTENT_READ, WRITE, WRITE_UNCHANGED, RESIZE];

/** What an edge takes (`perm`) and what it lets other parents of the same child take (`shared`). */
export interface PermPair {
  perm: PermBits;
  shared: PermBits;
}

/** A parent edge's permissions in QMP names, each list sorted as the test harness sorts QEMU's. */
export interface EdgePerms {
  perm: Perm[];
  shared: Perm[];
}

/** In bit order; the QAPI name and the name QEMU's messages use (block.c: bdrv_perm_names). */
const TABLE: readonly { bit: PermBits; name: Perm; text: string }[] = [
  { bit: CONSISTENT_READ, name: 'consistent-read', text: 'consistent read' },
  { bit: WRITE, name: 'write', text: 'write' },
  { bit: WRITE_UNCHANGED, name: 'write-unchanged', text: 'write unchanged' },
  { bit: RESIZE, name: 'resize', text: 'resize' },
];

/** The bit set of a list of names. */
export function toBits(perms: readonly Perm[]): PermBits {
  return TABLE.reduce((bits, entry) => (perms.includes(entry.name) ? bits | entry.bit : bits), NONE);
}

/**
 * The names of a bit set, sorted by code unit as `runQmpScript` sorts QEMU's lists
 * (`consistent-read`, `resize`, `write`, `write-unchanged`).
 */
export function toPerms(bits: PermBits): Perm[] {
  return [...(SORTED[bits & ALL] ?? [])];
}

/** toPerms of every bit set, computed once. */
const SORTED: readonly (readonly Perm[])[] = Array.from({ length: ALL + 1 }, (_, bits) =>
  TABLE.filter((entry) => (bits & entry.bit) !== 0)
    .map((entry) => entry.name)
    .sort(),
);

/** `perm`/`shared` of a pair as sorted names. */
export function toEdgePerms(pair: PermPair): EdgePerms {
  return { perm: toPerms(pair.perm), shared: toPerms(pair.shared) };
}

/**
 * The names QEMU puts in a message, in bit order and joined by ", " (block.c: bdrv_perm_names).
 *
 * @example permText(WRITE | RESIZE) // "write, resize"
 */
export function permText(bits: PermBits): string {
  return TABLE.filter((entry) => (bits & entry.bit) !== 0)
    .map((entry) => entry.text)
    .join(', ');
}

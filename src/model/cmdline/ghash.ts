import { qdictBucket } from './qdict.ts';

/**
 * Which unexpected member QEMU's QObject input visitor names first. It copies a struct's keys,
 * in QDict order, into a GLib hash table, removes each member it visits, and reports the first
 * key left (qapi/qobject-input-visitor.c: qobject_input_check_struct). The table is simulated
 * as GLib 2.74 (Debian 12) builds it: 8 slots, index (g_str_hash · 11) mod 7, quadratic probing,
 * tombstones on removal. GLib resizes from the 8th key on; beyond that the insertion order is
 * used instead, which may name a different key.
 */

/** GLib: g_str_hash (djb2 over signed chars). */
function strHash(key: string): number {
  let hash = 5381;
  for (const ch of key) {
    const code = ch.charCodeAt(0) & 0xff;
    hash = (Math.imul(hash, 33) + (code < 128 ? code : code - 256)) >>> 0;
  }
  return hash < 2 ? 2 : hash;
}

/** The order in which qdict_first/qdict_next visit keys inserted in `keys` order. */
export function qdictOrder(keys: readonly string[]): string[] {
  return keys
    .map((key, i) => ({ key, bucket: qdictBucket(key), i }))
    .sort((a, b) => a.bucket - b.bucket || b.i - a.i)
    .map((entry) => entry.key);
}

const SIZE = 8;
const MOD = 7;
const TOMBSTONE = 1;

function slotOf(hashes: number[], keys: (string | undefined)[], key: string): { slot: number; found: boolean } {
  const hash = strHash(key);
  let slot = (Math.imul(hash, 11) >>> 0) % MOD;
  let tombstone = -1;
  for (let step = 0; hashes[slot] !== 0; ) {
    if (hashes[slot] === hash && keys[slot] === key) return { slot, found: true };
    if (hashes[slot] === TOMBSTONE && tombstone < 0) tombstone = slot;
    step++;
    slot = (slot + step) & (SIZE - 1);
  }
  return { slot: tombstone >= 0 ? tombstone : slot, found: false };
}

/**
 * The first key of `keys` not in `removed`, in GHashTableIter order.
 *
 * @example ghashFirst(['driver', 'node-name', 'foo', 'bar', 'baz'], new Set(['driver', 'node-name'])) // 'baz'
 */
export function ghashFirst(keys: readonly string[], removed: ReadonlySet<string>): string | undefined {
  const left = keys.filter((key) => !removed.has(key));
  if (keys.length >= SIZE) return left[0];
  const hashes: number[] = new Array<number>(SIZE).fill(0);
  const slots: (string | undefined)[] = new Array<string | undefined>(SIZE).fill(undefined);
  for (const key of qdictOrder(keys)) {
    const { slot, found } = slotOf(hashes, slots, key);
    if (!found) [hashes[slot], slots[slot]] = [strHash(key), key];
  }
  for (const key of removed) {
    const { slot, found } = slotOf(hashes, slots, key);
    if (found) hashes[slot] = TOMBSTONE;
  }
  return slots.find((key, slot) => (hashes[slot] ?? 0) > TOMBSTONE && key !== undefined);
}

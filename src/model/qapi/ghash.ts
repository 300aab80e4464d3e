/**
 * Which of several unexpected keys QEMU names. Its QObject input visitor keeps the keys of a
 * JSON object in a GLib hash table, removes each member it visits, and reports the first key left
 * in table order ("Parameter 'x' is unexpected"). Table order depends on QDict's iteration order
 * (qobject/qdict.c: tdb_hash, 512 buckets, newest first) and GLib 2.74's open addressing
 * (glib/ghash.c: g_str_hash, quadratic probing, prime modulo, in-place resize). Both are
 * reproduced here so that the simulation names the same key.
 */
const PRIME_MOD = [1, 2, 3, 7, 13, 31, 61, 127, 251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521];
const MIN_SHIFT = 3;
const UNUSED = 0;
const TOMBSTONE = 1;
const QDICT_BUCKETS = 512;

/** The UTF-8 bytes of a string. */
function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const c = char.codePointAt(0) ?? 0;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
}

/** glib/ghash.c: g_str_hash (djb2 over signed chars). */
export function gStrHash(key: string): number {
  let h = 5381;
  for (const byte of utf8(key)) h = (Math.imul(h, 33) + (byte > 127 ? byte - 256 : byte)) >>> 0;
  return h;
}

/** qobject/qdict.c: tdb_hash. */
export function tdbHash(key: string): number {
  const bytes = utf8(key);
  let value = Math.imul(0x238f13af, bytes.length) >>> 0;
  bytes.forEach((byte, i) => {
    value = (value + ((byte << ((i * 5) % 24)) >>> 0)) >>> 0;
  });
  return (Math.imul(1103515243, value) + 12345) >>> 0;
}

/** qobject/qdict.c: the bucket of `key` in a QDict (tdb_hash modulo 512). */
export function qdictBucket(key: string): number {
  return tdbHash(key) % QDICT_BUCKETS;
}

/** The order in which QEMU iterates a QDict built from `keys` inserted in this order. */
export function qdictOrder(keys: readonly string[]): string[] {
  const buckets = new Map<number, string[]>();
  for (const key of keys) {
    const bucket = qdictBucket(key);
    buckets.set(bucket, [key, ...(buckets.get(bucket) ?? [])]);
  }
  return [...buckets.keys()].sort((a, b) => a - b).flatMap((bucket) => buckets.get(bucket) ?? []);
}

/**
 * The key qdict_first returns: the lowest bucket, and within a bucket the entry inserted last
 * (QLIST_INSERT_HEAD). QEMU names this key when it reports one of several unknown options.
 */
export function qdictFirst(keys: Iterable<string>): string | undefined {
  return qdictOrder([...keys])[0];
}

/** A GLib 2.74 GHashTable of strings (a set), just enough to know its iteration order. */
class GHashSet {
  private size = 0;
  private mod = 0;
  private mask = 0;
  private hashes: number[] = [];
  private keys: (string | undefined)[] = [];
  private nnodes = 0;
  private noccupied = 0;

  constructor() {
    this.setShift(MIN_SHIFT);
    this.hashes = new Array<number>(this.size).fill(UNUSED);
    this.keys = new Array<string | undefined>(this.size).fill(undefined);
  }

  insert(key: string): void {
    const found = this.lookup(key);
    if (found.present) return;
    const old = this.hashes[found.index];
    this.hashes[found.index] = found.hash;
    this.keys[found.index] = key;
    this.nnodes++;
    if (old === UNUSED) {
      this.noccupied++;
      this.maybeResize();
    }
  }

  remove(key: string): void {
    const found = this.lookup(key);
    if (!found.present) return;
    this.hashes[found.index] = TOMBSTONE;
    this.keys[found.index] = undefined;
    this.nnodes--;
    this.maybeResize();
  }

  /** The first key in iteration order (g_hash_table_iter_next). */
  first(): string | undefined {
    const index = this.hashes.findIndex((hash) => hash > TOMBSTONE);
    return index < 0 ? undefined : this.keys[index];
  }

  private setShift(shift: number): void {
    this.size = 1 << shift;
    this.mod = PRIME_MOD[shift] ?? 1;
    this.mask = this.size - 1;
  }

  private toIndex(hash: number): number {
    return (Math.imul(hash, 11) >>> 0) % this.mod;
  }

  /** g_hash_table_lookup_node: the key's slot, or where it would go (the first tombstone passed). */
  private lookup(key: string): { index: number; hash: number; present: boolean } {
    const raw = gStrHash(key);
    const hash = raw > TOMBSTONE ? raw : 2;
    let index = this.toIndex(hash);
    let tombstone = -1;
    for (let step = 1; this.hashes[index] !== UNUSED; step++) {
      if (this.hashes[index] === hash && this.keys[index] === key) return { index, hash, present: true };
      if (this.hashes[index] === TOMBSTONE && tombstone < 0) tombstone = index;
      index = (index + step) & this.mask;
    }
    return { index: tombstone >= 0 ? tombstone : index, hash, present: false };
  }

  private maybeResize(): void {
    const { noccupied, size } = this;
    if ((size > this.nnodes * 4 && size > 1 << MIN_SHIFT) || size <= noccupied + Math.trunc(noccupied / 16))
      this.resize();
  }

  /** g_hash_table_resize: in place, evicting entries along their new probe chains. */
  private resize(): void {
    const oldSize = this.size;
    let wanted = Math.trunc(this.nnodes * 1.333);
    let shift = 0;
    for (; wanted > 0; shift++) wanted >>= 1;
    this.setShift(Math.max(shift, MIN_SHIFT));
    for (let i = oldSize; i < this.size; i++) {
      this.hashes[i] = UNUSED;
      this.keys[i] = undefined;
    }
    const placed = new Set<number>();
    for (let i = 0; i < oldSize; i++) this.relocate(i, placed);
    this.hashes.length = this.size;
    this.keys.length = this.size;
    this.noccupied = this.nnodes;
  }

  private relocate(i: number, placed: Set<number>): void {
    let hash = this.hashes[i] ?? UNUSED;
    if (hash <= TOMBSTONE) {
      this.hashes[i] = UNUSED;
      return;
    }
    if (placed.has(i)) return;
    this.hashes[i] = UNUSED;
    let key = this.keys[i];
    this.keys[i] = undefined;
    for (;;) {
      let index = this.toIndex(hash);
      for (let step = 1; placed.has(index); step++) index = (index + step) & this.mask;
      placed.add(index);
      const replaced = this.hashes[index] ?? UNUSED;
      const evicted = this.keys[index];
      this.hashes[index] = hash;
      this.keys[index] = key;
      if (replaced <= TOMBSTONE) return;
      hash = replaced;
      key = evicted;
    }
  }
}

/**
 * The key QEMU reports as unexpected when a JSON object has `keys` (in text order) and the visitor
 * consumed `consumed` (in visiting order), or undefined when every key was consumed.
 */
export function firstUnexpected(keys: readonly string[], consumed: readonly string[]): string | undefined {
  const table = new GHashSet();
  for (const key of qdictOrder(keys)) table.insert(key);
  for (const key of consumed) table.remove(key);
  return table.first();
}

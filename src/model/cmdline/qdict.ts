import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';

/**
 * The flat option dictionaries the block layer passes around (QEMU's QDict after qdict_flatten:
 * `file.cache.direct`), each entry tagged with where it came from, because a value's source
 * decides what beats what (semantics doc §3.5).
 */
export type QValue = string | number | boolean | null;

/**
 * Where an entry came from: the user (`explicit`), a `json:` filename (`json`), `-drive`'s
 * own defaults (`drive`, blockdev.c: blockdev_init), or another QEMU default (`default`).
 */
export type Origin = 'explicit' | 'json' | 'drive' | 'default';

/** One option value and where it came from. */
export interface QEntry {
  value: QValue;
  origin: Origin;
}

/** Insertion-ordered, like the order in which QEMU filled the dict. */
export type QDict = Map<string, QEntry>;

/** qobject/block-qdict.c: qdict_flatten — nested objects become dotted keys, lists `key.N`. */
export function flatten(value: JsonObject, origin: Origin, prefix = '', into: QDict = new Map()): QDict {
  for (const [key, item] of Object.entries(value)) flattenValue(`${prefix}${key}`, item, origin, into);
  return into;
}

function flattenValue(key: string, item: JsonValue, origin: Origin, into: QDict): void {
  if (isJsonObject(item)) flatten(item, origin, `${key}.`, into);
  else if (Array.isArray(item)) {
    item.forEach((element, i) => {
      flattenValue(`${key}.${String(i)}`, element, origin, into);
    });
  }
  else into.set(key, { value: item, origin });
}

/** qobject/block-qdict.c: qdict_extract_subqdict — moves `prefix…` entries into a new dict. */
export function extractSub(dict: QDict, prefix: string): QDict {
  const sub: QDict = new Map();
  for (const [key, entry] of [...dict]) {
    if (!key.startsWith(prefix)) continue;
    sub.set(key.slice(prefix.length), entry);
    dict.delete(key);
  }
  return sub;
}

/** qobject/qdict.c: qdict_join(dst, src, overwrite=false) — adds what `dst` lacks. */
export function joinUnder(dst: QDict, src: QDict): void {
  for (const [key, entry] of src) if (!dst.has(key)) dst.set(key, entry);
}

/** qdict_set_default_str: sets `key` only when absent. */
export function setDefault(dict: QDict, key: string, value: QValue, origin: Origin): void {
  if (!dict.has(key)) dict.set(key, { value, origin });
}

/** A string entry's value (qdict_get_try_str), undefined for absent or typed entries. */
export function getStr(dict: QDict, key: string): string | undefined {
  const value = dict.get(key)?.value;
  return typeof value === 'string' ? value : undefined;
}

/** qobject/qdict.c: tdb_hash, the bucket function of QEMU's QDict (512 buckets). */
export function qdictBucket(key: string): number {
  const bytes = utf8Bytes(key);
  let value = Math.imul(0x238f13af, bytes.length) >>> 0;
  bytes.forEach((byte, i) => {
    value = (value + ((byte << ((i * 5) % 24)) >>> 0)) >>> 0;
  });
  return ((Math.imul(1103515243, value) + 12345) >>> 0) % 512;
}

function utf8Bytes(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return out;
}

/**
 * The key qdict_first returns: the lowest bucket, and within a bucket the entry inserted last
 * (QLIST_INSERT_HEAD). QEMU names this key when it reports one of several unknown options.
 */
export function qdictFirst(keys: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestBucket = Infinity;
  for (const key of keys) {
    const bucket = qdictBucket(key);
    if (bucket <= bestBucket) [best, bestBucket] = [key, bucket];
  }
  return best;
}

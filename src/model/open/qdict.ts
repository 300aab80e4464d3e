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
  } else into.set(key, { value: item, origin });
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

/**
 * qobject/block-qdict.c: qdict_crumple — dotted keys become nested objects again, objects whose
 * keys are 0…N-1 become lists. `skip` names top-level keys to leave out.
 */
export function crumple(dict: QDict, skip: ReadonlySet<string> = new Set()): JsonObject {
  const root: JsonObject = {};
  for (const [key, { value }] of dict) {
    if (skip.has(key)) continue;
    const parts = key.split('.');
    const last = parts.pop() as string;
    let at = root;
    for (const part of parts) {
      const inner = at[part];
      at = isJsonObject(inner) ? inner : (at[part] = {});
    }
    at[last] = value;
  }
  return listify(root) as JsonObject;
}

function listify(value: JsonValue): JsonValue {
  if (!isJsonObject(value)) return value;
  const keys = Object.keys(value);
  const entries = keys.map((key) => [key, listify(value[key] as JsonValue)] as const);
  const isList = keys.length > 0 && keys.every((key, i) => key === String(i));
  return isList ? entries.map(([, item]) => item) : Object.fromEntries(entries);
}

import type { JsonObject, JsonValue } from '../json.ts';

/**
 * QEMU's keyval syntax (util/keyval.c), used by the non-JSON form of `-blockdev`: dotted keys
 * build nested objects, all-numeric fragments build lists, `,,` escapes a comma in a value,
 * and the first item may omit its key (the implied key, `driver` for `-blockdev`).
 */
export type KeyvalResult = { ok: true; value: JsonObject } | { ok: false; message: string };

class KeyvalError extends Error {}

/** util/qapi-util.c: parse_qapi_name — the length of a QAPI name at the start of `s`, or 0. */
function qapiNameLength(s: string): number {
  const match = /^(?:__[A-Za-z0-9.-]+_)?[A-Za-z][A-Za-z0-9_-]*/.exec(s);
  return match?.[0].length ?? 0;
}

/** util/keyval.c: key_to_index with an end pointer — the length of a leading decimal index, or 0. */
function indexLength(s: string): number {
  const match = /^[0-9]+/.exec(s);
  return match === null || Number(match[0]) > 0x7fffffff ? 0 : match[0].length;
}

/** Splits a key into fragments, checking each as keyval_parse_one does. */
function fragments(key: string): string[] {
  const out: string[] = [];
  for (let s = 0; ;) {
    const rest = key.slice(s);
    const len = s > 0 && indexLength(rest) > 0 ? indexLength(rest) : qapiNameLength(rest);
    if (len === 0 || (len < rest.length && rest[len] !== '.')) throw new KeyvalError(`Invalid parameter '${key}'`);
    if (len >= 128) {
      const what = s > 0 || len !== key.length ? ' fragment' : '';
      throw new KeyvalError(`Parameter${what} '${rest.slice(0, len)}' is too long`);
    }
    out.push(rest.slice(0, len));
    if (len === rest.length) return out;
    s += len + 1;
  }
}

/** util/keyval.c: keyval_parse_put — a string where a dict is, or the reverse, is an error. */
function put(root: JsonObject, parts: string[], value: string): void {
  let cur = root;
  parts.forEach((part, i) => {
    const old = cur[part];
    const last = i === parts.length - 1;
    if (old !== undefined && (typeof old === 'string') !== last) {
      throw new KeyvalError(`Parameters '${parts.slice(0, i + 1).join('.')}.*' used inconsistently`);
    }
    if (last) cur[part] = value;
    else cur = (old ?? (cur[part] = {})) as JsonObject;
  });
}

/** Reads a value up to a single comma, unescaping `,,`. */
function readValue(text: string, from: number): { value: string; next: number } {
  let value = '';
  let at = from;
  for (; at < text.length; at++) {
    if (text[at] === ',') {
      if (text[at + 1] !== ',') return { value, next: at + 1 };
      at++;
    }
    value += text[at] as string;
  }
  return { value, next: at };
}

/** util/keyval.c: keyval_parse_one. */
function parseOne(root: JsonObject, text: string, from: number, implied: string | undefined): number {
  const rest = text.slice(from);
  const cut = rest.search(/[=,]/);
  const len = cut < 0 ? rest.length : cut;
  if (len > 0 && rest[len] !== '=' && implied !== undefined) {
    put(root, [implied], rest.slice(0, len));
    return from + len + (rest[len] === ',' ? 1 : 0);
  }
  const key = rest.slice(0, len);
  const parts = fragments(key);
  if (rest[len] !== '=') throw new KeyvalError(`Expected '=' after parameter '${key}'`);
  const { value, next } = readValue(text, from + len + 1);
  put(root, parts, value);
  return next;
}

/** util/keyval.c: keyval_listify — dicts whose keys are all indices become lists. */
function listify(cur: JsonObject, path: string): JsonValue {
  let hasIndex = false;
  let hasMember = false;
  for (const [key, value] of Object.entries(cur)) {
    if (/^[0-9]/.test(key)) hasIndex = true;
    else hasMember = true;
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      cur[key] = listify(value, `${path}${key}.`);
  }
  if (hasIndex && hasMember) throw new KeyvalError(`Parameters '${path}*' used inconsistently`);
  if (!hasIndex) return cur;
  const byIndex = new Map(Object.entries(cur).map(([key, value]) => [Number(key), value]));
  const max = Math.max(...byIndex.keys());
  const list: JsonValue[] = [];
  for (let i = 0; i <= Math.min(max, byIndex.size); i++) {
    const item = byIndex.get(i);
    if (item === undefined) throw new KeyvalError(`Parameter '${path}${String(i)}' missing`);
    list.push(item);
  }
  return list;
}

/**
 * Parses a keyval string into nested objects of strings (util/keyval.c: keyval_parse).
 *
 * @example parseKeyval('qcow2,node-name=d,file.driver=file,file.filename=a,,b.qcow2', 'driver')
 *   // { ok: true, value: { driver: 'qcow2', 'node-name': 'd', file: { driver: 'file', filename: 'a,b.qcow2' } } }
 */
export function parseKeyval(text: string, impliedKey?: string): KeyvalResult {
  const root: JsonObject = {};
  try {
    for (let at = 0, first = true; at < text.length; first = false) {
      at = parseOne(root, text, at, first ? impliedKey : undefined);
    }
    return { ok: true, value: listify(root, '') as JsonObject };
  } catch (err) {
    if (err instanceof KeyvalError) return { ok: false, message: err.message };
    throw err;
  }
}

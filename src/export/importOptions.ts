import {
  isJsonObject,
  membersOf,
  visitStructArgs,
  type JsonObject,
  type JsonValue,
  type OptionSpec,
  type OptionType,
} from '../model/index.ts';

/**
 * Option values as written on a command line are strings (`read-only=on`, `size=1048576`) until
 * QEMU's QAPI input visitor reads them in keyval mode, converting each by its member's type
 * (qapi/qobject-input-visitor.c: qobject_input_type_*_keyval). The importer converts them the same
 * way, tolerantly: a key the schema does not know, or a value the visitor would refuse, is kept
 * as written, so that validation reports it and export writes it back unchanged.
 */

/**
 * Sets `obj[key]` as an own data property, also for keys such as `__proto__` that plain
 * assignment would treat specially: imported keys are whatever the user wrote.
 */
export function put(obj: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * qobject/block-qdict.c: qdict_crumple over flat `key.sub` entries in order: dotted keys become
 * nested objects, objects whose keys are exactly 0…N-1 become lists. A later key that needs an
 * object where a scalar is, or the reverse, replaces it (the flat input has no such clash when it
 * comes from QemuOpts or a flattened dict).
 */
export function crumpleEntries(entries: Iterable<readonly [string, JsonValue]>): JsonObject {
  const root: JsonObject = {};
  for (const [key, value] of entries) {
    const parts = key.split('.');
    const last = parts.pop() as string;
    let at = root;
    for (const part of parts) {
      const inner = Object.hasOwn(at, part) ? at[part] : undefined;
      if (isJsonObject(inner)) at = inner;
      else {
        const fresh: JsonObject = {};
        put(at, part, fresh);
        at = fresh;
      }
    }
    put(at, last, value);
  }
  return listify(root) as JsonObject;
}

function listify(value: JsonValue): JsonValue {
  if (!isJsonObject(value)) return value;
  const keys = Object.keys(value);
  const isList = keys.length > 0 && keys.every((key, i) => key === String(i));
  if (isList) return keys.map((key) => listify(value[key] as JsonValue));
  const out: JsonObject = {};
  for (const key of keys) put(out, key, listify(value[key] as JsonValue));
  return out;
}

/** Scalar kinds the keyval visitor converts from a string. */
const SCALAR_KINDS: ReadonlySet<OptionType['kind']> = new Set(['bool', 'int', 'number', 'str', 'enum', 'alternate']);

/** A one-member struct around `spec`, so that the model's visitor converts exactly one value. */
function convertScalar(spec: OptionSpec, value: string): JsonValue {
  const visited = visitStructArgs({ members: [{ ...spec, required: false }] }, { [spec.name]: value }, 'keyval');
  return visited.ok ? (visited.value[spec.name] ?? value) : value;
}

function convertValue(spec: OptionSpec, value: JsonValue): JsonValue {
  const { type } = spec;
  if (typeof value === 'string') return SCALAR_KINDS.has(type.kind) ? convertScalar(spec, value) : value;
  if (isJsonObject(value)) {
    if (type.kind === 'struct') return convertMembers(membersOf(type.struct, value), value);
    if (type.kind === 'alternate') {
      const struct = type.choices.find((choice) => choice.kind === 'struct');
      return struct?.kind === 'struct' ? convertMembers(membersOf(struct.struct, value), value) : value;
    }
    return value;
  }
  if (Array.isArray(value) && type.kind === 'array') {
    return value.map((item, i) => convertValue({ ...spec, name: String(i), type: type.element }, item));
  }
  return value;
}

/**
 * Converts the string values of `value` that `members` type (recursively through structs, unions
 * and lists) as the keyval visitor does; everything else is kept as written.
 *
 * @example convertMembers(catalogue.drivers.file.options, { filename: 'a', 'read-only': 'on', x: 'on' })
 *   // { filename: 'a', 'read-only': true, x: 'on' }
 */
export function convertMembers(members: readonly OptionSpec[], value: JsonObject): JsonObject {
  const byName = new Map(members.map((m) => [m.name, m]));
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const spec = byName.get(key);
    put(out, key, spec === undefined ? item : convertValue(spec, item));
  }
  return out;
}

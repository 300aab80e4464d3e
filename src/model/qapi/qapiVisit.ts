import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { catalogue } from '../schema/catalogue.ts';
import { membersOf } from '../schema/checkValue.ts';
import { qapiTypeName, type OptionSpec, type OptionType, type StructSpec } from '../schema/optionTypes.ts';
import { firstUnexpected } from './ghash.ts';
import { QAPI_TEXT } from './messages.ts';
import { alternateBranch, visitScalar, VisitError, wrongType, type Site } from './qapiScalar.ts';

/**
 * QEMU's QObject input visitor (qapi/qobject-input-visitor.c and the generated visitors), one for
 * blockdev-add, object-add and the other QMP commands (JSON mode) and for `-blockdev` and `-object`
 * (keyval mode: every scalar arrives as a string and is converted by the member's type). Members
 * are visited in schema order and the first error wins, then the keys nobody visited are reported
 * in GLib hash-table order. Messages use the full dotted name (`file.cache.direct`,
 * `children[1].driver`) where the visitor builds it, and the bare member name (`driver`, or `null`
 * for a list element) where the generated code passes only that: bad enum values and the
 * alternates such as BlockdevRef.
 */
export type VisitMode = Site['mode'];

/** The checked, typed arguments, or QEMU's error. */
export type VisitResult = { ok: true; value: JsonObject } | { ok: false; message: string };

const member = (site: Site, name: string): Site => ({
  mode: site.mode,
  path: site.path === '' ? name : `${site.path}.${name}`,
  name,
});

const element = (site: Site, index: number): Site => ({
  mode: site.mode,
  path: site.mode === 'json' ? `${site.path}[${String(index)}]` : `${site.path}.${String(index)}`,
  name: null,
});

/** The generated visit_type_<alternate>: QERR_INVALID_PARAMETER_TYPE with the bare name. */
const wrongAlternate = (site: Site, expected: string) =>
  new VisitError(QAPI_TEXT.invalidType(site.name ?? 'null', expected));

function visit(type: OptionType, value: JsonValue, site: Site): JsonValue {
  switch (type.kind) {
    case 'struct':
      if (!isJsonObject(value)) throw wrongType(site, 'object');
      return visitStruct(type.struct, value, site);
    case 'array':
      if (!Array.isArray(value)) throw wrongType(site, 'array');
      return value.map((item, i) => visit(type.element, item, element(site, i)));
    case 'child':
      return visitRef(type.nullable, value, site);
    case 'alternate': {
      const branch = alternateBranch(type.choices, value, site.mode);
      if (branch === undefined) throw wrongAlternate(site, qapiTypeName(type));
      return visit(branch, value, site);
    }
    default:
      return visitScalar(type, value, site);
  }
}

/** BlockdevRef / BlockdevRefOrNull: a node-name, a definition, or (OrNull) JSON null. */
function visitRef(nullable: boolean, value: JsonValue, site: Site): JsonValue {
  if (typeof value === 'string') return value;
  if (isJsonObject(value)) return visitBlockdevOptions(value, site);
  if (value === null && nullable) return null;
  throw wrongAlternate(site, nullable ? 'BlockdevRefOrNull' : 'BlockdevRef');
}

/** Visits `members` in order, then qobject_input_check_struct names the first key left over. */
function visitMembers(members: readonly OptionSpec[], value: JsonObject, site: Site): JsonObject {
  const out: JsonObject = {};
  for (const spec of members) {
    const item = value[spec.name];
    const at = member(site, spec.name);
    if (item === undefined) {
      if (spec.required) throw new VisitError(QAPI_TEXT.missing(at.path));
      continue;
    }
    out[spec.name] = visit(spec.type, item, at);
  }
  const left = firstUnexpected(
    Object.keys(value),
    members.map((m) => m.name),
  );
  if (left !== undefined) throw new VisitError(QAPI_TEXT.unexpected(member(site, left).path));
  return out;
}

/** A struct, or a flat union: the base members (the tag among them), then the tag's variant. */
function visitStruct(struct: StructSpec, value: JsonObject, site: Site): JsonObject {
  return visitMembers(membersOf(struct, value), value, site);
}

/** BlockdevOptions: the `driver` tag first, then the common members, then the driver's own. */
function visitBlockdevOptions(value: JsonObject, site: Site): JsonObject {
  const at = member(site, 'driver');
  if (value.driver === undefined) throw new VisitError(QAPI_TEXT.missing(at.path));
  // A str member: a string comes back, anything else throws.
  const driver = visitScalar({ kind: 'str' }, value.driver, at) as string;
  const schema = catalogue.drivers[driver];
  if (schema === undefined) throw new VisitError(QAPI_TEXT.badEnum('driver', driver));
  const tag: OptionSpec = { name: 'driver', type: { kind: 'str' }, required: true, deprecated: false };
  return visitMembers([tag, ...schema.options], value, site);
}

function run(visitTop: (site: Site) => JsonObject, mode: VisitMode): VisitResult {
  try {
    return { ok: true, value: visitTop({ mode, path: '', name: null }) };
  } catch (err) {
    if (err instanceof VisitError) return { ok: false, message: err.message };
    throw err;
  }
}

/**
 * Checks and types `BlockdevOptions`: blockdev-add's arguments (JSON) or a `-blockdev` (keyval or JSON).
 *
 * @example visitBlockdev({ driver: 'null-co', 'node-name': 'n', 'read-only': 'on' }, 'keyval')
 *   // { ok: true, value: { driver: 'null-co', 'node-name': 'n', 'read-only': true } }
 */
export function visitBlockdev(value: JsonObject, mode: VisitMode): VisitResult {
  return run((site) => visitBlockdevOptions(value, site), mode);
}

/**
 * Checks and types the arguments of a QAPI struct or flat union (a command's arguments,
 * `object-add`'s ObjectOptions) the way the QObject input visitor does.
 *
 * @example visitStructArgs(catalogue.commandArguments('blockdev-del'), { 'node-name': 5 }, 'json')
 *   // { ok: false, message: "Invalid parameter type for 'node-name', expected: string" }
 */
export function visitStructArgs(struct: StructSpec, value: JsonObject, mode: VisitMode): VisitResult {
  return run((site) => visitStruct(struct, value, site), mode);
}

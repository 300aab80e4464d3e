import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { catalogue } from '../schema/catalogue.ts';
import { membersOf } from '../schema/checkValue.ts';
import { qapiTypeName, type OptionSpec, type OptionType, type StructSpec } from '../schema/optionTypes.ts';
import { ghashFirst } from './ghash.ts';

/**
 * QEMU's QObject input visitor (qapi/qobject-input-visitor.c) applied to `BlockdevOptions`, as
 * `-blockdev` runs it: in keyval mode every scalar arrives as a string and is converted by the
 * member's type; in JSON mode the JSON types must match. Members are visited in schema order,
 * so the first error is the one QEMU reports.
 */
export type VisitMode = 'keyval' | 'json';

/** The checked, typed arguments, or QEMU's error. */
export type VisitResult = { ok: true; value: JsonObject } | { ok: false; message: string };

class VisitError extends Error {}

interface Site {
  mode: VisitMode;
  /** qobject_input full_name: dotted in keyval mode, `children[0]` in JSON mode. */
  path: string;
}

const child = (site: Site, key: string | number): Site => {
  if (typeof key === 'number') return { ...site, path: site.mode === 'json' ? `${site.path}[${String(key)}]` : `${site.path}.${String(key)}` };
  return { ...site, path: site.path === '' ? key : `${site.path}.${key}` };
};

const wrongType = (site: Site, expected: string) => new VisitError(`Invalid parameter type for '${site.path}', expected: ${expected}`);

/** qemu_strtoi64 with base 0: decimal, 0x hex or 0 octal; undefined when it is none of them. */
function parseInteger(text: string): number | undefined {
  const match = /^\s*([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (match === null) return undefined;
  const body = match[2] ?? '';
  const magnitude = /^0[xX]/.test(body) ? parseInt(body.slice(2), 16) : body.startsWith('0') ? parseInt(body, 8) : Number(body);
  return match[1] === '-' ? -magnitude : magnitude;
}

function visitScalar(type: OptionType, value: JsonValue, site: Site): JsonValue {
  if (site.mode === 'keyval') {
    if (isJsonObject(value)) throw new VisitError(`Parameters '${site.path}.*' are unexpected`);
    if (typeof value !== 'string') throw wrongType(site, 'string');
    return fromString(type, value, site);
  }
  const ok =
    (type.kind === 'bool' && typeof value === 'boolean') ||
    (type.kind === 'int' && Number.isInteger(value)) ||
    (type.kind === 'number' && typeof value === 'number') ||
    ((type.kind === 'str' || type.kind === 'enum') && typeof value === 'string') ||
    (type.kind === 'null' && value === null) ||
    type.kind === 'any';
  if (!ok) throw wrongType(site, qapiTypeName(type));
  checkEnum(type, value, site);
  return value;
}

function fromString(type: OptionType, value: string, site: Site): JsonValue {
  switch (type.kind) {
    case 'bool':
      if (['on', 'yes', 'true', 'y'].includes(value)) return true;
      if (['off', 'no', 'false', 'n'].includes(value)) return false;
      throw new VisitError(`Parameter '${site.path}' expects 'on' or 'off'`);
    case 'int':
    {
      const n = parseInteger(value);
      if (n === undefined) throw new VisitError(`Parameter '${site.path}' expects integer`);
      return n;
    }
    case 'number':
      if (value.trim() === '' || Number.isNaN(Number(value))) throw new VisitError(`Parameter '${site.path}' expects number`);
      return Number(value);
    default:
      checkEnum(type, value, site);
      return value;
  }
}

function checkEnum(type: OptionType, value: JsonValue, site: Site): void {
  if (type.kind === 'enum' && typeof value === 'string' && !type.values.includes(value)) {
    throw new VisitError(`Parameter '${site.path}' does not accept value '${value}'`);
  }
}

function visit(type: OptionType, value: JsonValue, site: Site): JsonValue {
  switch (type.kind) {
    case 'struct':
      if (!isJsonObject(value)) throw wrongType(site, 'object');
      return visitStruct(type.struct, value, site);
    case 'array':
      if (!Array.isArray(value)) throw wrongType(site, 'array');
      return value.map((item, i) => visit(type.element, item, child(site, i)));
    case 'child':
      return visitRef(type.nullable, value, site);
    case 'alternate':
      return visitAlternate(type.choices, value, site);
    default:
      return visitScalar(type, value, site);
  }
}

/** BlockdevRef / BlockdevRefOrNull: a node-name, a definition, or (OrNull) JSON null. */
function visitRef(nullable: boolean, value: JsonValue, site: Site): JsonValue {
  if (typeof value === 'string') return value;
  if (isJsonObject(value)) return visitBlockdevOptions(value, site);
  if (value === null && nullable) return null;
  throw wrongType(site, nullable ? 'BlockdevRefOrNull' : 'BlockdevRef');
}

function visitAlternate(choices: readonly OptionType[], value: JsonValue, site: Site): JsonValue {
  const structural = (t: OptionType) => t.kind === 'struct' || t.kind === 'array';
  const wanted = isJsonObject(value) || Array.isArray(value) ? choices.find(structural) : choices.find((t) => !structural(t));
  if (wanted === undefined) throw wrongType(site, qapiTypeName({ kind: 'alternate', choices }));
  return visit(wanted, value, site);
}

function visitMembers(members: readonly OptionSpec[], value: JsonObject, site: Site): JsonObject {
  const out: JsonObject = {};
  for (const member of members) {
    const item = value[member.name];
    if (item === undefined) {
      if (member.required) throw new VisitError(`Parameter '${child(site, member.name).path}' is missing`);
      continue;
    }
    out[member.name] = visit(member.type, item, child(site, member.name));
  }
  const visited = new Set(members.map((m) => m.name));
  const unexpected = ghashFirst(Object.keys(value), visited);
  if (unexpected !== undefined) throw new VisitError(`Parameter '${child(site, unexpected).path}' is unexpected`);
  return out;
}

function visitStruct(struct: StructSpec, value: JsonObject, site: Site): JsonObject {
  if (struct.union !== undefined) {
    const tag = struct.members.find((m) => m.name === struct.union?.tag);
    if (tag !== undefined && value[tag.name] !== undefined) visit(tag.type, value[tag.name] as JsonValue, child(site, tag.name));
  }
  return visitMembers(membersOf(struct, value), value, site);
}

/** BlockdevOptions: the `driver` tag first, then the common members, then the driver's own. */
function visitBlockdevOptions(value: JsonObject, site: Site): JsonObject {
  const driverSite = child(site, 'driver');
  const driver = value.driver;
  if (driver === undefined) throw new VisitError(`Parameter '${driverSite.path}' is missing`);
  if (isJsonObject(driver) && site.mode === 'keyval') throw new VisitError(`Parameters '${driverSite.path}.*' are unexpected`);
  if (typeof driver !== 'string') throw wrongType(driverSite, 'string');
  const schema = catalogue.drivers[driver];
  if (schema === undefined) throw new VisitError(`Parameter '${driverSite.path}' does not accept value '${driver}'`);
  const tag: OptionSpec = { name: 'driver', type: { kind: 'str' }, required: true, deprecated: false };
  return visitMembers([tag, ...schema.options], value, site);
}

/**
 * Checks and types `-blockdev` arguments against the QAPI schema.
 *
 * @example visitBlockdev({ driver: 'null-co', 'node-name': 'n', 'read-only': 'on' }, 'keyval')
 *   // { ok: true, value: { driver: 'null-co', 'node-name': 'n', 'read-only': true } }
 */
export function visitBlockdev(value: JsonObject, mode: VisitMode): VisitResult {
  try {
    return { ok: true, value: visitBlockdevOptions(value, { mode, path: '' }) };
  } catch (err) {
    if (err instanceof VisitError) return { ok: false, message: err.message };
    throw err;
  }
}

/**
 * Checks and types the arguments of a QAPI struct (such as `object-add`'s ObjectOptions) the
 * way the QObject input visitor does.
 */
export function visitStructArgs(struct: StructSpec, value: JsonObject, mode: VisitMode): VisitResult {
  try {
    return { ok: true, value: visitStruct(struct, value, { mode, path: '' }) };
  } catch (err) {
    if (err instanceof VisitError) return { ok: false, message: err.message };
    throw err;
  }
}

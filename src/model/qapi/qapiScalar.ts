import { isJsonObject, type JsonValue } from '../json.ts';
import { qapiTypeName, type OptionType } from '../schema/optionTypes.ts';
import { QAPI_TEXT } from './messages.ts';

/**
 * Where the visitor stands: the input mode, the full name QEMU builds for its own messages
 * (qobject-input-visitor.c: full_name, `a.b` and `children[0]` in JSON, `children.0` in keyval)
 * and the bare name the generated code passes (null for a list element).
 */
export interface Site {
  mode: 'keyval' | 'json';
  path: string;
  name: string | null;
}

/** What the visitor refuses; `message` is QEMU's text. */
export class VisitError extends Error {}

/** QERR_INVALID_PARAMETER_TYPE with the full name. */
export function wrongType(site: Site, expected: string): VisitError {
  return new VisitError(QAPI_TEXT.invalidType(site.path, expected));
}

/** qemu_strtoi64 with base 0: decimal, 0x hex or 0 octal; undefined when it is none of them. */
function parseInteger(text: string): number | undefined {
  const match = /^\s*([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (match === null) return undefined;
  const body = match[2] ?? '';
  const magnitude = /^0[xX]/.test(body)
    ? parseInt(body.slice(2), 16)
    : body.startsWith('0')
      ? parseInt(body, 8)
      : Number(body);
  return match[1] === '-' ? -magnitude : magnitude;
}

/** qapi-visit-core.c: input_type_enum names the bare member ("null" in a list). */
function checkEnum(type: OptionType, value: JsonValue, site: Site): void {
  if (type.kind === 'enum' && typeof value === 'string' && !type.values.includes(value)) {
    throw new VisitError(QAPI_TEXT.badEnum(site.name ?? 'null', value));
  }
}

/** qobject_input_type_*_keyval: the string of a keyval scalar, converted by the member's type. */
function fromString(type: OptionType, value: string, site: Site): JsonValue {
  switch (type.kind) {
    case 'bool':
      if (['on', 'yes', 'true', 'y'].includes(value)) return true;
      if (['off', 'no', 'false', 'n'].includes(value)) return false;
      throw new VisitError(QAPI_TEXT.expectsBool(site.path));
    case 'int': {
      const n = parseInteger(value);
      if (n === undefined) throw new VisitError(QAPI_TEXT.expectsInteger(site.path));
      return n;
    }
    case 'number':
      if (value.trim() === '' || Number.isNaN(Number(value))) throw new VisitError(QAPI_TEXT.expectsNumber(site.path));
      return Number(value);
    default:
      checkEnum(type, value, site);
      return value;
  }
}

/** The JSON type a scalar type takes (qobject_input_type_*): numbers for int and number. */
function jsonMatches(type: OptionType, value: JsonValue): boolean {
  switch (type.kind) {
    case 'bool':
      return typeof value === 'boolean';
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'str':
    case 'enum':
      return typeof value === 'string';
    case 'null':
      return value === null;
    default:
      return true;
  }
}

/** Visits a scalar: typed JSON must match; keyval strings are converted (qobject_input_get_keyval). */
export function visitScalar(type: OptionType, value: JsonValue, site: Site): JsonValue {
  if (site.mode === 'keyval') {
    if (isJsonObject(value) || Array.isArray(value)) throw new VisitError(QAPI_TEXT.unexpectedMembers(site.path));
    if (typeof value !== 'string') throw wrongType(site, 'string');
    return fromString(type, value, site);
  }
  if (!jsonMatches(type, value)) throw wrongType(site, qapiTypeName(type));
  checkEnum(type, value, site);
  return value;
}

/** The JSON type of a value, as qobject_type tells an alternate's branches apart. */
function jsonKind(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return isJsonObject(value) ? 'object' : typeof value;
}

function kindOf(type: OptionType): string {
  switch (type.kind) {
    case 'str':
    case 'enum':
      return 'string';
    case 'int':
    case 'number':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'struct':
      return 'object';
    default:
      return type.kind;
  }
}

/**
 * qobject_input_start_alternate: the branch whose JSON type is the value's; in keyval mode a
 * scalar arrives as a string and takes the first scalar branch.
 */
export function alternateBranch(
  choices: readonly OptionType[],
  value: JsonValue,
  mode: Site['mode'],
): OptionType | undefined {
  const kind = jsonKind(value);
  if (mode === 'keyval' && kind === 'string') return choices.find((t) => t.kind !== 'struct' && t.kind !== 'array');
  return choices.find((choice) => kindOf(choice) === kind);
}

import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { catalogue } from '../schema/catalogue.ts';
import { checkValue } from '../schema/checkValue.ts';
import { describeType, qapiTypeName, type OptionSpec, type OptionType, type StructSpec } from '../schema/optionTypes.ts';
import { firstUnexpected } from './ghash.ts';
import { QEMU_TEXT } from './messages.ts';

/**
 * QEMU's QAPI input visitor over a command's arguments (qapi/qobject-input-visitor.c and the
 * generated visitors): members in schema order, the first error wins, then keys nobody visited.
 * Full dotted names (`file.cache.direct`, `children[1].driver`) in type, missing and unexpected
 * errors; the bare member name (`driver`, or `null` for a list element) where QEMU's generated
 * code passes only that: bad enum values and alternates such as BlockdevRef.
 *
 * @returns QEMU's error text, or undefined when the arguments are valid.
 */
export function visitArguments(struct: StructSpec, args: JsonObject): string | undefined {
  return visitStruct(struct, args, '');
}

/** Visits one `BlockdevOptions` object (blockdev-add's arguments, or a child defined inline). */
export function visitBlockdevOptions(options: JsonObject, path: string): string | undefined {
  const driver = options.driver;
  const driverPath = join(path, 'driver');
  if (driver === undefined) return QEMU_TEXT.missing(driverPath);
  if (typeof driver !== 'string') return QEMU_TEXT.invalidType(driverPath, 'string');
  const schema = catalogue.drivers[driver];
  if (schema === undefined) return QEMU_TEXT.badEnum('driver', driver);
  return visitMembers(schema.options, options, path, ['driver']);
}

function visitStruct(struct: StructSpec, value: JsonObject, path: string): string | undefined {
  const tag = struct.union === undefined ? undefined : value[struct.union.tag];
  const variant = struct.union !== undefined && typeof tag === 'string' ? (struct.union.cases[tag] ?? []) : [];
  return visitMembers([...struct.members, ...variant], value, path, []);
}

/** Visits `members` in order, then reports the key QEMU would find left over. */
function visitMembers(members: readonly OptionSpec[], value: JsonObject, path: string, seen: string[]): string | undefined {
  const consumed = [...seen];
  for (const member of members) {
    const item = value[member.name];
    const full = join(path, member.name);
    if (item === undefined) {
      if (member.required) return QEMU_TEXT.missing(full);
      continue;
    }
    consumed.push(member.name);
    const problem = visitValue(member.type, item, member.name, full);
    if (problem !== undefined) return problem;
  }
  const left = firstUnexpected(Object.keys(value), consumed);
  return left === undefined ? undefined : QEMU_TEXT.unexpected(join(path, left));
}

/**
 * Visits one value. `name` is what QEMU's generated code passes (null for a list element);
 * `full` is the dotted name the visitor builds for its own messages.
 */
function visitValue(type: OptionType, value: JsonValue, name: string | null, full: string): string | undefined {
  switch (type.kind) {
    case 'struct':
      return isJsonObject(value) ? visitStruct(type.struct, value, full) : QEMU_TEXT.invalidType(full, 'object');
    case 'array':
      if (!Array.isArray(value)) return QEMU_TEXT.invalidType(full, 'array');
      for (const [i, item] of value.entries()) {
        const problem = visitValue(type.element, item, null, `${full}[${String(i)}]`);
        if (problem !== undefined) return problem;
      }
      return undefined;
    case 'enum':
      if (typeof value !== 'string') return QEMU_TEXT.invalidType(full, 'string');
      return type.values.includes(value) ? undefined : QEMU_TEXT.badEnum(name ?? 'null', value);
    case 'child':
      return visitChild(type.nullable, value, name, full);
    case 'alternate':
      return visitAlternate(type.choices, value, name, full, describeType(type));
    default:
      return checkValue(type, value, { driver: '', path: full }).length > 0
        ? QEMU_TEXT.invalidType(full, qapiTypeName(type))
        : undefined;
  }
}

/** BlockdevRef / BlockdevRefOrNull: a node-name, an inline definition, or (OrNull) null. */
function visitChild(nullable: boolean, value: JsonValue, name: string | null, full: string): string | undefined {
  if (typeof value === 'string' || (value === null && nullable)) return undefined;
  if (isJsonObject(value)) return visitBlockdevOptions(value, full);
  return QEMU_TEXT.invalidType(name ?? 'null', nullable ? 'BlockdevRefOrNull' : 'BlockdevRef');
}

/** An alternate takes the branch whose JSON type matches the value (qobject_input_start_alternate). */
function visitAlternate(
  choices: readonly OptionType[],
  value: JsonValue,
  name: string | null,
  full: string,
  typeName: string,
): string | undefined {
  const branch = choices.find((choice) => jsonKindOf(choice) === jsonKind(value));
  if (branch === undefined) return QEMU_TEXT.invalidType(name ?? 'null', typeName);
  return visitValue(branch, value, name, full);
}

function jsonKind(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function jsonKindOf(type: OptionType): string {
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

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

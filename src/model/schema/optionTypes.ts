import type { JsonValue } from '../json.ts';

/**
 * Option types as the model uses them, derived from QAPI introspection by `buildCatalogue`.
 * A closed union: code that handles options switches on `kind` once and ends in `assertNever`.
 */
export type OptionType =
  | { kind: 'bool' }
  | { kind: 'int' }
  | { kind: 'number' }
  | { kind: 'str' }
  | { kind: 'any' }
  | { kind: 'null' }
  | { kind: 'enum'; values: readonly string[]; deprecated: readonly string[] }
  | { kind: 'array'; element: OptionType }
  | { kind: 'struct'; struct: StructSpec }
  | { kind: 'alternate'; choices: readonly OptionType[] }
  /** A QAPI BlockdevRef (`nullable: false`) or BlockdevRefOrNull (`nullable: true`): a child link. */
  | { kind: 'child'; nullable: boolean };

/** One member of a QAPI struct. */
export interface OptionSpec {
  name: string;
  type: OptionType;
  required: boolean;
  deprecated: boolean;
  /** What QEMU uses when the option is left out, where known (see knownDefaults.ts). */
  default?: JsonValue;
}

/** A QAPI object type: members, and for a flat union the tag and the members each case adds. */
export interface StructSpec {
  members: readonly OptionSpec[];
  union?: { tag: string; cases: Readonly<Record<string, readonly OptionSpec[]>> };
}

/** Throws at compile time when a closed union gains a member nobody handles. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}

/** True for a child link member: a BlockdevRef(OrNull), or a list of them (quorum's `children`). */
export function isChildLink(type: OptionType): boolean {
  return type.kind === 'child' || (type.kind === 'array' && type.element.kind === 'child');
}

/** A short human-readable name of a type, for diagnostics and tooltips (`bool`, `enum`, `child`…). */
export function describeType(type: OptionType): string {
  switch (type.kind) {
    case 'bool':
    case 'int':
    case 'number':
    case 'str':
    case 'any':
    case 'null':
      return type.kind;
    case 'enum':
      return `one of ${type.values.join(', ')}`;
    case 'array':
      return `list of ${describeType(type.element)}`;
    case 'struct':
      return 'object';
    case 'alternate':
      return type.choices.map(describeType).join(' or ');
    case 'child':
      return type.nullable ? 'node reference, definition or null' : 'node reference or definition';
    default:
      return assertNever(type);
  }
}

/**
 * The word QEMU's QObject input visitor uses for a type in "Invalid parameter type for 'x',
 * expected: …" (qapi/qobject-input-visitor.c).
 */
export function qapiTypeName(type: OptionType): string {
  switch (type.kind) {
    case 'bool':
      return 'boolean';
    case 'int':
      return 'integer';
    case 'number':
      return 'number';
    case 'str':
    case 'enum':
      return 'string';
    case 'null':
      return 'null';
    case 'array':
      return 'array';
    case 'struct':
      return 'object';
    case 'any':
    case 'alternate':
    case 'child':
      return describeType(type);
    default:
      return assertNever(type);
  }
}

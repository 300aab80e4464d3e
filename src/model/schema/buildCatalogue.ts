import type { OptionSpec, OptionType, StructSpec } from './optionTypes.ts';
import type { KnownDefault } from './knownDefaults.ts';
import type { SchemaDump, SchemaEntity, SchemaMember } from './qapi.ts';

/** What the QAPI schema says about one `blockdev-add` driver. */
export interface DriverSchema {
  driver: string;
  /** Every member the driver accepts: the common ones (`node-name`, `cache`…) then its own. */
  options: readonly OptionSpec[];
  /** The driver's own members only (no common ones). */
  ownOptions: readonly OptionSpec[];
  /** Members that are child links (BlockdevRef, BlockdevRefOrNull, or a list of them). */
  children: readonly ChildMemberSpec[];
}

/** A child link member of a driver, e.g. qcow2's `backing` or quorum's `children`. */
export interface ChildMemberSpec {
  name: string;
  required: boolean;
  /** BlockdevRefOrNull: `null` means "no child" (qcow2 `backing: null`). */
  nullable: boolean;
  /** A list of children (`children.0`, `children.1`… in QEMU's edge names). */
  list: boolean;
}

/** Every blockdev-add driver of one QEMU build, derived from its `query-qmp-schema`. */
export interface Catalogue {
  qemuVersion: string;
  /** Members common to every driver (BlockdevOptions' base). */
  common: readonly OptionSpec[];
  drivers: Readonly<Record<string, DriverSchema>>;
  /** Resolves the argument type of a QMP command, e.g. `object-add`; undefined if unknown. */
  commandArguments(command: string): StructSpec | undefined;
}

/**
 * Builds the driver catalogue from a `query-qmp-schema` dump.
 *
 * @example
 *   const catalogue = buildCatalogue(dump);
 *   catalogue.drivers.qcow2.children.map((c) => c.name); // ['file', 'backing', 'data-file']
 */
export function buildCatalogue(dump: SchemaDump, defaults: readonly KnownDefault[] = []): Catalogue {
  const entities = new Map<string, SchemaEntity>(dump.schema.map((entity) => [entity.name, entity]));
  const blockdevAdd = entities.get('blockdev-add');
  if (blockdevAdd?.['meta-type'] !== 'command') throw new Error('schema has no blockdev-add command');
  const convert = new TypeConverter(entities, blockdevAdd['arg-type']);
  const options = entities.get(blockdevAdd['arg-type']);
  if (options?.['meta-type'] !== 'object' || options.variants === undefined) {
    throw new Error('blockdev-add arguments are not a union by driver');
  }
  const defaultsOf = (driver: string) => defaults.filter((d) => d.driver === driver);
  const common = withDefaults(
    options.members.filter((m) => m.name !== options.tag).map((m) => convert.member(m)),
    defaultsOf('*'),
  );
  const drivers: Record<string, DriverSchema> = {};
  for (const variant of options.variants) {
    const ownOptions = withDefaults(convert.structMembers(variant.type), defaultsOf(variant.case));
    drivers[variant.case] = {
      driver: variant.case,
      options: [...common, ...ownOptions],
      ownOptions,
      children: ownOptions.flatMap((option) => childMember(option) ?? []),
    };
  }
  return {
    qemuVersion: dump.qemu.version,
    common,
    drivers,
    commandArguments(command) {
      const entity = entities.get(command);
      if (entity?.['meta-type'] !== 'command') return undefined;
      const type = convert.type(entity['arg-type']);
      return type.kind === 'struct' ? type.struct : undefined;
    },
  };
}

/** Copies the specs that get a default (types are shared between drivers, so nothing is mutated). */
function withDefaults(options: readonly OptionSpec[], defaults: readonly KnownDefault[]): OptionSpec[] {
  return options.map((option) => {
    const own = defaults.find((d) => d.path === option.name);
    if (own) return { ...option, default: own.value };
    const prefix = `${option.name}.`;
    const nested = defaults
      .filter((d) => d.path.startsWith(prefix))
      .map((d) => ({ ...d, path: d.path.slice(prefix.length) }));
    if (nested.length === 0 || option.type.kind !== 'struct') return option;
    const struct = { ...option.type.struct, members: withDefaults(option.type.struct.members, nested) };
    return { ...option, type: { kind: 'struct', struct } };
  });
}

function childMember(option: OptionSpec): ChildMemberSpec | undefined {
  const { type } = option;
  if (type.kind === 'child') {
    return { name: option.name, required: option.required, nullable: type.nullable, list: false };
  }
  if (type.kind === 'array' && type.element.kind === 'child') {
    return { name: option.name, required: option.required, nullable: false, list: true };
  }
  return undefined;
}

/** Turns masked QAPI types into `OptionType`s, memoised by type name. */
class TypeConverter {
  private readonly memo = new Map<string, OptionType>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly entities: ReadonlyMap<string, SchemaEntity>,
    private readonly blockdevOptions: string,
  ) {}

  member(member: SchemaMember): OptionSpec {
    return {
      name: member.name,
      type: this.type(member.type),
      required: !('default' in member),
      deprecated: member.features?.includes('deprecated') ?? false,
    };
  }

  structMembers(name: string): OptionSpec[] {
    const type = this.type(name);
    if (type.kind !== 'struct') throw new Error(`schema type ${name} is not an object`);
    return [...type.struct.members];
  }

  type(name: string): OptionType {
    const known = this.memo.get(name);
    if (known) return known;
    // A type that contains itself (none in blockdev-add today) is cut short rather than looping.
    if (this.inProgress.has(name)) return { kind: 'any' };
    this.inProgress.add(name);
    const converted = this.convert(name);
    this.inProgress.delete(name);
    this.memo.set(name, converted);
    return converted;
  }

  private convert(name: string): OptionType {
    const entity = this.entities.get(name);
    if (entity === undefined) throw new Error(`schema refers to unknown type ${name}`);
    switch (entity['meta-type']) {
      case 'builtin':
        return builtin(entity['json-type']);
      case 'enum':
        return {
          kind: 'enum',
          values: entity.values,
          deprecated: (entity.members ?? []).filter((m) => m.features?.includes('deprecated')).map((m) => m.name),
        };
      case 'array':
        return { kind: 'array', element: this.type(entity['element-type']) };
      case 'alternate':
        return this.alternate(entity.members.map((m) => m.type));
      case 'object':
        return { kind: 'struct', struct: this.struct(entity) };
      case 'command':
      case 'event':
        throw new Error(`schema type ${name} is a ${entity['meta-type']}`);
    }
  }

  private alternate(types: string[]): OptionType {
    if (types.includes(this.blockdevOptions)) {
      return { kind: 'child', nullable: types.some((t) => this.entities.get(t)?.name === 'null') };
    }
    return { kind: 'alternate', choices: types.map((t) => this.type(t)) };
  }

  private struct(entity: Extract<SchemaEntity, { 'meta-type': 'object' }>): StructSpec {
    const members = entity.members.map((m) => this.member(m));
    if (entity.tag === undefined || entity.variants === undefined) return { members };
    const cases: Record<string, OptionSpec[]> = {};
    for (const variant of entity.variants) cases[variant.case] = this.structMembers(variant.type);
    return { members, union: { tag: entity.tag, cases } };
  }
}

function builtin(jsonType: string): OptionType {
  switch (jsonType) {
    case 'boolean':
      return { kind: 'bool' };
    case 'int':
      return { kind: 'int' };
    case 'number':
      return { kind: 'number' };
    case 'string':
      return { kind: 'str' };
    case 'null':
      return { kind: 'null' };
    default:
      return { kind: 'any' };
  }
}

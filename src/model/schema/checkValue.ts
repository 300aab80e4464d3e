import { diagnostic, type Diagnostic } from '../diagnostics.ts';
import { isJsonObject, type JsonValue } from '../json.ts';
import { assertNever, isChildLink, qapiTypeName, type OptionSpec, type OptionType, type StructSpec } from './optionTypes.ts';

/** Where a value sits, for diagnostics: the node and the dotted option path. */
export interface ValueSite {
  node?: string;
  driver: string;
  path: string;
}

/** Checks a JSON value against a QAPI type, as QEMU's input visitor would (in the spirit of libvirt's checker). */
export function checkValue(type: OptionType, value: JsonValue, site: ValueSite): Diagnostic[] {
  const where = { ...(site.node === undefined ? {} : { node: site.node }), path: site.path };
  const wrongType = (): Diagnostic[] => [diagnostic('E302', { option: site.path, expected: qapiTypeName(type) }, where)];
  switch (type.kind) {
    case 'bool':
      return typeof value === 'boolean' ? [] : wrongType();
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) ? [] : wrongType();
    case 'number':
      return typeof value === 'number' ? [] : wrongType();
    case 'str':
      return typeof value === 'string' ? [] : wrongType();
    case 'null':
      return value === null ? [] : wrongType();
    case 'any':
      return [];
    case 'enum':
      if (typeof value !== 'string') return wrongType();
      return type.values.includes(value) ? [] : [diagnostic('E305', { option: site.path, value }, where)];
    case 'array':
      if (!Array.isArray(value)) return wrongType();
      return value.flatMap((item, i) => checkValue(type.element, item, { ...site, path: `${site.path}.${String(i)}` }));
    case 'struct':
      return isJsonObject(value) ? checkStruct(type.struct, value, site) : wrongType();
    case 'alternate':
      return type.choices.some((choice) => checkValue(choice, value, site).length === 0) ? [] : wrongType();
    case 'child':
      return value === null && type.nullable ? [] : [diagnostic('E303', { option: site.path }, where)];
    default:
      return assertNever(type);
  }
}

/** The members a struct accepts given its current value: the base, plus the union case its tag selects. */
export function membersOf(struct: StructSpec, value: Readonly<Record<string, JsonValue>>): readonly OptionSpec[] {
  if (struct.union === undefined) return struct.members;
  const tag = value[struct.union.tag];
  const extra = typeof tag === 'string' ? (struct.union.cases[tag] ?? []) : [];
  return [...struct.members, ...extra];
}

function checkStruct(struct: StructSpec, value: Readonly<Record<string, JsonValue>>, site: ValueSite): Diagnostic[] {
  const members = membersOf(struct, value);
  const prefix = site.path === '' ? '' : `${site.path}.`;
  const where = (path: string) => ({ ...(site.node === undefined ? {} : { node: site.node }), path });
  const problems: Diagnostic[] = [];
  for (const [key, item] of Object.entries(value)) {
    const member = members.find((m) => m.name === key);
    if (member === undefined) {
      problems.push(diagnostic('E301', { option: prefix + key }, where(prefix + key)));
    } else {
      problems.push(...checkValue(member.type, item, { ...site, path: prefix + key }));
    }
  }
  for (const member of members) {
    if (member.required && !(member.name in value) && !isChildLink(member.type)) {
      problems.push(diagnostic('E304', { option: prefix + member.name }, where(prefix + member.name)));
    }
  }
  return problems;
}

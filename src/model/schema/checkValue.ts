import { diagnostic, type Diagnostic } from '../diagnostics.ts';
import { isJsonObject, type JsonValue } from '../json.ts';
import {
  assertNever,
  isChildLink,
  qapiTypeName,
  type OptionSpec,
  type OptionType,
  type StructSpec,
} from './optionTypes.ts';

/** Where a value sits, for diagnostics: the node and the dotted option path. */
export interface ValueSite {
  node?: string;
  driver: string;
  path: string;
}

/** Checks a JSON value against a QAPI type, as QEMU's input visitor would (in the spirit of libvirt's checker). */
export function checkValue(type: OptionType, value: JsonValue, site: ValueSite): Diagnostic[] {
  switch (type.kind) {
    case 'bool':
      return typeof value === 'boolean' ? NONE : wrongType(type, site);
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) ? NONE : wrongType(type, site);
    case 'number':
      return typeof value === 'number' ? NONE : wrongType(type, site);
    case 'str':
      return typeof value === 'string' ? NONE : wrongType(type, site);
    case 'null':
      return value === null ? NONE : wrongType(type, site);
    case 'any':
      return NONE;
    case 'enum':
      if (typeof value !== 'string') return wrongType(type, site);
      return type.values.includes(value)
        ? NONE
        : [diagnostic('E305', { option: site.path, value }, where(site, site.path))];
    case 'array':
      if (!Array.isArray(value)) return wrongType(type, site);
      return value.flatMap((item, i) => checkValue(type.element, item, { ...site, path: `${site.path}.${String(i)}` }));
    case 'struct':
      return isJsonObject(value) ? checkStruct(type.struct, value, site) : wrongType(type, site);
    case 'alternate':
      return type.choices.some((choice) => checkValue(choice, value, site).length === 0) ? NONE : wrongType(type, site);
    case 'child':
      return value === null && type.nullable
        ? NONE
        : [diagnostic('E303', { option: site.path }, where(site, site.path))];
    default:
      return assertNever(type);
  }
}

/** The empty result, shared: checking runs on every edit and most values are fine. */
const NONE: Diagnostic[] = [];

function where(site: ValueSite, path: string): { node?: string; path: string } {
  return site.node === undefined ? { path } : { node: site.node, path };
}

function wrongType(type: OptionType, site: ValueSite): Diagnostic[] {
  return [diagnostic('E302', { option: site.path, expected: qapiTypeName(type) }, where(site, site.path))];
}

/** The members a struct accepts given its current value: the base, plus the union case its tag selects. */
export function membersOf(struct: StructSpec, value: Readonly<Record<string, JsonValue>>): readonly OptionSpec[] {
  if (struct.union === undefined) return struct.members;
  const tag = value[struct.union.tag];
  const extra = typeof tag === 'string' ? (struct.union.cases[tag] ?? []) : [];
  return [...struct.members, ...extra];
}

/** Members by name and the mandatory non-child ones, computed once per member list. */
const memberIndex = new WeakMap<readonly OptionSpec[], { byName: Map<string, OptionSpec>; required: OptionSpec[] }>();

function indexOf(members: readonly OptionSpec[]): { byName: Map<string, OptionSpec>; required: OptionSpec[] } {
  let index = memberIndex.get(members);
  if (index === undefined) {
    index = {
      byName: new Map(members.map((m) => [m.name, m])),
      required: members.filter((m) => m.required && !isChildLink(m.type)),
    };
    memberIndex.set(members, index);
  }
  return index;
}

function checkStruct(struct: StructSpec, value: Readonly<Record<string, JsonValue>>, site: ValueSite): Diagnostic[] {
  const { byName, required } = indexOf(membersOf(struct, value));
  const prefix = site.path === '' ? '' : `${site.path}.`;
  let problems = NONE;
  const add = (found: Diagnostic[]): void => {
    if (found.length > 0) problems = [...problems, ...found];
  };
  for (const key in value) {
    const member = byName.get(key);
    if (member === undefined) add([diagnostic('E301', { option: prefix + key }, where(site, prefix + key))]);
    else add(checkValue(member.type, value[key] as JsonValue, { ...site, path: prefix + key }));
  }
  for (const member of required) {
    if (!(member.name in value))
      add([diagnostic('E304', { option: prefix + member.name }, where(site, prefix + member.name))]);
  }
  return problems;
}

import type { BlockGraph, BlockNode, ChildLink } from '../document.ts';
import { childrenFirst } from '../graphWalk.ts';
import { isJsonObject, type JsonValue } from '../json.ts';
import { childRoleOf } from '../roles.ts';
import { KNOWN_DEFAULTS } from '../schema/knownDefaults.ts';
import {
  ALWAYS_IN_PARENT_DICT,
  INHERITED_OPTIONS,
  INHERIT_RULES,
  type InheritRule,
  type InheritedOption,
  type RoleClass,
} from './rules.ts';

/** Where an effective value comes from. */
export type Provenance =
  /** Set on the node itself (blockdev-add member, `-drive` key, dotted `backing.cache.direct`). */
  | { kind: 'explicit' }
  /** From a `json:` filename (an image header's backing name, or `-drive file=json:…`). */
  | { kind: 'json-filename' }
  | { kind: 'inherited'; from: string; role: string }
  | { kind: 'forced'; role: string; reason: string }
  /** QEMU's default; `by` names what put it in the node's options when it was not the block layer (`-drive`). */
  | { kind: 'default'; by?: string };

export interface Effective {
  value: boolean | string;
  origin: Provenance;
}

/** A node's effective generic options, each with its provenance. */
export type EffectiveOptions = Readonly<Record<InheritedOption, Effective>>;

/** The values a node is opened with before inheritance: by default, its own options as explicit. */
export type GivenOptions = (node: BlockNode) => Partial<Record<InheritedOption, Effective>>;

const OPTION_PATHS = INHERITED_OPTIONS.map((option) => [option, option.split('.')] as const);

const DEFAULTS = new Map(
  KNOWN_DEFAULTS.filter((d) => d.driver === '*').map((d) => [d.path, d.value as boolean | string]),
);

/**
 * What resolveOptions remembers between documents for an editor: each node's result with what it
 * was computed from (the node object, its inline parent's result, the role). Documents are
 * immutable and edits share the nodes they do not change, so after an edit only the nodes it
 * touched, and the inline children below them, are computed again. Valid only with
 * `explicitOptions` as `given` (values that depend on the node object alone).
 */
export type OptionsCache = WeakMap<
  BlockNode,
  { parent: EffectiveOptions | undefined; role: string | undefined; options: EffectiveOptions }
>;

/** An empty OptionsCache. */
export function createOptionsCache(): OptionsCache {
  return new WeakMap();
}

/**
 * Computes every node's effective generic options as QEMU opens a document's `blockdev-add`
 * script: explicit values first, then what an inline child inherits from its parent
 * (block.c: bdrv_inherited_options), then defaults (blockdev.c: bds_tree_init). A referenced
 * child inherits nothing. Linear in the size of the graph. `order` is childrenFirst(graph).order,
 * when the caller has it already; `cache` (with the default `given`) reuses the results of nodes
 * an edit did not affect, the same objects as before.
 */
export function resolveOptions(
  graph: BlockGraph,
  given: GivenOptions = explicitOptions,
  order: readonly string[] = childrenFirst(graph).order,
  cache?: OptionsCache,
): Map<string, EffectiveOptions> {
  const cached = given === explicitOptions ? cache : undefined;
  const result = new Map<string, EffectiveOptions>();
  const definedIn = new Map<string, ChildLink>();
  for (const link of graph.links) if (link.mode === 'inline') definedIn.set(link.child, link);
  // childrenFirst lists children before parents; reversed, every parent comes before its children.
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i] as string;
    const node = graph.nodes[id] as BlockNode;
    const link = definedIn.get(id);
    const parentOptions = link ? result.get(link.parent) : undefined;
    const hit = cached?.get(node);
    if (hit !== undefined && hit.parent === parentOptions && hit.role === link?.role) {
      result.set(id, hit.options);
      continue;
    }
    const parent = link && parentOptions ? context(graph, link, parentOptions) : undefined;
    const own = given(node);
    const options = {} as Record<InheritedOption, Effective>;
    for (const option of INHERITED_OPTIONS) options[option] = own[option] ?? effective(option, parent);
    result.set(id, options);
    cached?.set(node, { parent: parentOptions, role: link?.role, options });
  }
  return result;
}

interface ParentContext {
  id: string;
  role: string;
  options: EffectiveOptions;
  roleClass: RoleClass;
  /** One origin object for every option this child inherits (results are read-only, so shared). */
  inherited: Provenance;
}

function context(graph: BlockGraph, link: ChildLink, options: EffectiveOptions): ParentContext {
  const cow = childRoleOf(graph.nodes[link.parent]?.driver ?? '', link.role)?.flags.includes('cow') ?? false;
  const inherited: Provenance = { kind: 'inherited', from: link.parent, role: link.role };
  return { id: link.parent, role: link.role, options, roleClass: cow ? 'cow' : 'other', inherited };
}

/** QEMU's default of each option, one shared object each: most values of a large graph are defaults. */
const DEFAULT_EFFECTIVE = new Map<InheritedOption, Effective>(
  INHERITED_OPTIONS.map((option) => [option, { value: DEFAULTS.get(option) ?? false, origin: { kind: 'default' } }]),
);

function effective(option: InheritedOption, parent: ParentContext | undefined): Effective {
  if (parent) {
    const rule = INHERIT_RULES[parent.roleClass][option];
    if (rule.kind === 'set') return forced(rule, parent.role);
    const fromParent = parent.options[option];
    if (rule.kind === 'copy' && (ALWAYS_IN_PARENT_DICT.has(option) || fromParent.origin.kind !== 'default')) {
      return { value: fromParent.value, origin: parent.inherited };
    }
  }
  return DEFAULT_EFFECTIVE.get(option) as Effective;
}

/** One origin object for every explicit value (results are read-only, so shared). */
const EXPLICIT: Provenance = { kind: 'explicit' };

/** forced's values, by rule and role. */
const FORCED = new WeakMap<InheritRule, Map<string, Effective>>();

/** The value a `set` rule forces on a child in `role`, one shared object per rule and role. */
function forced(rule: InheritRule & { kind: 'set' }, role: string): Effective {
  let byRole = FORCED.get(rule);
  if (byRole === undefined) FORCED.set(rule, (byRole = new Map<string, Effective>()));
  let value = byRole.get(role);
  if (value === undefined) {
    value = { value: rule.value, origin: { kind: 'forced', role, reason: rule.reason } };
    byRole.set(role, value);
  }
  return value;
}

/** The generic options a node sets itself, as explicit values (`discard` spelled as QEMU stores it). */
export function explicitOptions(node: BlockNode): Partial<Record<InheritedOption, Effective>> {
  const own: Partial<Record<InheritedOption, Effective>> = {};
  for (const [option, path] of OPTION_PATHS) {
    let value: JsonValue | undefined = node.options;
    for (const part of path) value = isJsonObject(value) ? value[part] : undefined;
    if (option === 'discard' && typeof value === 'string')
      value = value === 'on' || value === 'unmap' ? 'unmap' : 'ignore';
    if (typeof value === 'boolean' || typeof value === 'string') own[option] = { value, origin: EXPLICIT };
  }
  return own;
}

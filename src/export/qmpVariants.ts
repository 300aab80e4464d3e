import {
  INHERITED_OPTIONS,
  INHERIT_RULES,
  KNOWN_DEFAULTS,
  MAX_NODE_NAME_LENGTH,
  childRoleOf,
  explicitOptions,
  isWellFormedId,
  withValueAt,
  resolveOptions,
  type BlockGraph,
  type BlockNode,
  type ChildLink,
  type EffectiveOptions,
  type InheritedOption,
  type JsonObject,
} from '../model/index.ts';

/**
 * How a QMP script adds the nodes: `nested` defines each inline child inside its parent's
 * `blockdev-add` (QEMU opens it for the parent, so it inherits); `flat` adds every node with its
 * own `blockdev-add`, children first, and parents name them.
 */
export type QmpLayout = 'nested' | 'flat';

/**
 * Which of the generic options every node has (INHERITED_OPTIONS: cache.direct, cache.no-flush,
 * read-only, auto-read-only, force-share, discard, detect-zeroes) the script writes:
 * - `as-written`: the document's own options, plus what the layout would otherwise lose;
 * - `minimal`: only values a node would not get anyway (by inheritance or as QEMU's default);
 * - `explicit`: every option's effective value on every node, whatever inheritance would give.
 *
 * All of them give every node the same effective options as the document.
 */
export type QmpOptionStyle = 'as-written' | 'minimal' | 'explicit';

/** The choices of `toQmpScript`; the defaults (`nested`, `as-written`) write the document as it is. */
export interface QmpScriptOptions {
  layout?: QmpLayout;
  options?: QmpOptionStyle;
}

/** QEMU's value of each generic option when nothing sets it (schema/knownDefaults.ts, driver '*'). */
const DEFAULTS: ReadonlyMap<InheritedOption, boolean | string> = new Map(
  INHERITED_OPTIONS.map((option) => {
    const known = KNOWN_DEFAULTS.find((d) => d.driver === '*' && d.path === option)?.value;
    return [option, typeof known === 'boolean' || typeof known === 'string' ? known : false];
  }),
);

const OPTION_PATHS = INHERITED_OPTIONS.map((option) => [option, option.split('.')] as const);

/**
 * The document as the script writes it: laid out as `choice.layout` says (flat: every node named,
 * every link a reference) and with the generic options `choice.options` asks for. `order` is
 * childrenFirst(graph).order. The defaults return `graph` itself.
 */
export function scriptShape(graph: BlockGraph, choice: QmpScriptOptions, order: readonly string[]): BlockGraph {
  const layout = choice.layout ?? 'nested';
  const style = choice.options ?? 'as-written';
  // Nested as written is the document itself: every value it leaves out, QEMU fills in the same way.
  if (layout === 'nested' && style === 'as-written') return graph;
  const laidOut = layout === 'flat' ? flatLayout(graph) : graph;
  return withGenericOptions(laidOut, resolveOptions(graph, explicitOptions, order), style);
}

/**
 * The node-name of every node in the flat layout, by document id: its own, or, for a node QEMU
 * would name itself, a generated one. A generated name is well-formed and at most 31 characters
 * (block.c: bdrv_assign_node_name, see model/names.ts) and differs from every node-name and every
 * id (node, object, frontend) of the document: the node's own id when that is free, else
 * `ID-N` (or `node-N` when the id cannot be a node-name) with the smallest free N.
 *
 * @example flatNodeNames(copyOnReadOverChain()).get('base-file') // 'base-file'
 */
export function flatNodeNames(graph: BlockGraph): Map<string, string> {
  const nodes = Object.values(graph.nodes);
  const names = new Set(nodes.flatMap((node) => (node.name === undefined ? [] : [node.name])));
  const taken = new Set([
    ...names,
    ...Object.keys(graph.nodes),
    ...Object.keys(graph.objects),
    ...Object.keys(graph.frontends),
  ]);
  const result = new Map<string, string>();
  for (const node of nodes) {
    if (node.name !== undefined) {
      result.set(node.id, node.name);
      continue;
    }
    // Its own id is taken only by itself (ids are unique across nodes, objects and frontends).
    const ownFree = isNodeName(node.id) && !names.has(node.id);
    const name = ownFree ? node.id : freshName(node.id, taken);
    names.add(name);
    taken.add(name);
    result.set(node.id, name);
  }
  return result;
}

function isNodeName(text: string): boolean {
  return isWellFormedId(text) && text.length <= MAX_NODE_NAME_LENGTH;
}

/** `STEM-N` with the smallest N that is free; the stem is cut so that the name fits in 31 characters. */
function freshName(id: string, taken: ReadonlySet<string>): string {
  const stem = isWellFormedId(id) ? id : 'node';
  for (let n = 1; ; n++) {
    const suffix = `-${String(n)}`;
    const name = `${stem.slice(0, MAX_NODE_NAME_LENGTH - suffix.length)}${suffix}`;
    if (!taken.has(name)) return name;
  }
}

/**
 * The document with every node named (flatNodeNames) and every link a reference: what a script
 * that adds each node with its own `blockdev-add` builds, before options are moved.
 */
export function flatLayout(graph: BlockGraph): BlockGraph {
  const names = flatNodeNames(graph);
  const nodes: Record<string, BlockNode> = {};
  for (const [id, node] of Object.entries(graph.nodes)) nodes[id] = { ...node, name: names.get(id) ?? id };
  return { ...graph, nodes, links: graph.links.map((link) => ({ ...link, mode: 'reference' as const })) };
}

/**
 * Every node of `laidOut` with the generic options `style` asks for, so that each ends with the
 * effective values `target` (the document's resolveOptions) gives it. A value is needed where what
 * the node would get without it differs: from the parent that defines it inline
 * (block.c: bdrv_inherited_options, model/inherit/rules.ts) or QEMU's default. A referenced child
 * inherits nothing (block.c: bdrv_open_inherit returns a node named by `reference` before it
 * calls inherit_options), so a flat layout writes what the nested one inherited, and what its role
 * forced (a backing child is opened read-only and without auto-read-only). Parents keep their
 * effective values whatever is left out, so the values their children inherit stay the same.
 */
function withGenericOptions(
  laidOut: BlockGraph,
  target: ReadonlyMap<string, EffectiveOptions>,
  style: QmpOptionStyle,
): BlockGraph {
  const definedIn = new Map<string, ChildLink>();
  for (const link of laidOut.links) if (link.mode === 'inline') definedIn.set(link.child, link);
  const nodes: Record<string, BlockNode> = {};
  for (const [id, node] of Object.entries(laidOut.nodes)) {
    const wanted = target.get(id);
    const link = definedIn.get(id);
    nodes[id] =
      wanted === undefined
        ? node
        : { ...node, options: writeOptions(node, wanted, (option) => withoutIt(laidOut, link, target, option), style) };
  }
  return { ...laidOut, nodes };
}

/**
 * What a node gets for `option` when it does not set it: in an inline child, what its role's rule
 * makes of the parent's effective value; else QEMU's default. A `copy` of force-share only happens
 * when the parent's dict has it (resolveOptions), but when it does not, the parent's value is the
 * default anyway, so the value is the same.
 */
function withoutIt(
  graph: BlockGraph,
  link: ChildLink | undefined,
  target: ReadonlyMap<string, EffectiveOptions>,
  option: InheritedOption,
): boolean | string {
  const fallback = DEFAULTS.get(option) ?? false;
  if (link === undefined) return fallback;
  const cow = childRoleOf(graph.nodes[link.parent]?.driver ?? '', link.role)?.flags.includes('cow') ?? false;
  const rule = INHERIT_RULES[cow ? 'cow' : 'other'][option];
  if (rule.kind === 'set') return rule.value;
  if (rule.kind === 'copy') return target.get(link.parent)?.[option].value ?? fallback;
  return fallback;
}

/** The node's options with each generic option written or left out as `style` says. */
function writeOptions(
  node: BlockNode,
  wanted: EffectiveOptions,
  fallback: (option: InheritedOption) => boolean | string,
  style: QmpOptionStyle,
): JsonObject {
  const own = explicitOptions(node);
  let options = node.options;
  for (const [option, path] of OPTION_PATHS) {
    const value = wanted[option].value;
    const needed = value !== fallback(option);
    if (own[option] !== undefined) {
      if (style === 'minimal' && !needed) options = withValueAt(options, path, undefined);
    } else if (needed || style === 'explicit') {
      options = withValueAt(options, path, value);
    }
  }
  return options;
}

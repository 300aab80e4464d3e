import type { BlockGraph, Position } from '../../model/index.ts';

/** The child role that chains image layers (QEMU's `backing` edge). */
export const BACKING = 'backing';

/** Prefix of a collapsed chain's canvas id; no document id has a `:` (document ids are well formed). */
const COLLAPSED_PREFIX = 'collapsed:';

/** One backing chain drawn as a single "N more layers" node. */
export interface CollapsedChain {
  /** The canvas id of the collapsed node (`collapsedNodeId(top)`). */
  id: string;
  /** The node whose chain is collapsed; it stays on the canvas, above the collapsed node. */
  top: string;
  /** The hidden image layers, top down: `top`'s backing child, its backing child, … down to the base. */
  layers: readonly string[];
  /** Other hidden nodes: those every parent of which is hidden in this chain (each layer's `file` node…). */
  extras: readonly string[];
}

/** Which chains are collapsed in a document, and which chain hides each hidden node. */
export interface CollapseView {
  chains: readonly CollapsedChain[];
  /** Hidden node id → the chain that hides it. */
  hiddenBy: ReadonlyMap<string, CollapsedChain>;
}

/**
 * The canvas id of the collapsed node of `top`'s chain.
 *
 * @example collapsedNodeId('disk') // 'collapsed:disk'
 */
export function collapsedNodeId(top: string): string {
  return `${COLLAPSED_PREFIX}${top}`;
}

/**
 * The top node a collapsed node's canvas id stands for, or undefined for any other id.
 *
 * @example topOfCollapsed('collapsed:disk') // 'disk'
 */
export function topOfCollapsed(id: string | null | undefined): string | undefined {
  return id?.startsWith(COLLAPSED_PREFIX) === true ? id.slice(COLLAPSED_PREFIX.length) : undefined;
}

/** Backing child by parent id, in one pass over the links. */
function backingIndex(graph: BlockGraph): ReadonlyMap<string, string> {
  const index = new Map<string, string>();
  for (const link of graph.links) if (link.role === BACKING) index.set(link.parent, link.child);
  return index;
}

/**
 * The image layers below `top`: its backing child, that one's backing child, … down to the base
 * image (the first layer without one). Stops at a repeated node, so a malformed document never loops.
 *
 * @example backingChain(chainOf3, 'l0') // ['l1', 'l2']
 */
export function backingChain(graph: BlockGraph, top: string): string[] {
  return chainBelow(backingIndex(graph), top);
}

function chainBelow(backing: ReadonlyMap<string, string>, top: string): string[] {
  const seen = new Set([top]);
  const layers: string[] = [];
  for (let next = backing.get(top); next !== undefined && !seen.has(next); next = backing.get(next)) {
    seen.add(next);
    layers.push(next);
  }
  return layers;
}

const VIEWS = new WeakMap<BlockGraph, CollapseView>();
const NO_CHAINS: CollapseView = { chains: [], hiddenBy: new Map() };

/**
 * The collapsed chains of a document, in time linear in its size and once per document object.
 * An entry of `layout.collapsed` counts when it names a block node with a backing child that no
 * other collapsed chain hides; where two collapsed chains share their lower layers (two overlays on
 * one base), the one collapsed first holds the shared layers and the other stops above them.
 * Besides the layers, a chain hides every node all of whose parents it hides (a layer's `file`
 * node), unless a frontend uses that node or another chain holds it.
 *
 * @example collapsedChains(withCollapsed).chains[0]?.layers.length // 49 for a 50-layer chain collapsed at its top
 */
export function collapsedChains(graph: BlockGraph): CollapseView {
  const entries = graph.layout.collapsed ?? [];
  if (entries.length === 0) return NO_CHAINS;
  const known = VIEWS.get(graph);
  if (known !== undefined) return known;
  const view = computeChains(graph, entries);
  VIEWS.set(graph, view);
  return view;
}

function computeChains(graph: BlockGraph, entries: readonly string[]): CollapseView {
  const backing = backingIndex(graph);
  const tops = [...new Set(entries)].filter((id) => Object.hasOwn(graph.nodes, id) && backing.has(id));
  const full = new Map(tops.map((top) => [top, chainBelow(backing, top)]));
  // A top inside another collapsed chain is collapsed with it.
  const inside = new Set([...full.values()].flat());
  const hiddenBy = new Map<string, CollapsedChain>();
  const chains: CollapsedChain[] = [];
  for (const top of tops) {
    if (inside.has(top)) continue;
    const all = full.get(top) ?? [];
    const free = all.findIndex((id) => hiddenBy.has(id));
    const layers = free === -1 ? all : all.slice(0, free);
    if (layers.length === 0) continue;
    const chain: CollapsedChain = { id: collapsedNodeId(top), top, layers, extras: [] };
    for (const id of layers) hiddenBy.set(id, chain);
    chains.push(chain);
  }
  if (chains.length === 0) return NO_CHAINS;
  const withExtras = addExtras(graph, chains, hiddenBy);
  return { chains: withExtras, hiddenBy };
}

/**
 * Hides, with each chain, the nodes whose every parent it hides (walking down: a layer's `file`
 * node, and what only that node uses); a node a frontend uses, or a collapsed top, stays visible.
 * Updates `hiddenBy` and returns the chains with their extras.
 */
function addExtras(
  graph: BlockGraph,
  chains: readonly CollapsedChain[],
  hiddenBy: Map<string, CollapsedChain>,
): CollapsedChain[] {
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const link of graph.links) {
    push(parents, link.child, link.parent);
    push(children, link.parent, link.child);
  }
  const used = new Set(Object.values(graph.frontends).flatMap((f) => (f.root === null ? [] : [f.root])));
  const tops = new Set(chains.map((c) => c.top));
  return chains.map((chain) => {
    const extras: string[] = [];
    const queue = [...chain.layers];
    for (let at = 0; at < queue.length; at++) {
      for (const child of children.get(queue[at] ?? '') ?? []) {
        if (hiddenBy.has(child) || used.has(child) || tops.has(child)) continue;
        const all = parents.get(child) ?? [];
        if (!all.every((parent) => hiddenBy.get(parent) === chain)) continue;
        hiddenBy.set(child, chain);
        extras.push(child);
        queue.push(child);
      }
    }
    const full: CollapsedChain = { ...chain, extras };
    for (const id of [...chain.layers, ...extras]) hiddenBy.set(id, full);
    return full;
  });
}

function push(index: Map<string, string[]>, key: string, value: string): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/** Every node a chain hides: its layers, then its extras. */
export function hiddenNodes(chain: CollapsedChain): readonly string[] {
  return [...chain.layers, ...chain.extras];
}

/**
 * The document with `top`'s backing chain collapsed (appended to `layout.collapsed`, and entries for
 * nodes inside that chain or no longer in the document dropped), or the same document when `top` has
 * no backing child or is collapsed already. Positions stay, so expanding puts every layer back.
 */
export function collapseChain(graph: BlockGraph, top: string): BlockGraph {
  const entries = graph.layout.collapsed ?? [];
  if (!Object.hasOwn(graph.nodes, top) || entries.includes(top)) return graph;
  const layers = backingChain(graph, top);
  if (layers.length === 0) return graph;
  const inside = new Set(layers);
  const kept = entries.filter((id) => Object.hasOwn(graph.nodes, id) && !inside.has(id));
  return withCollapsed(graph, [...kept, top]);
}

/**
 * The document with `top`'s chain expanded (its entry, and entries for nodes no longer in the
 * document, dropped), or the same document when it was not collapsed.
 */
export function expandChain(graph: BlockGraph, top: string): BlockGraph {
  const entries = graph.layout.collapsed ?? [];
  if (!entries.includes(top)) return graph;
  return withCollapsed(
    graph,
    entries.filter((id) => id !== top && Object.hasOwn(graph.nodes, id)),
  );
}

function withCollapsed(graph: BlockGraph, collapsed: readonly string[]): BlockGraph {
  const { collapsed: _old, ...rest } = graph.layout;
  return { ...graph, layout: collapsed.length === 0 ? rest : { ...rest, collapsed } };
}

/**
 * Where a collapsed node is drawn: where its first hidden layer is (so expanding leaves the layers
 * where they were).
 */
export function collapsedPosition(graph: BlockGraph, chain: CollapsedChain): Position {
  return graph.layout.positions[chain.layers[0] ?? ''] ?? { x: 0, y: 0 };
}

/**
 * Turns canvas moves into document moves: a collapsed node's move shifts every node its chain hides
 * by the same amount, so the chain keeps its shape when it is expanded again; other moves pass as
 * they are. Ids of collapsed nodes that no longer stand for a chain are dropped.
 *
 * @example spreadMoves(graph, { 'collapsed:disk': { x: 40, y: 0 } }) // { l1: …, l1-file: …, l2: … }
 */
export function spreadMoves(
  graph: BlockGraph,
  moves: Readonly<Record<string, Position>>,
): Readonly<Record<string, Position>> {
  const ids = Object.keys(moves);
  if (!ids.some((id) => topOfCollapsed(id) !== undefined)) return moves;
  const byId = new Map(collapsedChains(graph).chains.map((chain) => [chain.id, chain]));
  const out: Record<string, Position> = {};
  for (const [id, position] of Object.entries(moves)) {
    if (topOfCollapsed(id) === undefined) {
      out[id] = position;
      continue;
    }
    const chain = byId.get(id);
    if (chain === undefined) continue;
    const from = collapsedPosition(graph, chain);
    const dx = position.x - from.x;
    const dy = position.y - from.y;
    for (const hidden of hiddenNodes(chain)) {
      const at = graph.layout.positions[hidden] ?? { x: 0, y: 0 };
      out[hidden] = { x: at.x + dx, y: at.y + dy };
    }
  }
  return out;
}

/**
 * The name of a chain's base image, as a person knows it: the filename of the protocol node under
 * the base layer (following `file` children), else the base's node-name, else its id.
 *
 * @example baseImageName(graph, chain) // 'base.qcow2'
 */
export function baseImageName(graph: BlockGraph, chain: CollapsedChain): string {
  const base = chain.layers.at(-1) ?? chain.top;
  const files = new Map<string, string>();
  for (const link of graph.links) if (link.role === 'file') files.set(link.parent, link.child);
  const seen = new Set<string>();
  for (let id: string | undefined = base; id !== undefined && !seen.has(id); id = files.get(id)) {
    seen.add(id);
    const filename = graph.nodes[id]?.options.filename;
    if (typeof filename === 'string' && filename !== '') return filename;
  }
  const node = graph.nodes[base];
  return node?.name ?? base;
}

/**
 * How a collapsed chain reads on the canvas and to assistive technology.
 *
 * @example layersLabel(49) // '49 more layers'
 */
export function layersLabel(count: number): string {
  return count === 1 ? '1 more layer' : `${String(count)} more layers`;
}

import type { BlockGraph, BlockNode } from '../document.ts';
import { childrenFirst } from '../graphWalk.ts';
import { resolveOptions, type EffectiveOptions, type GivenOptions } from '../inherit/resolveOptions.ts';
import { computePermissions, edgeKey, type Perm } from '../perms/index.ts';

/** A node as `query-named-block-nodes` reports it (the fields blockgraph predicts). */
export interface ResolvedNode {
  'node-name': string;
  type: 'block-driver';
  drv: string;
  ro: boolean;
  cache: { direct: boolean; 'no-flush': boolean; writeback: boolean };
  detect_zeroes: string;
}

/** An edge as `x-debug-query-block-graph` reports it, with node-names for ends. */
export interface ResolvedEdge {
  parent: string;
  child: string;
  name: string;
  /** What the parent takes and what it lets others take, sorted as QEMU lists them (optional for producers that do not compute them yet). */
  perm?: Perm[];
  'shared-perm'?: Perm[];
}

/** What `blockgraph resolve` prints (design.md, "The CLI contract"). */
export interface Resolved {
  error: string | null;
  nodes: ResolvedNode[];
  edges: ResolvedEdge[];
}

/** A node as query-named-block-nodes reports it, from its effective options (block/qapi.c: bdrv_block_device_info). */
export function toResolvedNode(name: string, driver: string, effective: EffectiveOptions | undefined): ResolvedNode {
  return {
    'node-name': name,
    type: 'block-driver',
    drv: driver,
    ro: effective?.['read-only'].value === true,
    cache: {
      direct: effective?.['cache.direct'].value === true,
      'no-flush': effective?.['cache.no-flush'].value === true,
      // query-named-block-nodes passes no BlockBackend, so QEMU always reports true here.
      writeback: true,
    },
    detect_zeroes: String(effective?.['detect-zeroes'].value ?? 'off'),
  };
}

/**
 * Predicts the graph QEMU builds from a document's QMP script: every node with its effective
 * options, and every edge. A node without a node-name, which QEMU would name `#block…`, is
 * called `#PARENT/ROLE` after the parent that defines it (`#disk/file`, `#disk/backing/file`).
 * `given` is what each node was opened with (default: its own options, as explicit values);
 * simulateQmp's also knows which values of backing files opened from image headers came from
 * a json: name.
 */
export function resolveDocument(graph: BlockGraph, given?: GivenOptions): Resolved {
  // One walk of the graph serves both stages.
  const walk = childrenFirst(graph);
  const options = resolveOptions(graph, given, walk.order);
  const perms = computePermissions(graph, { effective: options, walk });
  const all = Object.values(graph.nodes);
  const names = qemuNames(graph, all);
  const nameOf = (id: string): string => names.get(id) ?? id;
  const nodes: ResolvedNode[] = [];
  for (const node of all) nodes.push(toResolvedNode(nameOf(node.id), node.driver, options.get(node.id)));
  const edges: ResolvedEdge[] = [];
  for (const link of graph.links) {
    const parent = nameOf(link.parent);
    const child = nameOf(link.child);
    const taken = perms.edges.get(edgeKey(link.parent, link.role));
    if (taken === undefined) edges.push({ parent, child, name: link.role });
    else edges.push({ parent, child, name: link.role, perm: taken.perm, 'shared-perm': taken.shared });
  }
  // The first refusal QEMU would meet while building this graph (permissions are checked last).
  return { error: perms.errors[0]?.message ?? null, nodes, edges };
}

/**
 * node-names, and `#PARENT/ROLE` for unnamed nodes, found by climbing inline links (memoised).
 * `all` is Object.values(graph.nodes).
 */
function qemuNames(graph: BlockGraph, all: readonly BlockNode[]): Map<string, string> {
  const names = new Map<string, string>();
  const definedIn = new Map(graph.links.filter((l) => l.mode === 'inline').map((l) => [l.child, l]));
  const nameOf = (start: string): string => {
    const own = graph.nodes[start]?.name;
    if (own !== undefined) return own;
    // Climb to the nearest node whose name is known, then name the path back down.
    const path: string[] = [];
    const onPath = new Set<string>();
    let id: string | undefined = start;
    while (id !== undefined && !names.has(id)) {
      const node = graph.nodes[id];
      // A named node, a top-level one, or (in a broken document) a cycle ends the climb.
      if (node?.name !== undefined || !definedIn.has(id) || onPath.has(id)) {
        names.set(id, node?.name ?? `#${id}`);
        break;
      }
      path.push(id);
      onPath.add(id);
      id = definedIn.get(id)?.parent;
    }
    for (const child of path.reverse()) {
      const link = definedIn.get(child);
      const parentName = link ? unhashed(names.get(link.parent) ?? link.parent) : child;
      names.set(child, `#${parentName}/${link?.role ?? ''}`);
    }
    return names.get(start) ?? start;
  };
  for (const node of all) {
    if (node.name !== undefined) names.set(node.id, node.name);
  }
  for (const node of all) if (!names.has(node.id)) nameOf(node.id);
  return names;
}

/** A name without its leading `#`, if it has one. */
function unhashed(name: string): string {
  return name.startsWith('#') ? name.slice(1) : name;
}

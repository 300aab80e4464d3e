import { inlineParent, type BlockGraph } from '../../model/index.ts';
import type { QemuGraph } from './harness.ts';

/** A block-driver node, keyed by its node-name, or by `parent key/role` when it has none. */
export interface StructureNode {
  key: string;
  drv: string;
}

/** A child edge between two keyed block-driver nodes; `role` is QEMU's edge name (`file`, `children.0`…). */
export interface StructureEdge {
  parent: string;
  role: string;
  child: string;
}

/** A graph reduced to what a document and QEMU can both say: nodes, drivers and roles, sorted. */
export interface Structure {
  nodes: StructureNode[];
  edges: StructureEdge[];
}

/** The role QEMU gives a BlockBackend's edge; it belongs to a frontend, not to the graph. */
const BACKEND_ROLE = 'root';

/** The structure a document asks for (frontends and objects left out). */
export function documentStructure(graph: BlockGraph): Structure {
  const keys = new Map<string, string>();
  const keyOf = (id: string, depth = 0): string => {
    const known = keys.get(id);
    if (known !== undefined) return known;
    const name = graph.nodes[id]?.name;
    const link = name === undefined ? inlineParent(graph, id) : undefined;
    const key = name ?? (link === undefined || depth > 64 ? `?${id}` : `${keyOf(link.parent, depth + 1)}/${link.role}`);
    keys.set(id, key);
    return key;
  };
  const nodes = Object.values(graph.nodes).map((node) => ({ key: keyOf(node.id), drv: node.driver }));
  const edges = graph.links.map((link) => ({ parent: keyOf(link.parent), role: link.role, child: keyOf(link.child) }));
  return sortStructure({ nodes, edges });
}

/**
 * The structure QEMU built: block-driver nodes and the edges between them. A node QEMU named itself
 * (`#block…`) is keyed through its one parent; with no parent or several it keeps its `#` name.
 */
export function qemuStructure(q: QemuGraph): Structure {
  const { drivers, childEdges, keyOf } = qemuKeying(q);
  const nodes = [...drivers].map(([name, drv]) => ({ key: keyOf(name), drv }));
  const edges = childEdges.map((e) => ({ parent: keyOf(e.parent), role: e.name, child: keyOf(e.child) }));
  return sortStructure({ nodes, edges });
}

/** The structural key of every block-driver node QEMU reports, by its node-name. */
export function qemuKeys(q: QemuGraph): Map<string, string> {
  const { drivers, keyOf } = qemuKeying(q);
  return new Map([...drivers.keys()].map((name) => [name, keyOf(name)]));
}

function qemuKeying(q: QemuGraph) {
  const drivers = new Map(q.nodes.filter((n) => n.type === 'block-driver').map((n) => [n['node-name'], n.drv ?? '?']));
  const childEdges = q.edges.filter((e) => e.name !== BACKEND_ROLE && drivers.has(e.parent) && drivers.has(e.child));
  const keys = new Map<string, string>();
  const keyOf = (name: string, depth = 0): string => {
    const known = keys.get(name);
    if (known !== undefined) return known;
    const parents = name.startsWith('#') ? childEdges.filter((e) => e.child === name) : [];
    const [only] = parents;
    const key =
      parents.length === 1 && only !== undefined && depth <= 64
        ? `${keyOf(only.parent, depth + 1)}/${only.name}`
        : name;
    keys.set(name, key);
    return key;
  };
  return { drivers, childEdges, keyOf };
}

/**
 * Human-readable differences between two structures, empty when they are equal.
 *
 * @example diffStructures(documentStructure(doc), qemuStructure(run.graph)) // ["node 'disk' drv: qcow2 in document, raw in qemu"]
 */
export function diffStructures(
  a: Structure,
  b: Structure,
  labels: readonly [string, string] = ['document', 'qemu'],
): string[] {
  const [la, lb] = labels;
  const out: string[] = [];
  const drvA = new Map(a.nodes.map((n) => [n.key, n.drv]));
  const drvB = new Map(b.nodes.map((n) => [n.key, n.drv]));
  for (const [key, drv] of drvA) {
    const other = drvB.get(key);
    if (other === undefined) out.push(`node '${key}' (${drv}) only in ${la}`);
    else if (other !== drv) out.push(`node '${key}' drv: ${drv} in ${la}, ${other} in ${lb}`);
  }
  for (const [key, drv] of drvB) if (!drvA.has(key)) out.push(`node '${key}' (${drv}) only in ${lb}`);
  const edgesA = new Set(a.edges.map(edgeText));
  const edgesB = new Set(b.edges.map(edgeText));
  for (const e of edgesA) if (!edgesB.has(e)) out.push(`edge ${e} only in ${la}`);
  for (const e of edgesB) if (!edgesA.has(e)) out.push(`edge ${e} only in ${lb}`);
  return out;
}

function edgeText(edge: StructureEdge): string {
  return `'${edge.parent}' -${edge.role}-> '${edge.child}'`;
}

function sortStructure(s: Structure): Structure {
  const nodes = [...s.nodes].sort((x, y) => order(x.key, y.key) || order(x.drv, y.drv));
  const edges = [...s.edges].sort((x, y) => order(edgeText(x), edgeText(y)));
  return { nodes, edges };
}

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

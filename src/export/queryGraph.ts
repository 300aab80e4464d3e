import { catalogue, driverSpec, isWellFormedId, MAX_NODE_NAME_LENGTH } from '../model/index.ts';
import {
  NAMED_NODES,
  type GraphEdgeReply,
  type GraphNodeReply,
  type NamedNodeReply,
  type QueryReplies,
} from './queryReplies.ts';

/** A member (child role or option) of a node, by QEMU node-name, for notes. */
export interface NodeMember {
  node: string;
  member: string;
}

/** An edge between two block-driver nodes, by QEMU node-name; `perm` lists are absent when only named nodes were given. */
export interface QemuEdge {
  parent: string;
  child: string;
  role: string;
  perm: readonly string[] | undefined;
  shared: readonly string[] | undefined;
  /** Where the edge is in the input (`[1].return.edges[3]`), or how it was found. */
  path: string;
}

/** A user of block nodes that is not one: a BlockBackend or a block job, with the nodes it uses. */
export interface QemuUser {
  name: string;
  uses: string[];
}

/** QEMU's block graph as the replies show it, with node-names for ends. */
export interface QemuState {
  /** Block-driver nodes by node-name, in reply order, with their query-named-block-nodes entry when given. */
  nodes: Map<string, NamedNodeReply | undefined>;
  edges: QemuEdge[];
  backends: QemuUser[];
  jobs: QemuUser[];
  /** Edges of x-debug-query-block-graph into BlockBackends or jobs, which no QEMU graph has. */
  strayEdges: string[];
  /** Only query-named-block-nodes: child members whose edge could not be found. */
  unrecovered: NodeMember[] | undefined;
}

/**
 * The graph the replies show: x-debug-query-block-graph's edges between block-driver nodes when it
 * is given, else the edges that the file names of query-named-block-nodes make certain.
 */
export function qemuState(replies: QueryReplies): QemuState {
  const named = replies.named?.nodes ?? [];
  if (replies.graph === undefined) {
    const { edges, unrecovered } = recoverEdges(named);
    const nodes = new Map(named.map((node) => [node.name, node] as const));
    return { nodes, edges, backends: [], jobs: [], strayEdges: [], unrecovered };
  }
  const info = new Map(named.map((node) => [node.name, node] as const));
  const drivers = replies.graph.nodes.filter((node) => node.type === 'block-driver');
  const order = replies.named ? named.map((node) => node.name) : drivers.map((node) => node.name);
  const nodes = new Map(order.map((name) => [name, info.get(name)] as const));
  return { nodes, ...graphEdges(replies.graph.nodes, replies.graph.edges), unrecovered: undefined };
}

function graphEdges(
  nodes: readonly GraphNodeReply[],
  edges: readonly GraphEdgeReply[],
): Pick<QemuState, 'edges' | 'backends' | 'jobs' | 'strayEdges'> {
  const byId = new Map(nodes.map((node) => [node.id, node] as const));
  const users = new Map<number, QemuUser>(
    nodes.filter((node) => node.type !== 'block-driver').map((node) => [node.id, { name: node.name, uses: [] }]),
  );
  const out: QemuEdge[] = [];
  const strayEdges: string[] = [];
  for (const edge of edges) {
    const parent = byId.get(edge.parent);
    const child = byId.get(edge.child);
    if (parent === undefined || child === undefined) continue; // reported by readReplies
    if (child.type !== 'block-driver') strayEdges.push(`${edge.path} (${edge.name} of ${child.type} '${child.name}')`);
    else if (parent.type !== 'block-driver') users.get(parent.id)?.uses.push(child.name);
    else {
      const { name: role, perm, shared, path } = edge;
      out.push({ parent: parent.name, child: child.name, role, perm, shared, path });
    }
  }
  const usersOf = (type: GraphNodeReply['type']) =>
    nodes.filter((node) => node.type === type).flatMap((node) => users.get(node.id) ?? []);
  return { edges: out, backends: usersOf('block-backend'), jobs: usersOf('block-job'), strayEdges };
}

/**
 * Edges from query-named-block-nodes alone, only where the file names leave one choice.
 * `file`: a node whose `file` is a plain name (not `json:`) shows the name of its `file` child
 * (block.c: bdrv_refresh_filename passes a child's exact_filename up when the parent adds no
 * strong option), so when exactly one other node has that name it is the child. Backing:
 * `backing_file` is the filename of the node's COW child and is present only when it has one
 * (block/qapi.c: bdrv_block_device_info, bdrv_cow_bs); the candidates are the other nodes with
 * that name, less those already found to be the `file` child of another candidate.
 */
export function recoverEdges(nodes: readonly NamedNodeReply[]): { edges: QemuEdge[]; unrecovered: NodeMember[] } {
  const byFile = new Map<string, NamedNodeReply[]>();
  for (const node of nodes) {
    const list = byFile.get(node.file);
    if (list) list.push(node);
    else byFile.set(node.file, [node]);
  }
  const edges: QemuEdge[] = [];
  const unrecovered: NodeMember[] = [];
  const fileChildOf = new Map<string, string>();
  for (const node of nodes) {
    const member = catalogue.drivers[node.drv]?.children.find((c) => c.name === FILE_MEMBER && c.required);
    if (member === undefined) continue;
    const candidates = node.file.startsWith('json:') ? [] : others(byFile.get(node.file), node.name);
    const [child] = candidates;
    if (candidates.length !== 1 || child === undefined) unrecovered.push({ node: node.name, member: FILE_MEMBER });
    else {
      edges.push(recovered(node.name, FILE_MEMBER, child.name, `${NAMED_NODES} file names`));
      fileChildOf.set(child.name, node.name);
    }
  }
  for (const node of nodes) {
    // Other children (quorum's, blkdebug's image…) leave no trace in file names.
    const rest = catalogue.drivers[node.drv]?.children.filter((c) => c.required && c.name !== FILE_MEMBER) ?? [];
    for (const member of rest) unrecovered.push({ node: node.name, member: member.name });
    if (node.backingFile === undefined) continue;
    const role = cowMember(node.drv);
    const all = others(byFile.get(node.backingFile), node.name);
    const names = new Set(all.map((candidate) => candidate.name));
    const candidates = all.filter((candidate) => !names.has(fileChildOf.get(candidate.name) ?? ''));
    const [child] = candidates;
    if (role === undefined || candidates.length !== 1 || child === undefined) {
      unrecovered.push({ node: node.name, member: role ?? 'backing' });
    } else edges.push(recovered(node.name, role, child.name, `${NAMED_NODES} backing_file`));
  }
  return { edges, unrecovered };
}

const FILE_MEMBER = 'file';

function others(list: readonly NamedNodeReply[] | undefined, name: string): NamedNodeReply[] {
  return (list ?? []).filter((node) => node.name !== name);
}

function recovered(parent: string, role: string, child: string, path: string): QemuEdge {
  return { parent, child, role, perm: undefined, shared: undefined, path };
}

/** The child member of `driver` that plays the COW role (`backing`), from the driver table. */
export function cowMember(driver: string): string | undefined {
  const children = driverSpec(driver)?.children ?? {};
  return Object.keys(children).find((member) => children[member]?.flags.includes('cow') === true);
}

/** Document ids and node-names for QEMU's nodes, and which links are inline. */
export interface Placement {
  /** Document id by QEMU node-name. */
  ids: Map<string, string>;
  /** The document's node-name by QEMU node-name (absent: QEMU generated it and the node stays unnamed). */
  names: Map<string, string>;
  /** The edges that define their child inline. */
  inline: Set<QemuEdge>;
  /** Generated names of nodes that no node opened (a -drive's root): unnamed and top-level. */
  orphans: string[];
  /** Generated names of nodes with several parents, which get a node-name so they can be referenced. */
  renamed: string[];
}

/** Longest id made of the parent's id and the role before a `driver-N` id is used instead. */
const MAX_DERIVED_ID = 40;

/**
 * A child QEMU named itself (`#block…`, block.c: bdrv_assign_node_name) was opened by its one
 * parent, so it is inline and unnamed, with the id `PARENT-ROLE`; a named child is referenced.
 * A generated name with several parents is replaced by a fresh node-name (references need one);
 * one with none stays unnamed and top-level.
 */
export function placeNodes(state: QemuState): Placement {
  const taken = new Set<string>();
  for (const name of state.nodes.keys()) if (!isGenerated(name)) taken.add(name);
  const parents = new Map<string, QemuEdge[]>();
  for (const edge of state.edges) {
    const list = parents.get(edge.child);
    if (list) list.push(edge);
    else parents.set(edge.child, [edge]);
  }
  const placement: Placement = { ids: new Map(), names: new Map(), inline: new Set(), orphans: [], renamed: [] };
  const fresh = (name: string) => freshId(state.nodes.get(name)?.drv ?? 'node', taken);
  for (const name of state.nodes.keys()) {
    const count = parents.get(name)?.length ?? 0;
    if (!isGenerated(name)) placeNamed(placement, name, name);
    else if (count > 1) {
      placeNamed(placement, name, fresh(name));
      placement.renamed.push(name);
    } else if (count === 0) {
      placement.ids.set(name, fresh(name));
      placement.orphans.push(name);
    }
  }
  for (const name of state.nodes.keys()) placeInline(name, parents, placement, taken, fresh);
  return placement;
}

function placeNamed(placement: Placement, qemuName: string, name: string): void {
  placement.ids.set(qemuName, name);
  placement.names.set(qemuName, name);
}

/**
 * Gives ids to generated names with one parent, climbing to the nearest placed ancestor first
 * (iteratively: backing chains opened from image headers can be thousands deep).
 */
function placeInline(
  start: string,
  parents: Map<string, QemuEdge[]>,
  placement: Placement,
  taken: Set<string>,
  fresh: (name: string) => string,
): void {
  const path: QemuEdge[] = [];
  const onPath = new Set<string>();
  for (let name = start; !placement.ids.has(name);) {
    const edge = parents.get(name)?.[0];
    if (edge === undefined || onPath.has(name)) break;
    onPath.add(name);
    path.push(edge);
    name = edge.parent;
  }
  for (const edge of path.reverse()) {
    const parentId = placement.ids.get(edge.parent);
    const derived = parentId === undefined ? undefined : `${parentId}-${edge.role}`;
    const usable = derived !== undefined && derived.length <= MAX_DERIVED_ID && isWellFormedId(derived);
    const id = usable && !taken.has(derived) ? derived : fresh(edge.child);
    taken.add(id);
    placement.ids.set(edge.child, id);
    placement.inline.add(edge);
  }
}

/** `driver-N` with the smallest free N; a node-name too (at most 31 characters, well-formed). */
function freshId(driver: string, taken: Set<string>): string {
  const base = isWellFormedId(driver) && driver.length <= MAX_NODE_NAME_LENGTH - 6 ? driver : 'node';
  for (let n = 1; ; n++) {
    const id = `${base}-${String(n)}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** A name QEMU generated (user names are well-formed, so never start with `#`). */
export function isGenerated(name: string): boolean {
  return name.startsWith('#');
}

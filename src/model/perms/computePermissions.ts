import type { BlockGraph, ChildLink } from '../document.ts';
import type { GraphWalk } from '../graphWalk.ts';
import { resolveOptions, type EffectiveOptions } from '../inherit/resolveOptions.ts';
import { attachOrder } from './attachOrder.ts';
import { edgeSpecs, NodeFacts, type EdgeSpec } from './edgeSpecs.ts';
import { nodeNamer, type Party } from './messages.ts';
import { ALL, NONE, toBits, toEdgePerms, toPerms, type EdgePerms, type Perm, type PermPair } from './perm.ts';
import { PermState, type Attached, type Finding } from './permState.ts';

/** A user of a node that is not a node: a BlockBackend of a guest device, an export or a job. */
export interface PermissionUser {
  /** Document id of the node it uses (its `root` child). */
  node: string;
  /** The BlockBackend's name, or its device's id or QOM path; '' when it has none (exports). */
  name: string;
  perm: Perm[];
  shared: Perm[];
  /** What it attaches with before it sets `perm`/`shared`, when that differs (NBD exports share resize first). */
  attach?: EdgePerms;
  /** QEMU's error when it refuses the user before attaching it (`Cannot export read-only node as writable`). */
  refusal?: string;
}

/** A problem QEMU reports when it builds the graph, with QEMU's text. */
export type PermissionError =
  /** Something takes write or write-unchanged on a read-only node. */
  | { kind: 'read-only'; node: string; message: string }
  /** `required` takes `perms` on `node`, which `unshared` does not share. */
  | { kind: 'conflict'; node: string; message: string; perms: Perm[]; required: Party; unshared: Party }
  /** The host file of file-posix node `node` is locked by another node in a way that excludes it. */
  | { kind: 'lock'; node: string; message: string }
  /** The user at `user` is refused before it is attached. */
  | { kind: 'user'; node: string; message: string; user: number };

/** What computePermissions is told besides the document. */
export interface PermissionOptions {
  /** The users, attached after all nodes in this order. */
  users?: readonly PermissionUser[];
  /** resolveOptions(graph), when the caller has it already. */
  effective?: ReadonlyMap<string, EffectiveOptions>;
  /** childrenFirst(graph), when the caller has it already. */
  walk?: GraphWalk;
  /**
   * `open` (default): the graph is being opened, as by its blockdev-add script, and an error met
   * while an inline backing file is opened has QEMU's `Could not open backing file: ` before it;
   * `reopen`: the nodes exist and are only refreshed (block.c: bdrv_reopen_multiple).
   */
  during?: 'open' | 'reopen';
}

/** Every edge's permissions and the problems found, first the one QEMU reports first. */
export interface Permissions {
  /** Keyed by `${parent}\u0000${role}` (see edgeKey); edges of roles a driver does not have are left out. */
  edges: Map<string, EdgePerms>;
  errors: PermissionError[];
}

interface Context {
  graph: BlockGraph;
  specs: Map<ChildLink, EdgeSpec>;
  facts: NodeFacts;
  nameOf: (id: string) => string;
  users: readonly PermissionUser[];
  walk: GraphWalk | undefined;
  during: 'open' | 'reopen';
}

/**
 * Predicts the permissions QEMU 7.2 gives every child edge of the document, and the permission
 * errors it reports while it builds it (block.c: bdrv_refresh_perms after every attach; writable
 * = effective read-only off, force-share from resolveOptions). Users attach after all nodes, in
 * the order given. Errors come in the order QEMU meets them when it runs the document's QMP script
 * and then adds the users; each is reported once. Linear when nothing fails; when something does,
 * the build is replayed edge by edge to find which error QEMU reports first.
 *
 * @example computePermissions(seedSimpleTree()).edges.get('disk\u0000file') // { perm: ['consistent-read', 'resize', 'write'], shared: ['consistent-read', 'write-unchanged'] }
 */
export function computePermissions(graph: BlockGraph, options: PermissionOptions = {}): Permissions {
  const context: Context = {
    graph,
    specs: specsByLink(graph),
    facts: new NodeFacts(options.effective ?? resolveOptions(graph), graph),
    nameOf: nodeNamer(graph),
    users: options.users ?? [],
    walk: options.walk,
    during: options.during ?? 'open',
  };
  const fast = settle(context);
  if (fast !== undefined) return { edges: edgesOf(fast), errors: [] };
  return replay(context);
}

function specsByLink(graph: BlockGraph): Map<ChildLink, EdgeSpec> {
  const specs = new Map<ChildLink, EdgeSpec>();
  for (const spec of edgeSpecs(graph)) specs.set(spec.link, spec);
  return specs;
}

/** Everything attached at once and refreshed once; undefined if any check fails or a user is refused. */
function settle(context: Context): PermState | undefined {
  if (context.users.some((user) => user.refusal !== undefined)) return undefined;
  const state = new PermState({ ...context, known: () => false });
  for (const spec of context.specs.values()) state.attach(nodeEdge(spec), false);
  context.users.forEach((user, index) => {
    if (context.graph.nodes[user.node] !== undefined) state.attach(userEdge(user, index, false));
  });
  return state.refreshAll().length === 0 ? state : undefined;
}

/** Attaches edge by edge as QEMU does, refreshing after each, and collects the findings in order. */
function replay(context: Context): Permissions {
  const errors: PermissionError[] = [];
  const seen = new Set<string>();
  const report = (error: PermissionError, key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    errors.push(error);
  };
  const reportAll = (findings: readonly Finding[], prefix = ''): void => {
    for (const f of findings) report(toError(f, prefix), findingKey(f));
  };
  const state = new PermState({ ...context, known: (f) => seen.has(findingKey(f)) });
  const prefixOf = context.during === 'open' ? openingPrefix(context.graph) : () => '';
  for (const link of attachOrder(context.graph)) {
    const spec = context.specs.get(link);
    if (spec === undefined) continue;
    state.attach(nodeEdge(spec));
    const found = state.refresh(link.parent);
    if (found.length > 0) reportAll(found, prefixOf(link.parent));
  }
  context.users.forEach((user, index) => {
    if (user.refusal !== undefined)
      report({ kind: 'user', node: user.node, message: user.refusal, user: index }, `user\u0000${String(index)}`);
    else if (context.graph.nodes[user.node] !== undefined) reportAll(attachUser(state, user, index));
  });
  return { edges: edgesOf(state), errors };
}

/** A BlockBackend: attached (blk_insert_bs), then given its own permissions (blk_set_perm), each followed by a refresh. */
function attachUser(state: PermState, user: PermissionUser, index: number): Finding[] {
  const edge = userEdge(user, index, user.attach !== undefined);
  state.attach(edge);
  const found = state.refresh(user.node);
  if (user.attach === undefined) return found;
  state.setPair(edge, { perm: toBits(user.perm), shared: toBits(user.shared) });
  return [...found, ...state.refresh(user.node)];
}

function nodeEdge(spec: EdgeSpec): Attached {
  const party: Party = { kind: 'node', parent: spec.link.parent, role: spec.link.role };
  return { party, child: spec.link.child, pair: { perm: NONE, shared: ALL }, spec };
}

function userEdge(user: PermissionUser, index: number, attaching: boolean): Attached {
  const perms = attaching && user.attach ? user.attach : user;
  const pair: PermPair = { perm: toBits(perms.perm), shared: toBits(perms.shared) };
  return { party: { kind: 'user', index, name: user.name, role: 'root' }, child: user.node, pair };
}

function edgesOf(state: PermState): Map<string, EdgePerms> {
  const edges = new Map<string, EdgePerms>();
  for (const edge of state.edges())
    if (edge.spec?.flags !== undefined) edges.set(edge.spec.key, toEdgePerms(edge.pair));
  return edges;
}

/**
 * What QEMU puts before an error met while a node's children are attached: nothing at the top of a
 * blockdev-add, and `Could not open backing file: ` for each inline backing link above the node,
 * since the node is then being opened inside bdrv_open_backing_file (block.c), which prepends it.
 * Attaching the backing child to its parent (bdrv_set_backing_hd) adds nothing.
 */
function openingPrefix(graph: BlockGraph): (id: string) => string {
  const definedIn = new Map<string, ChildLink>();
  for (const link of graph.links) if (link.mode === 'inline') definedIn.set(link.child, link);
  const prefixes = new Map<string, string>();
  return (id) => {
    // Climb to a node whose prefix is known (or the top), then fill in the way back down.
    const path: ChildLink[] = [];
    for (
      let link = definedIn.get(id);
      link !== undefined && !prefixes.has(link.child);
      link = definedIn.get(link.parent)
    ) {
      if (path.length > definedIn.size) break; // a cycle in a broken document
      path.push(link);
    }
    for (const link of path.reverse()) {
      const above = prefixes.get(link.parent) ?? '';
      prefixes.set(link.child, link.role === 'backing' ? above + BACKING_OPEN_PREFIX : above);
    }
    return prefixes.get(id) ?? '';
  };
}

const BACKING_OPEN_PREFIX = 'Could not open backing file: ';

function toError(finding: Finding, prefix = ''): PermissionError {
  const message = prefix + finding.message;
  if (finding.kind === 'read-only' || finding.kind === 'lock') return { ...finding, message };
  const { node, perms, required, unshared } = finding;
  return { kind: 'conflict', node, message, perms: toPerms(perms), required, unshared };
}

function findingKey(finding: Finding): string {
  const party = (p: Party): string => (p.kind === 'node' ? `${p.parent}\u0000${p.role}` : `\u0001${String(p.index)}`);
  if (finding.kind === 'read-only') return `ro\u0000${finding.node}`;
  if (finding.kind === 'lock') return `lock\u0000${finding.node}`;
  return `conflict\u0000${finding.node}\u0000${party(finding.required)}\u0000${party(finding.unshared)}`;
}

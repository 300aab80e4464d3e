import type { BlockGraph } from '../document.ts';
import type { GraphWalk } from '../graphWalk.ts';
import { childPerms, type EdgeSpec, type NodeFacts } from './edgeSpecs.ts';
import { conflictMessage, LOCK_TEXT, READ_ONLY_MESSAGE, type Party } from './messages.ts';
import { ALL, NONE, PERM_BITS, permText, WRITE, WRITE_UNCHANGED, type PermPair } from './perm.ts';
import { RankQueue } from './rankQueue.ts';
import { parentsFirst, topological } from './topological.ts';

/** A parent edge as QEMU's BdrvChild holds it: who uses the child, and the current perm/shared. */
export interface Attached {
  party: Party;
  child: string;
  pair: PermPair;
  /** The document link behind a node's edge; undefined for a user. */
  spec?: EdgeSpec;
}

/** A failed check, as block.c: bdrv_do_refresh_perms finds it on `node`. */
export type Finding =
  | { kind: 'read-only'; node: string; message: string }
  | { kind: 'lock'; node: string; message: string }
  | { kind: 'conflict'; node: string; message: string; perms: number; required: Party; unshared: Party };

/** What the state reads about the document. */
export interface StateInput {
  graph: BlockGraph;
  facts: NodeFacts;
  nameOf: (id: string) => string;
  /** True for a finding already reported: several of those need no ordering. */
  known: (finding: Finding) => boolean;
  /** childrenFirst(graph), when the caller has it already. */
  walk?: GraphWalk | undefined;
}

/**
 * The permission state of a block graph while it is built: every node's parent and child edges
 * (kept oldest first; QEMU's lists are newest first, QLIST_INSERT_HEAD, and are walked so), and the
 * refresh QEMU runs after each graph change (block.c: bdrv_refresh_perms). Checks never abort: every finding is returned and
 * the walk goes on, so the state after a refresh is the fixpoint of the graph so far.
 */
export class PermState {
  private readonly parents = new Map<string, Attached[]>();
  private readonly children = new Map<string, Attached[]>();
  /** Nodes whose parent edges changed outside a refresh: they are checked by the next one. */
  private readonly pending = new Set<string>();
  /** A topological order of the whole document, valid for every part of it, and each node's position in it. */
  private readonly order: string[];
  private readonly rank: Map<string, number>;

  constructor(private readonly input: StateInput) {
    this.order = parentsFirst(input.graph, input.walk);
    this.rank = new Map();
    for (let i = 0; i < this.order.length; i++) this.rank.set(this.order[i] as string, i);
  }

  /**
   * Adds an edge (a BdrvChild); a node's edge gets the pair its parent's driver gives it now,
   * unless `compute` is false. The child is checked by the next refresh.
   */
  attach(edge: Attached, compute = true): void {
    append(this.parents, edge.child, edge);
    this.pending.add(edge.child);
    if (edge.party.kind !== 'node') return;
    append(this.children, edge.party.parent, edge);
    if (edge.spec && compute) edge.pair = this.edgePerms(edge.spec) ?? edge.pair;
  }

  /** Changes a user's pair (blk_set_perm); the node is checked next refresh. */
  setPair(edge: Attached, pair: PermPair): void {
    edge.pair = pair;
    this.pending.add(edge.child);
  }

  /** The cumulative permissions of a node: OR of its parent edges' perm, AND of their shared (block.c: bdrv_get_cumulative_perm). */
  cumulative(id: string): PermPair {
    let perm = NONE;
    let shared = ALL;
    for (const edge of this.parents.get(id) ?? []) {
      perm |= edge.pair.perm;
      shared &= edge.pair.shared;
    }
    return { perm, shared };
  }

  /** Every edge attached so far, users included. */
  edges(): Attached[] {
    return [...this.parents.values()].flat();
  }

  /**
   * block.c: bdrv_refresh_perms(start): checks and updates `start` and what is below it, parents
   * first. Only nodes whose parent edges changed are visited (the others would check and compute
   * as before); when more than one new finding turns up, they are put in the order of QEMU's list
   * (block.c: bdrv_topological_dfs), since QEMU reports the first.
   */
  refresh(start: string): Finding[] {
    const queue = new RankQueue(this.rank);
    for (const id of [start, ...this.pending]) queue.push(id);
    this.pending.clear();
    const done = new Set<string>();
    const found: Finding[] = [];
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
      if (done.has(id)) continue;
      done.add(id);
      const finding = this.check(id);
      if (finding) found.push(finding);
      for (const edge of this.children.get(id) ?? []) if (this.update(edge)) queue.push(edge.child);
    }
    if (found.filter((f) => !this.input.known(f)).length < 2) return found;
    const position = new Map(this.qemuOrder([start]).map((id, i) => [id, i]));
    return found.sort((a, b) => (position.get(a.node) ?? 0) - (position.get(b.node) ?? 0));
  }

  /** The same over the whole graph, every node after its parents (findings in no particular order). */
  refreshAll(): Finding[] {
    this.pending.clear();
    const found: Finding[] = [];
    for (const id of this.order) {
      const finding = this.check(id);
      if (finding) found.push(finding);
      for (const edge of this.children.get(id) ?? []) this.update(edge);
    }
    return found;
  }

  /** Recomputes a node edge from its parent's state; true if it changed. */
  private update(edge: Attached): boolean {
    const pair = edge.spec ? this.edgePerms(edge.spec) : undefined;
    if (pair === undefined || (pair.perm === edge.pair.perm && pair.shared === edge.pair.shared)) return false;
    edge.pair = pair;
    return true;
  }

  private edgePerms(spec: EdgeSpec): PermPair | undefined {
    const parent = spec.link.parent;
    const state = { cumulative: this.cumulative(parent), hasParents: (this.parents.get(parent)?.length ?? 0) > 0 };
    return childPerms(this.input.graph, spec, state, this.input.facts);
  }

  /**
   * The first problem on a node: a parent taking what another does not share, every ordered pair
   * tried in list order (block.c: bdrv_parent_perms_conflict, bdrv_a_allow_b), then write access
   * to a read-only node (block.c: bdrv_node_refresh_perm), then the host file's locks
   * (the driver's check, file-posix.c: raw_check_perm).
   */
  private check(id: string): Finding | undefined {
    const parents = this.parents.get(id) ?? [];
    // Both loops walk the list newest first, as QEMU's is.
    for (let i = parents.length > 1 ? parents.length - 1 : -1; i >= 0; i--) {
      const a = parents[i] as Attached;
      for (let j = parents.length - 1; j >= 0; j--) {
        const b = parents[j] as Attached;
        const perms = b.pair.perm & ~a.pair.shared;
        if (a === b || perms === NONE) continue;
        const message = conflictMessage(id, perms, b.party, a.party, this.input.nameOf);
        return { kind: 'conflict', node: id, message, perms, required: b.party, unshared: a.party };
      }
    }
    const writes = (this.cumulative(id).perm & (WRITE | WRITE_UNCHANGED)) !== NONE;
    if (writes && this.input.facts.writable(id) === false)
      return { kind: 'read-only', node: id, message: READ_ONLY_MESSAGE };
    const lock = this.lockConflict(id);
    return lock === undefined ? undefined : { kind: 'lock', node: id, message: lock };
  }

  /**
   * file-posix.c: raw_check_lock_bytes. Every node on a host file locks one byte per permission it
   * holds and one per permission it does not share (its cumulative pair). Taking a permission
   * another node does not share fails first, then not sharing one another node holds, each tried
   * in bit order.
   */
  private lockConflict(id: string): string | undefined {
    const peers = this.input.facts.lockPeers(id);
    if (peers.length === 0) return undefined;
    const mine = this.cumulative(id);
    const theirs = peers.map((peer) => this.cumulative(peer));
    for (const bit of PERM_BITS) {
      if ((mine.perm & bit) !== NONE && theirs.some((pair) => (pair.shared & bit) === NONE))
        return LOCK_TEXT.take(permText(bit));
    }
    for (const bit of PERM_BITS) {
      if ((mine.shared & bit) === NONE && theirs.some((pair) => (pair.perm & bit) !== NONE))
        return LOCK_TEXT.share(permText(bit));
    }
    return undefined;
  }

  /** Nodes below `starts` as block.c: bdrv_topological_dfs lists them, through children newest first. */
  private qemuOrder(starts: readonly string[]): string[] {
    return topological(starts, (id) => (this.children.get(id) ?? []).map((edge) => edge.child).reverse());
  }
}

function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

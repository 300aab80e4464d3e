import type { BlockGraph, BlockNode, ChildLink } from '../document.ts';
import { lockKey } from './edgeSpecs.ts';

/**
 * Permission components: the parts of a document whose permissions can affect each other.
 *
 * QEMU computes a node's permissions from its parent edges only, and an edge's from its parent's
 * cumulative permissions (block.c: bdrv_child_perm, bdrv_get_cumulative_perm), so permissions
 * flow along links; the only other coupling is file-posix's image locks between the nodes that
 * open one host file (file-posix.c: raw_check_lock_bytes). A component is a connected part of the
 * undirected graph whose edges are the links and "same locked file". `computePermissions` over a
 * document D that is the disjoint union of a set of whole components D' and the rest R:
 *
 * - sees, for every node of D', exactly what it sees over D': its links and their specs (a role
 *   variant reads only the parent's options and its sibling links), its lock peers, its effective
 *   options (resolveOptions reads the node, its inline parents and their links: all in D'), the
 *   names its messages use (nodeNamer and the `Could not open backing file: ` prefix climb inline
 *   links), and the same relative order of nodes and links when D' keeps D's order. childrenFirst
 *   is a depth-first walk from every node in document order through links in document order, so
 *   restricted to D' it is the walk of D'; so are parentsFirst (the refresh queue's ranks, QEMU's
 *   topological order) and attachOrder (the replay's order) restricted to D';
 * - finds nothing in R when R is clean (computePermissions over R alone reports no error).
 *   Clean means the fixpoint of R (all edges attached) has no problem: `settle` finds a problem
 *   exactly when the fixpoint has one (each node is checked after its parents' edges are final,
 *   and a lock clash between two peers is seen by whichever of them is checked last), and the
 *   replay, which ends in the same fixpoint, reports a problem at the refresh where it arises.
 *   Every rule only takes more and shares less as a parent takes more and shares less
 *   (defaultPerms, CHILD_PERM_RULES; copy-before-write unshares more once its node has parents),
 *   and every check only fails more as edges take more and share less, so no partial build of R
 *   has a problem its fixpoint lacks: no refresh inside R reports anything.
 *
 * Hence the errors over D are the errors over D', in the same order, and the first one (the one
 * QEMU reports) is the same. A command that changes only D' of a clean document can be checked
 * on D' alone.
 */

/** The host file a node takes image locks on (file-posix with `locking` not off), normalised; undefined for none. */
export function lockedFile(node: BlockNode): string | undefined {
  return lockKey(node);
}

/** Where a permission component spreads from a node: its links (either end) and its lock peers. */
export interface Neighbourhood {
  /** The links whose parent or child is `id`. */
  links: (id: string) => Iterable<ChildLink>;
  /** The other nodes that lock the host file `id` locks. */
  lockPeers: (id: string) => Iterable<string>;
}

/**
 * The ids of the nodes in the permission components that contain `seeds` (see above), found by
 * a walk that touches only those components.
 *
 * @example permissionComponents(['disk'], neighbourhood) // Set { 'disk', 'disk-file', 'base', … }
 */
export function permissionComponents(seeds: Iterable<string>, around: Neighbourhood): Set<string> {
  const found = new Set<string>();
  const queue: string[] = [];
  const visit = (id: string): void => {
    if (found.has(id)) return;
    found.add(id);
    queue.push(id);
  };
  for (const seed of seeds) visit(seed);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    for (const link of around.links(id)) {
      visit(link.parent);
      visit(link.child);
    }
    for (const peer of around.lockPeers(id)) visit(peer);
  }
  return found;
}

/**
 * The sub-document of `graph` made of `nodes` and the links between them, in the order given
 * (which must be the document's, see above); objects, frontends and layout stay the document's.
 */
export function subDocument(graph: BlockGraph, nodes: readonly BlockNode[], links: readonly ChildLink[]): BlockGraph {
  const byId = idRecord<BlockNode>();
  for (const node of nodes) byId[node.id] = node;
  return { ...graph, nodes: byId, links };
}

/**
 * An empty record for values keyed by document id, for the many small ones made per command.
 * Without a prototype, V8 keeps it as a hash table from the start: a plain `{}` would get a hidden
 * class per distinct sequence of keys, and with a fresh id per node their number (and the cost of
 * every property access through them) grows with the document. Keys enumerate in insertion order
 * as a plain object's do (ids are never array indexes in a regular document); only the lookup of
 * an absent key differs (undefined instead of an Object.prototype member such as `constructor`).
 *
 * @example const nodes = idRecord<BlockNode>(); nodes['disk'] = disk;
 */
export function idRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

import type { BlockGraph, BlockNode, ChildLink } from '../document.ts';
import { childrenFirst } from '../graphWalk.ts';
import { lockedFile, subDocument, type Neighbourhood } from '../perms/components.ts';

/** What a blockdev-add looks up in the document as it was before the command. */
export interface Lookups {
  /** node-name → document id. */
  names: ReadonlyMap<string, string>;
  /** The child ids of `parent`, in document order. */
  childIds: (parent: string) => readonly string[] | undefined;
  /** The first link of `parent` in `role`, in document order. */
  link: (parent: string, role: string) => ChildLink | undefined;
  /** The smallest free id `BASE-N` for `base`, given what is taken (see freeId). */
  numbered: (base: string, taken: (id: string) => boolean) => string;
}

/** The smallest `BASE-N` (N from 1) that `taken` does not hold. */
export function numberFromOne(base: string, taken: (id: string) => boolean): string {
  return firstFree(base, taken);
}

/** The smallest `BASE-N` with N from `from` that `taken` does not hold (every lower one being taken). */
function firstFree(base: string, taken: (id: string) => boolean, from = 1): string {
  let n = from;
  while (taken(`${base}-${String(n)}`)) n++;
  return `${base}-${String(n)}`;
}

/** A numbered id: `BASE-N`, N from 1 without leading zeros. */
const NUMBERED = /^(.+)-([1-9][0-9]*)$/;

/**
 * The lookups built from the whole document, as each command used to build them: the last node
 * with a node-name wins, child lists and links in document order, ids numbered from 1.
 */
export function scanLookups(graph: BlockGraph): Lookups {
  const names = new Map(
    Object.values(graph.nodes).flatMap((n) => (n.name === undefined ? [] : [[n.name, n.id] as const])),
  );
  const attached = new Map<string, string[]>();
  for (const link of graph.links) {
    const list = attached.get(link.parent);
    if (list) list.push(link.child);
    else attached.set(link.parent, [link.child]);
  }
  return {
    names,
    childIds: (parent) => attached.get(parent),
    link: (parent, role) => graph.links.find((l) => l.parent === parent && l.role === role),
    numbered: numberFromOne,
  };
}

/** A key that an object would list before the others (an array index), which breaks "added last is listed last". */
const INDEX_LIKE = /^(0|[1-9][0-9]*)$/;

/**
 * The document's lookups kept up to date as blockdev-add grows it, instead of being rebuilt from
 * every node per command: node-names, links by parent and by child, nodes by locked host file,
 * each node's and link's position in the document, and where the search for a free `BASE-N` id
 * may start. Only additions are followed (`add`, and `remove` of what the last `add` added); any
 * other change builds a new index.
 *
 * `regular` says the document has the shape incremental work relies on: every node keyed by its
 * id, no id an array index (so added nodes come last in key order), unique node-names, links
 * between existing nodes, and no cycle.
 */
export class DocIndex implements Neighbourhood {
  readonly names = new Map<string, string>();
  /** Per node id, all the index knows of the node (one lookup per question). */
  private readonly entries = new Map<string, Entry>();
  private readonly files = new Map<string, string[]>();
  /** Per base, an N such that every node id `BASE-k` with k < N is in the index. */
  private readonly numberedFrom = new Map<string, number>();
  private nodeCount = 0;
  private linkCount = 0;
  private shapeOk = true;

  private constructor() {}

  /**
   * The index of a whole document (linear).
   *
   * @example DocIndex.of(seedSimpleTree()).lookups().link('disk', 'file') // { parent: 'disk', role: 'file', … }
   */
  static of(graph: BlockGraph): DocIndex {
    const index = new DocIndex();
    const nodes = Object.entries(graph.nodes).map(([key, node]) => {
      if (key !== node.id) index.shapeOk = false;
      return node;
    });
    index.add(nodes, graph.links);
    if (index.shapeOk && childrenFirst(graph).cycle !== undefined) index.shapeOk = false;
    return index;
  }

  /** See the class comment. */
  get regular(): boolean {
    return this.shapeOk;
  }

  /** Whether `nodes` could be added keeping the index regular (fresh ids and node-names). */
  accepts(nodes: readonly BlockNode[]): boolean {
    const names = new Set<string>();
    for (const node of nodes) {
      if (this.entries.has(node.id) || INDEX_LIKE.test(node.id)) return false;
      if (node.name === undefined) continue;
      if (this.names.has(node.name) || names.has(node.name)) return false;
      names.add(node.name);
    }
    return true;
  }

  /** Follows nodes and links appended to the document (nodes after its nodes, links after its links). */
  add(nodes: readonly BlockNode[], links: readonly ChildLink[]): void {
    for (const node of nodes) {
      if (INDEX_LIKE.test(node.id) || this.entries.has(node.id)) this.shapeOk = false;
      const file = lockedFile(node);
      this.entries.set(node.id, { rank: this.nodeCount++, below: [], belowRanks: [], above: [], file });
      if (node.name !== undefined) {
        if (this.names.has(node.name)) this.shapeOk = false;
        this.names.set(node.name, node.id);
      }
      if (file !== undefined) append(this.files, file, node.id);
      this.countUp(node.id);
    }
    for (const link of links) {
      const parent = this.entries.get(link.parent);
      const child = this.entries.get(link.child);
      const rank = this.linkCount++;
      // A link to or from no node: the index is not used for incremental work.
      if (parent === undefined || child === undefined) this.shapeOk = false;
      parent?.below.push(link);
      parent?.belowRanks.push(rank);
      child?.above.push(link);
    }
  }

  /** Forgets what the last `add` of exactly these nodes and links added (a refused command). */
  remove(nodes: readonly BlockNode[], links: readonly ChildLink[]): void {
    for (let i = links.length - 1; i >= 0; i--) {
      const link = links[i] as ChildLink;
      const parent = this.entries.get(link.parent);
      parent?.below.pop();
      parent?.belowRanks.pop();
      this.entries.get(link.child)?.above.pop();
      this.linkCount--;
    }
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i] as BlockNode;
      const file = this.entries.get(node.id)?.file;
      if (file !== undefined) this.files.get(file)?.pop();
      this.entries.delete(node.id);
      if (node.name !== undefined && this.names.get(node.name) === node.id) this.names.delete(node.name);
      this.nodeCount--;
      const numbered = NUMBERED.exec(node.id);
      if (numbered !== null) {
        const [, base = '', n = ''] = numbered;
        this.numberedFrom.set(base, Math.min(this.numberedFrom.get(base) ?? 1, Number(n)));
      }
    }
  }

  /** Moves the start of the search for a free `BASE-N` past a node id just indexed, if it was there. */
  private countUp(id: string): void {
    const numbered = NUMBERED.exec(id);
    if (numbered === null) return;
    const [, base = '', n = ''] = numbered;
    let next = this.numberedFrom.get(base) ?? 1;
    if (Number(n) !== next) return;
    while (this.entries.has(`${base}-${String(next)}`)) next++;
    this.numberedFrom.set(base, next);
  }

  /** The links below `parent`, in document order. */
  childLinks(parent: string): readonly ChildLink[] {
    return this.entries.get(parent)?.below ?? NONE;
  }

  /** The links above and below `id`. */
  links(id: string): Iterable<ChildLink> {
    const entry = this.entries.get(id);
    return entry === undefined ? NONE : [...entry.above, ...entry.below];
  }

  /** The other nodes on the host file `id` locks. */
  lockPeers(id: string): Iterable<string> {
    const file = this.entries.get(id)?.file;
    const ids = file === undefined ? undefined : this.files.get(file);
    return ids === undefined || ids.length < 2 ? NO_IDS : ids.filter((other) => other !== id);
  }

  /** The lookups of a blockdev-add over the indexed document. */
  lookups(): Lookups {
    return {
      names: this.names,
      childIds: (parent) => {
        const below = this.entries.get(parent)?.below;
        return below === undefined || below.length === 0 ? undefined : below.map((l) => l.child);
      },
      link: (parent, role) => this.entries.get(parent)?.below.find((l) => l.role === role),
      numbered: (base, taken) => firstFree(base, taken, this.numberedFrom.get(base) ?? 1),
    };
  }

  /** The sub-document of `graph` made of `ids` and their links, in document order. */
  subDocument(graph: BlockGraph, ids: ReadonlySet<string>): BlockGraph {
    const found: { node: BlockNode; entry: Entry }[] = [];
    for (const id of ids) {
      const node = graph.nodes[id];
      const entry = this.entries.get(id);
      if (node !== undefined && entry !== undefined) found.push({ node, entry });
    }
    found.sort((a, b) => a.entry.rank - b.entry.rank);
    const ranked: { link: ChildLink; rank: number }[] = [];
    for (const { entry } of found) {
      entry.below.forEach((link, i) => ranked.push({ link, rank: entry.belowRanks[i] ?? 0 }));
    }
    ranked.sort((a, b) => a.rank - b.rank);
    return subDocument(
      graph,
      found.map(({ node }) => node),
      ranked.map(({ link }) => link),
    );
  }
}

/** What the index knows of one node. */
interface Entry {
  /** Its position among the document's nodes. */
  rank: number;
  /** The links below it, in document order, and each one's position among the document's links. */
  below: ChildLink[];
  belowRanks: number[];
  /** The links above it, in document order. */
  above: ChildLink[];
  /** The host file it locks (lockedFile). */
  file: string | undefined;
}

const NO_IDS: readonly string[] = [];
const NONE: readonly ChildLink[] = [];

function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * A table read through to `base` and written on top of it, so that what one command adds never
 * reaches the document's own lookups before the command succeeds.
 */
export class Overlay<V> {
  private readonly own = new Map<string, V>();

  constructor(private readonly base: (key: string) => V | undefined) {}

  get(key: string): V | undefined {
    return this.own.has(key) ? this.own.get(key) : this.base(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): this {
    this.own.set(key, value);
    return this;
  }
}

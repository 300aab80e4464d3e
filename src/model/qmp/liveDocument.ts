import type { BlockGraph, BlockNode, ChildLink, QomObject } from '../document.ts';
import { resolveOptions, type GivenOptions } from '../inherit/resolveOptions.ts';
import type { JsonObject } from '../json.ts';
import type { GivenValues } from '../open/given.ts';
import type { ImageSource } from '../open/imageSource.ts';
import { permissionComponents } from '../perms/components.ts';
import { computePermissions } from '../perms/index.ts';
import { addBlockdevAt, wholeDocumentError, type AddSite } from './addBlockdev.ts';
import { DocIndex, scanLookups } from './docIndex.ts';
import { givenWith, type OpenedWith } from './openedWith.ts';
import type { Added } from './planBlockdev.ts';

/**
 * The simulated daemon's document between commands, kept so that a blockdev-add costs what it
 * adds rather than what the document holds: the document is grown in place (a private copy; a
 * refused command takes back what it appended), its lookups are kept in a DocIndex, and
 * permissions are computed over the permission components the new nodes join
 * (perms/components.ts), which is the same as over the whole document while the document before
 * the command had no permission error ("clean"). Whatever else changes the document is adopted
 * as a new document (index rebuilt, cleanliness to be found again).
 */
export class LiveDocument {
  /** The document now; its `nodes` and `links` grow in place. */
  graph: BlockGraph;
  /** What the nodes opened from image headers were given (openedWith.ts), grown in place. */
  opened: Map<string, GivenValues>;
  private nodes: Record<string, BlockNode>;
  private links: ChildLink[];
  private objects: Record<string, QomObject>;
  private index: DocIndex;
  /** The whole document has no permission error; undefined: not known (compute it when needed). */
  private clean: boolean | undefined;

  constructor(graph: BlockGraph) {
    this.nodes = { ...graph.nodes };
    this.links = [...graph.links];
    this.objects = { ...graph.objects };
    this.graph = { ...graph, nodes: this.nodes, links: this.links, objects: this.objects };
    this.opened = new Map();
    this.index = DocIndex.of(this.graph);
    this.clean = undefined;
  }

  /** blockdev-add: undefined when QEMU accepts it (the document has grown), else QEMU's error text. */
  add(args: JsonObject, images: ImageSource | undefined): string | undefined {
    const regular = this.index.regular;
    const clean = regular && this.isClean();
    const grown: Added[] = [];
    /** Whether componentError indexed what was added (the closure sets it). */
    const step = { indexed: false };
    const site: AddSite = {
      graph: this.graph,
      lookups: regular ? this.index.lookups() : scanLookups(this.graph),
      grow: (graph, added) => {
        Object.assign(this.nodes, added.nodes);
        this.links.push(...added.links);
        grown.push(added);
        return graph;
      },
      permissionError: (graph, given) => {
        const nodes = grown.flatMap((added) => Object.values(added.nodes));
        const links = grown.flatMap((added) => added.links);
        if (!clean || !this.index.accepts(nodes)) return wholeDocumentError(graph, given);
        step.indexed = true;
        return this.componentError(graph, nodes, links, given);
      },
    };
    const done = addBlockdevAt(site, args, images, this.opened);
    if ('error' in done) {
      this.shrink(grown);
      return done.error;
    }
    if (done.implicit !== undefined && done.implicit.links.length > 0) {
      for (const [id, values] of done.implicit.given) this.opened.set(id, values);
    }
    // Accepted, so the document has no permission error now.
    this.clean = true;
    if (!step.indexed) this.reindex(grown);
    return undefined;
  }

  /**
   * Takes over the document another successful command made, with `opened` after it. `change`:
   * what the command may have changed: `objects` (object-add, object-del: no node's permissions,
   * and if nodes and links are the same arrays, the index stays; it holds no object), or `any`.
   * After `any` on a clean document, only the permission components of what changed are checked
   * (perms/components.ts: the others are components of the clean document before, unchanged).
   */
  adopt(graph: BlockGraph, opened: OpenedWith, change: 'objects' | 'any'): void {
    const before = { graph: this.graph, index: this.index };
    this.opened = opened === this.opened ? this.opened : new Map(opened);
    this.objects = { ...graph.objects };
    if (change === 'objects' && graph.nodes === this.nodes && graph.links === this.links) {
      this.graph = { ...graph, objects: this.objects };
      return;
    }
    // A new private copy: the index is rebuilt, and an id removed may be free again.
    this.nodes = { ...graph.nodes };
    this.links = [...graph.links];
    this.graph = { ...graph, nodes: this.nodes, links: this.links, objects: this.objects };
    this.index = DocIndex.of(this.graph);
    if (change === 'any') this.clean = this.clean === true ? this.stillClean(before.graph, before.index) : undefined;
  }

  /**
   * Whether the document, clean before a command that turned `before` into it, is still clean:
   * the components (in the document now) of every node the command changed, added or linked or
   * unlinked, and of the lock peers of what it changed or removed, have no permission error.
   * Undefined when that cannot be told that way (the document is no longer regular).
   */
  private stillClean(before: BlockGraph, beforeIndex: DocIndex): boolean | undefined {
    if (!this.index.regular) return undefined;
    const touched = touchedNodes(before, this.graph, beforeIndex);
    if (touched.size === 0) return true;
    const part = this.index.subDocument(this.graph, permissionComponents(touched, this.index));
    return wholeDocumentError(part, this.opened.size === 0 ? undefined : givenWith(this.opened)) === undefined;
  }

  /**
   * object-add of an object `checkObjectAdd` accepted, in place; false (nothing done) when a node
   * has its id as document id, which objectAdd gives another (then adopt objectAdd's result).
   */
  addObject(object: QomObject): boolean {
    if (Object.hasOwn(this.nodes, object.id)) return false;
    this.objects[object.id] = object;
    return true;
  }

  /** Whether the whole document has no permission error (computed once after a change of unknown effect). */
  private isClean(): boolean {
    this.clean ??=
      wholeDocumentError(this.graph, this.opened.size === 0 ? undefined : givenWith(this.opened)) === undefined;
    return this.clean;
  }

  /**
   * The first permission error over the components of the grown document that hold the new
   * nodes, the rest having none (see perms/components.ts); indexes the new nodes and links,
   * and forgets them again on an error.
   */
  private componentError(
    graph: BlockGraph,
    nodes: readonly BlockNode[],
    links: readonly ChildLink[],
    given: GivenOptions | undefined,
  ): string | undefined {
    this.index.add(nodes, links);
    const ids = permissionComponents(
      nodes.map((node) => node.id),
      this.index,
    );
    const part = this.index.subDocument(graph, ids);
    const effective = given === undefined ? {} : { effective: resolveOptions(part, given) };
    const error = computePermissions(part, effective).errors[0]?.message;
    if (error !== undefined) this.index.remove(nodes, links);
    return error;
  }

  /** Indexes what an accepted command appended, unless componentError did. */
  private reindex(grown: readonly Added[]): void {
    const nodes = grown.flatMap((added) => Object.values(added.nodes));
    const links = grown.flatMap((added) => added.links);
    if (this.index.regular && this.index.accepts(nodes)) this.index.add(nodes, links);
    else this.index = DocIndex.of(this.graph);
  }

  /** Takes back what a refused command appended: its nodes (the last keys) and links (the last entries). */
  private shrink(grown: readonly Added[]): void {
    for (const added of grown) {
      for (const id of Object.keys(added.nodes)) Reflect.deleteProperty(this.nodes, id);
      this.links.length -= added.links.length;
    }
  }
}

/**
 * The nodes of `after` whose permissions a command that turned `before` into `after` may have
 * changed directly: nodes added or changed, the surviving ends of links added or removed, and the
 * surviving lock peers (in `before`) of nodes changed or removed.
 */
function touchedNodes(before: BlockGraph, after: BlockGraph, beforeIndex: DocIndex): Set<string> {
  const touched = new Set<string>();
  const present = (id: string): boolean => Object.hasOwn(after.nodes, id);
  for (const [id, node] of Object.entries(after.nodes)) {
    if (!Object.hasOwn(before.nodes, id) || before.nodes[id] !== node) touched.add(id);
  }
  const gone = Object.keys(before.nodes).filter((id) => !present(id));
  const linksBefore = new Set(before.links);
  const linksAfter = new Set(after.links);
  const ends = (link: ChildLink): void => {
    if (present(link.parent)) touched.add(link.parent);
    if (present(link.child)) touched.add(link.child);
  };
  for (const link of after.links) if (!linksBefore.has(link)) ends(link);
  for (const link of before.links) if (!linksAfter.has(link)) ends(link);
  for (const id of [...gone, ...touched]) {
    for (const peer of beforeIndex.lockPeers(id)) if (present(peer)) touched.add(peer);
  }
  return touched;
}

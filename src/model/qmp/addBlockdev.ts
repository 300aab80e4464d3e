import type { BlockGraph } from '../document.ts';
import { resolveOptions, type GivenOptions } from '../inherit/resolveOptions.ts';
import type { JsonObject } from '../json.ts';
import type { GivenValues } from '../open/given.ts';
import type { ImageSource } from '../open/imageSource.ts';
import { computePermissions } from '../perms/index.ts';
import { visitBlockdev } from '../qapi/qapiVisit.ts';
import { scanLookups, type Lookups } from './docIndex.ts';
import { newImageWork, type Implicit } from './imageWork.ts';
import { QEMU_TEXT } from './messages.ts';
import { checkOpen } from './openChecks.ts';
import { givenWith, type OpenedWith } from './openedWith.ts';
import { planBlockdev, withAdded, type Added } from './planBlockdev.ts';

/**
 * Imports one `blockdev-add` argument object into the document as QEMU opens it, or returns
 * QEMU's error text. Checks in QEMU's order: the QAPI schema (types, enums, missing and unexpected
 * members), the root's node-name, then each node as it is opened (see `checkOpen`). Objects nested
 * in child members become inline children (unnamed ones get a fresh document id and no
 * node-name); strings become references to the node with that node-name; `backing: null` stays
 * the option `backing: null`. A failing blockdev-add changes nothing. With `images`, drivers read
 * their images and header backing chains are opened (see `simulateQmp`); `opened` is what the
 * nodes of `graph` that were opened from headers were given, returned with the new ones added.
 *
 * @example addBlockdev(emptyGraph(), { driver: 'null-co', 'node-name': 'n0' }) // { graph }
 */
export function addBlockdev(
  graph: BlockGraph,
  args: JsonObject,
  images?: ImageSource,
  opened: OpenedWith = new Map(),
): { graph: BlockGraph; opened: OpenedWith } | { error: string } {
  const done = addBlockdevAt(copyingSite(graph), args, images, opened);
  if ('error' in done) return done;
  const implicit = done.implicit;
  if (implicit === undefined || implicit.links.length === 0) return { graph: done.graph, opened };
  return { graph: done.graph, opened: new Map([...opened, ...implicit.given]) };
}

/**
 * Where a blockdev-add reads and grows the document: its lookups, how nodes and links are
 * appended, and how the permissions of the grown document are checked.
 */
export interface AddSite {
  /** The document before the command. */
  graph: BlockGraph;
  /** Lookups over `graph`. */
  lookups: Lookups;
  /** `graph` with `added` after its own nodes and links: a new document, or `graph` grown in place. */
  grow: (graph: BlockGraph, added: Added) => BlockGraph;
  /**
   * QEMU's first permission error in the grown document, whose nodes were opened with `given`
   * (undefined: their own options), or undefined when there is none.
   */
  permissionError: (graph: BlockGraph, given: GivenOptions | undefined) => string | undefined;
}

/** A successful blockdev-add: the grown document and the nodes opened from image headers, if any. */
export interface AddDone {
  graph: BlockGraph;
  implicit: Implicit | undefined;
}

/**
 * `addBlockdev` on a site: the same checks in the same order. On an error the site may have been
 * grown; undoing that is the site's business.
 */
export function addBlockdevAt(
  site: AddSite,
  args: JsonObject,
  images: ImageSource | undefined,
  opened: OpenedWith,
): AddDone | { error: string } {
  const visited = visitBlockdev(args, 'json');
  if (!visited.ok) return { error: visited.message };
  if (typeof args['node-name'] !== 'string') return { error: QEMU_TEXT.rootNodeName() };
  const plan = planBlockdev(site.graph, args, site.lookups);
  const planned = site.grow(site.graph, plan.added);
  const work = images === undefined ? undefined : newImageWork(images);
  // An open error may come after an attach whose permission refresh failed first (see checkOpen).
  const partialError = (partial: BlockGraph, whole: BlockGraph) =>
    partialDocumentError(partial, whole, openedGiven(opened, undefined));
  const refused = checkOpen(planned, plan, site.lookups, work, partialError);
  if (refused !== undefined) return { error: refused };
  const implicit = work?.added;
  const built = implicit === undefined || implicit.links.length === 0 ? planned : site.grow(planned, implicit);
  // Attaching the new nodes refreshes permissions last (block.c: bdrv_refresh_perms); the state
  // before was accepted, so any error is this command's.
  const given = openedGiven(opened, implicit === undefined || implicit.links.length === 0 ? undefined : implicit.given);
  const conflict = site.permissionError(built, given);
  if (conflict !== undefined) return { error: conflict };
  return { graph: built, implicit };
}

/**
 * givenWith(opened with `added` after it), without copying `opened`; undefined when neither has
 * an entry (every node was given its own options).
 */
function openedGiven(
  opened: OpenedWith,
  added: ReadonlyMap<string, GivenValues> | undefined,
): GivenOptions | undefined {
  if (added === undefined || added.size === 0) return opened.size === 0 ? undefined : givenWith(opened);
  const both = givenWith(opened);
  return (node) => added.get(node.id) ?? both(node);
}

/** The site of the plain `addBlockdev`: lookups from the whole document, copies, permissions of the whole document. */
function copyingSite(graph: BlockGraph): AddSite {
  return {
    graph,
    lookups: scanLookups(graph),
    grow: withAdded,
    permissionError: wholeDocumentError,
  };
}

/** The first permission error of the whole document (computePermissions). */
export function wholeDocumentError(graph: BlockGraph, given: GivenOptions | undefined): string | undefined {
  const effective = given === undefined ? {} : { effective: resolveOptions(graph, given) };
  return computePermissions(graph, effective).errors[0]?.message;
}

/**
 * The first permission error of `partial`, a part of `whole` built so far, whose nodes have the
 * effective options they have in `whole` (opened with `given`; undefined: their own options).
 */
export function partialDocumentError(
  partial: BlockGraph,
  whole: BlockGraph,
  given: GivenOptions | undefined,
): string | undefined {
  return computePermissions(partial, { effective: resolveOptions(whole, given) }).errors[0]?.message;
}

import type { BlockGraph } from '../document.ts';
import { resolveOptions } from '../inherit/resolveOptions.ts';
import type { JsonObject } from '../json.ts';
import type { ImageSource } from '../open/imageSource.ts';
import { computePermissions } from '../perms/index.ts';
import { visitBlockdev } from '../qapi/qapiVisit.ts';
import { newImageWork, type Implicit } from './imageWork.ts';
import { QEMU_TEXT } from './messages.ts';
import { checkOpen } from './openChecks.ts';
import { givenWith, type OpenedWith } from './openedWith.ts';
import { planBlockdev } from './planBlockdev.ts';

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
  const visited = visitBlockdev(args, 'json');
  if (!visited.ok) return { error: visited.message };
  if (typeof args['node-name'] !== 'string') return { error: QEMU_TEXT.rootNodeName() };
  const plan = planBlockdev(graph, args);
  const work = images === undefined ? undefined : newImageWork(images);
  const refused = checkOpen(graph, plan, work);
  if (refused !== undefined) return { error: refused };
  const built = work === undefined ? { graph: plan.graph, opened } : withImplicit(plan.graph, work.added, opened);
  // Attaching the new nodes refreshes permissions last (block.c: bdrv_refresh_perms); the state
  // before was accepted, so any error is this command's.
  const effective = built.opened.size === 0 ? {} : { effective: resolveOptions(built.graph, givenWith(built.opened)) };
  const [conflict] = computePermissions(built.graph, effective).errors;
  if (conflict !== undefined) return { error: conflict.message };
  return built;
}

/** The document with the nodes opened from image headers, and what they were given. */
function withImplicit(
  graph: BlockGraph,
  added: Implicit,
  opened: OpenedWith,
): { graph: BlockGraph; opened: OpenedWith } {
  if (added.links.length === 0) return { graph, opened };
  return {
    graph: { ...graph, nodes: { ...graph.nodes, ...added.nodes }, links: [...graph.links, ...added.links] },
    opened: new Map([...opened, ...added.given]),
  };
}

import type { BlockGraph } from '../document.ts';
import type { JsonObject } from '../json.ts';
import { QEMU_TEXT } from './messages.ts';
import { computePermissions } from '../perms/index.ts';
import { checkOpen } from './openChecks.ts';
import { planBlockdev } from './planBlockdev.ts';
import { visitBlockdevOptions } from './qapiVisit.ts';

/**
 * Imports one `blockdev-add` argument object into the document as QEMU opens it, or returns
 * QEMU's error text. Checks in QEMU's order: the QAPI schema (types, enums, missing and unexpected
 * members), the root's node-name, then each node as it is opened (see `checkOpen`). Objects nested
 * in child members become inline children (unnamed ones get a fresh document id and no
 * node-name); strings become references to the node with that node-name; `backing: null` stays
 * the option `backing: null`. A failing blockdev-add changes nothing.
 *
 * @example addBlockdev(emptyGraph(), { driver: 'null-co', 'node-name': 'n0' }) // { graph }
 */
export function addBlockdev(graph: BlockGraph, args: JsonObject): { graph: BlockGraph } | { error: string } {
  const invalid = visitBlockdevOptions(args, '');
  if (invalid !== undefined) return { error: invalid };
  if (typeof args['node-name'] !== 'string') return { error: QEMU_TEXT.rootNodeName() };
  const plan = planBlockdev(graph, args);
  const refused = checkOpen(graph, plan);
  if (refused !== undefined) return { error: refused };
  // Attaching the new nodes refreshes permissions last (block.c: bdrv_refresh_perms); the state
  // before was accepted, so any error is this command's.
  const [conflict] = computePermissions(plan.graph).errors;
  if (conflict !== undefined) return { error: conflict.message };
  return { graph: plan.graph };
}

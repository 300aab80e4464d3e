import { inlineParent, parentLinks, type BlockGraph, type ChildLink, type Frontend } from '../document.ts';
import { driverSpec } from '../drivers/index.ts';
import { reaches } from '../graphWalk.ts';
import type { JsonObject } from '../json.ts';
import { childRoleOf } from '../roles.ts';
import { resolveOptions } from '../inherit/resolveOptions.ts';
import type { Ownership } from './blockdevDel.ts';
import { QEMU_TEXT } from './messages.ts';
import { pinOptions } from './pinOptions.ts';
import { keptForceShare } from './reopenOptions.ts';
import { keepOld, type Pinned, type Pins } from './reopenPins.ts';
import { ALWAYS_IN_PARENT_DICT, INHERITED_OPTIONS, type InheritedOption } from '../inherit/rules.ts';
import { genericError, stringArg, type Outcome } from './types.ts';

/** Drivers without bdrv_reopen_prepare (QEMU 7.2): reopening them, or a node defining them inline, fails. */
export const CANNOT_REOPEN: ReadonlySet<string> = new Set([
  'blklogwrites',
  'blkreplay',
  'blkverify',
  'bochs',
  'cloop',
  'compress',
  'copy-before-write',
  'copy-on-read',
  'dmg',
  'ftp',
  'ftps',
  'http',
  'https',
  'parallels',
  'quorum',
  'replication',
  'snapshot-access',
  'ssh',
  'vvfat',
]);

/**
 * `blockdev-snapshot` (blockdev.c: external_snapshot_prepare/commit, QEMU 7.2): `overlay` gets
 * `node` as its backing child and takes over all of `node`'s parents; then `node` is reopened
 * read-only (with its inline children) unless that reopen is impossible, which QEMU ignores.
 * Checks in QEMU's order: `node` exists and is nobody's backing node, `overlay` exists, is not
 * read consistently by a parent (a format reading it as metadata, or a frontend), is no filter,
 * has no backing child yet and supports one, and would not end up below `node` (block.c: bdrv_append).
 */
export function blockdevSnapshot(
  graph: BlockGraph,
  own: Ownership,
  args: JsonObject,
  pins: Pins = new Map(),
): Outcome<{ graph: BlockGraph; own: Ownership; pins: Pins }> {
  const nodeName = stringArg(args.node);
  const overlayName = stringArg(args.overlay);
  const node = Object.values(graph.nodes).find((n) => n.name === nodeName);
  if (node === undefined) return genericError(QEMU_TEXT.cannotFind(nodeName));
  const backingParent = parentLinks(graph, node.id)
    .filter((l) => hasFlag(graph, l, 'cow'))
    .at(-1);
  if (backingParent !== undefined) {
    return genericError(QEMU_TEXT.busyAsBacking(nodeName, graph.nodes[backingParent.parent]?.name ?? '#block'));
  }
  const overlay = Object.values(graph.nodes).find((n) => n.name === overlayName);
  if (overlay === undefined) return genericError(QEMU_TEXT.cannotFind(overlayName));
  const readers =
    parentLinks(graph, overlay.id).some((l) => hasFlag(graph, l, 'metadata')) ||
    Object.values(graph.frontends).some((f) => f.root === overlay.id);
  if (readers) return genericError(QEMU_TEXT.overlayInUse());
  const spec = driverSpec(overlay.driver);
  if (spec?.category === 'filter') return genericError(QEMU_TEXT.overlayIsFilter());
  if (graph.links.some((l) => l.parent === overlay.id && hasFlag(graph, l, 'cow'))) {
    return genericError(QEMU_TEXT.overlayHasBacking());
  }
  if (spec?.supportsBacking !== true) return genericError(QEMU_TEXT.overlayNoBacking());
  if (reaches(graph, node.id, overlay.id)) return genericError(QEMU_TEXT.cycle(nodeName, 'backing', overlayName));
  const appended = append(graph, overlay.id, node.id);
  const orphans = new Set(own.orphans);
  if (inlineParent(graph, node.id) !== undefined) orphans.add(nodeName);
  return { ok: true, value: { ...makeReadOnly({ graph: appended, pins }, node.id), own: { orphans } } };
}

function hasFlag(graph: BlockGraph, link: ChildLink, flag: 'cow' | 'metadata'): boolean {
  return childRoleOf(graph.nodes[link.parent]?.driver ?? '', link.role)?.flags.includes(flag) === true;
}

/**
 * block.c: bdrv_append: every parent of `node` now uses `overlay` (by reference: the overlay was
 * not defined there), and `node` becomes the overlay's backing child. A node that was defined
 * inline keeps what it inherited.
 */
function append(graph: BlockGraph, overlay: string, node: string): BlockGraph {
  const moved = graph.links.map((l): ChildLink => (l.child === node ? { ...l, child: overlay, mode: 'reference' } : l));
  const backing: ChildLink = { parent: overlay, role: 'backing', child: node, mode: 'reference' };
  const frontends: Record<string, Frontend> = {};
  for (const [key, f] of Object.entries(graph.frontends))
    frontends[key] = f.root === node ? { ...f, root: overlay } : f;
  const overlayNode = graph.nodes[overlay];
  const nodes = { ...graph.nodes };
  const pinned = graph.nodes[node];
  if (pinned !== undefined) nodes[node] = pinOptions(pinned, resolveOptions(graph).get(node));
  if (overlayNode !== undefined) {
    const { backing: _null, ...options } = overlayNode.options;
    nodes[overlay] = { ...overlayNode, options };
  }
  return { ...graph, nodes, links: [...moved, backing], frontends };
}

/**
 * external_snapshot_commit: bdrv_reopen_set_read_only(node, true), errors ignored. That reopen
 * keeps the old options (keep_old_opts) and reopens the inline children below `node` the same
 * way, so they inherit anew whatever `node`'s options hold, read-only included; the values a
 * child only kept from an earlier reopen (pins) give way. It fails, and `node` stays writable,
 * when a node it would reopen has no reopen (CANNOT_REOPEN) or holds force-share (keptForceShare).
 */
function makeReadOnly(state: Pinned, id: string): Pinned {
  const { graph } = state;
  const node = graph.nodes[id];
  if (node === undefined) return state;
  if (inlineSubtree(graph, id).some((sub) => CANNOT_REOPEN.has(graph.nodes[sub]?.driver ?? ''))) return state;
  const before = resolveOptions(graph);
  if (keptForceShare(graph, id, before) !== undefined) return state;
  const options = { ...node.options, 'read-only': true };
  let next: Pinned = {
    graph: { ...graph, nodes: { ...graph.nodes, [id]: { ...node, options } } },
    pins: unpin(state.pins, id, 'read-only'),
  };
  // bdrv_reopen_queue_child: the dict passed down holds the node's old options (bs->options) and read-only
  const holds = new Set<string>([...ALWAYS_IN_PARENT_DICT, 'read-only']);
  const effective = before.get(id);
  for (const option of INHERITED_OPTIONS) if (effective?.[option].origin.kind !== 'default') holds.add(option);
  for (const link of graph.links.filter((l) => l.parent === id && l.mode === 'inline')) {
    next = keepOld(next, link, holds, before);
  }
  return next;
}

/** `pins` without `option` of node `id`. */
function unpin(pins: Pins, id: string, option: InheritedOption): Pins {
  const had = pins.get(id);
  if (had?.has(option) !== true) return pins;
  const next = new Map(pins);
  const left = new Set([...had].filter((o) => o !== option));
  if (left.size === 0) next.delete(id);
  else next.set(id, left);
  return next;
}

/** A node and every node defined inline below it: what a reopen of the node reopens. */
function inlineSubtree(graph: BlockGraph, id: string): string[] {
  const result = [id];
  for (let i = 0; i < result.length; i++) {
    for (const link of graph.links) {
      if (link.parent === result[i] && link.mode === 'inline') result.push(link.child);
    }
  }
  return result;
}

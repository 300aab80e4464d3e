import { inlineParent, parentLinks, type BlockGraph, type ChildLink, type Frontend } from '../document.ts';
import { driverSpec } from '../drivers/index.ts';
import { reaches } from '../graphWalk.ts';
import type { JsonObject } from '../json.ts';
import { childRoleOf } from '../roles.ts';
import { resolveOptions } from '../inherit/resolveOptions.ts';
import { computePermissions } from '../perms/index.ts';
import type { Ownership } from './blockdevDel.ts';
import { QEMU_TEXT } from './messages.ts';
import { inheritedOptions, pinOptions } from './pinOptions.ts';
import { reopenSubtree } from './reopen.ts';
import { heldOptions, withKept, type Pinned, type Pins } from './reopenPins.ts';
import { genericError, stringArg, type Outcome } from './types.ts';

/**
 * `blockdev-snapshot` (blockdev.c: external_snapshot_prepare/commit, QEMU 7.2): `overlay` gets
 * `node` as its backing child and takes over all of `node`'s parents; then `node` is reopened
 * read-only (with its inline children) unless that reopen is impossible, which QEMU ignores.
 * Checks in QEMU's order: `node` exists and is nobody's backing node, `overlay` exists, is not
 * read consistently by a parent (a format reading it as metadata, or a frontend), is no filter,
 * has no backing child yet and supports one, would not end up below `node`, and the parents'
 * permissions hold with the overlay in place (block.c: bdrv_append). `pins` and `own` carry what
 * the node keeps beyond the document (reopenPins.ts: Kept) and its becoming an orphan.
 */
export function blockdevSnapshot(
  graph: BlockGraph,
  own: Ownership,
  args: JsonObject,
  pins: Pins = new Map(),
): Outcome<Pinned> {
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
  const appended = append({ graph, pins, own }, overlay.id, node.id);
  // block.c: bdrv_append → bdrv_refresh_perms, e.g. a writable format above the node now writes the overlay
  const [conflict] = computePermissions(appended.graph, { during: 'reopen' }).errors;
  if (conflict !== undefined) return genericError(conflict.message);
  return { ok: true, value: makeReadOnly(appended, node.id) };
}

function hasFlag(graph: BlockGraph, link: ChildLink, flag: 'cow' | 'metadata'): boolean {
  return childRoleOf(graph.nodes[link.parent]?.driver ?? '', link.role)?.flags.includes(flag) === true;
}

/**
 * block.c: bdrv_append: every parent of `node` now uses `overlay` (by reference: the overlay was
 * not defined there), and `node` becomes the overlay's backing child. A node that was defined
 * inline keeps what it inherited (pinned) and, no longer given to the monitor, is an orphan; its
 * inherits_from still names its old parent (bdrv_replace_node leaves it alone), which matters if
 * a reopen makes it that parent's child again (reopen.ts: swapChild).
 */
function append({ graph, pins, own }: Pinned, overlay: string, node: string): Pinned {
  const moved = graph.links.map((l): ChildLink => (l.child === node ? { ...l, child: overlay, mode: 'reference' } : l));
  const backing: ChildLink = { parent: overlay, role: 'backing', child: node, mode: 'reference' };
  const frontends: Record<string, Frontend> = {};
  for (const [key, f] of Object.entries(graph.frontends))
    frontends[key] = f.root === node ? { ...f, root: overlay } : f;
  const nodes = { ...graph.nodes };
  const overlayNode = graph.nodes[overlay];
  if (overlayNode !== undefined) {
    const { backing: _null, ...options } = overlayNode.options;
    nodes[overlay] = { ...overlayNode, options };
  }
  const former = inlineParent(graph, node);
  const moving = graph.nodes[node];
  const effective = former === undefined ? undefined : resolveOptions(graph).get(node);
  if (former === undefined || moving === undefined || effective === undefined) {
    return { graph: { ...graph, nodes, links: [...moved, backing], frontends }, pins, own };
  }
  nodes[node] = pinOptions(moving, effective);
  const kept = withKept(pins, node, (k) => ({
    pinned: new Set([...k.pinned, ...inheritedOptions(effective)]),
    holds: heldOptions(pins, node, effective),
    inheritsFrom: former.parent,
  }));
  const orphans = new Set(own.orphans).add(moving.name ?? node);
  return { graph: { ...graph, nodes, links: [...moved, backing], frontends }, pins: kept, own: { orphans } };
}

/**
 * external_snapshot_commit: bdrv_reopen_set_read_only(node, true), errors ignored. That reopen
 * keeps the old options (keep_old_opts) with read-only given over them, and reopens the inline
 * children below `node` the same way, so they inherit anew what `node`'s options now hold
 * (reopen.ts: reopenSubtree). It fails, and `node` stays writable, when a node it would reopen
 * has no reopen (CANNOT_REOPEN) or holds force-share.
 */
function makeReadOnly(state: Pinned, id: string): Pinned {
  const done = reopenSubtree(state, id, { keepOld: true, passed: { 'read-only': true } }, resolveOptions(state.graph));
  return done.ok ? done.value : state;
}

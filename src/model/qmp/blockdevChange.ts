import { childLinks, parentLinks, type BlockGraph } from '../document.ts';
import { driverSpec } from '../drivers/index.ts';
import type { JsonObject } from '../json.ts';
import { QEMU_TEXT } from './messages.ts';
import { genericError, type Outcome } from './types.ts';

/**
 * `x-blockdev-change` (blockdev.c: qmp_x_blockdev_change, QEMU 7.2): adds `node` to the quorum
 * `parent` as `children.<next index>`, or removes its child edge named `child`. Only quorum
 * implements bdrv_add_child/bdrv_del_child. The next index is one past the highest child left
 * (block/quorum.c: quorum_del_child only steps back when the last index goes).
 */
export function blockdevChange(graph: BlockGraph, args: JsonObject): Outcome<BlockGraph> {
  const parentName = typeof args.parent === 'string' ? args.parent : '';
  const child = typeof args.child === 'string' ? args.child : undefined;
  const nodeName = typeof args.node === 'string' ? args.node : undefined;
  // bdrv_lookup_bs(parent, parent)
  const parent = Object.values(graph.nodes).find((n) => n.name === parentName);
  if (parent === undefined) return genericError(QEMU_TEXT.cannotFind(parentName));
  if (child !== undefined && nodeName !== undefined) return genericError(QEMU_TEXT.changeConflict());
  if (nodeName !== undefined) return addChild(graph, parent.id, parentName, nodeName);
  if (child !== undefined) return delChild(graph, parent.id, parentName, child);
  return genericError(QEMU_TEXT.changeEither());
}

/** block.c: bdrv_add_child → block/quorum.c: quorum_add_child. */
function addChild(graph: BlockGraph, parentId: string, parentName: string, nodeName: string): Outcome<BlockGraph> {
  const node = Object.values(graph.nodes).find((n) => n.name === nodeName);
  if (node === undefined) return genericError(QEMU_TEXT.changeNodeNotFound(nodeName));
  const parent = graph.nodes[parentId];
  const member = driverSpec(parent?.driver ?? '')?.changeableChildren;
  if (parent === undefined || member === undefined) return genericError(QEMU_TEXT.changeNoAdd(parentName));
  if (parentLinks(graph, node.id).length > 0) return genericError(QEMU_TEXT.changeHasParent(nodeName));
  if (parent.options.blkverify === true) return genericError(QEMU_TEXT.changeBlkverify());
  const role = `${member}.${String(nextIndex(graph, parentId, member))}`;
  return {
    ok: true,
    value: { ...graph, links: [...graph.links, { parent: parentId, role, child: node.id, mode: 'reference' }] },
  };
}

/** block.c: bdrv_del_child → block/quorum.c: quorum_del_child. */
function delChild(graph: BlockGraph, parentId: string, parentName: string, child: string): Outcome<BlockGraph> {
  const link = childLinks(graph, parentId).find((l) => l.role === child);
  if (link === undefined) return genericError(QEMU_TEXT.changeNoChild(parentName, child));
  const parent = graph.nodes[parentId];
  if (parent === undefined || driverSpec(parent.driver)?.changeableChildren === undefined) {
    return genericError(QEMU_TEXT.changeNoDel(parentName));
  }
  const threshold = typeof parent.options['vote-threshold'] === 'number' ? parent.options['vote-threshold'] : 1;
  if (childLinks(graph, parentId).length <= threshold) return genericError(QEMU_TEXT.changeBelowThreshold(threshold));
  return { ok: true, value: { ...graph, links: graph.links.filter((l) => l !== link) } };
}

/**
 * quorum's next_child_index, approximated as one past the highest `children.N`: QEMU keeps a
 * counter that only steps back when the highest index is deleted (block/quorum.c:
 * quorum_del_child), so the two differ after deleting a middle child and then the last one.
 */
function nextIndex(graph: BlockGraph, parentId: string, member: string): number {
  const indexes = childLinks(graph, parentId).map((l) => Number(l.role.slice(member.length + 1)));
  return indexes.length === 0 ? 0 : Math.max(...indexes) + 1;
}

import { childLinks, parentLinks, type BlockGraph } from '../document.ts';
import { driverSpec } from '../drivers/index.ts';
import type { JsonObject } from '../json.ts';
import { QEMU_TEXT } from './messages.ts';
import { genericError, type Outcome } from './types.ts';

/**
 * Each quorum's `next_child_index` (block/quorum.c), by document id: set to the number of children
 * when the node is opened, one up per child added, one down only when the child deleted is
 * `children.(next - 1)`. A node missing here has never been changed: its counter is still its
 * child count at open, which is one past its highest index (quorum_open needs 0…N-1).
 */
export type ChildCounters = ReadonlyMap<string, number>;

/** The counters of the nodes still in `graph` (a deleted quorum takes its counter with it). */
export function liveCounters(counters: ChildCounters, graph: BlockGraph): ChildCounters {
  if (counters.size === 0) return counters;
  return new Map([...counters].filter(([id]) => Object.hasOwn(graph.nodes, id)));
}

/**
 * `x-blockdev-change` (blockdev.c: qmp_x_blockdev_change, QEMU 7.2): adds `node` to the quorum
 * `parent` as `children.<next_child_index>`, or removes its child edge named `child`. Only quorum
 * implements bdrv_add_child/bdrv_del_child.
 */
export function blockdevChange(
  graph: BlockGraph,
  counters: ChildCounters,
  args: JsonObject,
): Outcome<{ graph: BlockGraph; counters: ChildCounters }> {
  const parentName = typeof args.parent === 'string' ? args.parent : '';
  const child = typeof args.child === 'string' ? args.child : undefined;
  const nodeName = typeof args.node === 'string' ? args.node : undefined;
  // bdrv_lookup_bs(parent, parent)
  const parent = Object.values(graph.nodes).find((n) => n.name === parentName);
  if (parent === undefined) return genericError(QEMU_TEXT.cannotFind(parentName));
  if (child !== undefined && nodeName !== undefined) return genericError(QEMU_TEXT.changeConflict());
  if (nodeName !== undefined) return addChild(graph, counters, parent.id, parentName, nodeName);
  if (child !== undefined) return delChild(graph, counters, parent.id, parentName, child);
  return genericError(QEMU_TEXT.changeEither());
}

/** block.c: bdrv_add_child → block/quorum.c: quorum_add_child. */
function addChild(
  graph: BlockGraph,
  counters: ChildCounters,
  parentId: string,
  parentName: string,
  nodeName: string,
): Outcome<{ graph: BlockGraph; counters: ChildCounters }> {
  const node = Object.values(graph.nodes).find((n) => n.name === nodeName);
  if (node === undefined) return genericError(QEMU_TEXT.changeNodeNotFound(nodeName));
  const parent = graph.nodes[parentId];
  const member = driverSpec(parent?.driver ?? '')?.changeableChildren;
  if (parent === undefined || member === undefined) return genericError(QEMU_TEXT.changeNoAdd(parentName));
  if (parentLinks(graph, node.id).length > 0) return genericError(QEMU_TEXT.changeHasParent(nodeName));
  if (parent.options.blkverify === true) return genericError(QEMU_TEXT.changeBlkverify());
  const next = counters.get(parentId) ?? childCountAtOpen(graph, parentId, member);
  const role = `${member}.${String(next)}`;
  return {
    ok: true,
    value: {
      graph: { ...graph, links: [...graph.links, { parent: parentId, role, child: node.id, mode: 'reference' }] },
      counters: new Map(counters).set(parentId, next + 1),
    },
  };
}

/** block.c: bdrv_del_child → block/quorum.c: quorum_del_child. */
function delChild(
  graph: BlockGraph,
  counters: ChildCounters,
  parentId: string,
  parentName: string,
  child: string,
): Outcome<{ graph: BlockGraph; counters: ChildCounters }> {
  const link = childLinks(graph, parentId).find((l) => l.role === child);
  if (link === undefined) return genericError(QEMU_TEXT.changeNoChild(parentName, child));
  const parent = graph.nodes[parentId];
  const member = parent === undefined ? undefined : driverSpec(parent.driver)?.changeableChildren;
  if (parent === undefined || member === undefined) return genericError(QEMU_TEXT.changeNoDel(parentName));
  const threshold = typeof parent.options['vote-threshold'] === 'number' ? parent.options['vote-threshold'] : 1;
  if (childLinks(graph, parentId).length <= threshold) return genericError(QEMU_TEXT.changeBelowThreshold(threshold));
  const next = counters.get(parentId) ?? childCountAtOpen(graph, parentId, member);
  return {
    ok: true,
    value: {
      graph: { ...graph, links: graph.links.filter((l) => l !== link) },
      counters: new Map(counters).set(parentId, link.role === `${member}.${String(next - 1)}` ? next - 1 : next),
    },
  };
}

/** quorum_open: `next_child_index = num_children`, its children being `children.0`…`children.N-1`. */
function childCountAtOpen(graph: BlockGraph, parentId: string, member: string): number {
  const indexes = childLinks(graph, parentId)
    .filter((l) => l.role.startsWith(`${member}.`))
    .map((l) => Number(l.role.slice(member.length + 1)));
  return indexes.length === 0 ? 0 : Math.max(...indexes) + 1;
}

import type { BlockGraph, ChildLink } from '../document.ts';
import { driverSpec } from '../drivers/index.ts';
import { childrenFirst } from '../graphWalk.ts';
import { childRoleOf, parseRole } from '../roles.ts';

/**
 * The order in which QEMU attaches a document's edges when it runs the document's QMP script
 * (src/export: one blockdev-add per node no parent defines inline, children before the parents
 * that reference them). Within one blockdev-add, a node's driver opens its children one after the
 * other, each inline child (with its own subtree) before it is attached, and the backing child
 * last (block.c: bdrv_open_inherit opens the backing file after the driver's open); the other
 * children come in the order of the driver table's members and of list indexes.
 */
export function attachOrder(graph: BlockGraph): ChildLink[] {
  const byParent = new Map<string, ChildLink[]>();
  for (const link of graph.links) byParent.set(link.parent, [...(byParent.get(link.parent) ?? []), link]);
  const out: ChildLink[] = [];
  const opened = new Set<string>();
  const inline = new Set(graph.links.filter((link) => link.mode === 'inline').map((link) => link.child));
  for (const id of childrenFirst(graph).order) {
    if (!inline.has(id)) openTree(graph, id, byParent, opened, out);
  }
  return out;
}

/** Appends the attachments of `root`'s blockdev-add: depth first, each link after its inline child's subtree. */
function openTree(
  graph: BlockGraph,
  root: string,
  byParent: ReadonlyMap<string, ChildLink[]>,
  opened: Set<string>,
  out: ChildLink[],
): void {
  opened.add(root);
  const stack: { links: ChildLink[]; next: number }[] = [
    { links: openingOrder(graph, byParent.get(root) ?? []), next: 0 },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { links: ChildLink[]; next: number };
    const link = top.links[top.next];
    if (link === undefined) {
      stack.pop();
      const parentFrame = stack[stack.length - 1];
      if (parentFrame) out.push(parentFrame.links[parentFrame.next++] as ChildLink);
    } else if (link.mode === 'inline' && !opened.has(link.child)) {
      opened.add(link.child);
      stack.push({ links: openingOrder(graph, byParent.get(link.child) ?? []), next: 0 });
    } else {
      out.push(link);
      top.next++;
    }
  }
}

/** A parent's links in the order its driver opens them: backing (COW) last, then table member order, then index. */
function openingOrder(graph: BlockGraph, links: readonly ChildLink[]): ChildLink[] {
  const driver = graph.nodes[links[0]?.parent ?? '']?.driver ?? '';
  const members = Object.keys(driverSpec(driver)?.children ?? {});
  const rank = (link: ChildLink): [number, number, number] => {
    const { member, index } = parseRole(link.role);
    const cow = childRoleOf(driver, link.role)?.flags.includes('cow') === true ? 1 : 0;
    return [cow, members.indexOf(member), index ?? 0];
  };
  return [...links].sort((x, y) => {
    const [a, b] = [rank(x), rank(y)];
    return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  });
}

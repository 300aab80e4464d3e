import { inlineParent, parentLinks, type BlockGraph, type BlockNode, type ChildLink } from '../document.ts';
import { resolveOptions, type EffectiveOptions } from '../inherit/resolveOptions.ts';
import { childRoleOf } from '../roles.ts';
import { removeNode } from '../edits/removeNode.ts';
import { QEMU_TEXT } from './messages.ts';
import { pinOptions } from './pinOptions.ts';
import { genericError, type Outcome } from './types.ts';

/**
 * What the simulation knows beyond the document: node-names of nodes that lost the parent that
 * defined them inline but live on because another parent references them. QEMU never gave them
 * to the monitor, so blockdev-del refuses them, and they go when their last parent goes.
 */
export interface Ownership {
  orphans: ReadonlySet<string>;
}

/** True for a node the monitor owns: added at top level by blockdev-add. */
export function isMonitorOwned(graph: BlockGraph, own: Ownership, id: string): boolean {
  const node = graph.nodes[id];
  return (
    node !== undefined &&
    inlineParent(graph, id) === undefined &&
    !(node.name !== undefined && own.orphans.has(node.name))
  );
}

/**
 * `blockdev-del` (blockdev.c: qmp_blockdev_del), checks in QEMU's order: the node exists, no
 * BlockBackend uses it, it is nobody's backing node (op blocker DRIVE_DEL), the monitor owns it,
 * and no other parent holds it. Its inline children go with it unless something else references them.
 */
export function blockdevDel(
  graph: BlockGraph,
  own: Ownership,
  name: string,
): Outcome<{ graph: BlockGraph; own: Ownership }> {
  const node = Object.values(graph.nodes).find((n) => n.name === name);
  if (node === undefined) return genericError(QEMU_TEXT.nodeNotFound(name));
  if (Object.values(graph.frontends).some((f) => f.root === node.id))
    return genericError(QEMU_TEXT.nodeInUseByBackend(name));
  const backingParent = parentLinks(graph, node.id)
    .filter((l) => childRoleOf(graph.nodes[l.parent]?.driver ?? '', l.role)?.flags.includes('cow') === true)
    .at(-1);
  if (backingParent !== undefined) {
    return genericError(QEMU_TEXT.busyAsBacking(name, displayName(graph.nodes[backingParent.parent])));
  }
  if (!isMonitorOwned(graph, own, node.id)) return genericError(QEMU_TEXT.notMonitorOwned(name));
  if (parentLinks(graph, node.id).length > 0) return genericError(QEMU_TEXT.blockDeviceInUse(name));
  const state = { graph, orphans: new Set(own.orphans) };
  // What the nodes had before the command; only a node that becomes an orphan needs it.
  let before: Map<string, EffectiveOptions> | undefined;
  release(state, node.id, (id) => (before ??= resolveOptions(graph)).get(id));
  return { ok: true, value: { graph: state.graph, own: { orphans: state.orphans } } };
}

/** bdrv_get_device_or_node_name; an unnamed node's `#block…` name is QEMU's secret. */
function displayName(node: BlockNode | undefined): string {
  return node?.name ?? '#block';
}

/** Drops a node, then each child that no parent holds any more; an inline child still referenced becomes an orphan. */
function release(
  state: { graph: BlockGraph; orphans: Set<string> },
  id: string,
  effective: (id: string) => EffectiveOptions | undefined,
): void {
  const children = state.graph.links.filter((l) => l.parent === id);
  const name = state.graph.nodes[id]?.name;
  const removed = removeNode(state.graph, id);
  if (!removed.ok) return;
  state.graph = removed.value;
  if (name !== undefined) state.orphans.delete(name);
  for (const link of children) releaseChild(state, link, effective);
}

/**
 * Lets go of the child of `link`, a link just removed: the child goes too when no parent holds it
 * any more and the monitor does not own it (it was inline, or an orphan); an inline child still
 * referenced becomes an orphan, keeping what it inherited.
 */
export function releaseChild(
  state: { graph: BlockGraph; orphans: Set<string> },
  link: ChildLink,
  effective: (id: string) => EffectiveOptions | undefined,
): void {
  const child = state.graph.nodes[link.child];
  if (child === undefined) return;
  const held = parentLinks(state.graph, child.id).length > 0;
  const orphan = child.name !== undefined && state.orphans.has(child.name);
  if (!held && (link.mode === 'inline' || orphan)) {
    release(state, child.id, effective);
  } else if (held && link.mode === 'inline' && inlineParent(state.graph, child.id) === undefined) {
    state.orphans.add(child.name ?? child.id);
    state.graph = {
      ...state.graph,
      nodes: { ...state.graph.nodes, [child.id]: pinOptions(child, effective(child.id)) },
    };
  }
}

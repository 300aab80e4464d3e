import { diagnostic } from '../diagnostics.ts';
import { inlineParent, type BlockGraph, type ChildLink, type LinkMode } from '../document.ts';
import { fail, ok, type Result } from '../result.ts';
import { catalogue } from '../schema/catalogue.ts';
import { childMemberOf } from '../roles.ts';
import { reaches } from '../graphWalk.ts';

export interface ConnectChildArgs {
  parent: string;
  /** QEMU's edge name (`file`, `backing`, `children.1`); a bare list member (`children`) appends. */
  role: string;
  child: string;
  /** Defaults to `inline` unless another parent already defines the child inline. */
  mode?: LinkMode;
}

/**
 * Makes `child` the `role` child of `parent`, refusing what QEMU would refuse or what the document
 * cannot express (a second inline parent, a reference to an unnamed node, a cycle).
 *
 * @example connectChild(graph, { parent: 'disk0', role: 'file', child: 'proto0' })
 */
export function connectChild(graph: BlockGraph, args: ConnectChildArgs): Result<BlockGraph> {
  const parent = graph.nodes[args.parent];
  const child = graph.nodes[args.child];
  if (parent === undefined) return fail(diagnostic('E103', { id: args.parent }, { path: 'parent' }));
  if (child === undefined) return fail(diagnostic('E103', { id: args.child }, { path: 'child' }));
  const role = resolveListRole(graph, parent.driver, args.parent, args.role);
  if (!role.ok) return role;
  const at = { node: args.parent, path: 'role' };
  if (graph.links.some((l) => l.parent === args.parent && l.role === role.value)) {
    return fail(diagnostic('E202', { parent: args.parent, role: role.value }, at));
  }
  if (args.child === args.parent || reaches(graph, args.child, args.parent)) {
    return fail(diagnostic('E203', { parent: args.parent, child: args.child }, at));
  }
  const definer = inlineParent(graph, args.child);
  const mode = args.mode ?? (definer ? 'reference' : 'inline');
  if (mode === 'inline' && definer) {
    return fail(diagnostic('E204', { child: args.child, other: definer.parent }, at));
  }
  if (mode === 'reference' && child.name === undefined) return fail(diagnostic('E205', { child: args.child }, at));
  const link: ChildLink = { parent: args.parent, role: role.value, child: args.child, mode };
  return ok({ ...graph, links: [...graph.links, link] });
}

/** Checks the role against the parent's driver; a bare list member gets the next free index. */
function resolveListRole(graph: BlockGraph, driver: string, parent: string, role: string): Result<string> {
  const list = catalogue.drivers[driver]?.children.find((c) => c.name === role && c.list);
  if (list) {
    const used = new Set(graph.links.filter((l) => l.parent === parent).map((l) => l.role));
    let index = 0;
    while (used.has(`${role}.${String(index)}`)) index++;
    return ok(`${role}.${String(index)}`);
  }
  if (childMemberOf(driver, role)) return ok(role);
  return fail(diagnostic('E201', { driver, role }, { node: parent, path: 'role' }));
}

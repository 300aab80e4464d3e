import { diagnostic } from '../diagnostics.ts';
import type { BlockGraph, LinkMode } from '../document.ts';
import { fail, ok, type Result } from '../result.ts';

/** Removes `parent`'s `role` child link (the child node stays). */
export function disconnectChild(graph: BlockGraph, args: { parent: string; role: string }): Result<BlockGraph> {
  const links = graph.links.filter((l) => !(l.parent === args.parent && l.role === args.role));
  if (links.length === graph.links.length) {
    return fail(diagnostic('E206', args, { node: args.parent, path: args.role }));
  }
  return ok({ ...graph, links });
}

/** Switches a child link between inline and reference, with connectChild's rules. */
export function setLinkMode(
  graph: BlockGraph,
  args: { parent: string; role: string; mode: LinkMode },
): Result<BlockGraph> {
  const index = graph.links.findIndex((l) => l.parent === args.parent && l.role === args.role);
  const link = graph.links[index];
  if (link === undefined) return fail(diagnostic('E206', args, { node: args.parent, path: args.role }));
  if (link.mode === args.mode) return ok(graph);
  const at = { node: args.parent, path: args.role };
  if (args.mode === 'reference' && graph.nodes[link.child]?.name === undefined) {
    return fail(diagnostic('E205', { child: link.child }, at));
  }
  const definer = graph.links.find((l) => l.child === link.child && l.mode === 'inline');
  if (args.mode === 'inline' && definer) {
    return fail(diagnostic('E204', { child: link.child, other: definer.parent }, at));
  }
  const links = graph.links.map((l, i) => (i === index ? { ...l, mode: args.mode } : l));
  return ok({ ...graph, links });
}

import { diagnostic } from '../diagnostics.ts';
import type { BlockGraph, ChildLink } from '../document.ts';
import { fail, ok, type Result } from '../result.ts';
import { connectChild } from './connectChild.ts';

/** Where a child link is and where it goes. */
export interface MoveChildArgs {
  /** The link that moves, by its parent and role (`file`, `children.1`). */
  from: { parent: string; role: string };
  /** Its new parent, role (a bare list member such as `children` takes the next free index) and child. */
  to: { parent: string; role: string; child: string };
}

/**
 * Moves a child link to another child, parent or role as one edit: the link is taken away, then
 * connected again with `connectChild`'s rules (role, cycle, one inline definer, named references).
 * It keeps its mode (inline or reference) when the new place allows it, else it takes the mode a new
 * link there would get. The link keeps its place in the document's link order.
 *
 * @example moveChild(graph, { from: { parent: 'disk', role: 'file' }, to: { parent: 'disk', role: 'file', child: 'other' } })
 */
export function moveChild(graph: BlockGraph, args: MoveChildArgs): Result<BlockGraph> {
  const { from, to } = args;
  const index = graph.links.findIndex((l) => l.parent === from.parent && l.role === from.role);
  const link = graph.links[index];
  if (link === undefined) return fail(diagnostic('E206', from, { node: from.parent, path: from.role }));
  if (link.parent === to.parent && link.role === to.role && link.child === to.child) return ok(graph);
  const without: BlockGraph = { ...graph, links: graph.links.filter((_, i) => i !== index) };
  const kept = connectChild(without, { ...to, mode: link.mode });
  const moved = kept.ok || !onlyModeRefusals(kept.diagnostics) ? kept : connectChild(without, to);
  if (!moved.ok) return moved;
  return ok({ ...moved.value, links: placeLastAt(moved.value.links, index) });
}

/** E204 (already defined inline elsewhere) and E205 (unnamed, so not referable) refuse a mode, not the move. */
function onlyModeRefusals(diagnostics: readonly { code: string }[]): boolean {
  return diagnostics.every((d) => d.code === 'E204' || d.code === 'E205');
}

/** The links with the last one (the one `connectChild` appended) put back at `index`. */
function placeLastAt(links: readonly ChildLink[], index: number): ChildLink[] {
  const last = links.at(-1);
  if (last === undefined) return [...links];
  const rest = links.slice(0, -1);
  return [...rest.slice(0, index), last, ...rest.slice(index)];
}

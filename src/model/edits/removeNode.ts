import { diagnostic } from '../diagnostics.ts';
import type { BlockGraph, Frontend } from '../document.ts';
import { fail, ok, type Result } from '../result.ts';

/**
 * Removes a node, object or frontend and everything that pointed at it: child links, frontend
 * roots (left unconnected) and its position.
 */
export function removeNode(graph: BlockGraph, id: string): Result<BlockGraph> {
  if (Object.hasOwn(graph.objects, id)) {
    const { [id]: _removed, ...objects } = graph.objects;
    return ok({ ...graph, objects, layout: withoutPosition(graph, id) });
  }
  if (Object.hasOwn(graph.frontends, id)) {
    const { [id]: _removed, ...frontends } = graph.frontends;
    return ok({ ...graph, frontends, layout: withoutPosition(graph, id) });
  }
  if (!Object.hasOwn(graph.nodes, id)) return fail(diagnostic('E103', { id }, { node: id }));
  const { [id]: _removed, ...nodes } = graph.nodes;
  const frontends: Record<string, Frontend> = {};
  for (const [key, frontend] of Object.entries(graph.frontends)) {
    frontends[key] = frontend.root === id ? { ...frontend, root: null } : frontend;
  }
  return ok({
    ...graph,
    nodes,
    links: graph.links.filter((link) => link.parent !== id && link.child !== id),
    frontends,
    layout: withoutPosition(graph, id),
  });
}

function withoutPosition(graph: BlockGraph, id: string): BlockGraph['layout'] {
  const { [id]: _removed, ...positions } = graph.layout.positions;
  return { ...graph.layout, positions };
}

import { uniqueId, type BlockGraph, type Frontend } from '../document.ts';

/**
 * Gives node `id` a fresh document id (same node-name), so that an object can take `id`:
 * QEMU keeps node-names and object ids apart, a document has one id space.
 */
export function rekeyNode(graph: BlockGraph, id: string): BlockGraph {
  const node = graph.nodes[id];
  if (node === undefined) return graph;
  const fresh = uniqueId(graph, node.driver);
  const { [id]: _old, ...others } = graph.nodes;
  const swap = (value: string) => (value === id ? fresh : value);
  const frontends: Record<string, Frontend> = {};
  for (const [key, frontend] of Object.entries(graph.frontends)) {
    frontends[key] = frontend.root === id ? { ...frontend, root: fresh } : frontend;
  }
  const { [id]: position, ...positions } = graph.layout.positions;
  return {
    ...graph,
    nodes: { ...others, [fresh]: { ...node, id: fresh } },
    links: graph.links.map((link) => ({ ...link, parent: swap(link.parent), child: swap(link.child) })),
    frontends,
    layout: { ...graph.layout, positions: position ? { ...positions, [fresh]: position } : positions },
  };
}

import type { BlockGraph, Position } from './document.ts';
import { childrenFirst, childrenIndex } from './graphWalk.ts';

const LAYER_GAP = 140;
const COLUMN_GAP = 230;

/**
 * Gives a position to everything that has none: frontends on top, then block nodes in layers by
 * their depth below the roots, objects in a column on the right. A placeholder for real layout;
 * positions already set are kept.
 */
export function layoutLayers(graph: BlockGraph): BlockGraph {
  const depth = new Map<string, number>();
  for (const frontend of Object.values(graph.frontends)) depth.set(frontend.id, 0);
  const { order } = childrenFirst(graph);
  const children = childrenIndex(graph);
  // Parents come after children in `order`, so walking it backwards sees each parent first.
  for (const id of [...order].reverse()) {
    const own = depth.get(id) ?? 1;
    depth.set(id, own);
    for (const child of children.get(id) ?? []) depth.set(child, Math.max(depth.get(child) ?? 0, own + 1));
  }
  const perLayer = new Map<number, number>();
  const positions: Record<string, Position> = { ...graph.layout.positions };
  const place = (id: string, layer: number): void => {
    const column = perLayer.get(layer) ?? 0;
    perLayer.set(layer, column + 1);
    positions[id] ??= { x: column * COLUMN_GAP, y: layer * LAYER_GAP };
  };
  for (const frontend of Object.values(graph.frontends)) place(frontend.id, 0);
  for (const id of Object.keys(graph.nodes)) place(id, depth.get(id) ?? 1);
  const right = (Math.max(0, ...perLayer.values()) + 0.5) * COLUMN_GAP;
  Object.keys(graph.objects).forEach((id, i) => {
    positions[id] ??= { x: right, y: (i + 1) * LAYER_GAP };
  });
  return { ...graph, layout: { ...graph.layout, positions } };
}

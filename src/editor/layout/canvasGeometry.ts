import type { InternalNode } from '@xyflow/react';
import type { FlowNode } from '../canvas/flowTypes.ts';
import type { HandleGeometry, NodeGeometry, Side } from './elkGraph.ts';

/** ELK's side for each of React Flow's handle positions. */
const SIDES: Readonly<Record<string, Side>> = { top: 'NORTH', right: 'EAST', bottom: 'SOUTH', left: 'WEST' };

/**
 * What React Flow measured of the drawn nodes: each node's size and its handles' places relative to
 * the node (for ELK's fixed ports). Nodes not measured yet are left out (ELK gets default sizes).
 */
export function canvasGeometry(nodes: Iterable<InternalNode<FlowNode>>): Map<string, NodeGeometry> {
  const out = new Map<string, NodeGeometry>();
  for (const node of nodes) {
    const { width, height } = node.measured;
    if (width === undefined || height === undefined) continue;
    const bounds = node.internals.handleBounds;
    const handles = [...(bounds?.target ?? []), ...(bounds?.source ?? [])].flatMap((h): HandleGeometry[] => {
      const side = SIDES[h.position];
      if (h.id == null || side === undefined) return [];
      return [{ id: h.id, side, x: h.x, y: h.y, width: h.width, height: h.height }];
    });
    out.set(node.id, handles.length === 0 ? { width, height } : { width, height, handles });
  }
  return out;
}

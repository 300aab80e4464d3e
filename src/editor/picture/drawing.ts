import { getBezierPath, Position, type InternalNode } from '@xyflow/react';
import type { FlowNode, RoleFlowEdge } from '../canvas/flowTypes.ts';

/** A handle as the canvas measured it, relative to its node's top-left corner (React Flow's handle bounds). */
export interface DrawnHandle {
  id: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
  position: Position;
}

/** A node as the canvas draws it: its flow node, where (flow coordinates) and how big, and its handles. */
export interface DrawnNode {
  node: FlowNode;
  x: number;
  y: number;
  width: number;
  height: number;
  sources: readonly DrawnHandle[];
  targets: readonly DrawnHandle[];
}

/** An edge as the canvas draws it: the SVG path of its curve and the centre of its label. */
export interface DrawnEdge {
  edge: RoleFlowEdge;
  path: string;
  labelX: number;
  labelY: number;
}

/** The size a node has before the canvas measured it (the smallest a canvas node is drawn). */
export const UNMEASURED_SIZE = { width: 170, height: 56 } as const;

const NO_HANDLES: readonly DrawnHandle[] = [];

/**
 * A React Flow internal node (from the flow store's `nodeLookup`) as drawn: its absolute position,
 * its measured size (or `UNMEASURED_SIZE`) and its measured handles.
 */
export function drawnNodeOf(internal: InternalNode<FlowNode>): DrawnNode {
  const { positionAbsolute, handleBounds } = internal.internals;
  return {
    node: internal.internals.userNode,
    x: positionAbsolute.x,
    y: positionAbsolute.y,
    width: internal.measured.width ?? internal.width ?? UNMEASURED_SIZE.width,
    height: internal.measured.height ?? internal.height ?? UNMEASURED_SIZE.height,
    sources: handleBounds?.source?.map(drawnHandle) ?? NO_HANDLES,
    targets: handleBounds?.target?.map(drawnHandle) ?? NO_HANDLES,
  };
}

function drawnHandle(handle: {
  id?: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
  position: Position;
}): DrawnHandle {
  const { id = null, x, y, width, height, position } = handle;
  return { id, x, y, width, height, position };
}

/**
 * Where an edge meets a handle, as React Flow computes it (the middle of the handle's side that faces
 * out); without a measured handle, the middle of the node's bottom (source) or top (target).
 */
export function handlePoint(node: DrawnNode, handle: DrawnHandle | undefined, end: 'source' | 'target') {
  if (handle === undefined) {
    const position = end === 'source' ? Position.Bottom : Position.Top;
    return { x: node.x + node.width / 2, y: end === 'source' ? node.y + node.height : node.y, position };
  }
  const x = node.x + handle.x;
  const y = node.y + handle.y;
  switch (handle.position) {
    case Position.Top:
      return { x: x + handle.width / 2, y, position: handle.position };
    case Position.Right:
      return { x: x + handle.width, y: y + handle.height / 2, position: handle.position };
    case Position.Bottom:
      return { x: x + handle.width / 2, y: y + handle.height, position: handle.position };
    case Position.Left:
      return { x, y: y + handle.height / 2, position: handle.position };
  }
}

/** The handle an edge end names (the first one when it names none), as React Flow picks it. */
function pickHandle(handles: readonly DrawnHandle[], id: string | null | undefined): DrawnHandle | undefined {
  return id == null ? handles[0] : handles.find((h) => h.id === id);
}

/**
 * The curve of an edge between two drawn nodes: the same Bézier React Flow draws (`getBezierPath`),
 * or undefined when an end is not drawn.
 */
export function drawnEdgeOf(edge: RoleFlowEdge, nodes: ReadonlyMap<string, DrawnNode>): DrawnEdge | undefined {
  const from = nodes.get(edge.source);
  const to = nodes.get(edge.target);
  if (from === undefined || to === undefined) return undefined;
  const source = handlePoint(from, pickHandle(from.sources, edge.sourceHandle), 'source');
  const target = handlePoint(to, pickHandle(to.targets, edge.targetHandle), 'target');
  const [path, labelX, labelY] = getBezierPath({
    sourceX: source.x,
    sourceY: source.y,
    sourcePosition: source.position,
    targetX: target.x,
    targetY: target.y,
    targetPosition: target.position,
  });
  return { edge, path, labelX, labelY };
}

/** Every edge whose two ends are drawn, with its curve. */
export function drawnEdges(edges: readonly RoleFlowEdge[], nodes: readonly DrawnNode[]): DrawnEdge[] {
  const byId = new Map(nodes.map((n) => [n.node.id, n]));
  return edges.flatMap((edge) => {
    const drawn = drawnEdgeOf(edge, byId);
    return drawn === undefined ? [] : [drawn];
  });
}

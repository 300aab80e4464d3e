import type { ElkExtendedEdge, ElkNode, ElkPort, LayoutOptions } from 'elkjs/lib/elk-api.js';
import type { BlockGraph, Position } from '../../model/index.ts';
import { collapseFlow, type FlowParts } from '../canvas/collapsedFlow.ts';
import { HANDLE, type FlowNode } from '../canvas/flowTypes.ts';
import { toFlow } from '../canvas/toFlow.ts';

/** A side of a node, as ELK names it. */
export type Side = 'NORTH' | 'EAST' | 'SOUTH' | 'WEST';

/** A handle of a drawn node, relative to the node's top-left corner (React Flow's `handleBounds`). */
export interface HandleGeometry {
  id: string;
  side: Side;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A drawn node's size and, when measured, where its handles are. */
export interface NodeGeometry {
  width: number;
  height: number;
  handles?: readonly HandleGeometry[];
}

/**
 * ELK's layered algorithm, top down (parents above children, as the canvas draws them), ports
 * fixed where the handles are, the document's order kept where the layering allows.
 */
export const LAYOUT_OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.spacing.componentComponent': '80',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
};

/** From this many nodes on, ELK skips its greedy crossing-reduction pass (halves the time on 2,000 nodes). */
export const LARGE_GRAPH = 500;

/** The layout options for a graph of `count` nodes. */
export function layoutOptionsFor(count: number): LayoutOptions {
  return count < LARGE_GRAPH
    ? LAYOUT_OPTIONS
    : { ...LAYOUT_OPTIONS, 'elk.layered.crossingMinimization.greedySwitch.type': 'OFF' };
}

/** Sizes of nodes React Flow has not measured yet, by kind. */
const DEFAULT_SIZE: Readonly<Record<FlowNode['type'], { width: number; height: number }>> = {
  block: { width: 170, height: 80 },
  frontend: { width: 150, height: 44 },
  object: { width: 150, height: 44 },
  ghost: { width: 150, height: 44 },
  collapsed: { width: 170, height: 90 },
};

const PORT_SIZE = 8;

/**
 * The ELK graph of a document as the canvas draws it (collapsed chains as one node each; ghosts
 * are not in the document and are left out). Each node gets one port per handle: a block node its
 * parent port on top and one port per child role below, in the order of its role handles
 * (`rolePorts`), so each edge leaves from its role's side and place. `geometry` gives measured
 * sizes and handle places; a node without one gets a default size and evenly spread ports.
 *
 * @example elkGraphOf(seedSimpleTree(), new Map()).children?.length // 5
 */
export function elkGraphOf(graph: BlockGraph, geometry: ReadonlyMap<string, NodeGeometry>): ElkNode {
  return elkGraphOfFlow(collapseFlow(toFlow(graph), graph), geometry);
}

/** The ELK graph of canvas nodes and edges (see `elkGraphOf`). */
export function elkGraphOfFlow(flow: FlowParts, geometry: ReadonlyMap<string, NodeGeometry>): ElkNode {
  const ports = new Map<string, Set<string>>();
  const children = flow.nodes.map((node) => {
    const elk = elkNode(node, geometry.get(node.id));
    ports.set(node.id, new Set((elk.ports ?? []).map((p) => p.id)));
    return elk;
  });
  const end = (node: string, handle: string | null | undefined): string => {
    const id = portId(node, handle ?? '');
    return ports.get(node)?.has(id) === true ? id : node;
  };
  const edges: ElkExtendedEdge[] = flow.edges
    .filter((edge) => ports.has(edge.source) && ports.has(edge.target) && edge.source !== edge.target)
    .map((edge) => ({
      id: edge.id,
      sources: [end(edge.source, edge.sourceHandle)],
      targets: [end(edge.target, edge.targetHandle)],
    }));
  return { id: 'root', layoutOptions: layoutOptionsFor(children.length), children, edges };
}

/**
 * The id of a node's port in the ELK graph; no document id has a `#`.
 *
 * @example portId('disk', 'role:file') // 'disk#role:file'
 */
export function portId(node: string, handle: string): string {
  return `${node}#${handle}`;
}

function elkNode(node: FlowNode, measured: NodeGeometry | undefined): ElkNode {
  const { width, height } = measured ?? DEFAULT_SIZE[node.type];
  const handles = measured?.handles ?? estimatedHandles(node, width, height);
  return {
    id: node.id,
    width,
    height,
    layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
    ports: handles.map((h): ElkPort => ({
      id: portId(node.id, h.id),
      x: h.x,
      y: h.y,
      width: h.width,
      height: h.height,
      layoutOptions: { 'elk.port.side': h.side },
    })),
  };
}

/** The handles a node draws (see the node views), spread evenly along their sides, for a node not measured yet. */
export function estimatedHandles(node: FlowNode, width: number, height: number): HandleGeometry[] {
  const along = (side: Side, ids: readonly string[]): HandleGeometry[] =>
    ids.map((id, i) => {
      const share = (i + 1) / (ids.length + 1);
      const x = side === 'NORTH' || side === 'SOUTH' ? width * share : side === 'EAST' ? width : 0;
      const y = side === 'EAST' || side === 'WEST' ? height * share : side === 'SOUTH' ? height : 0;
      return { id, side, x: x - PORT_SIZE / 2, y: y - PORT_SIZE / 2, width: PORT_SIZE, height: PORT_SIZE };
    });
  switch (node.type) {
    case 'block':
      return [
        ...along('NORTH', [HANDLE.parent]),
        ...along('EAST', [HANDLE.associationOut]),
        ...along(
          'SOUTH',
          node.data.ports.map((p) => p.handleId),
        ),
      ];
    case 'frontend':
      return along('SOUTH', [HANDLE.children]);
    case 'object':
      return along('WEST', [HANDLE.associationIn]);
    case 'collapsed':
    case 'ghost':
      return [...along('NORTH', [HANDLE.parent]), ...along('SOUTH', [HANDLE.children])];
  }
}

/**
 * Where ELK put each node (its top-left corner, as React Flow places nodes), rounded to whole pixels.
 *
 * @example positionsOf({ id: 'root', children: [{ id: 'a', x: 12.4, y: 0 }] }) // { a: { x: 12, y: 0 } }
 */
export function positionsOf(layout: ElkNode): Record<string, Position> {
  const out: Record<string, Position> = {};
  for (const child of layout.children ?? []) {
    out[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  }
  return out;
}

/**
 * The laid-out positions shifted so that their top-left corner is where the same nodes' top-left
 * corner was before (the graph stays where the user had it); unchanged when nothing had a position.
 */
export function anchoredAt(
  positions: Readonly<Record<string, Position>>,
  before: Readonly<Record<string, Position>>,
): Record<string, Position> {
  const corner = (list: readonly Position[]): Position | undefined =>
    list.length === 0 ? undefined : { x: Math.min(...list.map((p) => p.x)), y: Math.min(...list.map((p) => p.y)) };
  const ids = Object.keys(positions);
  const was = corner(ids.flatMap((id) => (before[id] === undefined ? [] : [before[id]])));
  const now = corner(Object.values(positions));
  if (was === undefined || now === undefined) return { ...positions };
  const dx = was.x - now.x;
  const dy = was.y - now.y;
  return Object.fromEntries(Object.entries(positions).map(([id, p]) => [id, { x: p.x + dx, y: p.y + dy }]));
}

/** Where the canvas draws each node of a document now (collapsed chains by their canvas id). */
export function canvasPositions(graph: BlockGraph): Record<string, Position> {
  return Object.fromEntries(collapseFlow(toFlow(graph), graph).nodes.map((node) => [node.id, node.position]));
}

/**
 * The moves that put a document's canvas nodes at `positions` (collapsed chains by their canvas
 * id, which the store's `moveNodes` spreads over what they hide), leaving out nodes already there
 * and ids the canvas does not draw.
 */
export function layoutMoves(
  graph: BlockGraph,
  positions: Readonly<Record<string, Position>>,
): Record<string, Position> {
  const now = canvasPositions(graph);
  return Object.fromEntries(
    Object.entries(positions).filter(([id, p]) => {
      const at = now[id];
      return at !== undefined && (at.x !== p.x || at.y !== p.y);
    }),
  );
}

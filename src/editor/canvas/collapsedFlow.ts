import type { BlockGraph } from '../../model/index.ts';
import {
  baseImageName,
  collapsedChains,
  collapsedPosition,
  hiddenNodes,
  layersLabel,
  type CollapsedChain,
  type CollapseView,
} from '../collapse/chains.ts';
import { HANDLE, type CollapsedFlowNode, type FlowNode, type RoleFlowEdge } from './flowTypes.ts';

/** Nodes and edges as the canvas draws them. */
export interface FlowParts<N extends FlowNode = FlowNode> {
  nodes: N[];
  edges: RoleFlowEdge[];
}

/**
 * The accessible name of a collapsed chain's node: `49 more layers (backing chain of disk)`.
 *
 * @example collapsedLabel(49, 'disk') // '49 more layers (backing chain of disk)'
 */
export function collapsedLabel(layers: number, top: string): string {
  return `${layersLabel(layers)} (backing chain of ${top})`;
}

/**
 * The canvas with the document's collapsed chains folded: the nodes a chain hides give way to one
 * collapsed node (where the chain's first layer is), edges between hidden nodes of one chain go, and
 * every other edge into or out of a hidden node is routed to its chain's node (keeping its id, role
 * and accessible name, so selecting and deleting it still acts on the link it stands for).
 * Without collapsed chains it returns its input unchanged.
 *
 * @example collapseFlow(toFlow(graph), graph).nodes.filter((n) => n.type === 'collapsed').length // 1
 */
export function collapseFlow(flow: FlowParts, graph: BlockGraph): FlowParts {
  const view = collapsedChains(graph);
  if (view.chains.length === 0) return flow;
  const nodes: FlowNode[] = flow.nodes.filter((node) => !view.hiddenBy.has(node.id));
  nodes.push(...view.chains.map((chain) => collapsedNode(graph, chain)));
  return { nodes, edges: rerouteEdges(flow.edges, view) };
}

/**
 * Ghosts (nodes QEMU opens from image headers) with their edges from hidden nodes routed to the
 * collapsed nodes; unchanged without collapsed chains.
 */
export function collapseGhosts<N extends FlowNode>(ghosts: FlowParts<N>, graph: BlockGraph): FlowParts<N> {
  const view = collapsedChains(graph);
  return view.chains.length === 0 ? ghosts : { nodes: ghosts.nodes, edges: rerouteEdges(ghosts.edges, view) };
}

/**
 * Edges with their hidden ends moved to the collapsed nodes (for edges built apart from the document's,
 * such as those of ghosts); edges inside one chain go.
 */
export function rerouteEdges(edges: RoleFlowEdge[], view: CollapseView): RoleFlowEdge[] {
  if (view.chains.length === 0) return edges;
  return edges.flatMap((edge): RoleFlowEdge[] => {
    const from = view.hiddenBy.get(edge.source);
    const to = view.hiddenBy.get(edge.target);
    if (from === undefined && to === undefined) return [edge];
    if (from !== undefined && from === to) return [];
    return [
      {
        ...edge,
        ...(from === undefined ? {} : { source: from.id, sourceHandle: HANDLE.children }),
        ...(to === undefined ? {} : { target: to.id, targetHandle: HANDLE.parent }),
        // Its ends are drawn elsewhere than the link's: moving it by dragging would mislead.
        reconnectable: false,
      },
    ];
  });
}

function collapsedNode(graph: BlockGraph, chain: CollapsedChain): CollapsedFlowNode {
  const layers = chain.layers.length;
  return {
    id: chain.id,
    type: 'collapsed',
    position: collapsedPosition(graph, chain),
    ariaLabel: collapsedLabel(layers, chain.top),
    deletable: false,
    connectable: false,
    data: {
      top: chain.top,
      title: layersLabel(layers),
      layers,
      base: baseImageName(graph, chain),
      hidden: hiddenNodes(chain),
    },
  };
}

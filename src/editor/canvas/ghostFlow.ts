import type { Layout, Position } from '../../model/index.ts';
import type { ImplicitChain } from '../store/implicitChain.ts';
import { HANDLE, type GhostFlowNode, type RoleFlowEdge } from './flowTypes.ts';
import { roleHandleId } from './roleHandles.ts';
import { edgeLabel } from './toFlow.ts';

/** How far below its parent a ghost sits; a backing ghost also moves right, clear of the parent's file. */
const BELOW = 130;
const BACKING_RIGHT = 220;
/** A ghost moves right by this step until no node sits within the clearance around it. */
const STEP = 200;
const CLEAR = { x: 190, y: 80 };

/** The accessible name of a ghost node: `NAME (DRIVER, from image header)`. */
export function ghostLabel(name: string, driver: string): string {
  return `${name} (${driver}, from image header)`;
}

/**
 * The canvas view of the implicit chain: ghost nodes below their parents, moved right clear of other
 * nodes (not draggable, not deletable, not in the document), and their edges.
 */
export function ghostFlow(chain: ImplicitChain, layout: Layout): { nodes: GhostFlowNode[]; edges: RoleFlowEdge[] } {
  const placed = new Map<string, Position>();
  const taken: Position[] = Object.values(layout.positions);
  const nodes = chain.nodes.map((node): GhostFlowNode => {
    const parent = placed.get(node.parent) ?? layout.positions[node.parent] ?? { x: 0, y: 0 };
    const position = { x: parent.x + (node.role === 'backing' ? BACKING_RIGHT : 0), y: parent.y + BELOW };
    while (taken.some((p) => Math.abs(p.x - position.x) < CLEAR.x && Math.abs(p.y - position.y) < CLEAR.y)) {
      position.x += STEP;
    }
    placed.set(node.name, position);
    taken.push(position);
    return {
      id: node.name,
      type: 'ghost',
      position,
      draggable: false,
      deletable: false,
      connectable: false,
      ariaLabel: ghostLabel(node.name, node.driver),
      data: { name: node.name, driver: node.driver },
    };
  });
  const edges = chain.nodes.map((node): RoleFlowEdge => ({
    id: `implicit:${node.name}`,
    type: 'role',
    source: node.parent,
    // A ghost hangs below a document node's role handle, or below the ghost it backs.
    sourceHandle: placed.has(node.parent) ? HANDLE.children : roleHandleId(node.role),
    target: node.name,
    targetHandle: HANDLE.parent,
    deletable: false,
    selectable: false,
    reconnectable: false,
    ariaLabel: edgeLabel(node.parent, node.name, node.role),
    data: { role: node.role, kind: 'implicit' },
  }));
  return { nodes, edges };
}

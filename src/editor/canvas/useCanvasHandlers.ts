import { useStoreApi, type EdgeChange, type NodeChange, type OnDelete, type ReactFlowProps } from '@xyflow/react';
import { useMemo } from 'react';
import { isIdTaken, type Position } from '../../model/index.ts';
import { useEditorStore, type Removal } from '../store/editorStore.ts';
import type { FlowNode, RoleFlowEdge } from './flowTypes.ts';
import { CONNECTION_HANDLERS, type ConnectionHandlers } from './connectionDrag.ts';
import type { NodeOverlay } from './useNodeOverlay.ts';

/** The React Flow callbacks the canvas passes on. */
export type CanvasHandlers = Required<
  Pick<ReactFlowProps<FlowNode, RoleFlowEdge>, 'onNodesChange' | 'onEdgesChange' | 'onDelete'>
> &
  ConnectionHandlers;

/**
 * Turns canvas gestures into store commands: selection (one node, several with Shift/Ctrl+click or a
 * selection box), moves (committed when a drag ends, one undo entry for all the nodes it moved),
 * connections and deletions (one undo entry for everything deleted at once) go through model edits;
 * sizes and in-drag positions stay in the overlay. Handlers read the store when called, so they never
 * change identity with the document.
 */
export function useCanvasHandlers(overlay: NodeOverlay): CanvasHandlers {
  const { applyChanges, endDrag } = overlay;
  const flow = useStoreApi<FlowNode, RoleFlowEdge>();
  return useMemo(
    () => ({
      onNodesChange: (changes: NodeChange<FlowNode>[]) => {
        const rest = applyChanges(changes);
        commitMoves(rest, endDrag);
        applySelection(rest);
      },
      onEdgesChange: (changes: EdgeChange<RoleFlowEdge>[]) => {
        // A selection box also selects every edge that touches a boxed node: the store keeps the nodes.
        if (flow.getState().userSelectionRect === null) applyEdgeSelection(changes);
      },
      onDelete: remove,
      // Drawing and moving edges: the model's connection rules (connectionDrag.ts).
      ...CONNECTION_HANDLERS,
    }),
    [applyChanges, endDrag, flow],
  );
}

/** Position changes outside a drag are a drag's end (or a keyboard move): the document takes them as one change. */
function commitMoves(changes: readonly NodeChange<FlowNode>[], endDrag: (ids: readonly string[]) => void): void {
  const moves: Record<string, Position> = {};
  for (const change of changes) {
    if (change.type === 'position' && change.dragging !== true && change.position) moves[change.id] = change.position;
  }
  const moved = Object.keys(moves);
  if (moved.length === 0) return;
  useEditorStore.getState().moveNodes(moves);
  endDrag(moved);
}

function applySelection(changes: readonly NodeChange<FlowNode>[]): void {
  const selects = changes.flatMap((change) => (change.type === 'select' ? [change] : []));
  if (selects.length > 0) useEditorStore.getState().changeSelection(selects);
}

/** Selects a newly selected edge; a deselection only clears the edge the store holds (changes come in any order). */
function applyEdgeSelection(changes: EdgeChange<RoleFlowEdge>[]): void {
  for (const change of changes) {
    if (change.type !== 'select') continue;
    const { selectedEdge, selectEdge } = useEditorStore.getState();
    if (change.selected) selectEdge(change.id);
    else if (change.id === selectedEdge) selectEdge(null);
  }
}

/**
 * Delete/Backspace: the selected nodes and edges go as one change (edges of removed nodes go with
 * them). Ghosts of dropped images are not in the document, so they stay.
 */
const remove: OnDelete<FlowNode, RoleFlowEdge> = ({ nodes, edges }) => {
  const { document: graph, removeElements } = useEditorStore.getState();
  const ids = nodes.map((node) => node.id).filter((id) => isIdTaken(graph, id));
  const removal: Required<Removal> = { ids, links: [], roots: [] };
  for (const edge of edges) {
    if (edge.data === undefined) continue;
    if (edge.data.kind === 'root') removal.roots = [...removal.roots, edge.source];
    else if (edge.data.kind === 'inline' || edge.data.kind === 'reference') {
      removal.links = [...removal.links, { parent: edge.source, role: edge.data.role }];
    }
  }
  if (ids.length + removal.links.length + removal.roots.length > 0) removeElements(removal);
};

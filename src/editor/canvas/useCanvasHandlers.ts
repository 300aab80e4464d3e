import type { Connection, EdgeChange, NodeChange, OnDelete, ReactFlowProps } from '@xyflow/react';
import { useMemo } from 'react';
import { useEditorStore } from '../store/editorStore.ts';
import type { FlowNode, RoleFlowEdge } from './flowTypes.ts';
import { pickChildRole } from './pickChildRole.ts';
import type { NodeOverlay } from './useNodeOverlay.ts';

/** The React Flow callbacks the canvas passes on. */
export type CanvasHandlers = Required<
  Pick<
    ReactFlowProps<FlowNode, RoleFlowEdge>,
    'onNodesChange' | 'onEdgesChange' | 'onConnect' | 'onDelete' | 'isValidConnection'
  >
>;

/**
 * Turns canvas gestures into store commands: selection, moves (committed when a drag ends),
 * connections and deletions go through model edits; sizes and in-drag positions stay in the overlay.
 * Handlers read the store when called, so they never change identity with the document.
 */
export function useCanvasHandlers(overlay: NodeOverlay): CanvasHandlers {
  const { applyChanges, endDrag } = overlay;
  return useMemo(
    () => ({
      onNodesChange: (changes: NodeChange<FlowNode>[]) => {
        const rest = applyChanges(changes);
        commitMoves(rest, endDrag);
        applySelection(rest);
      },
      onEdgesChange: applyEdgeSelection,
      onConnect: connect,
      onDelete: remove,
      isValidConnection: (c: RoleFlowEdge | Connection) =>
        c.source !== c.target && Object.hasOwn(useEditorStore.getState().document.nodes, c.target),
    }),
    [applyChanges, endDrag],
  );
}

/** A position change outside a drag is a drag's end (or a keyboard move): the document takes it. */
function commitMoves(changes: readonly NodeChange<FlowNode>[], endDrag: (ids: readonly string[]) => void): void {
  const moved: string[] = [];
  for (const change of changes) {
    if (change.type === 'position' && change.dragging !== true && change.position) {
      useEditorStore.getState().moveTo(change.id, change.position);
      moved.push(change.id);
    }
  }
  if (moved.length > 0) endDrag(moved);
}

function applySelection(changes: readonly NodeChange<FlowNode>[]): void {
  const { selectedId, select } = useEditorStore.getState();
  const selects = changes.flatMap((change) => (change.type === 'select' ? [change] : []));
  const chosen = selects.find((change) => change.selected);
  if (chosen) select(chosen.id);
  else if (selects.some((change) => change.id === selectedId)) select(null);
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

/** A parent's bottom handle to a child's top handle: a child link, or a frontend's root. */
function connect({ source, target }: Connection): void {
  const { document: graph, setFrontendRoot, connectChild } = useEditorStore.getState();
  if (Object.hasOwn(graph.frontends, source)) {
    setFrontendRoot({ frontend: source, root: target });
    return;
  }
  const role = pickChildRole(graph, source);
  if (role !== undefined) connectChild({ parent: source, role, child: target });
}

const remove: OnDelete<FlowNode, RoleFlowEdge> = ({ nodes, edges }) => {
  const state = useEditorStore.getState();
  const removed = new Set(nodes.map((node) => node.id));
  for (const node of nodes) state.removeNode(node.id);
  // Edges of removed nodes went with them; the others are unlinked one by one.
  for (const edge of edges) {
    if (removed.has(edge.source) || removed.has(edge.target) || edge.data === undefined) continue;
    if (edge.data.kind === 'root') state.setFrontendRoot({ frontend: edge.source, root: null });
    else if (edge.data.kind !== 'association') state.disconnectChild({ parent: edge.source, role: edge.data.role });
  }
};

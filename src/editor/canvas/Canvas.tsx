import { Background, Controls, MarkerType, MiniMap, ReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEditorStore } from '../store/editorStore.ts';
import type { FlowNode, RoleFlowEdge } from './flowTypes.ts';
import { edgeTypes, nodeTypes } from './nodeTypes.ts';
import { toFlow } from './toFlow.ts';
import { useCanvasHandlers } from './useCanvasHandlers.ts';
import { useNodeOverlay } from './useNodeOverlay.ts';

const DELETE_KEYS = ['Delete', 'Backspace'];
const FIT_VIEW = { padding: 0.2, maxZoom: 1 };
const EDGE_DEFAULTS = { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };

/** The graph canvas: nodes and edges derived from the document, edited through the store. */
export function Canvas() {
  const { graph, selectedId, selectedEdge } = useEditorStore(
    useShallow((s) => ({ graph: s.document, selectedId: s.selectedId, selectedEdge: s.selectedEdge })),
  );
  const flow = useMemo(() => toFlow(graph), [graph]);
  const overlay = useNodeOverlay(flow.nodes, selectedId);
  const edges = useMemo(
    () => flow.edges.map((edge) => (edge.id === selectedEdge ? { ...edge, selected: true } : edge)),
    [flow.edges, selectedEdge],
  );
  const handlers = useCanvasHandlers(overlay);
  return (
    <section className="canvas" aria-label="Canvas">
      <ReactFlow<FlowNode, RoleFlowEdge>
        nodes={overlay.nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        {...handlers}
        deleteKeyCode={DELETE_KEYS}
        defaultEdgeOptions={EDGE_DEFAULTS}
        fitView
        fitViewOptions={FIT_VIEW}
      >
        <Background gap={20} />
        <Controls />
        <MiniMap nodeColor={miniMapColour} pannable zoomable />
      </ReactFlow>
    </section>
  );
}

function miniMapColour(node: FlowNode): string {
  return `var(--${node.type === 'block' ? node.data.category : node.type}-border)`;
}

import { Background, Controls, MarkerType, MiniMap, ReactFlow } from '@xyflow/react';
import { useMemo, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { readImageHeaders } from '../images/readImages.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { useImplicitChain } from '../store/useEngine.ts';
import type { FlowNode, RoleFlowEdge } from './flowTypes.ts';
import { ghostFlow } from './ghostFlow.ts';
import { edgeTypes, nodeTypes } from './nodeTypes.ts';
import { toFlow } from './toFlow.ts';
import { useCanvasHandlers } from './useCanvasHandlers.ts';
import { useNodeOverlay } from './useNodeOverlay.ts';

const DELETE_KEYS = ['Delete', 'Backspace'];
const FIT_VIEW = { padding: 0.2, maxZoom: 1 };
const EDGE_DEFAULTS = { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };

/**
 * The graph canvas: nodes and edges derived from the document (and ghosts of what dropped images
 * make QEMU open), edited through the store. Dropping image files reads their headers.
 */
export function Canvas() {
  const { graph, selectedId, selectedEdge } = useEditorStore(
    useShallow((s) => ({ graph: s.document, selectedId: s.selectedId, selectedEdge: s.selectedEdge })),
  );
  const chain = useImplicitChain();
  const documentFlow = useMemo(() => toFlow(graph), [graph]);
  const ghosts = useMemo(() => ghostFlow(chain, graph.layout), [chain, graph.layout]);
  const allNodes = useMemo(() => [...documentFlow.nodes, ...ghosts.nodes], [documentFlow.nodes, ghosts.nodes]);
  const overlay = useNodeOverlay(allNodes, selectedId);
  const edges = useMemo(
    () =>
      [...documentFlow.edges, ...ghosts.edges].map((edge) =>
        edge.id === selectedEdge ? { ...edge, selected: true } : edge,
      ),
    [documentFlow.edges, ghosts.edges, selectedEdge],
  );
  const handlers = useCanvasHandlers(overlay);
  return (
    <section className="canvas" aria-label="Canvas" onDragOver={allowFileDrop} onDrop={dropImages}>
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

function allowFileDrop(event: DragEvent): void {
  if (!event.dataTransfer.types.includes('Files')) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
}

function dropImages(event: DragEvent): void {
  if (event.dataTransfer.files.length === 0) return;
  event.preventDefault();
  void readImageHeaders(event.dataTransfer.files).then(useEditorStore.getState().addImages);
}

function miniMapColour(node: FlowNode): string {
  return `var(--${node.type === 'block' ? node.data.category : node.type}-border)`;
}

import { Background, Controls, MarkerType, ReactFlow, useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { readDroppedFiles } from '../importDialog/droppedFiles.ts';
import { isPaletteDrag, usePaletteDrop } from '../palette/paletteDrag.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { useImplicitChain } from '../store/useEngine.ts';
import { useTheme } from '../theme/themeStore.ts';
import { CanvasMiniMap } from '../view/CanvasMiniMap.tsx';
import { collapseFlow, collapseGhosts } from './collapsedFlow.ts';
import { ConnectionHint } from './ConnectionHint.tsx';
import { EdgeLabelLayerFinder, EdgeLabelLayerProvider } from './edgeLabelLayer.tsx';
import type { FlowNode, RoleFlowEdge } from './flowTypes.ts';
import { ghostFlow } from './ghostFlow.ts';
import { edgeTypes, nodeTypes } from './nodeTypes.ts';
import { RenameField } from './RenameField.tsx';
import { toFlow } from './toFlow.ts';
import { useCanvasHandlers } from './useCanvasHandlers.ts';
import { reuser, useNodeOverlay } from './useNodeOverlay.ts';

/** The keys that delete the selected nodes and edges (listed in the help sheet). */
export const DELETE_KEYS = ['Delete', 'Backspace'];
/** Shift, Ctrl (or Cmd) + click adds a node to the selection; Shift + drag on the pane draws a selection box. */
const MULTI_SELECT_KEYS = ['Shift', 'Control', 'Meta'];
const FIT_VIEW = { padding: 0.2, maxZoom: 1 };
/** Far enough out that Fit view shows a whole 2,000-node graph (React Flow's default stops at 0.5). */
const MIN_ZOOM = 0.05;
const EDGE_DEFAULTS = { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };

/**
 * The graph canvas: nodes and edges derived from the document (and ghosts of what dropped images
 * make QEMU open), edited through the store. Dropping image files reads their headers; dropping a
 * palette entry adds it there. While an edge is drawn, a hint by the pointer says what the drop makes.
 */
export function Canvas() {
  const { graph, selectedIds, selectedEdge } = useEditorStore(
    useShallow((s) => ({ graph: s.document, selectedIds: s.selectedIds, selectedEdge: s.selectedEdge })),
  );
  const chain = useImplicitChain();
  const theme = useTheme();
  // Collapsed backing chains are folded into one node each (collapsedFlow.ts).
  const documentFlow = useMemo(() => collapseFlow(toFlow(graph), graph), [graph]);
  const ghosts = useMemo(() => collapseGhosts(ghostFlow(chain, graph.layout), graph), [chain, graph]);
  const allNodes = useMemo(() => [...documentFlow.nodes, ...ghosts.nodes], [documentFlow.nodes, ghosts.nodes]);
  const overlay = useNodeOverlay(allNodes, selectedIds);
  const [reuseEdges] = useState(reuser<RoleFlowEdge>);
  const edges = useMemo(
    () =>
      reuseEdges(
        [...documentFlow.edges, ...ghosts.edges].map((edge) =>
          edge.id === selectedEdge ? { ...edge, selected: true } : edge,
        ),
      ),
    [documentFlow.edges, ghosts.edges, selectedEdge, reuseEdges],
  );
  const handlers = useCanvasHandlers(overlay);
  const dropPalette = usePaletteDrop();
  useFitOnReplace();
  return (
    <section
      className="canvas"
      aria-label="Canvas"
      onDragOver={allowDrop}
      onDrop={(event) => {
        if (!dropPalette(event)) dropImages(event);
      }}
    >
      <EdgeLabelLayerProvider>
        <ReactFlow<FlowNode, RoleFlowEdge>
          nodes={overlay.nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          {...handlers}
          deleteKeyCode={DELETE_KEYS}
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          defaultEdgeOptions={EDGE_DEFAULTS}
          fitView
          fitViewOptions={FIT_VIEW}
          minZoom={MIN_ZOOM}
          colorMode={theme}
          defaultMarkerColor="var(--edge)"
        >
          <Background gap={20} />
          <Controls />
          <CanvasMiniMap />
          <RenameField />
          <ConnectionHint />
          <EdgeLabelLayerFinder />
        </ReactFlow>
      </EdgeLabelLayerProvider>
    </section>
  );
}

/** Fits the view to a document that replaced the last one whole (an opened file, a share link). */
function useFitOnReplace(): void {
  const epoch = useEditorStore((s) => s.documentEpoch);
  const { fitView } = useReactFlow();
  const shown = useRef(epoch);
  useEffect(() => {
    if (shown.current === epoch) return;
    shown.current = epoch;
    void fitView(FIT_VIEW);
  }, [epoch, fitView]);
}

function allowDrop(event: DragEvent): void {
  if (!event.dataTransfer.types.includes('Files') && !isPaletteDrag(event.dataTransfer)) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
}

function dropImages(event: DragEvent): void {
  if (event.dataTransfer.files.length === 0) return;
  event.preventDefault();
  // Disk images go to the images panel; a text file opens the import dialog.
  void readDroppedFiles(event.dataTransfer.files).then(useEditorStore.getState().addImages);
}

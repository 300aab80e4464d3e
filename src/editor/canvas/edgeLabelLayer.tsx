import { useStore } from '@xyflow/react';
import { createContext, useContext, useLayoutEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * Edge labels as HTML above the edges, like React Flow's EdgeLabelRenderer, with one lookup of the
 * label layer for the whole canvas: EdgeLabelRenderer looks the layer up with a store selector in
 * every edge, so at 1,000 edges each store update of a drag ran 1,000 querySelector calls (a
 * quarter of the drag's time in a Chromium profile).
 */
const LayerContext = createContext<HTMLElement | null>(null);
const SetLayerContext = createContext<(layer: HTMLElement | null) => void>(() => undefined);

/** Wraps the canvas: gives its edges the label layer that EdgeLabelLayerFinder finds. */
export function EdgeLabelLayerProvider({ children }: { children: ReactNode }) {
  const [layer, setLayer] = useState<HTMLElement | null>(null);
  return (
    <SetLayerContext.Provider value={setLayer}>
      <LayerContext.Provider value={layer}>{children}</LayerContext.Provider>
    </SetLayerContext.Provider>
  );
}

/** Rendered inside ReactFlow: finds its label layer once per mounted flow. */
export function EdgeLabelLayerFinder() {
  const setLayer = useContext(SetLayerContext);
  const domNode = useStore((s) => s.domNode);
  useLayoutEffect(() => {
    setLayer(domNode?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null);
  }, [domNode, setLayer]);
  return null;
}

/** An edge's label, drawn in the canvas's label layer (nothing until the layer is found). */
export function EdgeLabel({ children }: { children: ReactNode }) {
  const layer = useContext(LayerContext);
  return layer === null ? null : createPortal(children, layer);
}

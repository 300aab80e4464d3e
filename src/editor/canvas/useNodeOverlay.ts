import type { Dimensions, NodeChange, XYPosition } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import type { FlowNode } from './flowTypes.ts';

/** What React Flow measures or moves before the document knows: sizes, and positions during a drag. */
interface Overlay {
  measured: Readonly<Record<string, Dimensions>>;
  dragging: Readonly<Record<string, XYPosition>>;
}

const EMPTY: Overlay = { measured: {}, dragging: {} };

/** The derived nodes with UI-only state laid over them, and a reducer for React Flow's node changes. */
export interface NodeOverlay {
  nodes: FlowNode[];
  /** Applies size and in-drag position changes; returns the changes it leaves to the caller. */
  applyChanges: (changes: NodeChange<FlowNode>[]) => NodeChange<FlowNode>[];
  /** Forgets in-drag positions once the document holds the final ones. */
  endDrag: (ids: readonly string[]) => void;
}

/**
 * Keeps node sizes and in-drag positions as canvas UI state, so the document is only written when a
 * drag ends, and lays them and the selection over the nodes derived from the document.
 */
export function useNodeOverlay(derived: readonly FlowNode[], selectedId: string | null): NodeOverlay {
  const [overlay, setOverlay] = useState<Overlay>(EMPTY);
  const nodes = useMemo(
    () =>
      derived.map((node): FlowNode => {
        const measured = overlay.measured[node.id];
        return {
          ...node,
          position: overlay.dragging[node.id] ?? node.position,
          selected: node.id === selectedId,
          ...(measured === undefined ? {} : { measured }),
        };
      }),
    [derived, overlay, selectedId],
  );
  const applyChanges = useCallback((changes: NodeChange<FlowNode>[]) => {
    const rest: NodeChange<FlowNode>[] = [];
    const measured: Record<string, Dimensions> = {};
    const dragging: Record<string, XYPosition> = {};
    for (const change of changes) {
      if (change.type === 'dimensions' && change.dimensions) measured[change.id] = change.dimensions;
      else if (change.type === 'position' && change.dragging === true && change.position) {
        dragging[change.id] = change.position;
      } else rest.push(change);
    }
    if (Object.keys(measured).length + Object.keys(dragging).length > 0) {
      setOverlay((old) => ({
        measured: { ...old.measured, ...measured },
        dragging: { ...old.dragging, ...dragging },
      }));
    }
    return rest;
  }, []);
  const endDrag = useCallback((ids: readonly string[]) => {
    setOverlay((old) => ({
      measured: old.measured,
      dragging: Object.fromEntries(Object.entries(old.dragging).filter(([id]) => !ids.includes(id))),
    }));
  }, []);
  return { nodes, applyChanges, endDrag };
}

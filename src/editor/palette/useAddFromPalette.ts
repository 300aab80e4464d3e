import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { assertNever, type Position } from '../../model/index.ts';
import { useEditorStore } from '../store/editorStore.ts';
import type { FlowNode, RoleFlowEdge } from '../canvas/flowTypes.ts';
import { freeSpot } from './freeSpot.ts';
import type { PaletteEntry } from './paletteEntries.ts';

/** Node size assumed when centring a new node (its top-left corner is its position). */
const HALF_NODE = { x: 85, y: 28 };

/**
 * A callback that adds what a palette entry stands for, and selects it: centred on `dropPoint` (a
 * screen point: where a palette entry was dropped on the canvas), or else near the centre of the
 * canvas view, clear of other nodes.
 */
export function useAddFromPalette(): (entry: PaletteEntry, dropPoint?: Position) => void {
  const flow = useStoreApi<FlowNode, RoleFlowEdge>();
  const { screenToFlowPosition } = useReactFlow<FlowNode, RoleFlowEdge>();
  return useCallback(
    (entry: PaletteEntry, dropPoint?: Position) => {
      const state = useEditorStore.getState();
      const position =
        dropPoint === undefined
          ? freeSpot(Object.values(state.document.layout.positions), centred(viewCentre()))
          : centred(screenToFlowPosition(dropPoint));
      switch (entry.kind) {
        case 'driver':
          state.addNode({ driver: entry.name, position });
          return;
        case 'frontend':
          state.addFrontend({ kind: entry.name, position });
          return;
        case 'object':
          state.addObject({ qomType: entry.name, position });
          return;
        default:
          assertNever(entry.kind);
      }

      function viewCentre(): Position {
        const box = flow.getState().domNode?.getBoundingClientRect();
        return box
          ? screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
          : { x: 0, y: 0 };
      }
    },
    [flow, screenToFlowPosition],
  );
}

/** The top-left corner of a node centred on `point`, in whole pixels. */
function centred(point: Position): Position {
  return { x: Math.round(point.x - HALF_NODE.x), y: Math.round(point.y - HALF_NODE.y) };
}

import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { assertNever } from '../../model/index.ts';
import { useEditorStore } from '../store/editorStore.ts';
import type { FlowNode, RoleFlowEdge } from '../canvas/flowTypes.ts';
import { freeSpot } from './freeSpot.ts';
import type { PaletteEntry } from './paletteEntries.ts';

/** Node size assumed when centring a new node (its top-left corner is its position). */
const HALF_NODE = { x: 85, y: 28 };

/** A callback that adds what a palette entry stands for, near the centre of the canvas view, and selects it. */
export function useAddFromPalette(): (entry: PaletteEntry) => void {
  const flow = useStoreApi<FlowNode, RoleFlowEdge>();
  const { screenToFlowPosition } = useReactFlow<FlowNode, RoleFlowEdge>();
  return useCallback(
    (entry: PaletteEntry) => {
      const { domNode } = flow.getState();
      const box = domNode?.getBoundingClientRect();
      const centre = box
        ? screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
        : { x: 0, y: 0 };
      const state = useEditorStore.getState();
      const position = freeSpot(Object.values(state.document.layout.positions), {
        x: Math.round(centre.x - HALF_NODE.x),
        y: Math.round(centre.y - HALF_NODE.y),
      });
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
    },
    [flow, screenToFlowPosition],
  );
}

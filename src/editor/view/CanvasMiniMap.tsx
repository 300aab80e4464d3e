import { MiniMap } from '@xyflow/react';
import type { FlowNode } from '../canvas/flowTypes.ts';
import { useViewStore } from './viewStore.ts';

/** The minimap's accessible name. */
export const MINIMAP_LABEL = 'Minimap';

/**
 * The colour a node has in the minimap: a block node its category's (protocol, format, filter),
 * frontends, objects and collapsed chains their own, ghosts muted, as the canvas draws them.
 *
 * @example miniMapColour(blockNode) // 'var(--format-border)'
 */
export function miniMapColour(node: FlowNode): string {
  switch (node.type) {
    case 'block':
      return `var(--${node.data.category}-border)`;
    case 'frontend':
    case 'object':
      return `var(--${node.type}-border)`;
    case 'collapsed':
      return 'var(--format-border)';
    case 'ghost':
      return 'var(--muted)';
  }
}

/** React Flow's minimap, coloured by category, pannable and zoomable; hidden while the toggle is off. */
export function CanvasMiniMap() {
  const shown = useViewStore((s) => s.minimap);
  if (!shown) return null;
  return <MiniMap<FlowNode> nodeColor={miniMapColour} ariaLabel={MINIMAP_LABEL} pannable zoomable />;
}

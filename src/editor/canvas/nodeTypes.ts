import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { BlockNodeView } from './BlockNodeView.tsx';
import { CollapsedNodeView } from './CollapsedNodeView.tsx';
import { FrontendNodeView } from './FrontendNodeView.tsx';
import { GhostNodeView } from './GhostNodeView.tsx';
import { ObjectNodeView } from './ObjectNodeView.tsx';
import { RoleEdgeView } from './RoleEdgeView.tsx';

/** Canvas node components by `type`; defined once, outside components, so React Flow never remounts them. */
export const nodeTypes = {
  block: BlockNodeView,
  frontend: FrontendNodeView,
  object: ObjectNodeView,
  ghost: GhostNodeView,
  collapsed: CollapsedNodeView,
} satisfies NodeTypes;

/** Canvas edge components by `type`. */
export const edgeTypes = { role: RoleEdgeView } satisfies EdgeTypes;

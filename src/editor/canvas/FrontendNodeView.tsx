import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { frontendSpec } from '../../model/index.ts';
import { HANDLE, type FrontendFlowNode } from './flowTypes.ts';

/** A guest device or export: its id over its kind, with a handle to its root node below. */
export const FrontendNodeView = memo(function FrontendNodeView({ data, selected }: NodeProps<FrontendFlowNode>) {
  return (
    <div
      className={`canvas-node canvas-node--frontend${selected ? ' is-selected' : ''}`}
      title={frontendSpec(data.kind)?.summary}
    >
      <div className="canvas-node__title">{data.title}</div>
      <div className="canvas-node__type">
        {data.kind} <span className="canvas-node__category">frontend</span>
      </div>
      <Handle type="source" position={Position.Bottom} id={HANDLE.children} />
    </div>
  );
});

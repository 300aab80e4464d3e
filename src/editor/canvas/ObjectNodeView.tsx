import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { HANDLE, type ObjectFlowNode } from './flowTypes.ts';

/** A QOM object: its id over its QOM type. Nodes that name it point at it with a dashed association. */
export const ObjectNodeView = memo(function ObjectNodeView({ data, selected }: NodeProps<ObjectFlowNode>) {
  return (
    <div className={`canvas-node canvas-node--object${selected ? ' is-selected' : ''}`}>
      <Handle
        type="target"
        position={Position.Left}
        id={HANDLE.associationIn}
        isConnectable={false}
        className="canvas-handle--hidden"
      />
      <div className="canvas-node__title">{data.title}</div>
      <div className="canvas-node__type">
        {data.qomType} <span className="canvas-node__category">object</span>
      </div>
    </div>
  );
});

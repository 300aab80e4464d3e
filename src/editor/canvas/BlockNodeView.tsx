import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { driverSpec } from '../../model/index.ts';
import { HANDLE, type BlockFlowNode } from './flowTypes.ts';

/** A block node: its node-name (or "(unnamed)" and its id) over its driver, coloured by the driver's category. */
export const BlockNodeView = memo(function BlockNodeView({ data, selected }: NodeProps<BlockFlowNode>) {
  return (
    <div
      className={`canvas-node canvas-node--${data.category}${selected ? ' is-selected' : ''}`}
      title={driverSpec(data.driver)?.summary}
    >
      <Handle type="target" position={Position.Top} id={HANDLE.parent} />
      <div className="canvas-node__title">
        {data.title}
        {data.unnamed && <span className="canvas-node__id"> {data.id}</span>}
      </div>
      <div className="canvas-node__type">
        {data.driver} <span className="canvas-node__category">{data.category}</span>
      </div>
      {data.hasChildren && <Handle type="source" position={Position.Bottom} id={HANDLE.children} />}
      <Handle
        type="source"
        position={Position.Right}
        id={HANDLE.associationOut}
        isConnectable={false}
        className="canvas-handle--hidden"
      />
    </div>
  );
});

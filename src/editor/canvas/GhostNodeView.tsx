import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { HANDLE, type GhostFlowNode } from './flowTypes.ts';

/** A node QEMU opens from an image header: dashed and muted, its name over "(from header) DRIVER". */
export const GhostNodeView = memo(function GhostNodeView({ data, selected }: NodeProps<GhostFlowNode>) {
  return (
    <div
      className={`canvas-node canvas-node--ghost${selected ? ' is-selected' : ''}`}
      title="Opened by QEMU from the backing file named in the image header; not part of the document"
    >
      <Handle type="target" position={Position.Top} id={HANDLE.parent} isConnectable={false} />
      <div className="canvas-node__title">{data.name}</div>
      <div className="canvas-node__type">(from header) {data.driver}</div>
      <Handle
        type="source"
        position={Position.Bottom}
        id={HANDLE.children}
        isConnectable={false}
        className="canvas-handle--hidden"
      />
    </div>
  );
});

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { driverSpec } from '../../model/index.ts';
import { useNodeProblems } from '../store/useEngine.ts';
import { HANDLE, type BlockFlowNode } from './flowTypes.ts';

/**
 * A block node: its node-name (or "(unnamed)" and its id) over its driver, coloured by the driver's
 * category, with an error marker when the document's diagnostics name it.
 */
export const BlockNodeView = memo(function BlockNodeView({ data, selected }: NodeProps<BlockFlowNode>) {
  const problems = useNodeProblems(data.id);
  const hasProblems = problems.length > 0;
  const state = `${selected ? ' is-selected' : ''}${hasProblems ? ' has-problems' : ''}`;
  return (
    <div className={`canvas-node canvas-node--${data.category}${state}`} title={driverSpec(data.driver)?.summary}>
      <Handle type="target" position={Position.Top} id={HANDLE.parent} />
      {hasProblems && (
        <span className="canvas-node__problems" role="img" title={problemsTitle(problems)}>
          !
        </span>
      )}
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

function problemsTitle(problems: readonly string[]): string {
  const count = problems.length === 1 ? '1 problem' : `${String(problems.length)} problems`;
  return `${count}: ${problems.join('; ')}`;
}

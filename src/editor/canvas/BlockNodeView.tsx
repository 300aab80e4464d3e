import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { driverSpec } from '../../model/index.ts';
import { useNodeProblems } from '../store/useEngine.ts';
import { HANDLE, type BlockFlowNode } from './flowTypes.ts';
import { missingRoles, portLabel, type RolePort } from './roleHandles.ts';
import { nodeDescriptionId } from './toFlow.ts';
import { problemsTitle } from './problemsTitle.ts';

/**
 * A block node: its node-name (or "(unnamed)" and its id) over its driver, coloured by the driver's
 * category, with an error marker when the document's diagnostics name it. Its parents attach to the
 * one input handle on top; below, one labelled output handle per child role of its driver (required
 * roles solid, optional ones hollow, a required role left empty flagged in red and in the node's
 * accessible description; a list role has one handle per child and a "+" handle that adds one).
 */
export const BlockNodeView = memo(function BlockNodeView({ id, data, selected }: NodeProps<BlockFlowNode>) {
  const problems = useNodeProblems(data.id);
  const hasProblems = problems.length > 0;
  const missing = missingRoles(data.ports);
  const state = `${selected ? ' is-selected' : ''}${hasProblems ? ' has-problems' : ''}${missing.length > 0 ? ' has-missing' : ''}`;
  return (
    <div className={`canvas-node canvas-node--${data.category}${state}`} title={driverSpec(data.driver)?.summary}>
      <Handle type="target" position={Position.Top} id={HANDLE.parent} aria-label="parents attach here" />
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
      {missing.length > 0 && (
        <span id={nodeDescriptionId(id)} className="canvas-node__missing">
          Missing required {missing.length === 1 ? 'child' : 'children'}: {missing.join(', ')}
        </span>
      )}
      {data.ports.length > 0 && (
        <div className="canvas-node__ports">
          {data.ports.map((port) => (
            <RoleHandle key={port.handleId} port={port} />
          ))}
        </div>
      )}
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

/** One labelled output handle; its class says required/optional, filled/empty, missing, or "add". */
function RoleHandle({ port }: { port: RolePort }) {
  const kind = [
    port.required ? 'is-required' : 'is-optional',
    port.filled ? 'is-filled' : 'is-empty',
    port.missing ? 'is-missing' : '',
    port.adds ? 'is-add' : '',
    port.unknown ? 'is-unknown' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const label = portLabel(port);
  return (
    <div className={`canvas-port ${kind}`} title={port.flags === '' ? label : `${label} (QEMU role: ${port.flags})`}>
      <span className="canvas-port__label" aria-hidden="true">
        {port.adds ? `+ ${port.member}` : port.role}
        {port.missing && ' !'}
      </span>
      <Handle
        type="source"
        position={Position.Bottom}
        id={port.handleId}
        aria-label={label}
        className={`canvas-port__handle ${kind}`}
      />
    </div>
  );
}

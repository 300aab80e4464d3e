import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEditorStore, type EditorState } from '../store/editorStore.ts';
import { selectNodeProblems } from '../store/useEngine.ts';
import { HANDLE, type CollapsedFlowNode } from './flowTypes.ts';
import { problemsTitle } from './problemsTitle.ts';

/**
 * Selector: the diagnostics of the nodes a collapsed chain hides, each as `ID: MESSAGE`, in the
 * order of the chain (compares equal, element by element, until they change).
 */
export function selectHiddenProblems(state: EditorState, hidden: readonly string[]): string[] {
  return hidden.flatMap((id) => selectNodeProblems(state, id).map((message) => `${id}: ${message}`));
}

/**
 * A collapsed backing chain: "N more layers" over the base image's name, with an Expand button.
 * Its parent (the chain's top) attaches on top; whatever the hidden nodes use hangs below. The
 * diagnostics of the hidden nodes show on it, as a block node shows its own.
 */
export const CollapsedNodeView = memo(function CollapsedNodeView({ data, selected }: NodeProps<CollapsedFlowNode>) {
  const problems = useEditorStore(useShallow((s) => selectHiddenProblems(s, data.hidden)));
  const hasProblems = problems.length > 0;
  return (
    <div
      className={`canvas-node canvas-node--collapsed${selected ? ' is-selected' : ''}${hasProblems ? ' has-problems' : ''}`}
      title={`Backing chain of ${data.top}, collapsed: ${data.title}, down to ${data.base}`}
    >
      <Handle type="target" position={Position.Top} id={HANDLE.parent} isConnectable={false} />
      {hasProblems && (
        <span className="canvas-node__problems" role="img" title={problemsTitle(problems, 'in the hidden layers')}>
          !
        </span>
      )}
      <div className="canvas-node__title">{data.title}</div>
      <div className="canvas-node__type">
        down to <span className="canvas-node__base">{data.base}</span>
      </div>
      <button
        type="button"
        className="canvas-node__expand nodrag"
        aria-label={`Expand the backing chain of ${data.top}`}
        onClick={(event) => {
          event.stopPropagation();
          useEditorStore.getState().expandChain(data.top);
        }}
      >
        Expand
      </button>
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

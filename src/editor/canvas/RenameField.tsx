import { NodeToolbar, Position } from '@xyflow/react';
import { useId, useState, type KeyboardEvent } from 'react';
import { useEditorStore } from '../store/editorStore.ts';

/**
 * Renaming in place (F2): over the node being renamed, a field with its node-name. Enter commits
 * through the model (an empty field takes the name away), Escape or leaving the field cancels; a
 * refused name stays in the field with the model's reason under it.
 */
export function RenameField() {
  const renamingId = useEditorStore((s) => s.renamingId);
  if (renamingId === null) return null;
  return (
    <NodeToolbar nodeId={renamingId} isVisible position={Position.Top} offset={-30} className="rename-field">
      <RenameInput key={renamingId} nodeId={renamingId} />
    </NodeToolbar>
  );
}

function RenameInput({ nodeId }: { nodeId: string }) {
  const node = useEditorStore((s) => s.document.nodes[nodeId]);
  const [text, setText] = useState(node?.name ?? '');
  const [refusal, setRefusal] = useState<string | null>(null);
  const errorId = useId();
  if (node === undefined) return null;
  const close = () => {
    useEditorStore.getState().startRename(null);
    focusCanvasNode(nodeId);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const name = text.trim() === '' ? null : text.trim();
      const problems = useEditorStore.getState().renameNode({ node: nodeId, name });
      if (problems.length === 0) close();
      else setRefusal(problems.map((p) => p.message).join('; '));
    }
  };
  return (
    <>
      <input
        className="rename-field__input nodrag nopan"
        type="text"
        spellCheck={false}
        aria-label={`node-name of ${node.name ?? node.id} (${node.driver})`}
        aria-invalid={refusal !== null}
        aria-describedby={refusal === null ? undefined : errorId}
        // The field opens on F2 and exists only to be typed into.
        autoFocus
        value={text}
        onFocus={(event) => {
          event.currentTarget.select();
        }}
        onChange={(event) => {
          setText(event.target.value);
          setRefusal(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          useEditorStore.getState().startRename(null);
        }}
      />
      {refusal !== null && (
        <p id={errorId} className="rename-field__error">
          {refusal}
        </p>
      )}
    </>
  );
}

/** Gives the keyboard back to the canvas node, so F2, Delete and the arrows go on working there. */
function focusCanvasNode(id: string): void {
  const element = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
  element?.focus();
}

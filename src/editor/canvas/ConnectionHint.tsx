import { useConnection } from '@xyflow/react';
import { useEditorStore } from '../store/editorStore.ts';
import { useMovingLink, endsOf, judged } from './connectionDrag.ts';
import { dragText, verdictText } from './connectionRules.ts';

/** How far the hint sits from the pointer, so it never hides the handle under it. */
const OFFSET = { x: 16, y: 18 };

/**
 * While an edge is being drawn or moved: a line next to the pointer saying what the drop would make,
 * or why the model (QEMU's rules, or the document's) refuses it. Renders inside the canvas, so the
 * pointer position React Flow reports (relative to the canvas) places it.
 */
export function ConnectionHint() {
  const connection = useConnection();
  const graph = useEditorStore((s) => s.document);
  const moving = useMovingLink((s) => s.moving);
  if (!connection.inProgress) return null;
  const ends = endsOf(connection);
  const judgement = ends === undefined ? undefined : judged(graph, ends);
  const from = connection.fromHandle;
  const refused = judgement !== undefined && !judgement.result.ok;
  const text =
    judgement === undefined
      ? dragText(graph, { nodeId: from.nodeId, handleId: from.id ?? null, type: from.type }, moving)
      : verdictText(graph, judgement);
  if (text === '') return null;
  const tone = judgement === undefined ? 'is-pending' : refused ? 'is-refused' : 'is-accepted';
  return (
    <div
      role="status"
      aria-label="Connection"
      className={`connection-hint ${tone}`}
      style={{
        transform: `translate(${String(connection.pointer.x + OFFSET.x)}px, ${String(connection.pointer.y + OFFSET.y)}px)`,
      }}
    >
      {refused && <span className="connection-hint__mark">Refused: </span>}
      {text}
    </div>
  );
}

import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import type { Diagnostic } from '../../model/index.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { useAllDiagnostics } from '../store/useEngine.ts';
import { DiagnosticsAnnouncer } from './DiagnosticsAnnouncer.tsx';

const CENTRE = { duration: 300, maxZoom: 1 } as const;

/**
 * What the model finds wrong with the document (`validateDocument`), live, and what QEMU refuses once it
 * opens the dropped images. Each entry names its node;
 * activating it selects that node and centres the canvas on it. A polite live region announces the count
 * and the first new problem once an edit settles (DiagnosticsAnnouncer).
 */
export function DiagnosticsPanel() {
  const diagnostics = useAllDiagnostics();
  const show = useShowNode();
  const count = diagnostics.length;
  return (
    <section className="diagnostics" aria-label="Diagnostics">
      <header className="diagnostics__header">
        <h2>
          Diagnostics <span className={`diagnostics__count${count > 0 ? ' has-problems' : ''}`}>{count}</span>
        </h2>
      </header>
      <DiagnosticsAnnouncer diagnostics={diagnostics} />
      {count === 0 ? (
        <p className="diagnostics__empty">No problems found.</p>
      ) : (
        <ul className="diagnostics__list">
          {diagnostics.map((d, i) => (
            <li key={i}>
              <DiagnosticEntry diagnostic={d} onShow={show} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DiagnosticEntry({ diagnostic, onShow }: { diagnostic: Diagnostic; onShow: (id: string) => void }) {
  const { node, message, code } = diagnostic;
  const body = (
    <>
      {node !== undefined && <span className="diagnostics__node">{node}</span>}{' '}
      <span className="diagnostics__message">{message}</span> <code className="diagnostics__code">{code}</code>
    </>
  );
  if (node === undefined) return <span className="diagnostics__entry">{body}</span>;
  return (
    <button
      type="button"
      className="diagnostics__entry"
      title={`Show ${node} on the canvas`}
      onClick={() => {
        onShow(node);
      }}
    >
      {body}
    </button>
  );
}

/** Selects a node and centres the canvas view on it. */
function useShowNode(): (id: string) => void {
  const select = useEditorStore((s) => s.select);
  const { fitView } = useReactFlow();
  return useCallback(
    (id: string) => {
      select(id);
      void fitView({ nodes: [{ id }], ...CENTRE });
    },
    [select, fitView],
  );
}

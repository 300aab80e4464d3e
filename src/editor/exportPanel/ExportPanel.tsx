import { useMemo } from 'react';
import { formatQmpScript, toQmpScript } from '../../export/index.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { CopyButton } from './CopyButton.tsx';

/** The bottom panel: the document as a QMP script, live, or why it cannot be exported. */
export function ExportPanel() {
  const graph = useEditorStore((s) => s.document);
  const script = useMemo(() => toQmpScript(graph), [graph]);
  const text = script.ok ? formatQmpScript(script.value) : undefined;
  return (
    <section className="export-panel" aria-label="Export">
      <header className="export-panel__header">
        <h2>QMP</h2>
        <span className="export-panel__hint">object-add and blockdev-add commands, children first</span>
        {text !== undefined && <CopyButton text={text} />}
      </header>
      {script.ok ? (
        <pre className="export-panel__script" data-testid="export.qmp">
          {text}
        </pre>
      ) : (
        <ul className="export-panel__problems" aria-label="Export problems">
          {script.diagnostics.map((d, i) => (
            <li key={i}>
              {d.node === undefined ? '' : `${d.node}: `}
              {d.message} <code>{d.code}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

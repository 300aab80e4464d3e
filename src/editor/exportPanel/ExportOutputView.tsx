import { memo, type ReactNode } from 'react';
import type { Diagnostic } from '../../model/index.ts';
import { CopyButton } from './CopyButton.tsx';
import { downloadText } from './downloadText.ts';
import type { ExportOutput, ExportTab, ExportText } from './exportFormats.ts';

/** Copy and Download of one output; `what` names them when a tab has several outputs (`rollback`). */
function TextActions({ text, what }: { text: ExportText; what?: string }) {
  return (
    <span className="export-panel__actions">
      <CopyButton text={text.text} {...(what === undefined ? {} : { label: `Copy ${what}` })} />
      <button
        type="button"
        className="export-panel__copy"
        aria-label={what === undefined ? 'Download' : `Download ${what}`}
        title={`Download as ${text.file.name}`}
        onClick={() => {
          downloadText(text.text, text.file);
        }}
      >
        Download
      </button>
    </span>
  );
}

/** Read-only monospace text, focusable so the keyboard can scroll it. */
function OutputText({ text, label, testId }: { text: string; label: string; testId: string }) {
  return (
    <pre className="export-panel__script" tabIndex={0} aria-label={label} data-testid={testId}>
      {text}
    </pre>
  );
}

/** Where a refusal is: `node 'disk' · key cache.direct · 3:7`, or nothing. */
export function refusalSite(d: Diagnostic): string {
  const parts = [
    d.node === undefined ? '' : `node '${d.node}'`,
    d.path === undefined || d.path === '' ? '' : `key ${d.path}`,
    d.line === undefined ? '' : `${String(d.line)}:${String(d.column ?? 1)}`,
  ];
  return parts.filter((part) => part !== '').join(' · ');
}

/** Why the format cannot express the document: each diagnostic's message, node and key. */
function Refusal({ diagnostics, label }: { diagnostics: readonly Diagnostic[]; label: string }) {
  return (
    <div className="export-panel__refusal">
      <p>{label} cannot express this document:</p>
      <ul className="export-panel__problems" aria-label="Export problems">
        {diagnostics.map((d, i) => {
          const site = refusalSite(d);
          return (
            <li key={i}>
              {site !== '' && <span className="export-panel__site">{site}: </span>}
              {d.message} <code>{d.code}</code>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Props of `ExportOutputView`. */
export interface ExportOutputViewProps {
  tab: ExportTab;
  /** The tab's caption, for labels (`QMP output`). */
  label: string;
  output: ExportOutput;
  /** The tab's option controls, shown in the toolbar before Copy and Download. */
  options?: ReactNode;
}

/**
 * A tab's output: the text with Copy and Download and, under it, the export's notes (and the QMP
 * rollback script); or the reasons the format refuses the document; or a request to choose a node.
 */
export const ExportOutputView = memo(function ExportOutputView({ tab, label, output, options }: ExportOutputViewProps) {
  const toolbar = (
    <div className="export-panel__toolbar">
      {options}
      {output.kind === 'text' && <TextActions text={output.output} />}
    </div>
  );
  if (output.kind === 'refused') {
    return (
      <>
        {toolbar}
        <Refusal diagnostics={output.diagnostics} label={label} />
      </>
    );
  }
  if (output.kind === 'choose-node') {
    return (
      <>
        {toolbar}
        <p className="export-panel__empty">
          The document has several roots: choose the node whose json: filename to write, or select it on the canvas.
        </p>
      </>
    );
  }
  const { output: main, notes, rollback } = output;
  return (
    <>
      {toolbar}
      <OutputText text={main.text} label={`${label} output`} testId={`export.${tab}`} />
      {notes.length > 0 && (
        <ul className="export-panel__notes" aria-label="Export notes">
          {notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      )}
      {rollback !== undefined && (
        <>
          <div className="export-panel__toolbar">
            <h3 className="export-panel__subheading">Rollback (blockdev-del, object-del; last added first)</h3>
            <TextActions text={rollback} what="rollback" />
          </div>
          <OutputText text={rollback.text} label="Rollback script" testId={`export.${tab}-rollback`} />
        </>
      )}
    </>
  );
});

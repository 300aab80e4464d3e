import {
  memo,
  useCallback,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { isTypingTarget } from '../keyboard/shortcuts.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { FOCUSABLE, wrappedFocus } from './focusTrap.ts';
import { useImportDialog } from './importDialogStore.ts';
import {
  applyImport,
  detectedLine,
  importPreview,
  summaryText,
  type ImportPreview,
  type ImportProblem,
} from './importPreview.ts';
import { installPasteImport } from './pasteImport.ts';
import { offsetAt } from './textPosition.ts';

/**
 * The import dialog, shown while the dialog store says it is open; it also makes a paste on the
 * canvas of text that is not blockgraph's own open it (installPasteImport).
 */
export function ImportDialog() {
  const open = useImportDialog((s) => s.open);
  useEffect(() => installPasteImport(window), []);
  return open ? <OpenImportDialog /> : null;
}

/** The open dialog: its text, the preview of what it imports, and the actions. */
function OpenImportDialog() {
  const text = useImportDialog((s) => s.text);
  const source = useImportDialog((s) => s.source);
  const images = useEditorStore((s) => s.images);
  // Typing stays responsive on a long text: the preview follows a moment later.
  const previewed = useDeferredValue(text);
  const preview = useMemo(() => importPreview(previewed, images), [previewed, images]);
  const textArea = useRef<HTMLTextAreaElement>(null);
  useRestoreFocus(textArea);
  const close = useCallback(() => {
    useImportDialog.getState().closeImport();
  }, []);
  const importNow = useCallback(() => {
    // What is imported is what the preview of the current text says, never an older one.
    const current = previewed === text ? preview : importPreview(text, images);
    if (applyImport(useEditorStore, current, source)) close();
  }, [previewed, text, preview, images, source, close]);
  const showPosition = useCallback(
    (line: number, column: number) => {
      const field = textArea.current;
      if (field === null) return;
      const at = offsetAt(field.value, line, column);
      field.focus();
      field.setSelectionRange(at, at);
    },
    [textArea],
  );
  return (
    <ImportDialogView
      text={text}
      source={source}
      preview={previewed === text ? preview : { kind: 'pending', preview }}
      textArea={textArea}
      onText={useImportDialog.getState().setText}
      onImport={importNow}
      onClose={close}
      onShowPosition={showPosition}
    />
  );
}

/**
 * Focuses the text area when the dialog opens (with the caret at the start of a pasted text) and
 * gives the focus back to where it was when it closes.
 */
function useRestoreFocus(textArea: RefObject<HTMLTextAreaElement | null>): void {
  useEffect(() => {
    const before = document.activeElement;
    const field = textArea.current;
    field?.focus();
    field?.setSelectionRange(0, 0);
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, [textArea]);
}

/** A preview, or the last one while the preview of a newer text is on its way. */
export type ShownPreview = ImportPreview | { kind: 'pending'; preview: ImportPreview };

/** Props of `ImportDialogView`. */
export interface ImportDialogViewProps {
  text: string;
  source: string | null;
  preview: ShownPreview;
  textArea?: RefObject<HTMLTextAreaElement | null>;
  onText: (text: string) => void;
  onImport: () => void;
  onClose: () => void;
  /** Moves the caret of the text area to a 1-based line and column. */
  onShowPosition: (line: number, column: number) => void;
}

/**
 * The dialog as its props say: a modal dialog (labelled by its heading, Tab kept inside it, Escape
 * closes) with a text area for any text blockgraph reads, the form detected in it, and either its
 * problems (each with where it is; a line and column moves the caret there) or what it imports.
 */
export const ImportDialogView = memo(function ImportDialogView(props: ImportDialogViewProps) {
  const { text, source, preview, textArea, onText, onImport, onClose, onShowPosition } = props;
  const titleId = useId();
  const helpId = useId();
  const fieldId = useId();
  const shown = preview.kind === 'pending' ? preview.preview : preview;
  // A text still being previewed imports once its own preview says it can (see importNow).
  const ready = shown.kind === 'ready';
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key === 'Tab') {
      trapTab(event);
      return;
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (ready) onImport();
      return;
    }
    // The editor's shortcuts (undo, select all, delete…) act on the document behind: not while the dialog is up.
    if ((event.ctrlKey || event.metaKey) && !isTypingTarget(event.target as HTMLElement)) event.preventDefault();
  };
  return (
    <div className="import-dialog__backdrop">
      <div
        className="import-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={helpId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="import-dialog__title">
          Import
        </h2>
        <p id={helpId} className="import-dialog__help">
          Paste or type a QMP script, a QEMU command line, a -drive or -blockdev value, a json: filename, QEMU’s
          query-named-block-nodes and x-debug-query-block-graph replies, or a blockgraph document. The import replaces
          the document; Undo brings it back.
        </p>
        <label htmlFor={fieldId} className="import-dialog__label">
          Text to import{source === null ? '' : ` (from ${source})`}
        </label>
        <textarea
          id={fieldId}
          ref={textArea}
          className="import-dialog__text"
          value={text}
          spellCheck={false}
          autoComplete="off"
          wrap="off"
          onChange={(event) => {
            onText(event.currentTarget.value);
          }}
        />
        <PreviewView preview={shown} onShowPosition={onShowPosition} />
        <div className="import-dialog__actions">
          <button type="button" className="import-dialog__primary" disabled={!ready} onClick={onImport}>
            Import
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
});

/** Keeps Tab and Shift+Tab inside the dialog. */
function trapTab(event: KeyboardEvent<HTMLDivElement>): void {
  const focusables = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE));
  const active = document.activeElement;
  const index = focusables.findIndex((element) => element === active);
  const next = wrappedFocus(focusables.length, index, event.shiftKey);
  if (next === undefined) return;
  event.preventDefault();
  focusables[next]?.focus();
}

/** The detected form and the problems or the summary; a polite live region, so the result is announced. */
function PreviewView({
  preview,
  onShowPosition,
}: {
  preview: ImportPreview;
  onShowPosition: (line: number, column: number) => void;
}) {
  return (
    <div className="import-dialog__preview" role="status" aria-label="Import preview">
      {preview.kind === 'empty' && <p className="import-dialog__detected">Nothing to import yet.</p>}
      {preview.kind !== 'empty' && <p className="import-dialog__detected">{detectedLine(preview)}</p>}
      {preview.kind === 'refused' && <Problems problems={preview.problems} onShowPosition={onShowPosition} />}
      {preview.kind === 'ready' && (
        <p className="import-dialog__summary">Imports {summaryText(preview.summary, preview.notes.length)}.</p>
      )}
      {preview.kind === 'nothing' && (
        <p className="import-dialog__summary">Nothing to import: the text has no block node, object or frontend.</p>
      )}
      {(preview.kind === 'ready' || preview.kind === 'nothing') && preview.notes.length > 0 && (
        <ul className="import-dialog__notes" aria-label="Import notes">
          {preview.notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Problems({
  problems,
  onShowPosition,
}: {
  problems: readonly ImportProblem[];
  onShowPosition: (line: number, column: number) => void;
}) {
  return (
    <ul className="import-dialog__problems" aria-label="Import problems">
      {problems.map((problem, i) => {
        const { line, column } = problem;
        return (
          <li key={i}>
            {line !== undefined && column !== undefined ? (
              <button
                type="button"
                className="import-dialog__where"
                title="Move the caret there"
                onClick={() => {
                  onShowPosition(line, column);
                }}
              >
                {problem.where}
              </button>
            ) : (
              problem.where !== '' && <span className="import-dialog__where">{problem.where}</span>
            )}{' '}
            {problem.message}
          </li>
        );
      })}
    </ul>
  );
}

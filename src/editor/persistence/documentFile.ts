import { documentText } from '../../export/index.ts';
import { downloadBlob } from '../shell/download.ts';
import { formatDiagnostic, loadDocumentText, type BlockGraph } from '../../model/index.ts';
import type { Notice } from '../store/editorStore.ts';

/** The file name a saved document gets. */
export const DOCUMENT_FILE_NAME = 'graph.blockgraph.json';

/** What the file picker offers: blockgraph documents are JSON. */
export const DOCUMENT_FILE_ACCEPT = '.json,application/json';

/** Downloads the document as `graph.blockgraph.json` (nothing leaves the browser). */
export function downloadDocument(graph: BlockGraph, fileName = DOCUMENT_FILE_NAME): void {
  downloadBlob(new Blob([documentText(graph)], { type: 'application/json' }), fileName);
}

/** Asks the user for one document file (the browser's file picker) and hands it over when chosen. */
export function pickDocumentFile(onFile: (file: File) => void): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = DOCUMENT_FILE_ACCEPT;
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file !== undefined) onFile(file);
  });
  input.click();
}

/** What opening a file leads to: its document, and the notice that says what happened. */
export type Opened = { ok: true; document: BlockGraph; notice: Notice } | { ok: false; notice: Notice };

/**
 * Reads an opened file's text as a document. An invalid one is refused with its diagnostics (line and
 * column, key paths) and the promise that the current work stays.
 */
export function openedDocument(fileName: string, text: string): Opened {
  const loaded = loadDocumentText(text);
  if (!loaded.ok) {
    return {
      ok: false,
      notice: {
        tone: 'error',
        text: `${fileName} cannot be opened as a blockgraph document; your work is unchanged.`,
        details: loaded.diagnostics.map(formatDiagnostic),
      },
    };
  }
  return {
    ok: true,
    document: loaded.value,
    notice: { tone: 'info', text: `Opened ${fileName}. Undo brings back what was there before.`, details: [] },
  };
}

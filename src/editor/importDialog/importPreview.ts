import { importText, type InputForm } from '../../export/index.ts';
import { imagesFrom, type BlockGraph, type Diagnostic } from '../../model/index.ts';
import type { Notice } from '../store/editorStore.ts';

/** A diagnostic of an import as the dialog lists it: where (to move the caret there) and what. */
export interface ImportProblem {
  /** `line 3, column 7`, `at nodes.a.driver`, `node 'disk'`, joined with ` · `; empty when nowhere. */
  where: string;
  /** The message with its code: `Unknown driver 'qcow3' [E412]`. */
  message: string;
  /** The 1-based position in the text, when the diagnostic has one. */
  line?: number;
  column?: number;
}

/** How much an import holds. */
export interface ImportSummary {
  nodes: number;
  links: number;
  objects: number;
  frontends: number;
}

/**
 * What the dialog shows for a text: nothing yet (empty text); the form detected and the document
 * it imports as, with a summary and the importer's notes; the form detected and the notes when it
 * holds no block node, object or frontend (a command line without block options: importing it
 * would only empty the document); or the form detected and its problems.
 */
export type ImportPreview =
  | { kind: 'empty' }
  | { kind: 'nothing'; form: InputForm; detected: string; notes: readonly string[] }
  | {
      kind: 'ready';
      form: InputForm;
      detected: string;
      graph: BlockGraph;
      summary: ImportSummary;
      notes: readonly string[];
    }
  | { kind: 'refused'; form: InputForm | undefined; detected: string; problems: readonly ImportProblem[] };

/** The dialog's line for the detected form: `Detected: QEMU command line (2 -drive, 1 -device)`. */
export function detectedLine(preview: Exclude<ImportPreview, { kind: 'empty' }>): string {
  return `Detected: ${preview.detected}`;
}

/** Where a diagnostic is, in words. */
function whereOf(d: Diagnostic): string {
  return [
    d.line === undefined ? '' : `line ${String(d.line)}, column ${String(d.column ?? 1)}`,
    d.path === undefined || d.path === '' ? '' : `at ${d.path}`,
    d.node === undefined ? '' : `node '${d.node}'`,
  ]
    .filter((part) => part !== '')
    .join(' · ');
}

/** A diagnostic as the dialog lists it. */
export function importProblem(d: Diagnostic): ImportProblem {
  const problem: ImportProblem = { where: whereOf(d), message: `${d.message} [${d.code}]` };
  if (d.line !== undefined) {
    problem.line = d.line;
    problem.column = d.column ?? 1;
  }
  return problem;
}

/** How many nodes, links, objects and frontends a document has. */
export function summaryOf(graph: BlockGraph): ImportSummary {
  return {
    nodes: Object.keys(graph.nodes).length,
    links: graph.links.length,
    objects: Object.keys(graph.objects).length,
    frontends: Object.keys(graph.frontends).length,
  };
}

const counted = (n: number, one: string): string => `${String(n)} ${one}${n === 1 ? '' : 's'}`;

/**
 * A summary in words, leaving out what there is none of (but never the nodes):
 * `3 nodes, 2 links, 1 frontend`.
 */
export function summaryText(summary: ImportSummary, notes = 0): string {
  const parts = [counted(summary.nodes, 'node')];
  if (summary.links > 0) parts.push(counted(summary.links, 'link'));
  if (summary.objects > 0) parts.push(counted(summary.objects, 'object'));
  if (summary.frontends > 0) parts.push(counted(summary.frontends, 'frontend'));
  if (notes > 0) parts.push(counted(notes, 'note'));
  return parts.join(', ');
}

/**
 * What a text imports as (`importText`: the form is detected, then read by that form's reader),
 * with `images` as the files in QEMU's working directory (the headers of dropped images, for
 * probing and backing files).
 *
 * @example importPreview('-drive file=a.raw,format=raw', {}) // { kind: 'ready', detected: 'QEMU command line (1 -drive)', … }
 */
export function importPreview(text: string, images: Readonly<Record<string, Uint8Array>>): ImportPreview {
  if (text.trim() === '') return { kind: 'empty' };
  const result = importText(text, imagesFrom(images));
  if (!result.ok) {
    return {
      kind: 'refused',
      form: result.form,
      detected: result.detected,
      problems: result.diagnostics.map(importProblem),
    };
  }
  const summary = summaryOf(result.graph);
  if (summary.nodes + summary.objects + summary.frontends === 0) {
    return { kind: 'nothing', form: result.form, detected: result.detected, notes: result.notes };
  }
  return {
    kind: 'ready',
    form: result.form,
    detected: result.detected,
    graph: result.graph,
    summary,
    notes: result.notes,
  };
}

/** The notice that stays after an import: what was imported, the way back, and the importer's notes. */
export function importNotice(preview: Extract<ImportPreview, { kind: 'ready' }>, source: string | null): Notice {
  const from = source === null ? '' : ` from ${source}`;
  return {
    tone: 'info',
    text: `Imported ${preview.detected}${from}: ${summaryText(preview.summary)}. Undo brings back your previous work.`,
    details: preview.notes,
  };
}

/** The editor store as an import needs it. */
export interface ImportTarget {
  getState: () => {
    replaceDocument: (document: BlockGraph) => void;
    showNotice: (notice: Notice | null) => void;
  };
}

/**
 * Replaces the editor's document with what the preview imported (one undoable change: the previous
 * work is one undo away) and leaves a notice with the importer's notes. A preview that is not ready
 * changes nothing; returns whether the document was replaced.
 */
export function applyImport(store: ImportTarget, preview: ImportPreview, source: string | null): boolean {
  if (preview.kind !== 'ready') return false;
  const { replaceDocument, showNotice } = store.getState();
  replaceDocument(preview.graph);
  showNotice(importNotice(preview, source));
  return true;
}

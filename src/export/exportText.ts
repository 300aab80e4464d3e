import { parentLinks, type BlockGraph, type Result } from '../model/index.ts';
import type { BlockdevForm } from './blockdevArgs.ts';
import { toBlockdevArgs } from './blockdevArgs.ts';
import { toCommandLine } from './commandLine.ts';
import { toDriveArgs } from './driveExport.ts';
import { toJsonFilename } from './jsonFilename.ts';
import { formatQmpScript, toQmpScript, toRollbackScript, type QmpScriptOptions } from './qmpScript.ts';
import { formatCommandLine, shellQuote } from './shellQuote.ts';

/** Every form blockgraph writes, in the order the CLI's usage and the editor's tabs list them. */
export const EXPORT_FORMATS = ['qmp', 'blockdev', 'drive', 'json-filename', 'cmdline', 'document'] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The choices a format takes; each format reads only its own. */
export interface ExportTextOptions {
  /** `qmp`: the script's layout and option style (toQmpScript). */
  qmp?: QmpScriptOptions;
  /** `qmp`: JSON lines (one command per line) rather than one JSON array. */
  lines?: boolean;
  /** `qmp`: the script that undoes the script, rather than the script. */
  rollback?: boolean;
  /** `blockdev` and `cmdline`: -blockdev values as JSON or dotted keyval. */
  form?: BlockdevForm;
  /** `json-filename`: the node whose subtree it names (required). */
  node?: string;
}

/** An export as text, with what the exporter noted it left out. */
export interface ExportedText {
  text: string;
  notes: string[];
}

/**
 * A document as the text of one format, exactly as `blockgraph export --to FORMAT` prints it and
 * the editor's export panel shows it: QMP as formatQmpScript writes it; argument formats
 * shell-quoted, one option per line with `\` continuations; a json: filename as one shell word;
 * the document as indented JSON. Each text ends with a newline. A format that cannot express the
 * document gives its diagnostics.
 *
 * @example exportText(seedSimpleTree(), 'drive') // ok({ text: "-drive 'if=none,id=drive-disk,…'\n…", notes: [] })
 */
export function exportText(
  graph: BlockGraph,
  format: ExportFormat,
  options: ExportTextOptions = {},
): Result<ExportedText> {
  const notes: string[] = [];
  const withNotes = <T>(result: Result<T>, write: (value: T) => string): Result<ExportedText> =>
    result.ok ? { ok: true, value: { text: write(result.value), notes } } : result;
  const argumentText = (words: readonly string[]): string =>
    words.length === 0 ? '' : `${formatCommandLine(words)}\n`;
  switch (format) {
    case 'qmp': {
      const script = options.rollback === true ? toRollbackScript(graph, options.qmp) : toQmpScript(graph, options.qmp);
      return withNotes(script, (commands) => formatQmpScript(commands, options.lines === true ? 'lines' : 'array'));
    }
    case 'blockdev':
      return withNotes(toBlockdevArgs(graph, { form: options.form ?? 'json', notes }), argumentText);
    case 'drive':
      return withNotes(toDriveArgs(graph, { notes }), argumentText);
    case 'json-filename':
      return withNotes(toJsonFilename(graph, options.node ?? ''), (name) => `${shellQuote([name])}\n`);
    case 'cmdline':
      return withNotes(toCommandLine(graph, { form: options.form ?? 'json', notes }), argumentText);
    case 'document':
      return { ok: true, value: { text: documentText(graph), notes } };
  }
}

/** A document as its file holds it: the JSON `loadDocumentText` reads, indented, with a final newline. */
export function documentText(graph: BlockGraph): string {
  return `${JSON.stringify(graph, null, 2)}\n`;
}

/** The document's block nodes without parents, in document order (a json: filename names one of them). */
export function rootNodes(graph: BlockGraph): string[] {
  return Object.keys(graph.nodes).filter((id) => parentLinks(graph, id).length === 0);
}

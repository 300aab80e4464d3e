import { loadDocumentText, parseQmpScript, type BlockGraph, type Diagnostic, type QmpCommand } from '../model/index.ts';

/** An input file, once its form is known. */
export type Input =
  { kind: 'document'; graph: BlockGraph } | { kind: 'qmp'; commands: QmpCommand[] } | { kind: 'cmdline'; text: string };

/**
 * Tells the forms apart: a JSON object with `"blockgraph"` is a document; a JSON array, or JSON
 * objects with `"execute"`, a QMP script; anything else a QEMU command line. Each form's own parser
 * reports what is wrong, with line and column.
 */
export function readInput(text: string): { ok: true; input: Input } | { ok: false; diagnostics: Diagnostic[] } {
  const start = text.trimStart();
  if (
    start.startsWith('[') ||
    (start.startsWith('{') && !/^\{\s*"blockgraph"/.test(start) && /"execute"/.test(start))
  ) {
    const script = parseQmpScript(text);
    return script.ok ? { ok: true, input: { kind: 'qmp', commands: script.value } } : script;
  }
  if (start.startsWith('{')) {
    const doc = loadDocumentText(text);
    return doc.ok ? { ok: true, input: { kind: 'document', graph: doc.value } } : doc;
  }
  return { ok: true, input: { kind: 'cmdline', text } };
}

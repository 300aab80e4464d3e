import { detectForm, importText, type ImportResult, type InputForm } from '../export/index.ts';
import {
  loadDocumentText,
  parseQmpScript,
  type BlockGraph,
  type Diagnostic,
  type ImageSource,
  type QmpCommand,
} from '../model/index.ts';

/**
 * An input file, once its form is known: the document itself, a QMP script's commands, a QEMU
 * command line's text, a lone `-drive`/`-blockdev` value (resolved as a one-option command line,
 * with its import, which settled which of the two it is),
 * or another form (a json: filename, QEMU query replies) that is read only as a document.
 */
export type Input =
  | { kind: 'document'; graph: BlockGraph }
  | { kind: 'qmp'; commands: QmpCommand[] }
  | { kind: 'cmdline'; text: string }
  | { kind: 'option'; option: '-drive' | '-blockdev'; value: string; imported: ImportResult }
  | { kind: 'other'; form: InputForm; text: string };

/** The input and the sentence naming its form (for `FILE: read as …`), or why it cannot be read. */
export type ReadResult =
  { ok: true; input: Input; detected: string } | { ok: false; detected: string; diagnostics: Diagnostic[] };

/**
 * Tells the forms apart with detectForm (export/importText.ts) and reads what each form's own
 * commands need: documents and QMP scripts are parsed here (their errors carry line and column);
 * the other forms keep their text for the importer or for resolveCommandLine. A lone option
 * string is settled by importing it (a -blockdev look-alike may be a -drive).
 */
export function readInput(text: string, images?: ImageSource): ReadResult {
  const { form, detected } = detectForm(text);
  if (form === 'document') {
    const doc = loadDocumentText(text);
    return doc.ok ? { ok: true, input: { kind: 'document', graph: doc.value }, detected } : { ...doc, detected };
  }
  if (form === 'qmp') {
    const script = parseQmpScript(text);
    return script.ok ? { ok: true, input: { kind: 'qmp', commands: script.value }, detected } : { ...script, detected };
  }
  if (form === 'cmdline') return { ok: true, input: { kind: 'cmdline', text }, detected };
  if (form === 'drive' || form === 'blockdev') {
    const settled = importText(text, images);
    const option = settled.form === 'blockdev' ? '-blockdev' : '-drive';
    const input = { kind: 'option', option, value: text.trim(), imported: settled } as const;
    return { ok: true, input, detected: settled.detected };
  }
  if (form !== undefined) return { ok: true, input: { kind: 'other', form, text }, detected };
  const failed = importText(text, images);
  return failed.ok ? { ok: true, input: { kind: 'other', form: failed.form, text }, detected } : failed;
}

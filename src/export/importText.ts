import {
  catalogue,
  diagnostic,
  isJsonObject,
  loadDocumentText,
  parseQmpScript,
  splitCommandLine,
  type BlockGraph,
  type Diagnostic,
  type ImageSource,
  type JsonValue,
  type Result,
} from '../model/index.ts';
import { fromCommandLine } from './cmdlineImport.ts';
import type { Imported } from './importGraph.ts';
import { fromQmpScript } from './qmpImport.ts';
import { fromQueryText } from './queryImport.ts';
import { fromBlockdevString, fromDriveString, fromJsonFilename } from './stringImport.ts';

/** Every form of input blockgraph reads. */
export type InputForm = 'document' | 'qmp' | 'cmdline' | 'drive' | 'blockdev' | 'json-filename' | 'query';

/**
 * What importText made of a text: the form it was read as, a sentence saying so ("QEMU command
 * line (2 -drive, 1 -device)"), and the document with notes, or the diagnostics of that form's
 * reader (form undefined when no form fits).
 */
export type ImportResult =
  | { ok: true; form: InputForm; detected: string; graph: BlockGraph; notes: string[] }
  | { ok: false; form: InputForm | undefined; detected: string; diagnostics: Diagnostic[] };

/** The form a text is in, and the sentence that says so. */
export interface Detection {
  form: InputForm | undefined;
  detected: string;
}

/** Strict JSON of the whole text, or undefined (QMP scripts as JSON lines, QEMU's single quotes, typos). */
function strictJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

const plural = (n: number, one: string, many = `${one}s`): string => `${String(n)} ${n === 1 ? one : many}`;

const has = (value: JsonValue | undefined, ...keys: string[]): boolean =>
  isJsonObject(value) && keys.every((key) => Object.hasOwn(value, key));

/**
 * QEMU's replies to query-named-block-nodes (a list of entries with "drv" and "node-name") and
 * x-debug-query-block-graph ("nodes" and "edges"), bare, wrapped in {"return": …}, or several.
 */
function isQueryReply(value: JsonValue | undefined): boolean {
  if (has(value, 'return')) return isQueryReply((value as Record<string, JsonValue>).return);
  if (has(value, 'nodes', 'edges')) return true;
  if (!Array.isArray(value) || value.length === 0) return false;
  return value.every((item) => has(item, 'drv', 'node-name')) || value.every((item) => isQueryReply(item));
}

/** The form of a text that starts with `{` or `[`. */
function jsonForm(text: string): Detection {
  const value = strictJson(text);
  if (isJsonObject(value) && Object.hasOwn(value, 'blockgraph')) return document(value);
  if (Array.isArray(value) && value.every((item) => isJsonObject(item) && Object.hasOwn(item, 'execute')))
    return qmp(text);
  if (isQueryReply(value)) return { form: 'query', detected: 'QEMU query replies' };
  if (Array.isArray(value) || (isJsonObject(value) && Object.hasOwn(value, 'execute'))) return qmp(text);
  if (isJsonObject(value) && Object.hasOwn(value, 'driver'))
    return { form: 'blockdev', detected: '-blockdev value (JSON)' };
  if (value !== undefined) return { form: undefined, detected: 'JSON of no form blockgraph reads' };
  // Not one strict JSON value: JSON lines (QMP), QEMU's single-quoted JSON, or a syntax error.
  if (/"blockgraph"\s*:/.test(text)) return { form: 'document', detected: 'blockgraph document' };
  if (/["']execute["']\s*:/.test(text) || text.trimStart().startsWith('[')) return qmp(text);
  if (/["']return["']\s*:|["']drv["']\s*:/.test(text)) return { form: 'query', detected: 'QEMU query replies' };
  if (/["']driver["']\s*:/.test(text)) return { form: 'blockdev', detected: '-blockdev value (JSON)' };
  return { form: 'document', detected: 'blockgraph document' };
}

function document(value: JsonValue): Detection {
  const nodes = isJsonObject(value) && isJsonObject(value.nodes) ? Object.keys(value.nodes).length : 0;
  return { form: 'document', detected: `blockgraph document (${plural(nodes, 'node')})` };
}

function qmp(text: string): Detection {
  const script = parseQmpScript(text);
  const count = script.ok ? ` (${plural(script.value.length, 'command')})` : '';
  return { form: 'qmp', detected: `QMP script${count}` };
}

/** "QEMU command line (2 -drive, 1 -device)": the block options it has. */
function commandLine(text: string): Detection {
  const split = splitCommandLine(text);
  const counts = new Map<string, number>();
  for (const word of split.ok ? split.words : []) {
    const option = word.replace(/^--/, '-');
    if (['-drive', '-blockdev', '-object', '-device', '-hda', '-hdb', '-hdc', '-hdd', '-cdrom'].includes(option))
      counts.set(option, (counts.get(option) ?? 0) + 1);
  }
  const parts = [...counts].map(([option, n]) => `${String(n)} ${option}`);
  return {
    form: 'cmdline',
    detected: `QEMU command line (${parts.length === 0 ? 'no block options' : parts.join(', ')})`,
  };
}

/**
 * A lone `key=value,…` string: a -blockdev when it names a driver (`driver=` or a driver name
 * first, keyval's implied key) and a node-name, as -blockdev needs both; otherwise a -drive.
 */
function optionString(text: string): Detection {
  const items = text.trim().split(',');
  const keys = items.map((item) => item.split('=')[0] ?? '');
  const first = items[0] ?? '';
  const namesDriver = keys.includes('driver') || (!first.includes('=') && catalogue.drivers[first] !== undefined);
  if (namesDriver && keys.includes('node-name')) return { form: 'blockdev', detected: '-blockdev value (dotted)' };
  return { form: 'drive', detected: '-drive value' };
}

/**
 * Tells the forms apart, in this order: nothing; `json:` (a json: filename); `{` or `[` (a
 * document has "blockgraph", QEMU query replies have "drv"+"node-name" entries, "nodes"+"edges"
 * or "return", a QMP script is an array or has "execute", a -blockdev has "driver"); `-` or a
 * first word without `=` (a QEMU command line, possibly after the program name); else a single
 * option string (see optionString).
 *
 * @example detectForm('qemu-system-x86_64 -drive file=a.qcow2 -device virtio-blk-pci,drive=none0')
 *   // { form: 'cmdline', detected: 'QEMU command line (1 -drive, 1 -device)' }
 */
export function detectForm(text: string): Detection {
  const start = text.trimStart();
  if (start === '') return { form: undefined, detected: 'empty input' };
  if (start.startsWith('json:')) return { form: 'json-filename', detected: 'json: filename' };
  if (start.startsWith('{') || start.startsWith('[')) return jsonForm(text);
  const firstWord = /^\S*/.exec(start)?.[0] ?? '';
  if (start.startsWith('-') || !firstWord.includes('=')) return commandLine(text);
  return optionString(text);
}

/**
 * Reads any input blockgraph knows as a document: detects its form (detectForm) and imports it
 * with that form's reader; images are what QEMU's working directory holds (for probing and image
 * headers). A lone option string that looks like a -blockdev but does not import as one is tried
 * as a -drive, since `driver=qcow2,node-name=d,file=a.qcow2` is a -drive (file= a filename).
 *
 * @example importText('file=a.qcow2,format=qcow2,cache=none') // { ok: true, form: 'drive', detected: '-drive value', … }
 */
export function importText(text: string, images?: ImageSource): ImportResult {
  const { form, detected } = detectForm(text);
  if (form === undefined) {
    const reason = `${detected}: expected a blockgraph document, a QMP script, a QEMU command line, a -drive or -blockdev value, a json: filename or QEMU query replies`;
    return { ok: false, form, detected, diagnostics: [diagnostic('E413', { reason }, { line: 1, column: 1 })] };
  }
  const result = read(form, text, images);
  if (result.ok) return { ok: true, form, detected, ...result.value };
  if (form === 'blockdev' && !text.trimStart().startsWith('{')) {
    const drive = fromDriveString(text, images);
    if (drive.ok) return { ok: true, form: 'drive', detected: '-drive value', ...drive.value };
  }
  return { ok: false, form, detected, diagnostics: result.diagnostics };
}

function read(form: InputForm, text: string, images: ImageSource | undefined): Result<Imported> {
  switch (form) {
    case 'document': {
      const doc = loadDocumentText(text);
      return doc.ok ? { ok: true, value: { graph: doc.value, notes: [] } } : doc;
    }
    case 'qmp': {
      const script = parseQmpScript(text);
      if (!script.ok) return script;
      const graph = fromQmpScript(script.value, images);
      return graph.ok ? { ok: true, value: { graph: graph.value, notes: [] } } : graph;
    }
    case 'cmdline':
      return fromCommandLine(text, images);
    case 'drive':
      return fromDriveString(text, images);
    case 'blockdev':
      return fromBlockdevString(text, images);
    case 'json-filename':
      return fromJsonFilename(text, images);
    case 'query':
      return fromQueryText(text);
  }
}

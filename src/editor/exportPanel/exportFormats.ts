import {
  exportText,
  rootNodes,
  type BlockdevForm,
  type ExportFormat,
  type ExportedText,
  type QmpLayout,
  type QmpOptionStyle,
} from '../../export/index.ts';
import type { BlockGraph, Diagnostic, Result } from '../../model/index.ts';
import { DOCUMENT_FILE_NAME } from '../persistence/documentFile.ts';

/** The export panel's tabs, one per format `blockgraph export --to` writes. */
export type ExportTab = ExportFormat;

/** How a QMP script is written: one JSON array, or one command per line (JSON lines). */
export type QmpTextForm = 'array' | 'lines';

/** A tab's caption and the sentence that says what it holds. */
export interface ExportTabInfo {
  id: ExportTab;
  label: string;
  hint: string;
}

/** The tabs in the order the panel shows them (the CLI's order of formats). */
export const EXPORT_TABS: readonly ExportTabInfo[] = [
  {
    id: 'qmp',
    label: 'QMP',
    hint: 'object-add, then blockdev-add children first; nested defines inline children inside their parent, flat adds every node on its own; minimal relies on inheritance, explicit writes every option. The rollback undoes it.',
  },
  { id: 'blockdev', label: '-blockdev', hint: '-object, -blockdev and -device arguments, shell-quoted' },
  { id: 'drive', label: '-drive', hint: 'legacy -drive arguments (if=none) and -device, shell-quoted' },
  { id: 'json-filename', label: 'json:', hint: 'a json: pseudo-filename for a node and its inline subtree' },
  { id: 'cmdline', label: 'command line', hint: 'a whole qemu-system-x86_64 command, quoted for a POSIX shell' },
  { id: 'document', label: 'document', hint: 'the blockgraph document, as Save writes it' },
];

/** What the user chose in the tabs' options; every tab reads only its own. */
export interface ExportChoices {
  qmpLayout: QmpLayout;
  qmpOptions: QmpOptionStyle;
  qmpForm: QmpTextForm;
  blockdevForm: BlockdevForm;
  cmdlineForm: BlockdevForm;
  /** The node of the json: tab, or null: the selected block node, else the only root. */
  jsonNode: string | null;
}

/** The choices the panel starts with: the QMP script exactly as the document is written, JSON everywhere. */
export const DEFAULT_CHOICES: ExportChoices = {
  qmpLayout: 'nested',
  qmpOptions: 'as-written',
  qmpForm: 'array',
  blockdevForm: 'json',
  cmdlineForm: 'json',
  jsonNode: null,
};

/** A downloadable text: the file name the browser suggests and its media type. */
export interface ExportFile {
  name: string;
  type: string;
}

/** An output text and the file it downloads as (the file's content is exactly the text). */
export interface ExportText {
  text: string;
  file: ExportFile;
}

/**
 * What a tab shows: the text with its file and the export's notes (and, for QMP, the rollback
 * script); or the diagnostics of a format that cannot express the document; or, on the json: tab
 * of a document with several roots and no block node selected, a request to choose a node.
 */
export type ExportOutput =
  | { kind: 'text'; output: ExportText; notes: readonly string[]; rollback?: ExportText }
  | { kind: 'refused'; diagnostics: readonly Diagnostic[] }
  | { kind: 'choose-node' };

/** Base of every downloaded file's name, as Save's `graph.blockgraph.json`. */
const BASE_NAME = 'graph';

/**
 * The file each output downloads as. A QMP array is one JSON value (`.json`), QMP lines are JSON
 * lines, one command per line (`.jsonl`, the JSON Lines convention). The command line is a
 * complete POSIX `sh` command (formatCommandLine's quoting and `\`-newline continuations), so
 * `sh graph.sh` runs it: `.sh`. The -blockdev and -drive outputs are shell words but no command (no
 * program name), and a json: filename is not JSON (it has a prefix): plain text, `.txt`, with the
 * format in the name. The document is what Save writes.
 */
const FILES = {
  qmpArray: { name: `${BASE_NAME}.qmp.json`, type: 'application/json' },
  qmpLines: { name: `${BASE_NAME}.qmp.jsonl`, type: 'application/jsonl' },
  rollbackArray: { name: `${BASE_NAME}.rollback.qmp.json`, type: 'application/json' },
  rollbackLines: { name: `${BASE_NAME}.rollback.qmp.jsonl`, type: 'application/jsonl' },
  blockdev: { name: `${BASE_NAME}.blockdev.txt`, type: 'text/plain' },
  drive: { name: `${BASE_NAME}.drive.txt`, type: 'text/plain' },
  jsonFilename: { name: `${BASE_NAME}.json-filename.txt`, type: 'text/plain' },
  cmdline: { name: `${BASE_NAME}.sh`, type: 'text/x-shellscript' },
  document: { name: DOCUMENT_FILE_NAME, type: 'application/json' },
} as const satisfies Record<string, ExportFile>;

/**
 * The node the json: tab writes: the one chosen when it is still a block node of the document,
 * else the selected block node, else the document's only root; undefined when none of these is
 * (the user must choose), as `blockgraph export --to json-filename` needs `--node` then.
 *
 * @example jsonFilenameNode(seedSimpleTree(), null, null) // 'disk'
 */
export function jsonFilenameNode(
  graph: BlockGraph,
  chosen: string | null,
  selectedId: string | null,
): string | undefined {
  if (chosen !== null && Object.hasOwn(graph.nodes, chosen)) return chosen;
  if (selectedId !== null && Object.hasOwn(graph.nodes, selectedId)) return selectedId;
  const roots = rootNodes(graph);
  return roots.length === 1 ? roots[0] : undefined;
}

function textOutput(result: Result<ExportedText>, file: ExportFile, rollback?: ExportText): ExportOutput {
  if (!result.ok) return { kind: 'refused', diagnostics: result.diagnostics };
  const output = { text: result.value.text, file };
  const notes = result.value.notes;
  return rollback === undefined ? { kind: 'text', output, notes } : { kind: 'text', output, notes, rollback };
}

/**
 * A tab's output for a document, computed afresh (see `exportOutput` for the memoised one): the
 * text `blockgraph export --to <tab>` prints for the same choices (exportText), the file it
 * downloads as, and for QMP the rollback script too.
 */
export function computeExportOutput(
  graph: BlockGraph,
  tab: ExportTab,
  choices: ExportChoices,
  jsonNode: string | undefined,
): ExportOutput {
  switch (tab) {
    case 'qmp': {
      const qmp = { layout: choices.qmpLayout, options: choices.qmpOptions };
      const lines = choices.qmpForm === 'lines';
      const rollback = exportText(graph, 'qmp', { qmp, lines, rollback: true });
      const rollbackText = rollback.ok
        ? { text: rollback.value.text, file: lines ? FILES.rollbackLines : FILES.rollbackArray }
        : undefined;
      return textOutput(
        exportText(graph, 'qmp', { qmp, lines }),
        lines ? FILES.qmpLines : FILES.qmpArray,
        rollbackText,
      );
    }
    case 'blockdev':
      return textOutput(exportText(graph, 'blockdev', { form: choices.blockdevForm }), FILES.blockdev);
    case 'drive':
      return textOutput(exportText(graph, 'drive'), FILES.drive);
    case 'json-filename':
      if (jsonNode === undefined) return { kind: 'choose-node' };
      return textOutput(exportText(graph, 'json-filename', { node: jsonNode }), FILES.jsonFilename);
    case 'cmdline':
      return textOutput(exportText(graph, 'cmdline', { form: choices.cmdlineForm }), FILES.cmdline);
    case 'document':
      return textOutput(exportText(graph, 'document'), FILES.document);
  }
}

/** The part of the choices a tab's output depends on, as a cache key. */
function choiceKey(tab: ExportTab, choices: ExportChoices, jsonNode: string | undefined): string {
  switch (tab) {
    case 'qmp':
      return `qmp\u0000${choices.qmpLayout}\u0000${choices.qmpOptions}\u0000${choices.qmpForm}`;
    case 'blockdev':
      return `blockdev\u0000${choices.blockdevForm}`;
    case 'cmdline':
      return `cmdline\u0000${choices.cmdlineForm}`;
    case 'json-filename':
      return `json\u0000${jsonNode ?? ''}`;
    case 'drive':
    case 'document':
      return tab;
  }
}

const cache = new WeakMap<BlockGraph, Map<string, ExportOutput>>();

/**
 * A tab's output, memoised on the document (documents are immutable: the object is the key, and a
 * WeakMap lets old ones go) and on the choices that tab reads. Only the tab asked for is computed,
 * so a large document costs one export per visible tab and change.
 *
 * @example exportOutput(seedSimpleTree(), 'qmp', DEFAULT_CHOICES, undefined).kind // 'text'
 */
export function exportOutput(
  graph: BlockGraph,
  tab: ExportTab,
  choices: ExportChoices,
  jsonNode: string | undefined,
): ExportOutput {
  let byChoice = cache.get(graph);
  if (byChoice === undefined) {
    byChoice = new Map();
    cache.set(graph, byChoice);
  }
  const key = choiceKey(tab, choices, jsonNode);
  const hit = byChoice.get(key);
  if (hit !== undefined) return hit;
  const output = computeExportOutput(graph, tab, choices, jsonNode);
  byChoice.set(key, output);
  return output;
}

/**
 * Up to this many block nodes, every tab's output is computed as the document changes, so a tab
 * whose format cannot express the document is marked; above it only the visible tab is.
 */
export const EAGER_EXPORT_LIMIT = 150;

/**
 * The tabs whose format refuses the document with the current choices, or an empty set for a
 * document above `EAGER_EXPORT_LIMIT` nodes (nothing but the visible tab is computed then).
 */
export function refusedTabs(graph: BlockGraph, choices: ExportChoices, jsonNode: string | undefined): Set<ExportTab> {
  const refused = new Set<ExportTab>();
  if (Object.keys(graph.nodes).length > EAGER_EXPORT_LIMIT) return refused;
  for (const { id } of EXPORT_TABS) {
    if (exportOutput(graph, id, choices, jsonNode).kind === 'refused') refused.add(id);
  }
  return refused;
}

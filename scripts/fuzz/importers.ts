import {
  formatCommandLine,
  formatQmpScript,
  fromBlockdevString,
  fromCommandLine,
  fromDriveString,
  fromJsonFilename,
  fromQmpScript,
  fromQueryText,
  importText,
  toBlockdevArgs,
  toCommandLine,
  toDriveArgs,
  toJsonFilename,
  toQmpScript,
} from '../../src/export/index.ts';
import { EXAMPLES } from '../../src/model/fixtures/index.ts';
import {
  loadDocumentText,
  parentLinks,
  parseQmpScript,
  resolveDocument,
  type BlockGraph,
  type Diagnostic,
  type Result,
} from '../../src/model/index.ts';
import { ACCEPTED_LINES, IMPORT_IMAGES } from '../../src/cli/qemu/importCases.ts';
import { randomDocuments, subtreeDocument } from '../../src/cli/qemu/randomDocuments.ts';

/** What an importer made of a text: accepted, or refused with diagnostics. */
export type Outcome = { ok: true } | { ok: false; diagnostics: readonly Diagnostic[] };

/** One importer under fuzzing: how to run it, and valid inputs to mutate. */
export interface Importer {
  name: string;
  run: (text: string) => Outcome;
  /** Texts the importer accepts as they are (checked by the fuzz suite). */
  seeds: readonly string[];
}

/** The documents every seed is made from: the seed talk's examples and random documents. */
function documents(): BlockGraph[] {
  return [...EXAMPLES.map((example) => example.build()), ...randomDocuments(12, 20261126).map((d) => d.build())];
}

const outcome = (result: { ok: boolean; diagnostics?: readonly Diagnostic[] }): Outcome =>
  result.ok ? { ok: true } : { ok: false, diagnostics: result.diagnostics ?? [] };

function value<T>(result: Result<T>): T[] {
  return result.ok ? [result.value] : [];
}

/** The words after each `option` (`-drive`, `-blockdev`) in an argument list. */
function optionValues(words: readonly string[], option: string): string[] {
  return words.flatMap((word, i) => (words[i - 1] === option ? [word] : []));
}

function roots(doc: BlockGraph): string[] {
  return Object.keys(doc.nodes).filter((id) => parentLinks(doc, id).length === 0);
}

/** True when the node and its inline subtree reference no other node (a lone string can hold it). */
function selfContained(doc: BlockGraph, root: string): boolean {
  const below = doc.links.filter((link) => link.parent === root);
  return below.every((link) => link.mode === 'inline' && selfContained(doc, link.child));
}

/** The document's top-level nodes a lone -drive or -blockdev string can hold, as a document of their own. */
function loneTrees(doc: BlockGraph): BlockGraph[] {
  return roots(doc)
    .filter((root) => selfContained(doc, root))
    .map((root) => subtreeDocument(doc, root));
}

/**
 * Replies in the shape a QEMU running `doc` gives (bare and wrapped), from resolveDocument: nodes
 * QEMU names itself get names like QEMU's (`#block123`). Shapes only; the query suite checks real ones.
 */
function queryReplies(doc: BlockGraph): string[] {
  const resolved = resolveDocument(doc);
  const names = new Map(
    resolved.nodes.map((node, i) => {
      const name = node['node-name'];
      return [name, name.startsWith('#') ? `#block${String(100 + i)}` : name];
    }),
  );
  const ids = new Map(resolved.nodes.map((node, i) => [node['node-name'], i + 1]));
  const named = resolved.nodes.map((node) => ({ ...node, 'node-name': names.get(node['node-name']), file: '' }));
  const graph = {
    nodes: resolved.nodes.map((node) => ({
      id: ids.get(node['node-name']),
      type: 'block-driver',
      name: names.get(node['node-name']),
    })),
    edges: resolved.edges.map((edge) => ({ ...edge, parent: ids.get(edge.parent), child: ids.get(edge.child) })),
  };
  return [`${JSON.stringify({ return: named })}\n${JSON.stringify({ return: graph })}`, JSON.stringify(graph, null, 2)];
}

/** Every importer blockgraph has, each with seeds made by the matching exporter. */
export function importers(): Importer[] {
  const docs = documents();
  // Exports of documents, and command lines as people write them (the importer suite's, with its images).
  const cmdlines = ACCEPTED_LINES.concat(
    ...docs.map((doc) => [
      ...value(toCommandLine(doc)).map((words) => formatCommandLine(words)),
      ...value(toCommandLine(doc, { form: 'dotted' })).map((words) => formatCommandLine(words)),
    ]),
  );
  const trees = docs.flatMap(loneTrees);
  const drives = trees.flatMap((doc) => value(toDriveArgs(doc)).flatMap((words) => optionValues(words, '-drive')));
  const blockdevs = trees.flatMap((doc) =>
    (['json', 'dotted'] as const).flatMap((form) =>
      value(toBlockdevArgs(doc, { form })).flatMap((words) => optionValues(words, '-blockdev')),
    ),
  );
  const jsonNames = docs.flatMap((doc) => roots(doc).flatMap((root) => value(toJsonFilename(doc, root))));
  const scripts = docs.flatMap((doc) =>
    value(toQmpScript(doc)).flatMap((script) => [formatQmpScript(script), formatQmpScript(script, 'lines')]),
  );
  const documentTexts = docs.map((doc) => JSON.stringify(doc, null, 2));
  const queries = docs.flatMap(queryReplies);
  const list: Importer[] = [
    { name: 'document', run: (text) => outcome(loadDocumentText(text)), seeds: documentTexts },
    {
      name: 'qmp',
      run: (text) => {
        const script = parseQmpScript(text);
        return outcome(script.ok ? fromQmpScript(script.value) : script);
      },
      seeds: scripts,
    },
    { name: 'cmdline', run: (text) => outcome(fromCommandLine(text, IMPORT_IMAGES)), seeds: cmdlines },
    { name: 'drive', run: (text) => outcome(fromDriveString(text)), seeds: drives },
    { name: 'blockdev', run: (text) => outcome(fromBlockdevString(text)), seeds: blockdevs },
    { name: 'json-filename', run: (text) => outcome(fromJsonFilename(text)), seeds: jsonNames },
    { name: 'query', run: (text) => outcome(fromQueryText(text)), seeds: queries },
  ];
  const everything = list.flatMap((importer) => importer.seeds);
  // As a paste into the editor: no images (QMP scripts would otherwise need their files to exist).
  return [...list, { name: 'auto-detect', run: (text) => outcome(importText(text)), seeds: everything }];
}

/** A diagnostic says where: a line (and column), a key path, or a node. */
export function isLocated(d: Diagnostic): boolean {
  return d.line !== undefined || (d.path !== undefined && d.path !== '') || d.node !== undefined;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIXED_CASES } from '../cli/qemu/exportCases.ts';
import {
  dagDocument,
  dagTreeArb,
  documentSpecArb,
  extrasArb,
  forceShareOnWritable,
  subtreeDocument,
  toDocument,
  topLevel,
} from '../cli/qemu/randomDocuments.ts';
import { seedSimpleTree } from '../model/fixtures/index.ts';
import {
  INHERITED_OPTIONS,
  formatDiagnostic,
  frontendSpec,
  isJsonObject,
  resolveOptions,
  withValueAt,
  type BlockGraph,
  type Diagnostic,
  type JsonObject,
  type Result,
} from '../model/index.ts';
import { canonicalGraph, canonicalJson, diffCanonical, nodeKeys } from './canonical.ts';
import {
  checkDocument,
  driveBackendIds,
  flatNodeNames,
  formatCommandLine,
  formatQmpScript,
  importText,
  judgeScript,
  scalarText,
  toBlockdevArgs,
  toCommandLine,
  toDriveArgs,
  toJsonFilename,
  toQmpScript,
  type InputForm,
  type QmpScriptOptions,
} from './index.ts';

/**
 * Round trips through every export format (issue 4, "Proof"): document → format → importText →
 * document is the same graph as canonicalGraph sees it (node-names, drivers, options, links by
 * parent, role, child and mode, objects, frontends), less only what the format cannot carry,
 * each such exception said where it is made; and text → import → export → text is stable after
 * one pass. Random documents (500 per format, pinned seeds) and the fixed cases of the QEMU suites.
 */

/**
 * One text of a document in a format, the document its import must give back, and the document
 * whose effective options it must have (the exported one, before a layout renamed its nodes).
 */
interface Written {
  text: string;
  expected: BlockGraph;
  source: BlockGraph;
}

/** An export format, its reader, and how its import is compared with the document. */
interface Format {
  name: string;
  /** The form importText must detect. */
  form: InputForm;
  /** The document in this format: one text, or (json-filename) one per self-contained top-level node. */
  write: (doc: BlockGraph) => Result<Written[]>;
  /** The texts of an imported document, for the stability check. */
  rewrite: (doc: BlockGraph) => Result<string[]>;
  /** Differences between what the import should be and what it is; empty when they agree. */
  compare: (written: Written, imported: BlockGraph) => string[];
  /**
   * QEMU's refusal of the document in this form, as the model predicts it (null: accepted): its
   * import must then fail with that message. Only formats whose import runs the text have one.
   */
  refusal?: (doc: BlockGraph) => string | null;
}

/** Exporters refuse with E205 (an unnamed node cannot be referenced) or E401 ("cannot be written as"). */
const DOCUMENTED_REFUSALS: readonly string[] = ['E205', 'E401'];

const mapResult = <T, U>(result: Result<T>, f: (value: T) => U): Result<U> =>
  result.ok ? { ok: true, value: f(result.value) } : result;

const same = (source: BlockGraph, expected: BlockGraph, text: string): Written[] => [{ text, expected, source }];

/** Canonical forms compared exactly. */
function exactly(written: Written, imported: BlockGraph): string[] {
  return diffCanonical(canonicalGraph(written.expected), canonicalGraph(imported), ['document', 'import']);
}

/**
 * A QMP script is for qemu-storage-daemon, which has no machine: guest devices (`device_add`) and
 * NBD exports (`block-export-add`) are not part of it (toQmpScript), so no frontend comes back.
 */
function withoutFrontends(doc: BlockGraph): BlockGraph {
  return { ...doc, frontends: {} };
}

/**
 * Command lines carry guest devices only, each `-device` in QemuOpts syntax (deviceArgs): NBD
 * exports and unconnected frontends are left out, and a property comes back as QemuOpts text
 * (`share-rw=on` is `"on"`), since qdev properties have no schema the importer could type them by
 * (the model reads `"on"` as `true` where it matters: model/perms/users.ts).
 */
function withDeviceFrontends(doc: BlockGraph): BlockGraph {
  const frontends = Object.fromEntries(
    Object.entries(doc.frontends)
      .filter(([, f]) => frontendSpec(f.kind)?.via === 'device' && f.root !== null)
      .map(([id, f]) => [id, { ...f, props: asQemuOptsText(f.props) }]),
  );
  return { ...doc, frontends };
}

function asQemuOptsText(props: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(props)) {
    out[key] = value === null || typeof value === 'object' ? value : scalarText(value);
  }
  return out;
}

/** The generic options (INHERITED_OPTIONS) as paths. */
const GENERIC_PATHS = INHERITED_OPTIONS.map((option) => option.split('.'));

/** The document without any generic option: what a variant that moves them must keep exactly. */
function withoutGenericOptions(doc: BlockGraph): BlockGraph {
  const nodes = Object.fromEntries(
    Object.entries(doc.nodes).map(([id, node]) => [
      id,
      { ...node, options: GENERIC_PATHS.reduce((o, path) => withValueAt(o, path, undefined), node.options) },
    ]),
  );
  return { ...doc, nodes };
}

/**
 * Every node's effective generic options (resolveOptions), keyed canonically as in `keyed`, a
 * document with the same ids (the same document, or as a layout renamed its nodes).
 */
function effectiveByKey(doc: BlockGraph, keyed: BlockGraph = doc): Map<string, string> {
  const keys = nodeKeys(keyed);
  const out = new Map<string, string>();
  for (const [id, effective] of resolveOptions(doc)) {
    const values = Object.fromEntries(INHERITED_OPTIONS.map((option) => [option, effective[option].value]));
    out.set(keys.get(id) ?? id, canonicalJson(values));
  }
  return out;
}

/** Differences between the effective generic options of the exported document and of its import, node by node. */
function effectiveDifferences(written: Written, imported: BlockGraph): string[] {
  const [ea, eb] = [effectiveByKey(written.source, written.expected), effectiveByKey(imported)];
  return [...ea].flatMap(([key, value]) =>
    eb.get(key) === value
      ? []
      : [`node '${key}' effective options: ${value} in document, ${eb.get(key) ?? 'none'} in import`],
  );
}

/**
 * For the QMP variants that choose which generic options to write (minimal, explicit, and the
 * flat layout, which writes what a child no longer inherits): everything else exactly, the
 * generic options by their effective values, and (`keepOwn`) every generic option the document
 * sets itself still there.
 */
function sameEffectiveOptions(keepOwn: boolean) {
  return (written: Written, imported: BlockGraph): string[] => {
    const out = exactly(
      { ...written, expected: withoutGenericOptions(written.expected) },
      withoutGenericOptions(imported),
    );
    out.push(...effectiveDifferences(written, imported));
    if (keepOwn) out.push(...ownGenericOptionsLost(written.expected, imported));
    return out;
  };
}

function ownGenericOptionsLost(doc: BlockGraph, imported: BlockGraph): string[] {
  const byKey = new Map([...nodeKeys(imported)].map(([id, key]) => [key, imported.nodes[id]?.options ?? {}]));
  const out: string[] = [];
  for (const [id, key] of nodeKeys(doc)) {
    const own = doc.nodes[id]?.options ?? {};
    const got = byKey.get(key) ?? {};
    for (const path of GENERIC_PATHS) {
      const want = valueAt(own, path);
      if (want !== undefined && canonicalJson(want) !== canonicalJson(valueAt(got, path) ?? null)) {
        out.push(`node '${key}' ${path.join('.')}: ${canonicalJson(want)} in document, lost in import`);
      }
    }
  }
  return out;
}

function valueAt(options: JsonObject, path: readonly string[]): JsonObject[string] | undefined {
  let at: JsonObject[string] | undefined = options;
  for (const part of path) at = isJsonObject(at) && Object.hasOwn(at, part) ? at[part] : undefined;
  return at;
}

/**
 * The flat layout adds every node with its own blockdev-add: every node has a node-name (the
 * ones QEMU would name get flatNodeNames's), every link is a reference.
 */
function flatDocument(doc: BlockGraph): BlockGraph {
  const names = flatNodeNames(doc);
  const nodes = Object.fromEntries(
    Object.entries(doc.nodes).map(([id, node]) => [id, { ...node, name: names.get(id) ?? id }]),
  );
  return { ...doc, nodes, links: doc.links.map((link) => ({ ...link, mode: 'reference' as const })) };
}

/** A QMP script of the document, read back by importText; QEMU refuses what the simulation refuses. */
function qmpFormat(name: string, choice: QmpScriptOptions, lines = false): Format {
  const layoutOf = choice.layout === 'flat' ? flatDocument : (doc: BlockGraph) => doc;
  const text = (doc: BlockGraph) =>
    mapResult(toQmpScript(doc, choice), (script) => formatQmpScript(script, lines ? 'lines' : 'array'));
  const asWritten = (choice.options ?? 'as-written') === 'as-written';
  return {
    name,
    form: 'qmp',
    write: (doc) => mapResult(text(doc), (t) => same(doc, layoutOf(withoutFrontends(doc)), t)),
    rewrite: (doc) => mapResult(text(doc), (t) => [t]),
    compare:
      choice.layout !== 'flat' && asWritten
        ? exactly
        : // Which generic options a variant writes is its choice; the effective values are not.
          sameEffectiveOptions(asWritten),
    // A nested script cannot add a top-level node without node-name (blockdev.c: qmp_blockdev_add).
    refusal: (doc) => {
      const script = toQmpScript(doc, choice);
      return script.ok ? judgeScript(script.value).resolved.error : null;
    },
  };
}

/** -blockdev, -object and -device words, or a whole command line, as shell text. */
function commandLineFormat(name: string, words: (doc: BlockGraph) => Result<string[]>): Format {
  const text = (doc: BlockGraph) => mapResult(words(doc), formatCommandLine);
  return {
    name,
    form: 'cmdline',
    write: (doc) => mapResult(text(doc), (t) => same(doc, withDeviceFrontends(doc), t)),
    rewrite: (doc) => mapResult(text(doc), (t) => [t]),
    compare: exactly,
  };
}

/** The top-level nodes of a document: no parent defines them inline. */
function topLevelKeys(doc: BlockGraph): Set<string> {
  const keys = nodeKeys(doc);
  return new Set(topLevel(doc).map((id) => keys.get(id) ?? id));
}

/**
 * What -drive writes on a top-level node besides the node's own options, taken out of the import
 * before comparing (and compared by effective value instead):
 * - `auto-read-only: false` (blockdev.c: blockdev_init defaults it to on, so toDriveArgs writes
 *   `auto-read-only=off`; on a top-level node, which inherits nothing, off is also what leaving it
 *   out means to blockdev-add);
 * - `cache.direct: false` or `cache.no-flush: false` beside the other one: a `cache=` mode sets
 *   both (block.c: bdrv_parse_cache_mode), and the one the node leaves out is off, as its mode says.
 */
/** Each cache option a `cache=` mode sets, with the other one, whose presence makes toDriveArgs write a mode. */
const CACHE_PAIRS = [
  [
    ['cache', 'direct'],
    ['cache', 'no-flush'],
  ],
  [
    ['cache', 'no-flush'],
    ['cache', 'direct'],
  ],
] as const;

function withoutDriveDefaults(doc: BlockGraph, imported: BlockGraph): BlockGraph {
  const top = topLevelKeys(doc);
  const docKeys = nodeKeys(doc);
  const docOptions = new Map([...docKeys].map(([id, key]) => [key, doc.nodes[id]?.options ?? {}]));
  const nodes = { ...imported.nodes };
  for (const [id, key] of nodeKeys(imported)) {
    const node = imported.nodes[id];
    const own = docOptions.get(key);
    if (node === undefined || own === undefined || !top.has(key)) continue;
    let options = node.options;
    const added = (path: readonly string[]) => valueAt(own, path) === undefined && valueAt(options, path) === false;
    if (added(['auto-read-only'])) options = withValueAt(options, ['auto-read-only'], undefined);
    for (const [path, other] of CACHE_PAIRS) {
      if (added(path) && valueAt(own, other) !== undefined) options = withValueAt(options, path, undefined);
    }
    nodes[id] = { ...node, options };
  }
  return { ...imported, nodes };
}

/**
 * `-drive` words. Every -drive makes a BlockBackend, which the document has no place for (its
 * devices name it, and come back on its node). The importer names a top-level node without
 * node-name after its drive (driveBackendIds), since nothing else could name it.
 */
const driveFormat: Format = {
  name: 'drive',
  form: 'cmdline',
  write: (doc) =>
    mapResult(toDriveArgs(doc), (words) => {
      const backends = driveBackendIds(doc);
      const nodes = Object.fromEntries(
        Object.entries(doc.nodes).map(([id, node]) => {
          const backend = backends.get(id);
          return [id, node.name === undefined && backend !== undefined ? { ...node, name: backend } : node];
        }),
      );
      return same(doc, withDeviceFrontends({ ...doc, nodes }), formatCommandLine(words));
    }),
  rewrite: (doc) => mapResult(toDriveArgs(doc), (words) => [formatCommandLine(words)]),
  compare: (written, imported) => [
    ...exactly(written, withoutDriveDefaults(written.expected, imported)),
    ...effectiveDifferences(written, imported),
  ],
};

/**
 * A json: filename per top-level node whose subtree references no other node (a json: filename
 * cannot name other nodes: toJsonFilename refuses the rest). It holds that subtree only: no QOM
 * objects (they must exist where it is opened), no frontends. The importer gives a root without
 * node-name one of its own (a document's top-level node needs one to be used).
 */
const jsonFilenameFormat: Format = {
  name: 'json-filename',
  form: 'json-filename',
  write: (doc) => {
    const written: Written[] = [];
    for (const id of topLevel(doc)) {
      const text = toJsonFilename(doc, id);
      if (!text.ok) {
        if (text.diagnostics.every((d) => d.code === 'E401')) continue;
        return text;
      }
      const expected = { ...subtreeDocument(doc, id), objects: {} };
      written.push({ text: text.value, expected, source: expected });
    }
    return { ok: true, value: written };
  },
  rewrite: (doc) => {
    const roots = topLevel(doc);
    const [root] = roots;
    if (root === undefined || roots.length > 1) throw new Error(`json: import with roots ${roots.join(', ')}`);
    return mapResult(toJsonFilename(doc, root), (text) => [text]);
  },
  compare: (written, imported) => {
    const [root] = topLevel(written.expected);
    const node = root === undefined ? undefined : written.expected.nodes[root];
    const [importedRoot] = topLevel(imported);
    const name = importedRoot === undefined ? undefined : imported.nodes[importedRoot]?.name;
    if (node === undefined || node.name !== undefined || name === undefined) return exactly(written, imported);
    const expected = { ...written.expected, nodes: { ...written.expected.nodes, [node.id]: { ...node, name } } };
    return exactly({ ...written, expected }, imported);
  },
};

const FORMATS: readonly Format[] = [
  qmpFormat('qmp (nested, as written)', {}),
  qmpFormat('qmp (nested, as written, JSON lines)', {}, true),
  qmpFormat('qmp (nested, minimal)', { options: 'minimal' }),
  qmpFormat('qmp (nested, explicit)', { options: 'explicit' }),
  qmpFormat('qmp (flat, as written)', { layout: 'flat' }),
  qmpFormat('qmp (flat, minimal)', { layout: 'flat', options: 'minimal' }),
  qmpFormat('qmp (flat, explicit)', { layout: 'flat', options: 'explicit' }),
  commandLineFormat('blockdev (json)', (doc) => toBlockdevArgs(doc, { form: 'json' })),
  commandLineFormat('blockdev (dotted)', (doc) => toBlockdevArgs(doc, { form: 'dotted' })),
  commandLineFormat('cmdline (json)', (doc) => toCommandLine(doc, { form: 'json' })),
  commandLineFormat('cmdline (dotted)', (doc) => toCommandLine(doc, { form: 'dotted' })),
  driveFormat,
  jsonFilenameFormat,
];

function describeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join('; ');
}

/** importText of a text, which must be detected as `form`; the document or what went wrong. */
function read(format: Format, text: string): Result<BlockGraph> | { ok: false; problem: string } {
  const imported = importText(text);
  if (imported.form !== format.form) return { ok: false, problem: `detected as ${imported.detected}` };
  return imported.ok ? { ok: true, value: imported.graph } : imported;
}

/**
 * Everything wrong with one document's round trip through one format: the import differs from
 * the document (less what the format cannot carry), or export(import(t)) changes on a second pass.
 */
function roundTripProblems(format: Format, doc: BlockGraph): string[] {
  const written = format.write(doc);
  if (!written.ok) {
    const undocumented = written.diagnostics.filter((d) => !DOCUMENTED_REFUSALS.includes(d.code));
    return undocumented.length === 0 ? [] : [`export refused: ${describeDiagnostics(undocumented)}`];
  }
  const refusal = format.refusal?.(doc) ?? null;
  return written.value.flatMap((one) => {
    const imported = read(format, one.text);
    if (!imported.ok) {
      if ('problem' in imported) return [imported.problem];
      const refusedSo = refusal !== null && imported.diagnostics.some((d) => d.message === refusal);
      return refusedSo ? [] : [`import failed: ${describeDiagnostics(imported.diagnostics)}\n${one.text}`];
    }
    if (refusal !== null) return [`QEMU refuses the document (${refusal}), yet its import succeeded`];
    const differences = format.compare(one, imported.value);
    return differences.length > 0 ? [...differences, one.text] : stabilityProblems(format, imported.value);
  });
}

/** export(import(t)) === export(import(export(import(t)))): a second pass changes nothing. */
function stabilityProblems(format: Format, once: BlockGraph): string[] {
  const first = format.rewrite(once);
  if (!first.ok) return [`export of the import refused: ${describeDiagnostics(first.diagnostics)}`];
  return first.value.flatMap((text) => {
    const again = read(format, text);
    if (!again.ok) return ['problem' in again ? again.problem : describeDiagnostics(again.diagnostics)];
    const second = format.rewrite(again.value);
    if (!second.ok) return [`second export refused: ${describeDiagnostics(second.diagnostics)}`];
    return second.value.join('\n') === text ? [] : [`not stable:\n${text}\n---\n${second.value.join('\n')}`];
  });
}

/** Random trees (randomDocuments.ts: documentSpecArb), with guest devices and file names that need quoting. */
const treeDocumentArb = documentSpecArb.map(toDocument);

/**
 * Random graphs (dagDocument: several parents, read-only and permission options, lists, NBD
 * exports). A QMP script is imported by running it (fromQmpScript), which fails where QEMU would:
 * the QMP formats get the documents QEMU accepts, the others every document.
 */
const graphArb = fc.tuple(dagTreeArb, extrasArb).map(([tree, extras]) => dagDocument(tree, extras));

/** QEMU's verdict on a document's script, as the model predicts it, kept per document text (the QMP formats share a seed). */
const verdicts = new Map<string, boolean>();

function qemuBuilds(doc: BlockGraph): boolean {
  const key = JSON.stringify(doc);
  let builds = verdicts.get(key);
  if (builds === undefined) {
    builds = !forceShareOnWritable(doc) && checkDocument(doc).length === 0;
    verdicts.set(key, builds);
  }
  return builds;
}

const acceptedGraphArb = graphArb.filter(qemuBuilds);

/** The seed of the accepted random graphs, the same for every QMP format: drawing them is the slow part. */
const ACCEPTED_GRAPHS_SEED = 20261160;

/** Runs per format and generator: the issue asks for at least 500. */
const RUNS = 500;

describe.each(FORMATS.map((format, i) => ({ format, seed: 20261130 + i })))('$format.name', ({ format, seed }) => {
  it.each(FIXED_CASES)('round trip of %s', (_name, build) => {
    expect(roundTripProblems(format, build())).toEqual([]);
  });

  it(`round trip of ${String(RUNS)} random trees and ${String(RUNS)} random graphs`, () => {
    const graphs: readonly [fc.Arbitrary<BlockGraph>, number] =
      format.refusal === undefined ? [graphArb, seed + 1000] : [acceptedGraphArb, ACCEPTED_GRAPHS_SEED];
    for (const [arb, runSeed] of [[treeDocumentArb, seed], graphs] as const) {
      fc.assert(
        fc.property(arb, (doc) => {
          expect(roundTripProblems(format, doc)).toEqual([]);
        }),
        { seed: runSeed, numRuns: RUNS },
      );
    }
  });
});

describe('the comparisons find what they must', () => {
  const doc = seedSimpleTree();
  const written: Written = { text: '', expected: doc, source: doc };
  const withOptions = (graph: BlockGraph, id: string, options: JsonObject): BlockGraph => {
    const node = graph.nodes[id];
    if (node === undefined) throw new Error(`no node '${id}'`);
    return { ...graph, nodes: { ...graph.nodes, [id]: { ...node, options: { ...node.options, ...options } } } };
  };

  it('exactly: an option and a link mode', () => {
    expect(exactly(written, withOptions(doc, 'disk', { 'read-only': true }))).toEqual([
      `node 'disk' options: "{}" in document, "{\\"read-only\\":true}" in import`,
    ]);
    const referenced = { ...doc, links: doc.links.map((l) => ({ ...l, mode: 'reference' as const })) };
    expect(exactly(written, referenced)).toHaveLength(6);
  });

  it('drive: auto-read-only=off and cache.* off pass at the top level only, and only where unset', () => {
    const compare = (imported: BlockGraph) => driveFormat.compare(written, imported);
    const cached = withOptions(doc, 'disk', { cache: { direct: true } });
    const cachedWritten = { ...written, expected: cached, source: cached };
    const cacheNone = withOptions(doc, 'disk', { 'auto-read-only': false, cache: { direct: true, 'no-flush': false } });
    expect(driveFormat.compare(cachedWritten, cacheNone)).toEqual([]);
    expect(compare(withOptions(doc, 'disk', { 'auto-read-only': false }))).toEqual([]);
    expect(compare(withOptions(doc, 'disk', { 'auto-read-only': true }))).not.toEqual([]);
    expect(compare(withOptions(doc, 'disk-file', { 'auto-read-only': false }))).not.toEqual([]);
    // No cache= mode without a cache option of the node's own.
    expect(compare(withOptions(doc, 'disk', { cache: { direct: false } }))).not.toEqual([]);
    const own = withOptions(doc, 'disk', { cache: { direct: false } });
    expect(driveFormat.compare({ ...written, expected: own, source: own }, withOptions(doc, 'disk', {}))).not.toEqual(
      [],
    );
  });

  it('the option styles: effective values, and (as written) the options the document sets', () => {
    const effective = sameEffectiveOptions(false);
    // The file child inherits read-only from its parent: written on both or on the parent, the same.
    const ro = withOptions(doc, 'disk', { 'read-only': true });
    const roWritten = { ...written, expected: ro, source: ro };
    expect(effective(roWritten, withOptions(ro, 'disk-file', { 'read-only': true }))).toEqual([]);
    expect(effective(roWritten, doc)).not.toEqual([]);
    const own = withOptions(doc, 'disk-file', { 'read-only': false });
    const ownWritten = { ...written, expected: own, source: own };
    expect(effective(ownWritten, doc)).toEqual([]);
    expect(sameEffectiveOptions(true)(ownWritten, doc)).toEqual([
      "node 'disk-file' read-only: false in document, lost in import",
    ]);
  });
});

import fc from 'fast-check';
import { checkDocument } from '../../export/index.ts';
import { EXAMPLES, graph } from '../../model/fixtures/index.ts';
import type { BlockGraph, JsonObject } from '../../model/index.ts';
import { VARIANT_CASES } from './qmpVariantCases.ts';
import {
  dagDocument,
  dagTreeArb,
  extrasArb,
  forceShareOnWritable,
  nullBacking,
  oddFileNames,
  randomDocuments,
} from './randomDocuments.ts';

/**
 * The documents every export format is run with, in QEMU (exports, driveExport and qmpVariants
 * differential suites) and in the round-trip property test (src/export/roundTrip.property.test.ts):
 * the seed talk's examples, hand-made cases, and seeded random documents.
 */

/** A test title and the document it builds. */
export type ExportCase = readonly [string, () => BlockGraph];

/** qcow2 over a file with a qcow2 backing over a file; the top node and the backing's file get `cache`. */
function cacheCase(top: JsonObject, backingFile?: JsonObject): () => BlockGraph {
  return () =>
    graph()
      .node('top', 'qcow2', { cache: top })
      .node('top-file', 'file', { filename: 'top.qcow2' }, { name: null })
      .node('back', 'qcow2', {}, { name: null })
      .node('back-file', 'file', { filename: 'back,1.qcow2', ...(backingFile ? { cache: backingFile } : {}) })
      .child('top', 'file', 'top-file')
      .child('top', 'backing', 'back')
      .child('back', 'file', 'back-file')
      .frontend('vda', 'virtio-blk-pci', 'top')
      .build();
}

/** qcow2 chain: top → (reference) mid → (inline) base, top with cache=none. */
function referencedChain(): BlockGraph {
  return graph()
    .node('base', 'qcow2', {}, { name: null })
    .node('base-file', 'file', { filename: 'base.qcow2' }, { name: null })
    .node('mid', 'qcow2', { cache: { 'no-flush': true } })
    .node('mid-file', 'file', { filename: 'mid $x.qcow2' }, { name: null })
    .node('top', 'qcow2', { cache: { direct: true } })
    .node('top-file', 'file', { filename: 'top "q".qcow2' }, { name: null })
    .child('base', 'file', 'base-file')
    .child('mid', 'file', 'mid-file')
    .child('mid', 'backing', 'base')
    .child('top', 'file', 'top-file')
    .ref('top', 'backing', 'mid')
    .frontend('vda', 'virtio-blk-pci', 'top')
    .build();
}

/**
 * Documents made by hand for what the exports must get right: cache modes against children with
 * their own cache options, references in the middle of chains, node-names that look like
 * BlockBackend ids, devices on nodes below the top, a node with several parents, nodes only
 * -drive can write. First written for the -drive export (driveExport.differential.test.ts).
 */
export const HANDMADE_CASES: readonly ExportCase[] = [
  ['cache=none, a child with its own cache.direct=off', cacheCase({ direct: true }, { direct: false })],
  ['cache=writeback', cacheCase({ direct: false })],
  ['cache=unsafe, a child with its own cache.no-flush=off', cacheCase({ 'no-flush': true }, { 'no-flush': false })],
  ['cache.direct=on,cache.no-flush=on (no mode)', cacheCase({ direct: true, 'no-flush': true })],
  ['cache=none under a child with cache.direct=on', cacheCase({ direct: true }, { direct: true, 'no-flush': true })],
  ['a backing chain with a reference in the middle', referencedChain],
  [
    'raw over file, detect-zeroes=unmap with discard=unmap',
    () =>
      graph()
        .node('r', 'raw', { 'detect-zeroes': 'unmap', discard: 'unmap' })
        .node('f', 'file', { filename: 'r é,x.raw', 'detect-zeroes': 'on' }, { name: null })
        .child('r', 'file', 'f')
        .build(),
  ],
  ['null-co alone', () => graph().node('n', 'null-co', { 'read-zeroes': true }).build()],
  [
    'an unnamed null-co with a device (only -drive can say it)',
    () => graph().node('n', 'null-co', {}, { name: null }).frontend('vda', 'virtio-blk-pci', 'n').build(),
  ],
  [
    'a top-level file node with aio=threads',
    () => graph().node('f', 'file', { filename: 'a.raw', aio: 'threads' }).build(),
  ],
  [
    'a top-level file node with aio=native and cache.direct=on',
    () =>
      graph()
        .node('f', 'file', { filename: 'a.raw', aio: 'native', cache: { direct: true } })
        .build(),
  ],
  [
    'a read-only root with force-share and auto-read-only=on, on a virtio device',
    () =>
      graph()
        .node('q', 'qcow2', { 'read-only': true, 'force-share': true, 'auto-read-only': true })
        .node('q-file', 'file', { filename: 'q.qcow2' }, { name: null })
        .child('q', 'file', 'q-file')
        .frontend('vda', 'virtio-blk-pci', 'q')
        .build(),
  ],
  [
    'backing: null below the top (backing=)',
    () =>
      graph()
        .node('r', 'raw')
        .node('q', 'qcow2', { backing: null }, { name: null })
        .node('q-file', 'file', { filename: 'q.qcow2' }, { name: null })
        .child('r', 'file', 'q')
        .child('q', 'file', 'q-file')
        .build(),
  ],
  [
    'two devices on one node, one on a named node below it',
    () =>
      graph()
        .node('r', 'raw')
        .node('n', 'null-co')
        .child('r', 'file', 'n')
        .frontend('vda', 'virtio-blk-pci', 'r', { 'share-rw': true })
        .frontend('vdb', 'virtio-blk-pci', 'r', { 'share-rw': true })
        .frontend('vdc', 'virtio-blk-pci', 'n', { 'share-rw': true })
        .build(),
  ],
  [
    'node-names that look like BlockBackend ids',
    () => graph().node('n', 'null-co').node('drive-n', 'null-co').frontend('sd0', 'scsi-hd', 'n').build(),
  ],
  [
    'a node referenced by one parent and defined inline in another that comes later in the document',
    () =>
      graph()
        .node('b', 'raw')
        .node('a', 'raw')
        .node('x', 'null-co')
        .child('a', 'file', 'x')
        .ref('b', 'file', 'x')
        .frontend('vda', 'virtio-blk-pci', 'b')
        .build(),
  ],
  [
    'a node referenced by two parents',
    () =>
      graph()
        .node('n', 'null-co')
        .node('r1', 'raw')
        .node('r2', 'raw', { 'read-only': true })
        .ref('r1', 'file', 'n')
        .ref('r2', 'file', 'n')
        .build(),
  ],
  [
    'a read-only backing referenced by a parent and used by a device of its own',
    () =>
      graph()
        .node('base', 'qcow2', { 'read-only': true })
        .node('base-file', 'file', { filename: 'base.qcow2' }, { name: null })
        .child('base', 'file', 'base-file')
        .node('top', 'qcow2')
        .node('top-file', 'file', { filename: 'top.qcow2' }, { name: null })
        .child('top', 'file', 'top-file')
        .ref('top', 'backing', 'base')
        .frontend('vda', 'virtio-blk-pci', 'top')
        .frontend('vdb', 'virtio-blk-pci', 'base')
        .build(),
  ],
  [
    'a quorum of raw over null-co and a referenced qcow2, on IDE',
    () =>
      graph()
        .node('qc', 'qcow2')
        .node('qc-file', 'file', { filename: 'qc.qcow2' }, { name: null })
        .child('qc', 'file', 'qc-file')
        .node('q', 'quorum', { 'vote-threshold': 1 })
        .node('r', 'raw', {}, { name: null })
        .node('n', 'null-co', { size: 64 * 1024 * 1024 }, { name: null })
        .child('r', 'file', 'n')
        .child('q', 'children', 'r')
        .ref('q', 'children', 'qc')
        .frontend('hda', 'ide-hd', 'q')
        .build(),
  ],
];

/** Every fixed document: the examples, two about file names and null, the hand-made cases, the QMP variant cases. */
export const FIXED_CASES: readonly ExportCase[] = [
  ...EXAMPLES.map((e): ExportCase => [`example ${e.id}`, e.build]),
  ['odd file names', oddFileNames],
  ['backing: null at the top', nullBacking],
  ...HANDMADE_CASES,
  ...VARIANT_CASES,
];

/**
 * `count` random graphs (dagDocument: several parents, read-only and permission options, NBD
 * exports) that QEMU builds, as the model predicts (checkDocument finds nothing, and no
 * force-share on a writable node), drawn with `seed`.
 */
export function acceptedDagDocuments(count: number, seed: number): ExportCase[] {
  const accepted = fc
    .tuple(dagTreeArb, extrasArb)
    .map(([tree, extras]) => dagDocument(tree, extras))
    .filter((doc) => !forceShareOnWritable(doc) && checkDocument(doc).length === 0);
  return fc
    .sample(accepted, { numRuns: count, seed })
    .map((doc, i): ExportCase => [`random graph #${String(i)} (seed ${String(seed)}): ${describeDag(doc)}`, () => doc]);
}

/** `driver(children)` of every top-level node, `&` before a referenced child. */
function describeDag(doc: BlockGraph): string {
  const inline = new Set(doc.links.filter((l) => l.mode === 'inline').map((l) => l.child));
  // Documents are acyclic (checkGraph), so the recursion ends.
  const show = (id: string): string => {
    const children = doc.links.filter((l) => l.parent === id && l.mode === 'inline').map((l) => show(l.child));
    const refs = doc.links.filter((l) => l.parent === id && l.mode === 'reference').map((l) => `&${l.child}`);
    const all = [...children, ...refs];
    const driver = doc.nodes[id]?.driver ?? '?';
    return all.length === 0 ? driver : `${driver}(${all.join(',')})`;
  };
  return Object.keys(doc.nodes)
    .filter((id) => !inline.has(id))
    .map((id) => `${id}=${show(id)}`)
    .join(' ');
}

/**
 * The documents of one QEMU suite: FIXED_CASES, then `trees` random trees (randomDocuments) and
 * `graphs` accepted random graphs (acceptedDagDocuments), drawn with `seed` and `seed + 1`. Each
 * suite passes its own seed, so that together they see more documents.
 */
export function suiteCases(seed: number, trees: number, graphs: number): ExportCase[] {
  return [
    ...FIXED_CASES,
    ...randomDocuments(trees, seed).map((d): ExportCase => [d.name, d.build]),
    ...acceptedDagDocuments(graphs, seed + 1),
  ];
}

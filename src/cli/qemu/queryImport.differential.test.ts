import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromQueryReplies, toQmpScript } from '../../export/index.ts';
import { QUERY_REPLIES } from '../../export/fixtures/queryReplies.ts';
import { recoverEdges } from '../../export/queryGraph.ts';
import { readReplies } from '../../export/queryReplies.ts';
import { EXAMPLES, graph } from '../../model/fixtures/index.ts';
import {
  formatDiagnostic,
  isJsonObject,
  resolveDocument,
  type BlockGraph,
  type JsonValue,
  type Result,
} from '../../model/index.ts';
import { diffStructures, documentStructure, qemuStructure } from './compareGraph.ts';
import { diffResolved } from './compareResolved.ts';
import { createImage, prepareImages } from './images.ts';
import {
  backingOf,
  captureReplies,
  diffQemuGraphs,
  runAndQuery,
  stableReplies,
  type ImageSpec,
} from './queryCapture.ts';
import { randomDocuments } from './randomDocuments.ts';

/**
 * Importing a running QEMU's state (src/export/queryImport.ts) against QEMU 7.2: each document's
 * QMP script runs in qemu-storage-daemon, both replies are imported, the import predicts QEMU's
 * state (compareResolved, compareGraph), and its own QMP export builds the same state again in a
 * fresh daemon. Also: the committed fixtures are what QEMU replies, and the facts the import
 * relies on.
 */
let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blockgraph-query-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return result.value;
}

const add = (args: Record<string, JsonValue>) => ({ execute: 'blockdev-add', arguments: args });
const HEADER_CHAIN: ImageSpec[] = [
  { name: 'base.qcow2', fmt: 'qcow2' },
  { name: 'top.qcow2', fmt: 'qcow2', backing: 'base.qcow2', backingFmt: 'qcow2' },
];

/** A document and the images it needs beyond prepareImages' (created after, so they win). */
interface DocCase {
  name: string;
  build: () => BlockGraph;
  images?: ImageSpec[];
}

const qcow2Over = (id: string, file: string) =>
  graph()
    .node(id, 'qcow2')
    .node(`${id}-file`, 'file', { filename: file }, { name: null })
    .child(id, 'file', `${id}-file`);

const HANDWRITTEN: DocCase[] = [
  {
    name: 'cache options: set on a parent, changed by an inline child, set on a reference',
    build: () =>
      graph()
        .node('disk', 'qcow2', { cache: { direct: true, 'no-flush': true } })
        .node('disk-file', 'file', { filename: 'disk.qcow2', cache: { direct: false } }, { name: null })
        .node('other', 'raw', { cache: { 'no-flush': true } })
        .node('other-file', 'file', { filename: 'other.raw' })
        .child('disk', 'file', 'disk-file')
        .ref('other', 'file', 'other-file')
        .build(),
  },
  {
    name: 'a backing chain opened from the image header',
    build: () => qcow2Over('top', 'top.qcow2').build(),
    images: HEADER_CHAIN,
  },
  {
    name: 'backing: null over an image whose header names a backing',
    build: () =>
      graph()
        .node('top', 'qcow2', { backing: null })
        .node('top-file', 'file', { filename: 'top.qcow2' }, { name: null })
        .child('top', 'file', 'top-file')
        .build(),
    images: HEADER_CHAIN,
  },
  {
    name: 'a three-image chain, inline and referenced backings, read-only base',
    build: () =>
      qcow2Over('top', 'top.qcow2')
        .node('mid', 'qcow2')
        .node('mid-file', 'file', { filename: 'mid.qcow2' }, { name: null })
        .node('base', 'qcow2', { 'read-only': true, cache: { direct: true } })
        .node('base-file', 'file', { filename: 'base.qcow2' })
        .child('mid', 'file', 'mid-file')
        .child('top', 'backing', 'mid')
        .ref('mid', 'backing', 'base')
        .child('base', 'file', 'base-file')
        .build(),
  },
  {
    name: 'detect-zeroes unmap with discard, and inline children that inherit discard',
    build: () =>
      graph()
        .node('z', 'raw', { 'detect-zeroes': 'unmap', discard: 'unmap' })
        .node('z-file', 'null-co', { 'detect-zeroes': 'unmap', size: 1048576 }, { name: null })
        .child('z', 'file', 'z-file')
        .node('y', 'null-co', { 'detect-zeroes': 'on' })
        .build(),
  },
  {
    name: 'strong options: null-co size and read-zeroes, raw offset and size',
    build: () =>
      graph()
        .node('r', 'raw', { offset: 4096, size: 8192 })
        .node('r-file', 'null-co', { size: 1048576, 'read-zeroes': true }, { name: null })
        .child('r', 'file', 'r-file')
        .build(),
  },
  {
    name: 'quorum of three, one referenced, vote-threshold 2, read-only',
    build: () =>
      graph()
        .node('q', 'quorum', { 'vote-threshold': 2, 'read-only': true })
        .node('c0', 'null-co', { size: 1048576 }, { name: null })
        .node('c1', 'null-co', { size: 1048576, cache: { direct: true } }, { name: null })
        .node('c2', 'null-co', { size: 1048576 })
        .child('q', 'children', 'c0')
        .child('q', 'children', 'c1')
        .ref('q', 'children', 'c2')
        .build(),
  },
  {
    name: 'two throttle nodes sharing a group',
    build: () =>
      qcow2Over('disk', 'disk.qcow2')
        .object('tg0', 'throttle-group', { limits: { 'bps-total': 1048576 } })
        .node('t1', 'throttle', { 'throttle-group': 'tg0' })
        .node('t2', 'throttle', { 'throttle-group': 'tg0', cache: { 'no-flush': true } })
        .node('n', 'null-co', {}, { name: null })
        .ref('t1', 'file', 'disk')
        .child('t2', 'file', 'n')
        .build(),
  },
  {
    name: 'a named child defined inline below a read-only parent',
    build: () =>
      graph()
        .node('p', 'raw', { 'read-only': true })
        .node('named-file', 'file', { filename: 'p.raw' })
        .child('p', 'file', 'named-file')
        .build(),
  },
];
const CASES: readonly DocCase[] = [
  ...EXAMPLES.map((e) => ({ name: `example ${e.id}`, build: e.build })),
  ...HANDWRITTEN,
  ...randomDocuments(14, 20261130).map((d) => ({ name: d.name, build: d.build })),
];

/** Runs a document's QMP script in a fresh daemon and reads both replies. */
async function runDocument(doc: BlockGraph) {
  const run = await runAndQuery(unwrap(toQmpScript(doc)), { cwd: dir });
  expect(run.errors).toEqual([]);
  return run;
}

describe.each(CASES)('$name', ({ build, images }) => {
  it('imports as what QEMU built, and its own QMP export builds the same again', async () => {
    const doc = build();
    await prepareImages(doc, dir);
    for (const image of images ?? []) await createImage(dir, image.name, image.fmt, backingOf(image));
    const first = await runDocument(doc);
    const imported = unwrap(fromQueryReplies([{ return: first.named }, { return: first.graph }]));
    expect(diffStructures(documentStructure(imported.graph), qemuStructure(first.state))).toEqual([]);
    expect(diffResolved(resolveDocument(imported.graph), first.state, { perms: true })).toEqual([]);
    const second = await runDocument(imported.graph);
    expect(diffQemuGraphs(first.state, second.state, ['the original', 'the import'])).toEqual([]);
  });

  it('from one reply alone: every edge recovered from file names is real; the graph alone gives every edge', async () => {
    const doc = build();
    await prepareImages(doc, dir);
    for (const image of images ?? []) await createImage(dir, image.name, image.fmt, backingOf(image));
    const run = await runDocument(doc);
    const named = unwrap(readReplies(run.named)).named?.nodes ?? [];
    const real = new Set(run.state.edges.map((e) => `${e.parent} -${e.name}-> ${e.child}`));
    const recovered = recoverEdges(named).edges.map((e) => `${e.parent} -${e.role}-> ${e.child}`);
    expect(recovered.filter((edge) => !real.has(edge))).toEqual([]);
    const namedOnly = unwrap(fromQueryReplies(run.named));
    expect(Object.keys(namedOnly.graph.nodes)).toHaveLength(named.length);
    const predicted = resolveDocument(namedOnly.graph).nodes.filter((n) => !n['node-name'].startsWith('#'));
    const actual = new Map(run.state.nodes.map((n) => [n['node-name'], n]));
    for (const node of predicted) {
      const qemu = actual.get(node['node-name']);
      expect([node.drv, node.ro, node.cache, node.detect_zeroes]).toEqual([
        qemu?.drv,
        qemu?.ro,
        qemu?.cache,
        qemu?.detect_zeroes,
      ]);
    }
    const graphOnly = unwrap(fromQueryReplies(run.graph));
    expect(documentStructure(graphOnly.graph).edges).toEqual(qemuStructure(run.state).edges);
  });
});

describe('the fixtures of queryImport.test.ts', () => {
  it.each(QUERY_REPLIES.map((c) => [c.name, c] as const))('%s: QEMU 7.2 replies this', async (_name, c) => {
    const got = await captureReplies(c, dir);
    expect(stableReplies({ named: got.named, graph: got.graph })).toEqual(
      stableReplies({ named: c.named, graph: c.graph }),
    );
  });
});

/** The named node `name` of a reply. */
function namedNode(named: JsonValue, name: string): Record<string, JsonValue> {
  const node = (named as JsonValue[]).find((n) => isJsonObject(n) && n['node-name'] === name);
  if (!isJsonObject(node)) throw new Error(`no node '${name}' in the reply`);
  return node;
}

describe('QEMU 7.2 facts the import relies on', () => {
  it('backing_file is the filename of the COW child and absent without one; image.backing-filename is the header', async () => {
    // block/qapi.c: bdrv_block_device_info reports bdrv_cow_bs(bs)->filename; bdrv_query_image_info bs->backing_file.
    for (const image of HEADER_CHAIN) await createImage(dir, image.name, image.fmt, backingOf(image));
    await createImage(dir, 'other.qcow2', 'qcow2', { backing: 'base.qcow2', backingFmt: 'qcow2' });
    const run = await runAndQuery(
      [
        add({ driver: 'null-co', 'node-name': 'n', size: 67108864 }),
        add({ driver: 'qcow2', 'node-name': 'swapped', backing: 'n', file: { driver: 'file', filename: 'top.qcow2' } }),
        add({ driver: 'qcow2', 'node-name': 'none', backing: null, file: { driver: 'file', filename: 'other.qcow2' } }),
      ],
      { cwd: dir },
    );
    expect(run.errors).toEqual([]);
    const swapped = namedNode(run.named, 'swapped');
    expect(swapped.backing_file).toBe('json:{"driver": "null-co", "size": 67108864}');
    expect((swapped.image as Record<string, JsonValue>)['backing-filename']).toBe('base.qcow2');
    const none = namedNode(run.named, 'none');
    expect(none.backing_file).toBeUndefined();
    expect((none.image as Record<string, JsonValue>)['backing-filename']).toBe('base.qcow2');
    // block.c: bdrv_refresh_filename lists `"backing": null` among the strong options.
    expect(none.file).toBe(
      'json:{"backing": null, "driver": "qcow2", "file": {"driver": "file", "filename": "other.qcow2"}}',
    );
  });

  it('a node passes its file child’s name up unless it has strong options; generated names are #block<digits>', async () => {
    await createImage(dir, 'a.qcow2', 'qcow2');
    const run = await runAndQuery(
      [
        add({
          driver: 'qcow2',
          'node-name': 'plain',
          'lazy-refcounts': true,
          file: { driver: 'file', filename: 'a.qcow2', locking: 'off' },
        }),
        add({ driver: 'raw', 'node-name': 'strong', offset: 512, file: { driver: 'null-co', 'latency-ns': 5 } }),
      ],
      { cwd: dir },
    );
    expect(run.errors).toEqual([]);
    expect(namedNode(run.named, 'plain').file).toBe('a.qcow2');
    expect(namedNode(run.named, 'strong').file).toBe(
      'json:{"offset": 512, "driver": "raw", "file": {"driver": "null-co"}}',
    );
    const generated = (run.named as Record<string, JsonValue>[])
      .map((n) => n['node-name'])
      .filter((n) => n !== 'plain' && n !== 'strong');
    expect(generated).toHaveLength(2);
    for (const name of generated) expect(name).toMatch(/^#block[0-9]+$/);
  });

  it('-drive keeps option values as strings in json: names', async () => {
    // QemuOpts values are strings; the keyval visitor converts them when the driver opens.
    const run = await runAndQuery([], {
      cwd: dir,
      args: ['-drive', 'driver=null-co,size=1048576,read-zeroes=on,if=none,id=d0'],
    });
    const [root] = run.named as Record<string, JsonValue>[];
    expect(root?.file).toBe('json:{"read-zeroes": "on", "driver": "null-co", "size": "1048576"}');
  });

  it('detect-zeroes=unmap needs discard=unmap; an inline child gets discard=unmap from its parent', async () => {
    // block.c: bdrv_open_common checks it; bdrv_inherited_options sets discard=unmap for children.
    const run = await runAndQuery(
      [
        add({ driver: 'null-co', 'node-name': 'alone', 'detect-zeroes': 'unmap' }),
        add({ driver: 'raw', 'node-name': 'p', file: { driver: 'null-co', 'detect-zeroes': 'unmap' } }),
      ],
      { cwd: dir },
    );
    expect(run.errors).toEqual([
      'blockdev-add: setting detect-zeroes to unmap is not allowed without setting discard operation to unmap',
    ]);
  });

  it('without a BlockBackend, query-named-block-nodes reports writeback on and no I/O limits', async () => {
    // block/qapi.c: bdrv_block_device_info(NULL, bs, true, …) has no BlockBackend to ask.
    const run = await runAndQuery([], {
      cwd: dir,
      args: ['-drive', 'driver=null-co,if=none,id=d0,cache.writeback=off,throttling.bps-total=1000'],
    });
    const [root] = run.named as Record<string, JsonValue>[];
    expect([root?.cache, root?.bps, root?.group]).toEqual([
      { direct: false, 'no-flush': false, writeback: true },
      0,
      undefined,
    ]);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toQmpScript } from '../../export/index.ts';
import { EXAMPLES, graph } from '../../model/fixtures/index.ts';
import { formatDiagnostic, resolveDocument, type BlockGraph } from '../../model/index.ts';
import { diffResolved } from './compareResolved.ts';
import { runQmpScript } from './harness.ts';
import { prepareImages } from './images.ts';

/** Documents that exercise option inheritance (block.c: bdrv_inherited_options), each accepted by QEMU. */
const INHERITANCE: readonly (readonly [string, () => BlockGraph])[] = [
  [
    'cache.direct reaches inline file and backing',
    () =>
      graph()
        .node('top', 'qcow2', { cache: { direct: true } })
        .node('top-file', 'file', { filename: 'top.qcow2' }, { name: null })
        .node('back', 'qcow2', {}, { name: null })
        .node('back-file', 'file', { filename: 'back.qcow2' }, { name: null })
        .child('top', 'file', 'top-file')
        .child('top', 'backing', 'back')
        .child('back', 'file', 'back-file')
        .build(),
  ],
  [
    'read-only passes to the file child; an explicit read-only=off backing stays writable',
    () =>
      graph()
        .node('top', 'qcow2', { 'read-only': true, 'detect-zeroes': 'on' })
        .node('top-file', 'file', { filename: 'top.qcow2' })
        .node('back', 'qcow2', { 'read-only': false })
        .node('back-file', 'file', { filename: 'back.qcow2' })
        .child('top', 'file', 'top-file')
        .child('top', 'backing', 'back')
        .child('back', 'file', 'back-file')
        .build(),
  ],
  [
    'a referenced file inherits nothing',
    () =>
      graph()
        .node('f', 'file', { filename: 'a.qcow2' })
        .node('top', 'qcow2', { cache: { direct: true, 'no-flush': true } })
        .ref('top', 'file', 'f')
        .build(),
  ],
  [
    'a referenced backing keeps its own read-only=off',
    () =>
      graph()
        .node('b', 'qcow2')
        .node('b-file', 'file', { filename: 'b.qcow2' })
        .child('b', 'file', 'b-file')
        .node('top', 'qcow2')
        .node('top-file', 'file', { filename: 'top.qcow2' })
        .child('top', 'file', 'top-file')
        .ref('top', 'backing', 'b')
        .build(),
  ],
  [
    'cache.no-flush and detect-zeroes on raw over null-co',
    () =>
      graph()
        .node('r', 'raw', { cache: { 'no-flush': true }, 'detect-zeroes': 'on' })
        .node('n', 'null-co', {}, { name: null })
        .child('r', 'file', 'n')
        .build(),
  ],
  [
    'quorum children inherit when inline, not when referenced',
    () =>
      graph()
        .node('c1', 'null-co')
        .node('q', 'quorum', { 'vote-threshold': 1, cache: { direct: true }, 'read-only': true })
        .node('c0', 'null-co', {}, { name: null })
        .child('q', 'children', 'c0')
        .ref('q', 'children', 'c1')
        .build(),
  ],
  [
    'blkdebug passes read-only and cache to its image and below',
    () =>
      graph()
        .node('d', 'blkdebug', { 'read-only': true, cache: { 'no-flush': true } })
        .node('img', 'qcow2', {}, { name: null })
        .node('img-file', 'file', { filename: 'img.qcow2' }, { name: null })
        .child('d', 'image', 'img')
        .child('img', 'file', 'img-file')
        .build(),
  ],
  [
    'a throttle filter passes cache.direct to its inline child',
    () =>
      graph()
        .object('tg', 'throttle-group', { limits: { 'iops-total': 100 } })
        .node('t', 'throttle', { 'throttle-group': 'tg', cache: { direct: true } })
        .node('n', 'null-co', { 'detect-zeroes': 'on' })
        .child('t', 'file', 'n')
        .build(),
  ],
  [
    'an explicit child value beats the inherited one',
    () =>
      graph()
        .node('r', 'raw', { cache: { direct: true }, 'read-only': true })
        .node('n', 'null-co', { cache: { direct: false }, 'read-only': false })
        .child('r', 'file', 'n')
        .build(),
  ],
  [
    'force-share with read-only is accepted and passes down',
    () =>
      graph()
        .node('r', 'raw', { 'force-share': true, 'read-only': true })
        .node('n', 'null-co', {}, { name: null })
        .child('r', 'file', 'n')
        .build(),
  ],
];

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blockgraph-resolve-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CASES = [...EXAMPLES.map((e) => [`example ${e.id}`, e.build] as const), ...INHERITANCE];

describe.each(CASES)('%s', (_name, build) => {
  it('resolves to what qemu-storage-daemon reports for every node', async () => {
    const doc = build();
    const script = toQmpScript(doc);
    if (!script.ok) throw new Error(script.diagnostics.map(formatDiagnostic).join('\n'));
    await prepareImages(doc, dir);
    const run = await runQmpScript(script.value, { cwd: dir });
    expect(run.replies.flatMap((step) => (step.error ? [step.error.desc] : []))).toEqual([]);
    expect(diffResolved(resolveDocument(doc), run.graph, { perms: true })).toEqual([]);
  });
});

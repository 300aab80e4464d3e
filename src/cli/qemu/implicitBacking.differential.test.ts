import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { JsonObject, QmpCommand } from '../../model/index.ts';
import { fileImages } from '../fileImages.ts';
import { createImage, forgetBackingFormat } from './images.ts';
import { add, del } from './qmpCommands.ts';
import { expectScriptAgreesIn } from './scriptCases.ts';

/** blockdev-add of `driver` over a file node for `image`, without `backing` unless `extra` gives one. */
const open = (driver: string, name: string, image: string, extra: JsonObject = {}): QmpCommand => ({
  execute: 'blockdev-add',
  arguments: { driver, 'node-name': name, file: { driver: 'file', filename: image }, ...extra },
});
const qcow2 = (name: string, image: string, extra: JsonObject = {}) => open('qcow2', name, image, extra);

/** A json: backing name: a qcow2 node over `file`, with cache.direct off and what `extra` adds. */
const jsonBacking = (file: string, extra: JsonObject = {}) =>
  `json:${JSON.stringify({ driver: 'qcow2', cache: { direct: false }, ...extra, file: { driver: 'file', filename: file } })}`;

/** QMP scripts over the images made in beforeAll, each run by simulateQmp and by qemu-storage-daemon. */
const CASES: readonly (readonly [string, QmpCommand[]])[] = [
  ['one backing file, its format recorded', [qcow2('top', 'top.qcow2')]],
  ['two backing files, each named relative to its image', [qcow2('top', 'top3.qcow2')]],
  ['three backing files through subdirectories', [qcow2('top', 't4.qcow2')]],
  ['an image in a subdirectory names its backing file from there', [qcow2('m', 'sub/mid.qcow2')]],
  [
    'the file child given by reference: the backing file is relative to its name',
    [add({ driver: 'file', 'node-name': 'f', filename: 'sub/mid.qcow2' }), qcow2('m', 'sub/mid.qcow2', { file: 'f' })],
  ],
  [
    'raw between the format and its file: the header and the directory come through it',
    [
      add({
        driver: 'qcow2',
        'node-name': 'm',
        file: { driver: 'raw', file: { driver: 'file', filename: 'sub/mid.qcow2' } },
      }),
    ],
  ],
  ['a json: backing name beats the inherited cache.direct', [qcow2('top', 'top2.qcow2', { cache: { direct: true } })]],
  [
    'a json: backing name may even open the backing file writable',
    [qcow2('top', 'jrw.qcow2', { cache: { direct: true } })],
  ],
  [
    'a json: backing name is opened from the working directory',
    [qcow2('top', 'sub/jt.qcow2', { cache: { direct: true } })],
  ],
  [
    'a json: backing name may name the node: busy as a backing file, yet a reference',
    [
      qcow2('top', 'jn.qcow2', { cache: { direct: true } }),
      del('jb'),
      add({ driver: 'raw', 'node-name': 'r', file: 'jb' }),
    ],
  ],
  ['backing: null opens no backing file', [qcow2('top', 'top.qcow2', { backing: null })]],
  [
    'a referenced backing opens no backing file',
    [qcow2('b', 'base.qcow2'), qcow2('top', 'top.qcow2', { backing: 'b' })],
  ],
  ['read-only reaches the whole chain', [qcow2('top', 'top3.qcow2', { 'read-only': true })]],
  ['cache options reach the whole chain', [qcow2('top', 't4.qcow2', { cache: { direct: true, 'no-flush': true } })]],
  [
    'force-share with read-only reaches the whole chain',
    [qcow2('top', 'top.qcow2', { 'read-only': true, 'force-share': true })],
  ],
  [
    'detect-zeroes and discard stay on the top node',
    [qcow2('top', 'top.qcow2', { 'detect-zeroes': 'unmap', discard: 'unmap' })],
  ],
  ['a qed image with a qcow2 backing file', [open('qed', 'q', 'q.qed', { cache: { direct: true } })]],
  ['a vmdk chain', [open('vmdk', 'v', 'vchild.vmdk', { 'read-only': true })]],
  ['a qcow image records no backing format: it is probed', [open('qcow', 'q', 'v1.qcow')]],
  ['a qcow2 image without a recorded backing format: it is probed', [qcow2('top', 'nofmt.qcow2')]],
  ['a raw backing file, its format recorded', [qcow2('top', 'rawback.qcow2')]],
  ['a raw backing file found by probing', [qcow2('top', 'rawprobe.qcow2')]],
  [
    'a missing backing file is refused, and nothing stays',
    [qcow2('top', 'sub/broken.qcow2'), qcow2('top', 'top.qcow2')],
  ],
  ['a backing file not in its recorded format is refused', [qcow2('top', 'wrongfmt.qcow2')]],
  [
    'an image not in the format given is refused',
    [
      qcow2('a', 'r.raw'),
      open('qed', 'b', 'r.raw'),
      open('vmdk', 'c', 'r.raw'),
      add({ driver: 'qcow2', 'node-name': 'd', file: { driver: 'null-co' } }),
    ],
  ],
  [
    'a missing image is refused',
    [qcow2('a', 'nope.qcow2'), add({ driver: 'file', 'node-name': 'f', filename: 'sub/nope' })],
  ],
  ['two images share one backing file', [qcow2('top', 'top.qcow2'), qcow2('other', 'other.qcow2')]],
  [
    'blockdev-del takes the chain with its node; the image opens again',
    [qcow2('top', 'top3.qcow2'), del('top'), qcow2('top', 'top3.qcow2')],
  ],
  // b is read-only: a writable b would hold base.qcow2's write lock, and QEMU would refuse o's backing
  // file ("Failed to get shared "write" lock"; image locking is not simulated).
  [
    'an overlay whose header named a backing file already has one',
    [
      qcow2('b', 'base.qcow2', { 'read-only': true }),
      qcow2('o', 'top.qcow2'),
      { execute: 'blockdev-snapshot', arguments: { node: 'b', overlay: 'o' } },
    ],
  ],
];

let dir = '';

/** The images of CASES: chains with relative names, json: names, qed, vmdk, qcow, raw, missing and mistyped backing files. */
async function makeImages(): Promise<void> {
  const over = (backing: string, backingFmt: string) => ({ backing, backingFmt });
  for (const name of ['base.qcow2', 'sub/base.qcow2', 'deep/er/b.qcow2', 'jb.qcow2', 'sub/nothere.qcow2']) {
    await createImage(dir, name, 'qcow2');
  }
  await createImage(dir, 'r.raw', 'raw', { size: '1M' });
  await createImage(dir, 'top.qcow2', 'qcow2', over('base.qcow2', 'qcow2'));
  await createImage(dir, 'other.qcow2', 'qcow2', over('base.qcow2', 'qcow2'));
  await createImage(dir, 'sub/mid.qcow2', 'qcow2', over('base.qcow2', 'qcow2'));
  await createImage(dir, 'top3.qcow2', 'qcow2', over('sub/mid.qcow2', 'qcow2'));
  await createImage(dir, 'deep/m.qcow2', 'qcow2', over('er/b.qcow2', 'qcow2'));
  await createImage(dir, 't3.qcow2', 'qcow2', over('deep/m.qcow2', 'qcow2'));
  await createImage(dir, 't4.qcow2', 'qcow2', over('t3.qcow2', 'qcow2'));
  await createImage(dir, 'top2.qcow2', 'qcow2', over(jsonBacking('jb.qcow2'), 'qcow2'));
  await createImage(dir, 'sub/jt.qcow2', 'qcow2', over(jsonBacking('jb.qcow2'), 'qcow2'));
  await createImage(dir, 'jn.qcow2', 'qcow2', over(jsonBacking('base.qcow2', { 'node-name': 'jb' }), 'qcow2'));
  await createImage(dir, 'q.qed', 'qed', over('base.qcow2', 'qcow2'));
  await createImage(dir, 'v.vmdk', 'vmdk');
  await createImage(dir, 'vchild.vmdk', 'vmdk', over('v.vmdk', 'vmdk'));
  // qcow (version 1) keeps the backing name but not its format
  await createImage(dir, 'v1.qcow', 'qcow', over('base.qcow2', 'qcow2'));
  await createImage(dir, 'nofmt.qcow2', 'qcow2', over('base.qcow2', 'qcow2'));
  forgetBackingFormat(dir, 'nofmt.qcow2');
  await createImage(dir, 'rawback.qcow2', 'qcow2', { ...over('r.raw', 'raw'), size: '1M' });
  await createImage(dir, 'rawprobe.qcow2', 'qcow2', { ...over('r.raw', 'raw'), size: '1M' });
  forgetBackingFormat(dir, 'rawprobe.qcow2');
  await createImage(dir, 'sub/broken.qcow2', 'qcow2', over('nothere.qcow2', 'qcow2'));
  await rm(join(dir, 'sub/nothere.qcow2'));
  // unchecked: qemu-img would refuse a backing file not in the recorded format, or one opened writable
  await createImage(dir, 'wrongfmt.qcow2', 'qcow2', { ...over('r.raw', 'qcow2'), unchecked: true });
  await createImage(dir, 'jrw.qcow2', 'qcow2', {
    ...over(jsonBacking('jb.qcow2', { 'read-only': false }), 'qcow2'),
    unchecked: true,
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blockgraph-backing-'));
  await makeImages();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(CASES)('%s', (_name, script) => {
  it('simulateQmp with the images opens what qemu-storage-daemon opens', async () => {
    await expectScriptAgreesIn(script, dir, fileImages(dir));
  });
});

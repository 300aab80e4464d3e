import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { JsonObject, QmpCommand } from '../../model/index.ts';
import { fileImages } from '../fileImages.ts';
import { expectDriveLineAgrees } from './driveFixture.ts';
import { createImage } from './images.ts';
import { add } from './qmpCommands.ts';
import { expectScriptAgreesIn } from './scriptCases.ts';

/**
 * Node-names and references in json: backing names, which the open simulation looks up by name
 * (src/model/open/openState.ts: `names`, nodeNamed, isNodeName) over the nodes it opened and, for
 * blockdev-add, over the document (implicitBacking.ts: documentBase). QEMU's rules: block.c:
 * bdrv_assign_node_name (a node-name taken by a node or a BlockBackend is refused), called from
 * bdrv_open_common after bdrv_open_inherit opened the `file` child (so a node is not found by its
 * name while its file child opens, and a name its file subtree took first is the node's
 * duplicate), bdrv_lookup_bs (a reference finds a BlockBackend, then a node),
 * block-backend.c: monitor_add_blk (a drive id taken by a node-name is refused).
 */

/** A json: backing name: a qcow2 node whose file child is `file` (inline options or a reference). */
const jsonBacking = (file: JsonObject | string, extra: JsonObject = {}) =>
  `json:${JSON.stringify({ driver: 'qcow2', ...extra, file })}`;
const onFile = (filename: string, extra: JsonObject = {}): JsonObject => ({ driver: 'file', filename, ...extra });

/** The images: overlays whose json: backing names carry node-names or reference nodes by name. */
const IMAGES: readonly (readonly [string, string])[] = [
  // the backing node is named x
  ['jx.qcow2', jsonBacking(onFile('base.qcow2'), { 'node-name': 'x' })],
  ['jx2.qcow2', jsonBacking(onFile('base2.qcow2'), { 'node-name': 'x' })],
  // the backing node's file child is named x
  ['jfx.qcow2', jsonBacking(onFile('base.qcow2', { 'node-name': 'x' }))],
  // the backing node and its file child are both named x
  ['jxx.qcow2', jsonBacking(onFile('base.qcow2', { 'node-name': 'x' }), { 'node-name': 'x' })],
  // the backing node, named x, opens jx.qcow2, whose backing node is named x too
  ['jnest.qcow2', jsonBacking(onFile('jx.qcow2'), { 'node-name': 'x' })],
  // the backing node, named y, opens jx.qcow2: a chain of two named nodes
  ['jchain.qcow2', jsonBacking(onFile('jx.qcow2'), { 'node-name': 'y' })],
  // the backing node's file child is the node (or BlockBackend) named f
  ['jref.qcow2', jsonBacking('f')],
  // the backing node, named x, gives x as its own file child
  ['jself.qcow2', jsonBacking('x', { 'node-name': 'x' })],
  // the backing node, named x, is over a qcow2 file child whose header names a backing node x
  ['jinner.qcow2', jsonBacking({ driver: 'qcow2', file: onFile('jx.qcow2') }, { 'node-name': 'x' })],
];

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blockgraph-header-names-'));
  await createImage(dir, 'base.qcow2', 'qcow2');
  await createImage(dir, 'base2.qcow2', 'qcow2');
  // unchecked: qemu-img would open the backing file (which may be a reference) to find its size
  for (const [name, backing] of IMAGES) {
    await createImage(dir, name, 'qcow2', { backing, backingFmt: 'qcow2', unchecked: true, size: '1M' });
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const qcow2 = (name: string, image: string, extra: JsonObject = {}) =>
  add({ driver: 'qcow2', 'node-name': name, file: onFile(image), ...extra });

/** QMP scripts, each run by simulateQmp and by qemu-storage-daemon. */
const SCRIPTS: readonly (readonly [string, QmpCommand[]])[] = [
  ['a header-opened node takes a node-name', [qcow2('top', 'jx.qcow2')]],
  ['a header-opened file child takes a node-name', [qcow2('top', 'jfx.qcow2')]],
  [
    "the document's node-name is refused to a header-opened node",
    [qcow2('x', 'base2.qcow2', { 'read-only': true }), qcow2('top', 'jx.qcow2')],
  ],
  [
    "the document's node-name is refused to a header-opened file child",
    [add({ driver: 'null-co', 'node-name': 'x' }), qcow2('top', 'jfx.qcow2')],
  ],
  ["the overlay's own node-name is refused to its backing node", [qcow2('x', 'jx.qcow2')]],
  [
    'a header-opened node-name is refused to the next blockdev-add',
    [qcow2('top', 'jx.qcow2'), qcow2('x', 'jfx.qcow2')],
  ],
  [
    'a header-opened node-name is refused to a header-opened node of a later command',
    [qcow2('top', 'jx.qcow2'), qcow2('top2', 'jx2.qcow2')],
  ],
  ['a json: node and its file child may not share a node-name', [qcow2('top', 'jxx.qcow2')]],
  ['two named nodes in one header chain', [qcow2('top', 'jchain.qcow2')]],
  ['a node-name taken further up the same header chain is refused', [qcow2('top', 'jnest.qcow2')]],
  ['a json: backing name may not name a node that is not there', [qcow2('top', 'jref.qcow2')]],
  ['a json: backing node is not named yet when its file child is opened', [qcow2('top', 'jself.qcow2')]],
  ['a json: backing node takes its name after its file child took it', [qcow2('top', 'jinner.qcow2')]],
];

describe.each(SCRIPTS)('QMP: %s', (_name, script) => {
  it('simulateQmp with the images accepts, refuses and opens what qemu-storage-daemon does', async () => {
    await expectScriptAgreesIn(script, dir, fileImages(dir));
  });
});

/** Command lines, each run by qemu-system-x86_64 and predicted by resolveCommandLine. */
const LINES: readonly string[] = [
  '-drive file=jx.qcow2,if=none -drive file=jfx.qcow2,if=none,id=d1',
  '-drive file=jx.qcow2,if=none,node-name=x',
  '-blockdev driver=null-co,node-name=x -drive file=jx.qcow2,if=none',
  '-drive file=jx.qcow2,if=none -drive file=jx2.qcow2,if=none,id=d1',
  '-drive file=jxx.qcow2,if=none',
  '-drive file=jchain.qcow2,if=none',
  '-drive file=jnest.qcow2,if=none',
  // BlockBackend names and node-names share one namespace
  '-drive if=none,id=x,driver=null-co -drive file=jx.qcow2,if=none,id=d1',
  '-drive file=jx.qcow2,if=none,id=d0 -drive if=none,id=x,driver=null-co',
  '-drive file=jfx.qcow2,if=none,id=d0 -drive if=none,id=x,driver=null-co',
  // a reference finds a BlockBackend before a node
  '-blockdev driver=file,node-name=f,filename=base.qcow2,read-only=on -drive file=jref.qcow2,if=none',
  '-drive file=base.qcow2,if=none,id=f,readonly=on -drive file=jref.qcow2,if=none,id=d1',
  '-drive if=none,id=f -drive file=jref.qcow2,if=none,id=d1',
  '-drive file=jref.qcow2,if=none',
  '-drive file=jself.qcow2,if=none',
  '-drive file=jinner.qcow2,if=none',
  '-drive file=jx.qcow2,if=none,node-name=x,file.driver=file',
];

describe.each(LINES)('command line: %s', (line) => {
  it('is accepted or refused as QEMU does, and builds what QEMU builds', async () => {
    await expectDriveLineAgrees(line, dir);
  });
});

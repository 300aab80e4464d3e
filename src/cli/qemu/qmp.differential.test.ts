import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toQmpScript } from '../../export/index.ts';
import { EXAMPLES } from '../../model/fixtures/index.ts';
import { emptyGraph, resolveDocument, type BlockGraph, type JsonObject, type JsonValue } from '../../model/index.ts';
import { parseQmpScript, simulateQmp, type QmpCommand } from '../../model/qmp/index.ts';
import { diffStructures, documentStructure } from './compareGraph.ts';
import { runQmpScript, type QemuGraph } from './harness.ts';
import { createImage } from './images.ts';
import { describeScriptCases, type ScriptCase } from './scriptCases.ts';
import { add, del, reopen } from './qmpCommands.ts';

/** A QMP script run both in simulateQmp and in qemu-storage-daemon; `images` are qcow2 files it opens. */
type Case = ScriptCase;

const nul = (name: string, extra: JsonObject = {}): QmpCommand =>
  add({ driver: 'null-co', 'node-name': name, ...extra });
const raw = (name: string, file: JsonValue, extra: JsonObject = {}): QmpCommand =>
  add({ driver: 'raw', 'node-name': name, file, ...extra });
const obj = (qomType: string, id: string, props: JsonObject = {}): QmpCommand => ({
  execute: 'object-add',
  arguments: { 'qom-type': qomType, id, ...props },
});
const odel = (id: string): QmpCommand => ({ execute: 'object-del', arguments: { id } });
const snap = (node: string, overlay: string): QmpCommand => ({
  execute: 'blockdev-snapshot',
  arguments: { node, overlay },
});
const qcow2 = (name: string, image: string, extra: JsonObject = {}): QmpCommand =>
  add({
    driver: 'qcow2',
    'node-name': name,
    file: { driver: 'file', filename: image, 'node-name': `${name}-f` },
    ...extra,
  });
const inlineNull = { driver: 'null-co' };
const tg = obj('throttle-group', 'tg', { limits: { 'iops-total': 100 } });
const thr = (name: string, group: string, file: JsonObject | string = inlineNull): QmpCommand =>
  add({ driver: 'throttle', 'node-name': name, 'throttle-group': group, file });
const quorum = (name: string, children: JsonValue[], threshold: number, extra: JsonObject = {}): QmpCommand =>
  add({ driver: 'quorum', 'node-name': name, children, 'vote-threshold': threshold, ...extra });

const fileNode = (filename: string, extra: JsonObject = {}): JsonObject => ({ driver: 'file', filename, ...extra });
/** A qcow2 node over a read-only file node: writable itself unless `extra` says otherwise. */
const roFileQcow2 = (image: string, extra: JsonObject = {}): JsonObject => ({
  driver: 'qcow2',
  file: fileNode(image, { 'read-only': true }),
  ...extra,
});
/** Fails to open: detect-zeroes=unmap with discard=ignore (a child would inherit discard=unmap). */
const dzIgnored = { driver: 'null-co', 'detect-zeroes': 'unmap', discard: 'ignore' };

const ACCEPTED: Case[] = [
  { name: 'a null-co node', script: [nul('n0')] },
  { name: 'an unnamed inline child gets an auto name', script: [raw('r', inlineNull)] },
  { name: 'a named inline child', script: [raw('r', { driver: 'null-co', 'node-name': 'n' })] },
  { name: 'a string child is a reference', script: [nul('n'), raw('r', 'n')] },
  { name: 'quorum with inline and referenced children', script: [nul('c1'), quorum('q', [inlineNull, 'c1'], 2)] },
  {
    name: 'quorum names the child it just defined',
    script: [quorum('q', [{ driver: 'null-co', 'node-name': 'c0' }, 'c0'], 1)],
  },
  { name: 'throttle over an existing group', script: [tg, thr('t', 'tg')] },
  {
    name: 'read-only and cache reach an inline child, not a referenced one',
    script: [
      nul('n'),
      raw('r', 'n', { 'read-only': true, cache: { direct: true } }),
      raw('s', inlineNull, { 'read-only': true, cache: { 'no-flush': true } }),
    ],
  },
  {
    name: 'detect-zeroes=unmap with discard=unmap, and in a child (children get discard=unmap)',
    script: [
      nul('a', { 'detect-zeroes': 'unmap', discard: 'unmap' }),
      raw('r', { driver: 'null-co', 'detect-zeroes': 'unmap' }),
    ],
  },
  {
    name: 'force-share with read-only passes down',
    script: [raw('r', { driver: 'null-co', 'node-name': 'n' }, { 'read-only': true, 'force-share': true })],
  },
  { name: 'a 31-character node-name', script: [nul('a'.repeat(31))] },
  { name: 'qcow2 with backing: null', script: [qcow2('q', 'q.qcow2', { backing: null })], images: ['q.qcow2'] },
  {
    name: 'qcow2 with a referenced backing keeps it writable',
    script: [qcow2('b', 'b.qcow2'), qcow2('q', 'q.qcow2', { backing: 'b' })],
    images: ['b.qcow2', 'q.qcow2'],
  },
  {
    name: 'qcow2 with an inline backing opens it read-only',
    script: [
      qcow2('q', 'q.qcow2', {
        backing: { driver: 'qcow2', 'node-name': 'b', file: { driver: 'file', filename: 'b.qcow2' } },
      }),
    ],
    images: ['b.qcow2', 'q.qcow2'],
  },
  {
    name: 'node-names and object ids are separate namespaces',
    script: [nul('x'), obj('throttle-group', 'x'), nul('y')],
  },
];

const REJECTED_ADD: Case[] = [
  { name: 'root node-name is mandatory', script: [add({ driver: 'null-co' })] },
  { name: 'invalid root node-name', script: [nul('1a')] },
  { name: 'empty node-name', script: [nul('')] },
  {
    name: 'the file child is opened before its parent is named',
    script: [raw('1a', { driver: 'null-co', 'node-name': '2b' })],
  },
  { name: 'node name too long (32)', script: [nul('a'.repeat(32))] },
  { name: 'duplicate node-name', script: [nul('a'), nul('a')] },
  {
    name: 'duplicate between parent and its inline child',
    script: [raw('a', { driver: 'null-co', 'node-name': 'a' })],
  },
  { name: 'unknown driver names the bare member', script: [raw('r', { driver: 'nul' })] },
  { name: 'missing nested driver', script: [raw('r', { 'node-name': 'x' })] },
  {
    name: 'missing driver and wrong driver type',
    script: [add({ 'node-name': 'a' }), add({ driver: 5, 'node-name': 'a' })],
  },
  {
    name: 'boolean expected',
    script: [nul('a', { 'read-only': 1 }), raw('r', { driver: 'null-co', cache: { direct: 'yes' } })],
  },
  {
    name: 'integer, string and object expected',
    script: [raw('r', { driver: 'null-co', size: 'x' }), nul('a', { 'detect-zeroes': 3 }), nul('b', { cache: 5 })],
  },
  {
    name: 'bad enum values',
    script: [
      nul('a', { 'detect-zeroes': 'x' }),
      nul('b', { discard: 'on' }),
      raw('r', { driver: 'null-co', 'detect-zeroes': 'y' }),
    ],
  },
  {
    name: 'one unexpected member, then several (GLib hash order)',
    script: [
      nul('a', { xx: 1 }),
      nul('b', { xx: 1, yy: 2 }),
      nul('c', { aa: 1, bb: 2, cc: 3, dd: 4, ee: 5, ff: 6, gg: 7, hh: 8, ii: 9 }),
      nul('d', { zz: 1, y: 2, 'read-zeroes': true, size: 5 }),
    ],
  },
  {
    name: 'a nested struct is checked before later members',
    script: [nul('a', { cache: { x: 1 }, 'read-only': 5 }), nul('b', { zz: 1, 'read-only': 5 })],
  },
  {
    name: 'BlockdevRef and BlockdevRefOrNull type errors',
    script: [raw('r', 5), raw('r', null), raw('r', { driver: 'raw', file: 5 }), qcow2('q', 'q.qcow2', { backing: 5 })],
    images: ['q.qcow2'],
  },
  {
    name: 'list members',
    script: [
      quorum('q', [1], 1),
      quorum('q', [inlineNull, { 'node-name': 'x' }], 1),
      add({ driver: 'quorum', 'node-name': 'q', children: {}, 'vote-threshold': 1 }),
    ],
  },
  {
    name: 'missing mandatory members',
    script: [
      add({ driver: 'raw', 'node-name': 'r' }),
      add({ driver: 'quorum', 'node-name': 'q', children: [inlineNull] }),
    ],
  },
  {
    name: 'unknown reference, and a reference before its definition',
    script: [raw('r', 'zz'), raw('1a', 'zz'), quorum('q', ['c1', { driver: 'null-co', 'node-name': 'c1' }], 1)],
  },
  {
    name: 'quorum vote-threshold and children',
    script: [
      quorum('q', [], 1),
      quorum('q', [inlineNull], 0),
      quorum('q', [inlineNull], 2),
      quorum('1q', [inlineNull], 5),
    ],
  },
  {
    name: 'quorum children must be equally long (in whole sectors)',
    script: [
      quorum('q', [{ driver: 'null-co', size: 512 }, inlineNull], 1),
      quorum(
        'q',
        [
          { driver: 'null-co', size: 1000 },
          { driver: 'null-co', size: 1001 },
        ],
        1,
      ),
      quorum(
        'p',
        [
          { driver: 'null-co', size: 1024 },
          { driver: 'raw', size: 1024, file: inlineNull },
          { driver: 'raw', offset: 512, file: { driver: 'null-co', size: 1536 } },
        ],
        1,
      ),
      quorum('1x', [{ driver: 'null-co', size: 512 }, inlineNull], 1),
    ],
  },
  {
    name: 'quorum blkverify and rewrite-corrupted',
    script: [
      quorum('q', [inlineNull], 1, { blkverify: true }),
      quorum('q', [inlineNull, inlineNull], 2, { blkverify: true, 'rewrite-corrupted': true }),
      quorum('q', [inlineNull, inlineNull], 2, { blkverify: true }),
    ],
  },
  {
    name: 'throttle group must exist and be a throttle-group',
    script: [
      thr('t', 'tg'),
      obj('secret', 's', { data: 'x' }),
      thr('t', 's'),
      thr('t', 'nope', { driver: 'null-co', 'node-name': '1b' }),
    ],
  },
  {
    name: 'force-share without read-only',
    script: [
      nul('a', { 'force-share': true }),
      raw('r', { driver: 'null-co', 'read-only': false }, { 'read-only': true, 'force-share': true }),
      quorum('q', ['zz'], 1, { 'force-share': true }),
    ],
  },
  {
    name: 'detect-zeroes=unmap without discard=unmap, checked before the node-name',
    script: [
      nul('a', { 'detect-zeroes': 'unmap' }),
      nul('1a', { 'detect-zeroes': 'unmap' }),
      nul('b', { 'detect-zeroes': 'unmap', discard: 'ignore' }),
      raw('r', { driver: 'null-co', 'detect-zeroes': 'unmap', discard: 'ignore' }, { discard: 'unmap' }),
    ],
  },
  {
    // block.c: bdrv_open_child → bdrv_attach_child → bdrv_refresh_perms runs at every attach, before
    // the next sibling opens: a writable qcow2 takes write on its read-only file there.
    name: 'a permission error at an attach comes before a later sibling open error',
    script: [
      quorum('q', [roFileQcow2('a.qcow2'), dzIgnored], 1),
      quorum('q', [dzIgnored, roFileQcow2('a.qcow2')], 1),
      add({ driver: 'qcow2', 'node-name': 'q', file: fileNode('a.qcow2', { 'read-only': true }), backing: dzIgnored }),
      thr('t', 'nope', roFileQcow2('a.qcow2')),
      add({ driver: 'file', 'node-name': 'fb', filename: 'b.qcow2' }),
      add({ driver: 'qcow2', 'node-name': 'w', file: 'fb' }),
      quorum('q', [{ driver: 'qcow2', 'node-name': 'c0', file: 'fb' }, dzIgnored], 1),
      add({
        driver: 'qcow2',
        'node-name': 'o',
        file: fileNode('c.qcow2'),
        backing: {
          driver: 'quorum',
          'vote-threshold': 1,
          children: [roFileQcow2('a.qcow2', { 'read-only': false }), dzIgnored],
        },
      }),
    ],
    images: ['a.qcow2', 'b.qcow2', 'c.qcow2'],
  },
  {
    name: 'a child that would contain its parent is a cycle',
    script: [
      qcow2('q', 'q.qcow2', { backing: 'q' }),
      quorum('q', ['q'], 1),
      add({ driver: 'blkverify', 'node-name': 'v', raw: inlineNull, test: 'v' }),
      raw('r', { driver: 'raw', 'node-name': 'i', file: 'r' }),
    ],
    images: ['q.qcow2'],
  },
  {
    name: 'blkverify opens raw before test',
    script: [
      add({
        driver: 'blkverify',
        'node-name': 'v',
        test: { driver: 'null-co', 'node-name': '1t' },
        raw: { driver: 'null-co', 'node-name': '1r' },
      }),
      add({ driver: 'blkverify', 'node-name': '1v', test: { driver: 'null-co', 'node-name': 't' }, raw: inlineNull }),
    ],
  },
  {
    name: 'a failed blockdev-add leaves no inline child behind',
    script: [raw('1a', { driver: 'null-co', 'node-name': 'n' }), nul('n'), raw('r', 'n')],
  },
];

const DELETE: Case[] = [
  {
    name: 'delete a node with its inline children',
    script: [raw('r', { driver: 'raw', file: { driver: 'null-co', 'node-name': 'n' } }), del('r'), nul('n')],
  },
  {
    name: 'delete: not found, and missing or unexpected arguments',
    script: [
      del('zz'),
      { execute: 'blockdev-del', arguments: {} },
      { execute: 'blockdev-del', arguments: { 'node-name': 'a', force: true } },
    ],
  },
  {
    name: 'a referenced node is in use until its parent goes',
    script: [nul('n'), raw('r', 'n'), del('n'), del('r'), del('n')],
  },
  {
    name: 'an inline child is not owned by the monitor',
    script: [raw('r', { driver: 'null-co', 'node-name': 'n' }), del('n'), del('r'), del('n')],
  },
  {
    name: 'a backing node is busy (the newest parent is named)',
    script: [
      qcow2('b', 'b.qcow2'),
      qcow2('o', 'o.qcow2', { backing: 'b' }),
      qcow2('p', 'p.qcow2', { backing: 'b' }),
      del('b'),
      del('p'),
      del('b'),
      del('o'),
      del('b'),
    ],
    images: ['b.qcow2', 'o.qcow2', 'p.qcow2'],
  },
  {
    name: 'an inline child referenced elsewhere outlives its definer, keeps what it inherited, and stays unowned',
    script: [
      raw('q', { driver: 'null-co', 'node-name': 'pf' }, { 'read-only': true, cache: { direct: true } }),
      raw('r', 'pf'),
      del('q'),
      del('pf'),
      del('r'),
      nul('pf'),
    ],
  },
  {
    name: 'deleting in order: parents first',
    script: [
      nul('a'),
      nul('b'),
      quorum('q', ['a', 'b'], 1),
      raw('r', 'q'),
      del('q'),
      del('r'),
      del('q'),
      del('a'),
      del('b'),
    ],
  },
];

const OBJECTS: Case[] = [
  {
    name: 'throttle-group: duplicate id, invalid id, missing members, unknown type',
    script: [
      tg,
      tg,
      obj('throttle-group', '1t'),
      { execute: 'object-add', arguments: { id: 'x' } },
      { execute: 'object-add', arguments: { 'qom-type': 'secret', data: 'x' } },
      obj('foo', 'f'),
    ],
  },
  {
    name: 'object-del: not found, in use, then free',
    script: [tg, thr('t', 'tg'), odel('nope'), odel('tg'), del('t'), odel('tg'), odel('tg'), tg],
  },
  {
    name: 'secret: data, file, format',
    script: [
      obj('secret', 's0'),
      obj('secret', 's0', { data: 'a', file: '/nonexistent' }),
      obj('secret', 's0', { data: '!!', format: 'base64' }),
      obj('secret', 's0', { data: 'YWJj', format: 'base64' }),
      obj('secret', 's0', { data: 'x' }),
      obj('secret', 's1', { data: 'x', keyid: 'nope' }),
      obj('secret', 's1', { data: 'x', keyid: 'tg' }),
      obj('secret', 's1', { data: 'x', iv: 'y' }),
    ],
  },
  {
    name: 'invalid limits are refused before a duplicate id',
    script: [tg, obj('throttle-group', 'tg', { limits: { 'iops-total': 10, 'iops-read': 5 } }), obj('secret', 'tg')],
  },
  {
    name: 'throttle limits validation',
    script: [
      { 'iops-total': -1 },
      { 'iops-total-max': 10 },
      { 'iops-total-max': 10, 'iops-total': 20 },
      { 'iops-total-max-length': 0 },
      { 'iops-total-max-length': 5 },
      { 'iops-size': 5 },
      { 'bps-total-max-length': 4294967296 },
      { 'bps-total': 100, 'bps-total-max': 1000000000, 'bps-total-max-length': 10000000 },
      { 'bps-read': 1, 'bps-write-max': 5, 'bps-write': 1 },
    ].map((limits) => obj('throttle-group', 't', { limits })),
  },
  {
    name: 'unstable x- throttle properties',
    script: [
      obj('throttle-group', 'a', { 'x-iops-total': -1 }),
      obj('throttle-group', 'a', { 'x-iops-total-max-length': 4294967296 }),
      obj('throttle-group', 'a', { 'x-iops-total-max': 5 }),
      obj('throttle-group', 'a', { 'x-iops-total': 5, limits: { 'iops-read': 5 } }),
      obj('throttle-group', 'a', { 'x-iops-total': 5, 'x-iops-total-max': 10 }),
    ],
  },
];

/** A script read from text the way the CLI and the editor read it. */
function parsed(text: string): QmpCommand[] {
  const result = parseQmpScript(text);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.value;
}

const MIXED: Case[] = [
  {
    name: 'a JSON-lines text read by parseQmpScript (handshake dropped, a later qmp_capabilities kept)',
    script: parsed(
      [
        '{"execute": "qmp_capabilities"}',
        '',
        '{"execute": "blockdev-add", "arguments": {"driver": "null-co", "node-name": "n"}}',
        '{"execute": "qmp_capabilities", "id": 3}',
        '{"execute": "blockdev-add",',
        ' "arguments": {"driver": "raw", "node-name": "r", "file": "n"}}',
      ].join('\n'),
    ),
  },
  {
    name: 'unknown command and a second qmp_capabilities',
    script: [{ execute: 'foo' }, { execute: 'qmp_capabilities' }, nul('a')],
  },
  {
    name: 'a failing command in the middle changes nothing',
    script: [nul('a'), raw('r', 'zz'), raw('r', 'a'), nul('a'), del('r'), del('a')],
  },
  {
    name: 'graph built, torn down, rebuilt',
    script: [
      tg,
      nul('n'),
      thr('t', 'tg', 'n'),
      quorum('q', ['t', inlineNull], 1),
      del('q'),
      del('t'),
      odel('tg'),
      del('n'),
      tg,
      thr('t', 'tg', 'n'),
      nul('n'),
      thr('t', 'tg', 'n'),
    ],
  },
  {
    name: 'blockdev-snapshot: overlay gets the parents, node becomes read-only',
    script: [
      qcow2('b', 'b.qcow2'),
      raw('r', 'b'),
      qcow2('o', 'o.qcow2', { backing: null }),
      snap('b', 'o'),
      snap('b', 'o'),
      del('b'),
    ],
    images: ['b.qcow2', 'o.qcow2'],
  },
  {
    name: 'blockdev-snapshot of an inline child: it stays unowned and goes with the overlay',
    script: [
      raw('r', { driver: 'null-co', 'node-name': 'n' }, { cache: { direct: true } }),
      qcow2('o', 'o.qcow2', { backing: null }),
      snap('n', 'o'),
      del('n'),
      del('r'),
      del('o'),
      nul('n'),
    ],
    images: ['o.qcow2'],
  },
  {
    name: 'blockdev-snapshot: read-only reaches inline children without their own read-only=off',
    script: [
      qcow2('b', 'b.qcow2', { file: { driver: 'file', filename: 'b.qcow2', 'read-only': false } }),
      qcow2('c', 'c.qcow2'),
      qcow2('o', 'o.qcow2', { backing: null }),
      qcow2('p', 'p.qcow2', { backing: null }),
      snap('b', 'o'),
      snap('c', 'p'),
    ],
    images: ['b.qcow2', 'c.qcow2', 'o.qcow2', 'p.qcow2'],
  },
  {
    name: 'blockdev-snapshot: force-share on the node or its inline child makes the read-only reopen fail, silently',
    script: [
      qcow2('b', 'b.qcow2', { 'force-share': false }),
      qcow2('c', 'c.qcow2', { file: { driver: 'file', filename: 'c.qcow2', 'force-share': false } }),
      qcow2('o', 'o.qcow2', { backing: null }),
      qcow2('p', 'p.qcow2', { backing: null }),
      snap('b', 'o'),
      snap('c', 'p'),
    ],
    images: ['b.qcow2', 'c.qcow2', 'o.qcow2', 'p.qcow2'],
  },
  {
    name: 'blockdev-snapshot after a reopen that named the file child: the child inherits read-only again',
    script: [
      qcow2('b', 'b.qcow2'),
      reopen({ driver: 'qcow2', 'node-name': 'b', file: 'b-f' }),
      qcow2('o', 'o.qcow2', { backing: null }),
      snap('b', 'o'),
    ],
    images: ['b.qcow2', 'o.qcow2'],
  },
  {
    name: 'blockdev-snapshot: a node QEMU cannot reopen stays writable',
    script: [
      quorum('q', [inlineNull], 1),
      raw('r', { driver: 'copy-on-read', file: inlineNull }),
      qcow2('o', 'o.qcow2', { backing: null }),
      qcow2('p', 'p.qcow2', { backing: null }),
      snap('q', 'o'),
      snap('r', 'p'),
    ],
    images: ['o.qcow2', 'p.qcow2'],
  },
  {
    name: 'blockdev-snapshot refusals',
    script: [
      qcow2('b', 'b.qcow2'),
      nul('n'),
      raw('r', inlineNull),
      tg,
      thr('t', 'tg'),
      qcow2('o', 'o.qcow2'),
      snap('zz', 'o'),
      snap('b', 'zz'),
      snap('b', 'r'),
      snap('b', 'n'),
      snap('b', 't'),
      snap('b', 'o-f'),
      snap('b', 'b'),
    ],
    images: ['b.qcow2', 'o.qcow2'],
  },
  {
    name: 'blockdev-snapshot would make a cycle',
    script: [qcow2('o', 'o.qcow2', { backing: null }), raw('r', 'o'), snap('r', 'o')],
    images: ['o.qcow2'],
  },
  {
    name: 'blockdev-snapshot: an overlay that already has a backing child',
    script: [qcow2('b', 'b.qcow2'), qcow2('c', 'c.qcow2'), qcow2('o', 'o.qcow2', { backing: 'c' }), snap('b', 'o')],
    images: ['b.qcow2', 'c.qcow2', 'o.qcow2'],
  },
];

/** Keys from a fixed pseudo-random sequence, to check which unexpected key QEMU names (GLib hash order). */
function randomKeys(seed: number, count: number): string[] {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz-._0123456789ABCZé';
  let state = seed;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  return Array.from(
    { length: count },
    () => `k${Array.from({ length: 1 + next(9) }, () => alphabet[next(alphabet.length)]).join('')}`,
  );
}

const HASH_ORDER: Case[] = [
  {
    name: 'which of many unexpected keys is named, with valid members mixed in',
    script: Array.from({ length: 40 }, (_, i) => {
      const keys = Object.fromEntries(randomKeys(i + 1, 1 + (i % 14)).map((k) => [k, 1]));
      return nul(`n${String(i)}`, {
        ...keys,
        ...(i % 3 === 0 ? { 'read-zeroes': true, size: 512, cache: { direct: false } } : {}),
      });
    }),
  },
  {
    name: 'several unexpected keys in a nested struct and in object-add',
    script: [
      raw('r', { driver: 'null-co', cache: { a: 1, b: 2, c: 3, direct: true } }),
      obj('throttle-group', 't', { limits: { x: 1, y: 2, 'iops-total': 1, z: 3 } }),
      obj('secret', 's', { data: 'x', foo: 1, bar: 2 }),
    ],
  },
];

/**
 * Seeded random scripts over null-co, raw, quorum and throttle (no files, so no permission or
 * image questions). References never name a quorum that is still being opened: qemu-storage-daemon
 * 7.2 dies with SIGSEGV on `{"driver": "quorum", "node-name": "a", "vote-threshold": 1,
 * "children": [{"driver": "raw", "file": "a"}]}` instead of replying.
 */
function randomScripts(count: number): Case[] {
  let state = 2024;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  const pick = <T>(items: readonly T[]): T => items[next(items.length)] as T;
  const options = (): JsonObject => ({
    ...(next(4) === 0 ? { 'read-only': next(2) === 0 } : {}),
    ...(next(12) === 0 ? { 'force-share': true } : {}),
    ...(next(8) === 0 ? { 'detect-zeroes': pick(['on', 'unmap']) } : {}),
    ...(next(6) === 0 ? { discard: pick(['unmap', 'ignore']) } : {}),
    ...(next(5) === 0 ? { cache: { direct: next(2) === 0, 'no-flush': next(2) === 0 } } : {}),
  });
  const drivers = ['null-co', 'raw', 'quorum', 'throttle'] as const;
  const node = (depth: number, refs: readonly string[], driver = depth > 2 ? 'null-co' : pick(drivers)): JsonObject => {
    const child = (): JsonValue => (next(3) === 0 ? pick(refs) : node(depth + 1, refs));
    const named = next(2) === 0 ? { 'node-name': pick(['d', 'e', 'f', '1x']) } : {};
    if (driver === 'raw') return { driver, ...named, ...options(), file: child() };
    if (driver === 'throttle')
      return { driver, ...named, ...options(), 'throttle-group': pick(['tg', 'tg2']), file: child() };
    if (driver === 'quorum') {
      return {
        driver,
        ...named,
        ...options(),
        'vote-threshold': pick([0, 1, 1, 2]),
        children: Array.from({ length: pick([0, 1, 2, 2, 3]) }, child),
      };
    }
    return { driver, ...named, ...options(), ...(next(3) === 0 ? { size: pick([512, 1000, 1024, 4096]) } : {}) };
  };
  const command = (): QmpCommand => {
    const roll = next(10);
    const name = pick(['a', 'b', 'c']);
    if (roll < 6) {
      const driver = pick(drivers);
      const refs = ['a', 'b', 'c', 'zz'].filter((r) => driver !== 'quorum' || r !== name);
      return add({ ...node(0, refs, driver), 'node-name': name });
    }
    if (roll < 8) return del(name);
    return roll < 9 ? obj('throttle-group', pick(['tg', 'tg2'])) : odel(pick(['tg', 'tg2']));
  };
  return Array.from({ length: count }, (_, i) => ({
    name: `seeded random script #${String(i)}`,
    script: Array.from({ length: 3 + next(8) }, command),
  }));
}

const CASES: readonly Case[] = [
  ...ACCEPTED,
  ...REJECTED_ADD,
  ...DELETE,
  ...OBJECTS,
  ...MIXED,
  ...HASH_ORDER,
  ...randomScripts(40),
];

describeScriptCases(CASES, 'blockgraph-qmp-');

/** What a document resolves to, in a comparable order. */
function resolvedNodes(doc: BlockGraph) {
  return resolveDocument(doc).nodes.sort((a, b) => a['node-name'].localeCompare(b['node-name']));
}

describe.each(EXAMPLES.map((e) => [e.id, e.build] as const))('example %s', (_id, build) => {
  it('is rebuilt by simulating its exported QMP script', () => {
    const doc = build();
    const script = toQmpScript(doc);
    if (!script.ok) throw new Error(script.diagnostics.map((d) => d.message).join('\n'));
    const sim = simulateQmp(emptyGraph(), script.value);
    expect(sim.replies.filter((r) => 'error' in r)).toEqual([]);
    expect(diffStructures(documentStructure(sim.graph), documentStructure(doc), ['simulation', 'document'])).toEqual(
      [],
    );
    expect(resolvedNodes(sim.graph)).toEqual(resolvedNodes(doc));
  });
});

/**
 * A QEMU fact the simulation does not model yet (simulateQmp recomputes every edge after
 * blockdev-snapshot): block.c: bdrv_append → bdrv_replace_node_noperm moves the parents' edges to
 * the overlay with the perm and shared they took on the node, and bdrv_refresh_perms(overlay)
 * refreshes only the overlay's subtree. So a parent's edge does not share everything with a
 * force-share overlay (bdrv_child_perm would give it BLK_PERM_ALL), and the overlay's backing edge
 * follows that stale edge.
 */
describe('blockdev-snapshot keeps the perms the parents took on the node (QEMU 7.2)', () => {
  const setUp: QmpCommand[] = [
    add({ driver: 'file', 'node-name': 'n', filename: 'a.qcow2', 'read-only': true }),
    add({ driver: 'qcow2', 'node-name': 'p', file: 'n', 'read-only': true }),
    add({
      driver: 'qcow2',
      'node-name': 'o',
      'read-only': true,
      'force-share': true,
      file: fileNode('c.qcow2', { 'read-only': true }),
    }),
  ];
  const run = async (script: QmpCommand[]): Promise<QemuGraph> => {
    const dir = await mkdtemp(join(tmpdir(), 'blockgraph-qmp-'));
    try {
      await Promise.all(['a.qcow2', 'c.qcow2'].map((name) => createImage(dir, name, 'qcow2')));
      const result = await runQmpScript(script, { cwd: dir });
      expect(result.replies.map((r) => r.error)).toEqual(script.map(() => null));
      return result.graph;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  const edge = (graph: QemuGraph, parent: string, name: string) =>
    graph.edges.find((e) => e.parent === parent && e.name === name);

  it('the parent edge moved to the overlay keeps its perm and shared', async () => {
    const before = edge(await run(setUp), 'p', 'file');
    const after = await run([...setUp, snap('n', 'o')]);
    expect(before?.child).toBe('n');
    expect(edge(after, 'p', 'file')).toEqual({ ...before, child: 'o' });
    expect(edge(after, 'p', 'file')?.['shared-perm']).not.toContain('write');
    expect(edge(after, 'o', 'backing')?.['shared-perm']).toEqual(['consistent-read', 'write-unchanged']);
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { emptyGraph, resolveDocument, simulateQmp, type JsonObject, type JsonValue } from '../../model/index.ts';
import type { QmpCommand } from '../../model/qmp/index.ts';
import { diffResolved } from './compareResolved.ts';
import { runQmpScript } from './harness.ts';
import { HOLDS_CASES } from './reopenHoldsCases.ts';
import { INHERIT_CASES } from './reopenInheritCases.ts';
import { add, del, file, nul, qcow2, raw, reopen } from './qmpCommands.ts';
import { describeScriptCases, type ScriptCase } from './scriptCases.ts';

/** A QMP script run both in simulateQmp and in qemu-storage-daemon; `images` are qcow2 files it opens. */
type Case = ScriptCase;

const change = (args: JsonObject): QmpCommand => ({ execute: 'x-blockdev-change', arguments: args });
const tg: QmpCommand = { execute: 'object-add', arguments: { 'qom-type': 'throttle-group', id: 'tg' } };
const thr = (name: string, child: JsonValue, group = 'tg'): JsonObject => ({
  driver: 'throttle',
  'node-name': name,
  'throttle-group': group,
  file: child,
});
const quorum = (name: string, children: JsonValue[], threshold: number): JsonObject => ({
  driver: 'quorum',
  'node-name': name,
  children,
  'vote-threshold': threshold,
});
/** qcow2 `q` over a separately added file node `f` of q.qcow2, writable: it takes write on `f`. */
const qOverF = [add(file('f', 'q.qcow2')), add(qcow2('q', 'f'))];

const REOPEN: Case[] = [
  { name: 'same options again', script: [add(nul('n')), reopen(nul('n'))] },
  { name: 'a driver option left out cannot be reset', script: [add(nul('n', { size: 4096 })), reopen(nul('n'))] },
  {
    name: 'generic options left out reset to defaults',
    script: [add(nul('n', { 'read-only': true, cache: { direct: true }, 'detect-zeroes': 'on' })), reopen(nul('n'))],
  },
  {
    name: 'cache and detect-zeroes change',
    script: [add(nul('n')), reopen(nul('n', { cache: { direct: true, 'no-flush': true }, 'detect-zeroes': 'on' }))],
  },
  {
    name: 'read-only toggled twice',
    script: [add(nul('n')), reopen(nul('n', { 'read-only': true })), reopen(nul('n'))],
  },
  { name: 'driver cannot change', script: [add(nul('n')), reopen({ driver: 'null-aio', 'node-name': 'n' })] },
  {
    name: 'raw to null-co: the file child is no option',
    script: [add(nul('n')), add(raw('r', 'n')), reopen(nul('r'))],
  },
  {
    name: 'a non-mutable driver option cannot change',
    script: [add(nul('n')), reopen(nul('n', { 'read-zeroes': true }))],
  },
  {
    name: 'unknown node and missing node-name',
    script: [add(nul('n')), reopen(nul('zz')), reopen({ driver: 'null-co' })],
  },
  {
    name: 'QAPI checks the options',
    script: [add(nul('n')), reopen(raw('n', 'n', { backing: 'n' })), reopen(nul('n', { size: 'x' }))],
  },
  {
    name: 'raw size is mutable',
    script: [
      add(nul('n')),
      add(raw('r', 'n', { size: 512 })),
      reopen(raw('r', 'n')),
      reopen(raw('r', 'n', { offset: 512 })),
    ],
  },
  {
    name: 'quorum cannot be reopened',
    script: [add(nul('a')), add(quorum('qu', ['a'], 1)), reopen(quorum('qu', ['a'], 1))],
  },
  {
    name: 'copy-on-read cannot be reopened',
    script: [
      add(nul('a')),
      add({ driver: 'copy-on-read', 'node-name': 'c', file: 'a' }),
      reopen({ driver: 'copy-on-read', 'node-name': 'c', file: 'a' }),
    ],
  },
  {
    name: 'throttle: group change and unknown group',
    script: [
      tg,
      { execute: 'object-add', arguments: { 'qom-type': 'throttle-group', id: 'tg2' } },
      add(nul('a')),
      add(thr('t', 'a')),
      reopen(thr('t', 'a', 'tg2')),
      reopen(thr('t', 'a', 'zz')),
    ],
  },
  {
    name: 'swap file to another node, unknown node, cycle',
    script: [
      add(nul('a')),
      add(nul('b')),
      add(raw('r', 'a')),
      reopen(raw('r', 'b')),
      reopen(raw('r', 'zz')),
      reopen(raw('r', 'r')),
    ],
  },
  {
    name: 'a format node without a file child cannot get one',
    script: [add(nul('a')), add(nul('b')), reopen(raw('a', 'b'))],
  },
  {
    name: 'an inline child given as a dict on a referenced child',
    script: [add(nul('a')), add(raw('r', 'a')), reopen(raw('r', { driver: 'null-co' }))],
  },
  {
    name: 'an inline child reopened as a dict, renamed, changed',
    script: [
      add(raw('s', nul('sf'), { cache: { direct: true } })),
      reopen(raw('s', { driver: 'null-co', 'node-name': 'sf' })),
      reopen(raw('s', { driver: 'null-co', 'node-name': 'sx' })),
      reopen(raw('s', { driver: 'null-co', 'read-zeroes': true })),
    ],
  },
  {
    name: 'inheritance: self-referenced inline child keeps what the parent leaves out',
    script: [
      add(raw('s', nul('sf'))),
      reopen(raw('s', 'sf', { 'read-only': true, cache: { direct: true } })),
      reopen(raw('s', 'sf', { 'read-only': false })),
    ],
  },
  {
    name: 'two nodes in one transaction',
    script: [
      add(nul('a')),
      add(raw('r', 'a')),
      reopen(nul('a', { 'read-only': true }), raw('r', 'a', { 'read-only': true })),
    ],
  },
  {
    name: 'a failing entry undoes the whole list',
    script: [add(nul('a')), add(nul('b')), reopen(nul('a', { 'read-only': true }), nul('b', { 'read-zeroes': true }))],
  },
  {
    name: 'read-only below a writable qcow2',
    script: [...qOverF, reopen(file('f', 'q.qcow2', { 'read-only': true }))],
    images: ['q.qcow2'],
  },
  {
    name: 'qcow2 and its file read-only together',
    script: [...qOverF, reopen(qcow2('q', 'f', { 'read-only': true }), file('f', 'q.qcow2', { 'read-only': true }))],
    images: ['q.qcow2'],
  },
  {
    name: 'file driver: filename and locking cannot change',
    script: [add(file('f', 'q.qcow2')), reopen(file('f', 'b.qcow2')), reopen(file('f', 'q.qcow2', { locking: 'off' }))],
    images: ['q.qcow2', 'b.qcow2'],
  },
  {
    name: 'insert a throttle filter between qcow2 and its file, then remove it',
    script: [tg, ...qOverF, add(thr('t', 'f')), reopen(qcow2('q', 't')), reopen(qcow2('q', 'f')), del('t')],
    images: ['q.qcow2'],
  },
  {
    name: 'insert a copy-on-read filter',
    script: [...qOverF, add({ driver: 'copy-on-read', 'node-name': 'c', file: 'f' }), reopen(qcow2('q', 'c'))],
    images: ['q.qcow2'],
  },
  {
    name: 'qcow2 backing: attach, swap, detach, missing',
    script: [
      ...qOverF,
      add(qcow2('b', file('bf', 'b.qcow2'))),
      add(qcow2('c', file('cf', 'c.qcow2'))),
      reopen(qcow2('q', 'f', { backing: 'b' })),
      reopen(qcow2('q', 'f', { backing: 'c' })),
      reopen(qcow2('q', 'f')),
      reopen(qcow2('q', 'f', { backing: null })),
    ],
    images: ['q.qcow2', 'b.qcow2', 'c.qcow2'],
  },
  {
    name: 'qcow2 mutable option and a fixed one',
    script: [
      ...qOverF,
      reopen(qcow2('q', 'f', { 'lazy-refcounts': true })),
      reopen(qcow2('q', 'f', { 'cache-clean-interval': 10 })),
      reopen(qcow2('q', 'f', { 'data-file': 'f' })),
    ],
    images: ['q.qcow2'],
  },
  {
    name: 'force-share cannot be given again, given anew, or left out',
    script: [
      add(nul('n', { 'force-share': false })),
      reopen(nul('n', { 'force-share': false, 'read-only': true })),
      reopen(nul('n', { 'read-only': true })),
      add(nul('m')),
      reopen(nul('m', { 'force-share': true, 'read-only': true })),
    ],
  },
  {
    name: 'force-share held by an inline child: given or inherited, it cannot be reopened',
    script: [
      add(raw('s', nul('sf'), { 'read-only': true, 'force-share': true })),
      reopen(nul('sf')),
      add(raw('r', nul('rf', { 'force-share': false }))),
      reopen(raw('r', 'rf')),
    ],
  },
  {
    name: 'detect-zeroes=unmap needs discard=unmap, which a reopen keeps unless it is given',
    script: [
      add(nul('x', { discard: 'unmap' })),
      reopen(nul('x', { 'detect-zeroes': 'unmap' })),
      reopen(nul('x', { discard: 'ignore', 'detect-zeroes': 'unmap' })),
      add(nul('y')),
      reopen(nul('y', { 'detect-zeroes': 'unmap' })),
      add(raw('r', nul('rf'), { discard: 'unmap' })),
      reopen(raw('r', nul('rf', { 'detect-zeroes': 'unmap', discard: 'ignore' }))),
      reopen(raw('r', nul('rf', { 'detect-zeroes': 'unmap' }), { discard: 'ignore' })),
      reopen(raw('r', nul('rf'), { 'detect-zeroes': 'unmap' })),
    ],
  },
];

const CHANGE: Case[] = [
  {
    name: 'add children, then a node that has a parent',
    script: [
      add(nul('a')),
      add(nul('b')),
      add(nul('c')),
      add(quorum('qu', ['a'], 1)),
      change({ parent: 'qu', node: 'b' }),
      change({ parent: 'qu', node: 'c' }),
      change({ parent: 'qu', node: 'b' }),
    ],
  },
  {
    name: 'argument errors',
    script: [
      add(nul('a')),
      add(nul('b')),
      add(quorum('qu', ['a'], 1)),
      change({ parent: 'qu' }),
      change({ parent: 'qu', node: 'b', child: 'children.1' }),
      change({ parent: 'zz', node: 'b' }),
      change({ parent: 'qu', node: 'zz' }),
      change({ parent: 'qu', child: 'children.9' }),
    ],
  },
  {
    name: 'non-quorum parents',
    script: [
      add(nul('a')),
      add(nul('b')),
      add(raw('r', 'a')),
      change({ parent: 'r', node: 'b' }),
      change({ parent: 'r', child: 'file' }),
    ],
  },
  {
    name: 'delete down to the threshold, leaving a gap, then add',
    script: [
      add(nul('a')),
      add(nul('b')),
      add(nul('c')),
      add(nul('d')),
      add(quorum('qu', ['a', 'b', 'c'], 2)),
      change({ parent: 'qu', child: 'children.1' }),
      change({ parent: 'qu', child: 'children.1' }),
      change({ parent: 'qu', child: 'children.0' }),
      change({ parent: 'qu', node: 'd' }),
      change({ parent: 'qu', node: 'b' }),
    ],
  },
  {
    name: 'removing the highest child reuses its index',
    script: [
      add(nul('a')),
      add(nul('b')),
      add(nul('c')),
      add(quorum('qu', ['a', 'b'], 1)),
      change({ parent: 'qu', child: 'children.1' }),
      change({ parent: 'qu', node: 'c' }),
    ],
  },
  {
    // block/quorum.c: quorum_del_child steps next_child_index back only when the child deleted is
    // children.(next - 1); deleting a middle child first leaves the counter where it was.
    name: 'the next index is a counter, not one past the highest child',
    script: [
      add(nul('a')),
      add(nul('b')),
      add(nul('c')),
      add(nul('d')),
      add(nul('e')),
      add(quorum('qu', ['a', 'b', 'c'], 1)),
      change({ parent: 'qu', child: 'children.1' }),
      change({ parent: 'qu', child: 'children.2' }),
      change({ parent: 'qu', node: 'd' }),
      change({ parent: 'qu', child: 'children.2' }),
      change({ parent: 'qu', node: 'e' }),
    ],
  },
  {
    name: 'blkverify mode refuses a new child',
    script: [
      add(nul('a')),
      add(nul('b')),
      add(nul('c')),
      add({ ...quorum('qu', ['a', 'b'], 2), blkverify: true }),
      change({ parent: 'qu', node: 'c' }),
    ],
  },
  {
    name: 'a removed child can be deleted',
    script: [
      add(nul('a')),
      add(nul('b')),
      add(quorum('qu', ['a', 'b'], 1)),
      change({ parent: 'qu', child: 'children.0' }),
      del('a'),
      del('b'),
    ],
  },
];

const CASES: readonly Case[] = [...REOPEN, ...INHERIT_CASES, ...HOLDS_CASES, ...CHANGE];

describeScriptCases(CASES, 'blockgraph-reopen-');

describe('an inline data-file child left out of a reopen entry', () => {
  // block.c: bdrv_reopen_queue_child: a child member the entry lacks is reopened with the empty
  // dict qdict_extract_subqdict leaves (keep_old_opts false), so with nothing of its old options:
  // bdrv_reset_options_allowed refuses to reset 'driver'
  it('is reopened with an empty dict, as qemu-storage-daemon does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blockgraph-reopen-df-'));
    try {
      await promisify(execFile)(
        'qemu-img',
        ['create', '-q', '-f', 'qcow2', '-o', 'data_file=d.raw', 'q.qcow2', '64M'],
        {
          cwd: dir,
        },
      );
      const script = [
        add(qcow2('q', file('qf', 'q.qcow2'), { 'data-file': file('qd', 'd.raw'), cache: { direct: true } })),
        reopen(qcow2('q', 'qf')),
        reopen(qcow2('q', 'qf', { 'data-file': 'qd' })),
      ];
      const sim = simulateQmp(emptyGraph(), script);
      const run = await runQmpScript(script, { cwd: dir });
      expect(sim.replies.map((r) => ('error' in r ? r.error.desc : 'ok'))).toEqual(
        run.replies.map((r) => r.error?.desc ?? 'ok'),
      );
      expect(run.replies[1]?.error?.desc).toBe("Option 'driver' cannot be reset to its default value");
      expect(diffResolved(resolveDocument(sim.graph), run.graph, { perms: true })).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

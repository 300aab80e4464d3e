import type { QmpCommand } from '../../model/index.ts';
import { add, del, file, nul, qcow2, raw, reopen } from './qmpCommands.ts';
import type { ScriptCase } from './scriptCases.ts';

/**
 * Reopen scripts about what a node's bs->options hold and what that passes on
 * (model/qmp/reopenQueue.ts, reopenPins.ts). After blockdev-add, a node's options hold the four
 * flags update_options_from_flags writes (block.c: bdrv_open_inherit); after a reopen, only what
 * that reopen gave it, passed, inherited or kept (block.c: bdrv_reopen_commit takes the queued
 * options). An inline child inherits a `copy` option only if its parent's new options hold it
 * (block.c: bdrv_reopen_queue_child → bdrv_inherited_options → qdict_copy_default).
 */
const direct = { cache: { direct: true } };
const overlay = (name: string): QmpCommand => add(qcow2(name, file(`${name}f`, `${name}.qcow2`), { backing: null }));
const snapshot = (node: string, over: string): QmpCommand => ({
  execute: 'blockdev-snapshot',
  arguments: { node, overlay: over },
});

export const HOLDS_CASES: ScriptCase[] = [
  {
    // bdrv_reopen_queue_child: m reopened with a dict holds nothing of cache.direct, so sf (named
    // by reference, keep_old_opts) keeps its own old value, then and at the next reopen
    name: 'holds: a child reopened as a dict holds only what it got, so its own child keeps its value',
    script: [
      add(raw('s', raw('m', nul('sf'), direct), { cache: { direct: false } })),
      reopen(raw('s', raw('m', 'sf'))),
      reopen(raw('s', 'm')),
    ],
  },
  {
    // the same with the chain the random search found it on: a qcow2 over its file
    name: 'holds: three levels down a qcow2 chain, the file keeps cache.direct through two reopens',
    script: [
      add(raw('l0', qcow2('l1', file('img', 'i.qcow2'), direct), { cache: { direct: false } })),
      reopen(raw('l0', qcow2('l1', 'img'))),
      reopen(raw('l0', 'l1')),
      reopen(raw('l0', 'l1', { cache: { direct: false } })),
    ],
    images: ['i.qcow2'],
  },
  {
    // bdrv_inherited_options copies cache.direct into m's dict, which m holds (bdrv_reopen_commit)
    // and passes to sf at the next reopen, where m is kept; a dict reopen of m drops it again
    name: 'holds: what a dict child inherited it holds, and passes on when it is kept',
    script: [
      add(raw('s', raw('m', nul('sf')))),
      reopen(raw('s', raw('m', 'sf'), direct)),
      reopen(raw('s', 'm')),
      reopen(raw('s', raw('m', 'sf'))),
      reopen(raw('s', 'm', { cache: { 'no-flush': true } })),
    ],
  },
  {
    // blockdev.c: external_snapshot_commit → bdrv_reopen_set_read_only (keep_old_opts): s's new
    // options are read-only over what it holds since its last reopen (no cache.direct), so sf
    // becomes read-only and keeps cache.direct
    name: 'holds: the read-only reopen of a snapshot passes only what the node holds',
    script: [add(raw('s', nul('sf'), direct)), reopen(raw('s', 'sf')), overlay('o'), snapshot('s', 'o')],
    images: ['o.qcow2'],
  },
  {
    // block.c: bdrv_set_file_or_backing_noperm: sf's inherits_from chain (sf → m → s) reaches s,
    // so sf inherits from s from now on (bdrv_inherits_from_recursive); m, no longer held, is freed
    name: 'swap: a node below an inline child swapped in inherits again, and the child is freed',
    script: [
      add(raw('s', raw('m', nul('sf'), { cache: { 'no-flush': true } }))),
      reopen(raw('s', 'sf')),
      reopen(raw('s', 'sf', { 'read-only': true, ...direct })),
      del('sf'),
    ],
  },
  {
    // block.c: bdrv_append moves s's edge to o but leaves sf's inherits_from at s: swapped back,
    // sf inherits from s again, but only from the next reopen on (bdrv_reopen_queue_child queues
    // the children s has before bdrv_reopen_prepare swaps them)
    name: 'swap: an inline child snapshotted and swapped back inherits again from the next reopen',
    script: [
      add(raw('s', nul('sf'))),
      overlay('o'),
      snapshot('sf', 'o'),
      reopen(raw('s', 'sf', direct)),
      reopen(raw('s', 'sf', direct)),
      del('o'),
    ],
    images: ['o.qcow2'],
  },
  {
    // bdrv_reopen_parse_file_or_backing: backing null removes the inline backing, freed with its
    // file; bs->options never hold `backing` (bdrv_open_inherit and bdrv_reopen_commit delete it),
    // so a dict for a backing q no longer has is an option that changed
    name: 'swap: backing null frees an inline backing, and a dict cannot bring it back',
    script: [
      add(qcow2('q', file('qf', 'q.qcow2'), { backing: qcow2('b', file('bf', 'b.qcow2')) })),
      reopen(qcow2('q', 'qf', { backing: null })),
      reopen(qcow2('q', 'qf', { backing: qcow2('b', 'bf') })),
    ],
    images: ['q.qcow2', 'b.qcow2'],
  },
  {
    // block.c: bdrv_append → bdrv_refresh_perms: q, writable, now writes to the read-only overlay
    name: 'snapshot: a read-only overlay below a writable format is refused',
    script: [
      add(qcow2('q', file('qf', 'q.qcow2'))),
      add(qcow2('o', file('of', 'o.qcow2'), { backing: null, 'read-only': true })),
      snapshot('qf', 'o'),
    ],
    images: ['q.qcow2', 'o.qcow2'],
  },
];

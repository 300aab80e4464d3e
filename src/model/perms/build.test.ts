import { describe, expect, it } from 'vitest';
import { graph, quorumOfThree } from '../fixtures/index.ts';
import { attachOrder } from './attachOrder.ts';
import { nodeNamer } from './messages.ts';
import { RankQueue } from './rankQueue.ts';
import { frontendUsers } from './users.ts';

describe('attachOrder', () => {
  it('attaches an inline subtree before its link, and backing after the other children', () => {
    const doc = graph()
      .node('top', 'qcow2')
      .node('back', 'qcow2', {}, { name: null })
      .node('back-file', 'file', { filename: 'b.qcow2' }, { name: null })
      .node('data', 'file', { filename: 'd.raw' })
      .node('top-file', 'file', { filename: 't.qcow2' }, { name: null })
      .child('top', 'backing', 'back')
      .child('back', 'file', 'back-file')
      .child('top', 'data-file', 'data')
      .child('top', 'file', 'top-file')
      .build();
    expect(attachOrder(doc).map((l) => `${l.parent}.${l.role}`)).toEqual([
      'top.file',
      'top.data-file',
      'back.file',
      'top.backing',
    ]);
  });

  it('follows the QMP script (back0, file0, qc1, qc2, then disk0 with quorum0 and qc0 inline)', () => {
    expect(attachOrder(quorumOfThree()).map((l) => `${l.parent}.${l.role}`)).toEqual([
      'back0.file',
      'qc1.file',
      'qc2.file',
      'qc0.file',
      'qc0.backing',
      'quorum0.children.0',
      'quorum0.children.1',
      'quorum0.children.2',
      'disk0.file',
    ]);
  });
});

describe('nodeNamer', () => {
  it('uses node-names, and #PARENT/ROLE down from the nearest named node', () => {
    const doc = graph()
      .node('disk', 'qcow2')
      .node('b', 'qcow2', {}, { name: null })
      .node('bf', 'file', { filename: 'b.qcow2' }, { name: null })
      .node('anon', 'raw', {}, { name: null })
      .node('n', 'null-co', {}, { name: null })
      .child('disk', 'backing', 'b')
      .child('b', 'file', 'bf')
      .child('anon', 'file', 'n')
      .build();
    const name = nodeNamer(doc);
    expect(['disk', 'b', 'bf', 'anon', 'n'].map(name)).toEqual([
      'disk',
      '#disk/backing',
      '#disk/backing/file',
      '#anon',
      '#anon/file',
    ]);
  });
});

describe('frontendUsers', () => {
  it('describes guest disks and exports as QEMU 7.2 sets them up', () => {
    const doc = graph()
      .node('rw', 'null-co')
      .node('ro', 'null-co', { 'read-only': true })
      .frontend('vda', 'virtio-blk-pci', 'rw', { 'share-rw': true })
      .frontend('vdb', 'virtio-blk-pci', 'ro')
      .frontend('hd0', 'ide-hd', 'ro')
      .frontend('sd0', 'scsi-hd', 'rw')
      .frontend('e0', 'nbd-export', 'ro', { writable: true })
      .frontend('e1', 'nbd-export', null)
      .build();
    const users = frontendUsers(doc);
    expect(users.map((u) => [u.node, u.name, u.perm.join(','), u.shared.join(',')])).toEqual([
      [
        'rw',
        '/machine/peripheral/vda/virtio-backend',
        'consistent-read,write',
        'consistent-read,resize,write,write-unchanged',
      ],
      ['ro', '/machine/peripheral/vdb/virtio-backend', 'consistent-read', 'consistent-read,resize,write-unchanged'],
      ['ro', 'hd0', 'consistent-read,write', 'consistent-read,resize,write-unchanged'],
      ['rw', 'sd0', 'consistent-read,write', 'consistent-read,resize,write-unchanged'],
      ['ro', '', 'consistent-read,write', 'consistent-read,write,write-unchanged'],
    ]);
    expect(users[4]?.refusal).toBe('Cannot export read-only node as writable');
    expect(users[4]?.attach?.shared).toEqual(['consistent-read', 'resize', 'write', 'write-unchanged']);
  });
});

describe('RankQueue', () => {
  it('pops by rank, whatever the push order', () => {
    const queue = new RankQueue(
      new Map([
        ['a', 0],
        ['b', 1],
        ['c', 2],
        ['d', 3],
      ]),
    );
    for (const id of ['c', 'a', 'd', 'b', 'c']) queue.push(id);
    const out: string[] = [];
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) out.push(id);
    expect(out).toEqual(['a', 'b', 'c', 'c', 'd']);
  });
});

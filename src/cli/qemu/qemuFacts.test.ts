import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstError, runQmpScript } from './harness.ts';
import { createImage } from './images.ts';

/**
 * Behaviour of QEMU 7.2 that surprised us, pinned by running the real daemon. Each is a rule the
 * engine must learn (or already encodes, citing the QEMU function).
 */
let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blockgraph-facts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const add = (args: Record<string, unknown>) => ({ execute: 'blockdev-add', arguments: args });

describe('QEMU 7.2 facts', () => {
  it('a copy-on-read filter needs a writable child, even in a read-only tree', async () => {
    // block/copy-on-read.c: cor_child_perm always adds BLK_PERM_WRITE_UNCHANGED (unless inactive),
    // and block.c: bdrv_node_refresh_perm refuses it on a read-only node.
    const cor = { driver: 'copy-on-read', file: { driver: 'null-co' } };
    const alone = await runQmpScript([add({ ...cor, 'node-name': 'c', 'read-only': true })], { cwd: dir });
    expect(firstError(alone)?.error?.desc).toBe('Block node is read-only');
    const below = await runQmpScript(
      [add({ driver: 'quorum', 'node-name': 'q', 'vote-threshold': 1, 'read-only': true, children: [cor] })],
      { cwd: dir },
    );
    expect(firstError(below)?.error?.desc).toBe('Block node is read-only');
  });

  it('quorum refuses children of different sizes', async () => {
    // block/quorum.c: quorum_getlength returns -EIO when the children's lengths differ.
    const children = [{ driver: 'null-co' }, { driver: 'null-co', size: 1048576 }];
    const run = await runQmpScript([add({ driver: 'quorum', 'node-name': 'q', 'vote-threshold': 1, children })], {
      cwd: dir,
    });
    expect(firstError(run)?.error?.desc).toBe('Could not refresh total sector count: Input/output error');
  });

  it('an inline backing child is read-only, a referenced one keeps read-only=off', async () => {
    // block.c: bdrv_inherited_options sets read-only=on for COW children; references inherit nothing.
    for (const name of ['top.qcow2', 'top2.qcow2', 'inl.qcow2', 'ref.qcow2']) await createImage(dir, name, 'qcow2');
    const qcow2 = (name: string, extra: Record<string, unknown> = {}) => ({
      driver: 'qcow2',
      'node-name': name,
      file: { driver: 'file', filename: `${name}.qcow2` },
      ...extra,
    });
    const run = await runQmpScript(
      [add(qcow2('ref')), add(qcow2('top', { backing: qcow2('inl') })), add(qcow2('top2', { backing: 'ref' }))],
      { cwd: dir },
    );
    expect(run.replies.map((r) => r.error?.desc ?? 'ok')).toEqual(['ok', 'ok', 'ok']);
    expect(run.graph.nodes.find((n) => n['node-name'] === 'inl')?.ro).toBe(true);
    expect(run.graph.nodes.find((n) => n['node-name'] === 'ref')?.ro).toBe(false);
  });
});

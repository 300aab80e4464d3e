import { describe, expect, it } from 'vitest';
import type { BlockGraph } from '../document.ts';
import { EXAMPLES, graph, seedSimpleTree } from '../fixtures/index.ts';
import { computePermissions, type PermissionUser } from './computePermissions.ts';
import { edgeKey } from './edgeSpecs.ts';
import { frontendUsers } from './users.ts';

// Texts and orders below are QEMU 7.2's, as src/cli/qemu/perms.differential.test.ts checks them.
const exportUser = (node: string, writable: boolean): PermissionUser => ({
  node,
  name: '',
  perm: writable ? ['consistent-read', 'write'] : ['consistent-read'],
  shared: ['consistent-read', 'write', 'write-unchanged'],
  attach: {
    perm: writable ? ['consistent-read', 'write'] : ['consistent-read'],
    shared: ['consistent-read', 'resize', 'write', 'write-unchanged'],
  },
});

function sharedFile(second: 'qcow2' | 'raw', secondOptions = {}): BlockGraph {
  return graph()
    .node('f', 'file', { filename: 'a.qcow2' })
    .node('q0', 'qcow2')
    .node('q2', second, secondOptions)
    .ref('q0', 'file', 'f')
    .ref('q2', 'file', 'f')
    .build();
}

describe('computePermissions: edges', () => {
  it('gives every edge of the examples a perm and shared list, and finds no error', () => {
    for (const example of EXAMPLES) {
      const doc = example.build();
      const result = computePermissions(doc, { users: frontendUsers(doc) });
      expect(result.errors).toEqual([]);
      expect([...result.edges.keys()].sort()).toEqual(doc.links.map((l) => edgeKey(l.parent, l.role)).sort());
    }
  });

  it('predicts the seed tree under its virtio-blk-pci device', () => {
    const doc = seedSimpleTree();
    const { edges } = computePermissions(doc, { users: frontendUsers(doc) });
    expect(edges.get(edgeKey('disk', 'backing'))).toEqual({
      perm: ['consistent-read'],
      shared: ['consistent-read', 'write-unchanged'],
    });
    expect(edges.get(edgeKey('disk', 'file'))).toEqual({
      perm: ['consistent-read', 'resize', 'write'],
      shared: ['consistent-read', 'write-unchanged'],
    });
  });
});

describe('computePermissions: conflicts', () => {
  it('names the older parent as requiring and the newer as unsharing when the newer unshares', () => {
    const { errors } = computePermissions(sharedFile('qcow2', { 'read-only': true }));
    expect(errors.map((e) => e.message)).toEqual([
      "Permission conflict on node 'f': permissions 'write, resize' are both required by node 'q0' (uses node 'f' as 'file' child) and unshared by node 'q2' (uses node 'f' as 'file' child).",
    ]);
    expect(errors[0]).toMatchObject({ kind: 'conflict', node: 'f', perms: ['resize', 'write'] });
  });

  it('accepts a raw node next to a qcow2 node on one file until the raw node gets a writer', () => {
    expect(computePermissions(sharedFile('raw')).errors).toEqual([]);
    const { errors } = computePermissions(sharedFile('raw'), { users: [exportUser('q2', true)] });
    expect(errors[0]?.message).toBe(
      "Permission conflict on node 'f': permissions 'write' are both required by node 'q2' (uses node 'f' as 'file' child) and unshared by node 'q0' (uses node 'f' as 'file' child).",
    );
  });

  it('describes an export as an unnamed block device, and its two steps as QEMU takes them', () => {
    const doc = graph().node('f', 'file', { filename: 'a.qcow2' }).node('q', 'qcow2').ref('q', 'file', 'f').build();
    const writable = computePermissions(doc, { users: [exportUser('f', true)] }).errors[0]?.message;
    expect(writable).toBe(
      "Permission conflict on node 'f': permissions 'write' are both required by an unnamed block device (uses node 'f' as 'root' child) and unshared by node 'q' (uses node 'f' as 'file' child).",
    );
    const reader = computePermissions(doc, { users: [exportUser('f', false)] }).errors[0]?.message;
    expect(reader).toBe(
      "Permission conflict on node 'f': permissions 'resize' are both required by node 'q' (uses node 'f' as 'file' child) and unshared by an unnamed block device (uses node 'f' as 'root' child).",
    );
  });
});

describe('computePermissions: read-only nodes, refused users, order', () => {
  it('refuses write access to a read-only node with QEMU text, and goes on below it', () => {
    const doc = graph()
      .node('c', 'copy-on-read')
      .node('q', 'qcow2', { 'read-only': true })
      .node('f', 'file', { filename: 'q.qcow2' }, { name: null })
      .child('c', 'file', 'q')
      .child('q', 'file', 'f')
      .build();
    // QEMU stops at the first; the write-unchanged the copy-on-read filter asks for reaches f too.
    expect(computePermissions(doc).errors).toEqual([
      { kind: 'read-only', node: 'q', message: 'Block node is read-only' },
      { kind: 'read-only', node: 'f', message: 'Block node is read-only' },
    ]);
  });

  it('reports a refused user before attaching it', () => {
    const doc = graph()
      .node('r', 'raw', { 'read-only': true })
      .node('n', 'null-co', {}, { name: null })
      .child('r', 'file', 'n')
      .frontend('e0', 'nbd-export', 'r', { writable: true })
      .build();
    const { errors } = computePermissions(doc, { users: frontendUsers(doc) });
    expect(errors).toEqual([{ kind: 'user', node: 'r', message: 'Cannot export read-only node as writable', user: 0 }]);
  });

  it('renders unnamed parents as #PARENT/ROLE', () => {
    const doc = graph()
      .node('f', 'file', { filename: 'a.qcow2' })
      .node('q', 'quorum', { 'vote-threshold': 1 })
      .node('c0', 'qcow2', {}, { name: null })
      .node('c1', 'qcow2', {}, { name: null })
      .child('q', 'children.0', 'c0')
      .child('q', 'children.1', 'c1')
      .ref('c0', 'file', 'f')
      .ref('c1', 'file', 'f')
      .build();
    expect(computePermissions(doc).errors[0]?.message).toBe(
      "Permission conflict on node 'f': permissions 'write, resize' are both required by node '#q/children.0' (uses node 'f' as 'file' child) and unshared by node '#q/children.1' (uses node 'f' as 'file' child).",
    );
  });

  it('lets force-share on a child override what its parents share', () => {
    const doc = graph()
      .node('f', 'file', { filename: 'a.qcow2', 'read-only': true, 'force-share': true })
      .node('q', 'qcow2', { 'read-only': true })
      .ref('q', 'file', 'f')
      .build();
    expect(computePermissions(doc).edges.get(edgeKey('q', 'file'))?.shared).toEqual([
      'consistent-read',
      'resize',
      'write',
      'write-unchanged',
    ]);
  });

  it('reports the first error QEMU meets first, then the others', () => {
    const doc = graph()
      .node('c', 'copy-on-read', { 'read-only': true })
      .node('n', 'null-co', {}, { name: null })
      .child('c', 'file', 'n')
      .node('f', 'file', { filename: 'a.qcow2' })
      .node('q0', 'qcow2')
      .node('q1', 'qcow2')
      .ref('q0', 'file', 'f')
      .ref('q1', 'file', 'f')
      .build();
    expect(computePermissions(doc).errors.map((e) => e.kind)).toEqual(['read-only', 'conflict']);
  });
});

describe('computePermissions: scale', () => {
  it('stays linear on a 20,000-deep chain, with and without an error at the bottom', () => {
    for (const readOnly of [false, true]) {
      const nodes: Record<string, BlockGraph['nodes'][string]> = {};
      const links: BlockGraph['links'][number][] = [];
      for (let i = 0; i < 20_000; i++) {
        const driver = i === 0 ? 'copy-on-read' : i === 19_999 ? 'null-co' : 'raw';
        nodes[`n${String(i)}`] = {
          id: `n${String(i)}`,
          driver,
          options: i === 19_999 && readOnly ? { 'read-only': true } : {},
        };
        if (i > 0) links.push({ parent: `n${String(i - 1)}`, role: 'file', child: `n${String(i)}`, mode: 'inline' });
      }
      const doc: BlockGraph = { ...graph().build(), nodes, links };
      const start = performance.now();
      const { errors } = computePermissions(doc);
      expect(performance.now() - start).toBeLessThan(20_000);
      expect(errors.length).toBe(readOnly ? 1 : 0);
    }
  });
});

describe('computePermissions: image locks', () => {
  const twoOnOneFile = (second: Record<string, boolean>, locking?: 'off') =>
    graph()
      .node('q1', 'qcow2')
      .node('f1', 'file', { filename: 'a.qcow2' })
      .node('q2', 'qcow2', second)
      .node('f2', 'file', { filename: './a.qcow2', ...(locking === undefined ? {} : { locking }) })
      .child('q1', 'file', 'f1')
      .child('q2', 'file', 'f2')
      .build();

  it('refuses a second writer of one host file: it cannot lock "write", which the first does not share', () => {
    expect(computePermissions(twoOnOneFile({})).errors).toEqual([
      { kind: 'lock', node: 'f2', message: 'Failed to get "write" lock' },
    ]);
  });

  it('refuses a read-only reader that does not share the write the first holds', () => {
    expect(computePermissions(twoOnOneFile({ 'read-only': true })).errors).toEqual([
      { kind: 'lock', node: 'f2', message: 'Failed to get shared "write" lock' },
    ]);
  });

  it('takes no locks with locking off', () => {
    expect(computePermissions(twoOnOneFile({}, 'off')).errors).toEqual([]);
  });
});

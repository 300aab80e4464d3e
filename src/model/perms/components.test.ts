import { describe, expect, it } from 'vitest';
import type { BlockGraph, ChildLink } from '../document.ts';
import { graph } from '../fixtures/builder.ts';
import { lockedFile, permissionComponents, subDocument, type Neighbourhood } from './components.ts';
import { computePermissions } from './computePermissions.ts';

/** Links and lock peers by scanning the whole document (what an index answers faster). */
function around(doc: BlockGraph): Neighbourhood {
  return {
    links: (id) => doc.links.filter((l: ChildLink) => l.parent === id || l.child === id),
    lockPeers: (id) => {
      const node = doc.nodes[id];
      const file = node === undefined ? undefined : lockedFile(node);
      if (file === undefined) return [];
      return Object.values(doc.nodes)
        .filter((other) => other.id !== id && lockedFile(other) === file)
        .map((other) => other.id);
    },
  };
}

/** The sub-document of the components of `seeds`, in document order. */
function partOf(doc: BlockGraph, seeds: string[]): BlockGraph {
  const ids = permissionComponents(seeds, around(doc));
  return subDocument(
    doc,
    Object.values(doc.nodes).filter((n) => ids.has(n.id)),
    doc.links.filter((l) => ids.has(l.parent)),
  );
}

/**
 * Two disks on their own files (a, b), and a third (c) whose image is opened a second time,
 * under another spelling, by a fourth (d): c and d share nothing but the host file.
 */
const disks = graph()
  .node('a', 'qcow2')
  .node('a-file', 'file', { filename: 'a.qcow2' })
  .child('a', 'file', 'a-file')
  .node('b', 'raw')
  .node('b-file', 'file', { filename: 'b.raw' })
  .child('b', 'file', 'b-file')
  .node('c', 'qcow2')
  .node('c-file', 'file', { filename: 'c.qcow2' })
  .child('c', 'file', 'c-file')
  .node('d', 'qcow2')
  .node('d-file', 'file', { filename: './c.qcow2' })
  .child('d', 'file', 'd-file')
  .build();

describe('permissionComponents', () => {
  it('follows links up and down', () => {
    expect([...permissionComponents(['a-file'], around(disks))].sort()).toEqual(['a', 'a-file']);
  });

  it('joins the nodes that lock one host file, however it is spelt', () => {
    expect([...permissionComponents(['c'], around(disks))].sort()).toEqual(['c', 'c-file', 'd', 'd-file']);
  });

  it('does not join nodes whose locking is off', () => {
    const unlocked = graph()
      .node('x', 'file', { filename: 'x.img' })
      .node('y', 'file', { filename: 'x.img', locking: 'off' })
      .build();
    expect([...permissionComponents(['x'], around(unlocked))]).toEqual(['x']);
  });
});

describe('permissions over components', () => {
  it('finds the error of the whole document in the components that hold it', () => {
    const whole = computePermissions(disks).errors;
    expect(whole.map((e) => e.message)).toEqual(['Failed to get "write" lock']);
    expect(computePermissions(partOf(disks, ['d'])).errors).toEqual(whole);
    expect(computePermissions(partOf(disks, ['a', 'b'])).errors).toEqual([]);
  });

  it('keeps the errors of the components in the order QEMU meets them, the rest being clean', () => {
    // q1 and q2 both write f; q3 writes the read-only g and has q1 as backing: one component,
    // two errors. w over its own file with a read-only backing node is another, clean one.
    const doc = graph()
      .node('w', 'qcow2')
      .node('w-file', 'file', { filename: 'w.img' })
      .child('w', 'file', 'w-file')
      .node('r', 'null-co', { 'read-only': true })
      .ref('w', 'backing', 'r')
      .node('q1', 'qcow2')
      .node('f', 'file', { filename: 'f.img' })
      .child('q1', 'file', 'f')
      .node('q2', 'qcow2')
      .ref('q2', 'file', 'f')
      .node('q3', 'qcow2')
      .node('g', 'file', { filename: 'g.img', 'read-only': true })
      .child('q3', 'file', 'g')
      .ref('q3', 'backing', 'q1')
      .build();
    const whole = computePermissions(doc).errors.map((e) => e.message);
    expect(whole).toHaveLength(2);
    expect(computePermissions(partOf(doc, ['q3'])).errors.map((e) => e.message)).toEqual(whole);
    expect(computePermissions(partOf(doc, ['w'])).errors).toEqual([]);
  });
});

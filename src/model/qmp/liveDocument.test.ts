import { describe, expect, it } from 'vitest';
import { emptyGraph } from '../document.ts';
import { graph } from '../fixtures/builder.ts';
import { computePermissions } from '../perms/index.ts';
import { blockdevChange } from './blockdevChange.ts';
import { LiveDocument } from './liveDocument.ts';

describe('LiveDocument', () => {
  it('grows the document in place and takes back what a refused blockdev-add appended', () => {
    const live = new LiveDocument(emptyGraph());
    expect(live.add({ driver: 'raw', 'node-name': 'r', file: { driver: 'null-co' } }, undefined)).toBeUndefined();
    const nodes = live.graph.nodes;
    const before = JSON.stringify(live.graph);
    // The inline child is planned as null-co-2, then the reference to nothing refuses the command.
    const refused = live.add(
      { driver: 'quorum', 'node-name': 'q', 'vote-threshold': 1, children: [{ driver: 'null-co' }, 'zz'] },
      undefined,
    );
    expect(refused).toBe("Cannot find device='zz' nor node-name='zz'");
    expect(JSON.stringify(live.graph)).toBe(before);
    expect(live.graph.nodes).toBe(nodes);
    // The number the refused command planned is free again.
    expect(live.add({ driver: 'raw', 'node-name': 's', file: { driver: 'null-co' } }, undefined)).toBeUndefined();
    expect(Object.keys(live.graph.nodes)).toEqual(['r', 'null-co-1', 's', 'null-co-2']);
  });

  it('never changes the document it was given', () => {
    const start = graph().node('n', 'null-co').build();
    const text = JSON.stringify(start);
    const live = new LiveDocument(start);
    live.add({ driver: 'raw', 'node-name': 'r', file: 'n' }, undefined);
    expect(JSON.stringify(start)).toBe(text);
    expect(Object.keys(live.graph.nodes)).toEqual(['n', 'r']);
  });

  it('checks the whole document while it has a permission error, as QEMU meets it first', () => {
    const start = graph()
      .node('q1', 'qcow2')
      .node('f', 'file', { filename: 'f.img' })
      .child('q1', 'file', 'f')
      .node('q2', 'qcow2')
      .ref('q2', 'file', 'f')
      .build();
    const [conflict] = computePermissions(start).errors;
    const live = new LiveDocument(start);
    expect(live.add({ driver: 'null-co', 'node-name': 'elsewhere' }, undefined)).toBe(conflict?.message);
  });

  it('finds the permission error another command left in a component it changed', () => {
    // A writer over a quorum; x-blockdev-change gives the quorum a read-only child, which
    // x-blockdev-change does not check: the next blockdev-add, anywhere, meets the error.
    const live = new LiveDocument(emptyGraph());
    live.add({ driver: 'quorum', 'node-name': 'q', 'vote-threshold': 1, children: [{ driver: 'null-co' }] }, undefined);
    live.add({ driver: 'qcow2', 'node-name': 'w', file: 'q', backing: null }, undefined);
    live.add({ driver: 'null-co', 'node-name': 'ro', 'read-only': true }, undefined);
    const changed = blockdevChange(live.graph, new Map(), { parent: 'q', node: 'ro' });
    if (!changed.ok) throw new Error(changed.error.desc);
    live.adopt(changed.value.graph, live.opened, 'any');
    const [error] = computePermissions(live.graph).errors;
    expect(error?.message).toBe('Block node is read-only');
    expect(live.add({ driver: 'null-co', 'node-name': 'elsewhere' }, undefined)).toBe(error?.message);
  });
});

import { describe, expect, it } from 'vitest';
import { graph, quorumOfThree, rawOverNullCo } from '../model/fixtures/index.ts';
import type { BlockGraph } from '../model/index.ts';
import { canonicalGraph, canonicalJson, diffCanonical, nodeKeys } from './canonical.ts';

/** The same graph with other document ids, another node order, other link order and no layout. */
function shuffled(doc: BlockGraph): BlockGraph {
  const rename = (id: string) => `x-${id}`;
  const nodes = Object.fromEntries(
    Object.values(doc.nodes)
      .reverse()
      .map((node) => [rename(node.id), { ...node, id: rename(node.id) }]),
  );
  const links = [...doc.links].reverse().map((l) => ({ ...l, parent: rename(l.parent), child: rename(l.child) }));
  const frontends = Object.fromEntries(
    Object.entries(doc.frontends).map(([id, f]) => [id, { ...f, root: f.root === null ? null : rename(f.root) }]),
  );
  return { ...doc, nodes, links, frontends, layout: { positions: {} } };
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps list order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 3, e: 4 }], c: true } })).toBe(
      '{"a":{"c":true,"d":[2,{"e":4,"f":3}]},"b":1}',
    );
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('keeps a key named __proto__ as data', () => {
    const value = JSON.parse('{"__proto__":{"x":1},"a":2}') as Record<string, never>;
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1},"a":2}');
  });
});

describe('nodeKeys', () => {
  it('keys a node by its node-name, else by its inline parent and role, else by its id', () => {
    const doc = graph()
      .node('q', 'qcow2')
      .node('f', 'file', { filename: 'q.qcow2' }, { name: null })
      .node('b', 'qcow2', {}, { name: null })
      .node('bf', 'file', { filename: 'b.qcow2' }, { name: null })
      .node('lone', 'null-co', {}, { name: null })
      .child('q', 'file', 'f')
      .child('q', 'backing', 'b')
      .child('b', 'file', 'bf')
      .build();
    expect(Object.fromEntries(nodeKeys(doc))).toEqual({
      q: 'q',
      f: 'q/file',
      b: 'q/backing',
      bf: 'q/backing/file',
      lone: '?lone',
    });
  });
});

describe('canonicalGraph and diffCanonical', () => {
  it('do not see document ids, node and link order, or layout', () => {
    for (const doc of [quorumOfThree(), rawOverNullCo()]) {
      expect(diffCanonical(canonicalGraph(doc), canonicalGraph(shuffled(doc)))).toEqual([]);
    }
  });

  it('name every difference: driver, link mode, objects, frontends', () => {
    const doc = graph()
      .object('tg0', 'throttle-group', { limits: { 'iops-total': 10 } })
      .node('t', 'throttle', { 'throttle-group': 'tg0' })
      .node('n', 'null-co', { size: 1024 })
      .ref('t', 'file', 'n')
      .frontend('vda', 'virtio-blk-pci', 't')
      .build();
    const other = graph()
      .object('tg0', 'throttle-group', { limits: { 'iops-total': 20 } })
      .node('t', 'throttle', { 'throttle-group': 'tg0' })
      .node('n', 'null-aio', { size: 1024 })
      .child('t', 'file', 'n')
      .frontend('vda', 'virtio-blk-pci', 'n')
      .build();
    expect(diffCanonical(canonicalGraph(doc), canonicalGraph(other), ['a', 'b'])).toEqual([
      `node 'n' driver: "null-co" in a, "null-aio" in b`,
      `link 't' -file-> 'n' (reference) only in a`,
      `link 't' -file-> 'n' (inline) only in b`,
      `object 'tg0' props: "{\\"limits\\":{\\"iops-total\\":10}}" in a, "{\\"limits\\":{\\"iops-total\\":20}}" in b`,
      `frontend 'vda' root: "t" in a, "n" in b`,
    ]);
  });

  it('tell a node QEMU names from one the document names', () => {
    const unnamed = graph().node('r', 'raw').node('n', 'null-co', {}, { name: null }).child('r', 'file', 'n').build();
    const named = graph().node('r', 'raw').node('n', 'null-co').child('r', 'file', 'n').build();
    expect(diffCanonical(canonicalGraph(unnamed), canonicalGraph(named), ['a', 'b'])).toEqual([
      "node 'r/file' only in a",
      "node 'n' only in b",
      "link 'r' -file-> 'r/file' (inline) only in a",
      "link 'r' -file-> 'n' (inline) only in b",
    ]);
  });
});

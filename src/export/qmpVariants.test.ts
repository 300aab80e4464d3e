import { describe, expect, it } from 'vitest';
import { writableBelowReadOnly } from '../cli/qemu/qmpVariantCases.ts';
import { graph, quorumOfThree } from '../model/fixtures/index.ts';
import { MAX_NODE_NAME_LENGTH, isWellFormedId, type BlockGraph } from '../model/index.ts';
import { flatLayout, flatNodeNames } from './qmpVariants.ts';

/** Every node-name and id the document uses. */
function namesAndIds(doc: BlockGraph): string[] {
  return [
    ...Object.values(doc.nodes).flatMap((n) => (n.name === undefined ? [n.id] : [n.id, n.name])),
    ...Object.keys(doc.objects),
    ...Object.keys(doc.frontends),
  ];
}

describe('flatNodeNames', () => {
  it('keeps node-names and names an unnamed node after its id when nothing else uses it', () => {
    const doc = graph()
      .node('r', 'raw')
      .node('r-file', 'null-co', {}, { name: null })
      .child('r', 'file', 'r-file')
      .build();
    expect([...flatNodeNames(doc)]).toEqual([
      ['r', 'r'],
      ['r-file', 'r-file'],
    ]);
    expect([...flatNodeNames(quorumOfThree())].every(([id, name]) => quorumOfThree().nodes[id]?.name === name)).toBe(
      true,
    );
  });

  it('gives an unnamed node whose id is another node’s node-name a name that nothing in the document uses', () => {
    const doc = writableBelowReadOnly();
    const names = flatNodeNames(doc);
    const generated = names.get('raw-child') ?? '';
    expect(names.get('n')).toBe('raw-child');
    expect(namesAndIds(doc)).not.toContain(generated);
    expect(isWellFormedId(generated)).toBe(true);
    expect(new Set(names.values()).size).toBe(names.size);
  });

  it('cuts a long id so that the name fits in QEMU’s 31 characters, and counts past names in use', () => {
    const long = 'a'.repeat(40);
    const doc = graph()
      .node('r', 'raw')
      .node(long, 'null-co', {}, { name: null })
      .node('s', 'raw', {}, { name: `${'a'.repeat(29)}-1` })
      .node('s-file', 'null-co')
      .child('r', 'file', long)
      .child('s', 'file', 's-file')
      .build();
    const name = flatNodeNames(doc).get(long) ?? '';
    expect(name).toBe(`${'a'.repeat(29)}-2`);
    expect(name.length).toBeLessThanOrEqual(MAX_NODE_NAME_LENGTH);
  });
});

describe('flatLayout', () => {
  it('names every node and makes every link a reference', () => {
    const flat = flatLayout(writableBelowReadOnly());
    expect(Object.values(flat.nodes).every((n) => n.name !== undefined)).toBe(true);
    expect(flat.links.map((l) => l.mode)).toEqual(flat.links.map(() => 'reference'));
  });
});

import { describe, expect, it } from 'vitest';
import { emptyGraph, isIdTaken, type BlockGraph, type BlockNode } from '../document.ts';
import { graph } from '../fixtures/builder.ts';
import { EXAMPLES } from '../fixtures/examples.ts';
import { generateNodes } from '../fixtures/generate.ts';
import { DocIndex, Overlay, scanLookups } from './docIndex.ts';

const nul = (id: string, name?: string): BlockNode => ({
  id,
  driver: 'null-co',
  options: {},
  ...(name === undefined ? {} : { name }),
});

describe('DocIndex', () => {
  const documents = [
    ...EXAMPLES.map((e) => ({ name: e.id, doc: e.build() })),
    { name: 'generated', doc: generateNodes(300) },
  ];

  it.each(documents)('looks up $name as scanning the whole document does', ({ doc }) => {
    const index = DocIndex.of(doc);
    const kept = index.lookups();
    const scanned = scanLookups(doc);
    expect(index.regular).toBe(true);
    expect([...kept.names].sort()).toEqual([...scanned.names].sort());
    for (const id of Object.keys(doc.nodes)) expect(kept.childIds(id)).toEqual(scanned.childIds(id));
    for (const { parent, role } of doc.links) expect(kept.link(parent, role)).toBe(scanned.link(parent, role));
  });

  it('is not regular for a document incremental work cannot rely on', () => {
    const duplicate = { ...emptyGraph(), nodes: { a: nul('a', 'x'), b: nul('b', 'x') } };
    const numeric = { ...emptyGraph(), nodes: { '7': nul('7') } };
    const misKeyed = { ...emptyGraph(), nodes: { a: nul('b') } };
    const dangling = graph().node('r', 'raw').build();
    const withDangling = {
      ...dangling,
      links: [{ parent: 'r', role: 'file', child: 'gone', mode: 'reference' as const }],
    };
    const cyclic = {
      ...graph().node('p', 'raw').node('q', 'raw').build(),
      links: [
        { parent: 'p', role: 'file', child: 'q', mode: 'reference' as const },
        { parent: 'q', role: 'file', child: 'p', mode: 'reference' as const },
      ],
    };
    for (const doc of [duplicate, numeric, misKeyed, withDangling, cyclic])
      expect(DocIndex.of(doc).regular).toBe(false);
  });

  it('accepts only fresh ids and node-names', () => {
    const index = DocIndex.of({ ...emptyGraph(), nodes: { a: nul('a', 'x') } });
    expect(index.accepts([nul('b', 'y')])).toBe(true);
    expect(index.accepts([nul('a')])).toBe(false);
    expect(index.accepts([nul('b', 'x')])).toBe(false);
    expect(index.accepts([nul('b', 'y'), nul('c', 'y')])).toBe(false);
    expect(index.accepts([nul('12')])).toBe(false);
  });

  it('starts the search for a free BASE-N past the ids it holds, and back where a removal frees one', () => {
    let doc: BlockGraph = { ...emptyGraph(), nodes: { 'null-co-1': nul('null-co-1'), 'null-co-2': nul('null-co-2') } };
    const index = DocIndex.of(doc);
    const tried: string[] = [];
    const taken = (id: string): boolean => {
      tried.push(id);
      return isIdTaken(doc, id);
    };
    expect(index.lookups().numbered('null-co', taken)).toBe('null-co-3');
    expect(tried).toEqual(['null-co-3']);
    const third = nul('null-co-3');
    index.add([third], []);
    doc = { ...doc, nodes: { ...doc.nodes, [third.id]: third } };
    expect(index.lookups().numbered('null-co', taken)).toBe('null-co-4');
    index.remove([third], []);
    doc = { ...doc, nodes: { 'null-co-1': nul('null-co-1'), 'null-co-2': nul('null-co-2') } };
    expect(index.lookups().numbered('null-co', taken)).toBe('null-co-3');
  });

  it('forgets exactly what the last add added', () => {
    const doc = graph().node('n', 'null-co').build();
    const index = DocIndex.of(doc);
    const raw: BlockNode = { id: 'r', driver: 'raw', name: 'r', options: {} };
    const link = { parent: 'r', role: 'file', child: 'n', mode: 'reference' as const };
    index.add([raw], [link]);
    expect(index.lookups().link('r', 'file')).toBe(link);
    expect([...index.links('n')]).toEqual([link]);
    index.remove([raw], [link]);
    expect(index.names.has('r')).toBe(false);
    expect([...index.links('n')]).toEqual([]);
    expect(index.accepts([raw])).toBe(true);
  });

  it('makes sub-documents in document order, whatever order the ids come in', () => {
    const doc = generateNodes(40);
    const index = DocIndex.of(doc);
    const ids = new Set(Object.keys(doc.nodes).slice(5, 15).reverse());
    const part = index.subDocument(doc, ids);
    expect(Object.keys(part.nodes)).toEqual(Object.keys(doc.nodes).slice(5, 15));
    expect(part.links).toEqual(doc.links.filter((l) => ids.has(l.parent)));
  });
});

describe('Overlay', () => {
  it('reads through to its base and keeps its own writes', () => {
    const base = new Map([['a', '1']]);
    const overlay = new Overlay<string>((key) => base.get(key));
    overlay.set('b', '2');
    expect([overlay.get('a'), overlay.get('b'), overlay.has('c')]).toEqual(['1', '2', false]);
    expect(base.has('b')).toBe(false);
  });
});

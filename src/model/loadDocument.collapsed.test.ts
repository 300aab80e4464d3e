import { describe, expect, it } from 'vitest';
import { loadDocument } from './loadDocument.ts';

const base = {
  blockgraph: 1,
  nodes: {
    top: { driver: 'qcow2', name: 'top' },
    base: { driver: 'qcow2', name: 'base' },
  },
  links: [{ parent: 'top', role: 'backing', child: 'base', mode: 'reference' }],
};

describe('loadDocument: layout.collapsed', () => {
  it('is optional: a document without it has none', () => {
    const loaded = loadDocument({ ...base, layout: { positions: {} } });
    expect(loaded.ok && loaded.value.layout).toEqual({ positions: {} });
  });

  it('reads the list of collapsed chains, ids kept as written (unknown ones too, as positions)', () => {
    const loaded = loadDocument({ ...base, layout: { positions: {}, collapsed: ['top', 'gone'] } });
    expect(loaded.ok && loaded.value.layout.collapsed).toEqual(['top', 'gone']);
  });

  it('reports a value that is not an array at layout.collapsed', () => {
    const loaded = loadDocument({ ...base, layout: { positions: {}, collapsed: 'top' } });
    expect(loaded.ok ? [] : loaded.diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
      ['E002', 'layout.collapsed', 'Expected an array of block node ids'],
    ]);
  });

  it('reports each entry that is not a string where it is', () => {
    const loaded = loadDocument({ ...base, layout: { positions: {}, collapsed: ['top', 3, null] } });
    expect(loaded.ok ? [] : loaded.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['E002', 'layout.collapsed[1]'],
      ['E002', 'layout.collapsed[2]'],
    ]);
  });
});

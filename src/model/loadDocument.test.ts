import { describe, expect, it } from 'vitest';
import { EXAMPLES, seedSimpleTree } from './fixtures/index.ts';
import { loadDocument, loadDocumentText } from './loadDocument.ts';
import { validateDocument } from './validateDocument.ts';

describe('loadDocument', () => {
  it.each(EXAMPLES.map((e) => [e.id, e] as const))('reads back the %s example as saved', (_id, example) => {
    const saved = example.build();
    const loaded = loadDocumentText(JSON.stringify(saved, null, 2));
    expect(loaded).toEqual({ ok: true, value: saved });
  });

  it('reports a JSON syntax error with line and column', () => {
    const result = loadDocumentText('{\n  "blockgraph": 1,\n  "nodes": {,}\n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({ code: 'E001', line: 3, column: 13 });
  });

  it('refuses other versions and non-objects', () => {
    const version = loadDocument({ blockgraph: 2 });
    expect(version.ok ? [] : version.diagnostics).toMatchObject([{ code: 'E003', path: 'blockgraph' }]);
    expect(loadDocument([]).ok).toBe(false);
  });

  it('names the key path of every structural problem and reports them all', () => {
    const result = loadDocument({
      blockgraph: 1,
      nodes: {
        disk: { driver: 'qcow2', name: 'disk' },
        bad: { driver: 'qcow3' },
        worse: 'qcow2',
        unnamed: { driver: 'file', options: { filename: 'x' } },
      },
      links: [
        { parent: 'disk', role: 'file', child: 'unnamed', mode: 'sideways' },
        { parent: 'disk', role: 'nope', child: 'unnamed', mode: 'inline' },
        { parent: 'disk', role: 'file', child: 'unnamed', mode: 'reference' },
      ],
      layout: { positions: { disk: { x: 'left' } } },
    });
    expect(result.ok ? [] : result.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['E002', 'nodes.worse'],
      ['E002', 'links[0].mode'],
      ['E002', 'layout.positions.disk'],
      ['E101', 'nodes.bad.driver'],
      ['E201', 'links[1].role'],
      ['E205', 'links[2].role'],
    ]);
  });

  it('refuses what the edits refuse: duplicate names, taken roles, two inline parents, cycles, unknown ids', () => {
    const node = (driver: string, name?: string) => ({ driver, ...(name ? { name } : {}) });
    const result = loadDocument({
      blockgraph: 1,
      nodes: { a: node('raw', 'x'), b: node('raw', 'x'), c: node('raw', 'c'), n: node('null-co'), '9': node('raw') },
      links: [
        { parent: 'a', role: 'file', child: 'n', mode: 'inline' },
        { parent: 'a', role: 'file', child: 'c', mode: 'inline' },
        { parent: 'b', role: 'file', child: 'n', mode: 'inline' },
        { parent: 'c', role: 'file', child: 'b', mode: 'inline' },
        { parent: 'b', role: 'file', child: 'c', mode: 'reference' },
        { parent: 'zz', role: 'file', child: 'c', mode: 'inline' },
      ],
      frontends: { vda: { kind: 'floppy', root: 'nope' } },
    });
    expect(result.ok ? [] : result.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['E107', 'nodes.9.id'],
      ['E105', 'nodes.b.name'],
      ['E202', 'links[1].role'],
      ['E204', 'links[2].role'],
      ['E202', 'links[4].role'],
      ['E103', 'links[5].parent'],
      ['E203', 'links'],
      ['E108', 'frontends.vda.kind'],
      ['E103', 'frontends.vda.root'],
    ]);
  });

  it('keeps options verbatim, leaving schema checks to validateDocument', () => {
    const result = loadDocument({ blockgraph: 1, nodes: { n: { driver: 'null-co', options: { sise: 1 } } } });
    expect(result.ok && result.value.nodes.n?.options).toEqual({ sise: 1 });
    if (result.ok)
      expect(validateDocument(result.value).map((d) => d.message)).toEqual(["Parameter 'sise' is unexpected"]);
  });
});

describe('validateDocument', () => {
  it('accepts every example', () => {
    for (const example of EXAMPLES) expect(validateDocument(example.build()), example.id).toEqual([]);
  });

  it('reports missing mandatory options and children, and wrong types, per node', () => {
    const doc = seedSimpleTree();
    const broken = {
      ...doc,
      nodes: { ...doc.nodes, 'disk-file': { id: 'disk-file', driver: 'file', name: 'disk-file', options: {} } },
      links: doc.links.filter((l) => !(l.parent === 'backing' && l.role === 'file')),
    };
    expect(validateDocument(broken).map((d) => [d.node, d.message])).toEqual([
      ['disk-file', "Parameter 'filename' is missing"],
      ['backing', "Parameter 'file' is missing"],
    ]);
  });
});

describe('loadDocumentText: a value that is not a document', () => {
  it('points at the first character of the value', () => {
    expect(loadDocumentText('\n  []')).toMatchObject({
      ok: false,
      diagnostics: [{ code: 'E002', line: 2, column: 3 }],
    });
  });
});

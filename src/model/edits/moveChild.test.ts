import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGraph } from '../checkGraph.ts';
import { EXAMPLES, graph, quorumOfThree, seedSimpleTree } from '../fixtures/index.ts';
import type { Result } from '../result.ts';
import { moveChild } from './moveChild.ts';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return result.value;
}

function codes(result: Result<unknown>): string[] {
  return result.ok ? [] : result.diagnostics.map((d) => d.code);
}

describe('moveChild', () => {
  it('gives a role another child in one edit, keeping the link in place and its mode', () => {
    const g = graph()
      .node('disk', 'qcow2')
      .node('a', 'file', { filename: 'a' })
      .node('b', 'file', { filename: 'b' })
      .node('base', 'qcow2')
      .ref('disk', 'file', 'a')
      .child('disk', 'backing', 'base')
      .build();
    const moved = value(
      moveChild(g, { from: { parent: 'disk', role: 'file' }, to: { parent: 'disk', role: 'file', child: 'b' } }),
    );
    expect(moved.links).toEqual([
      { parent: 'disk', role: 'file', child: 'b', mode: 'reference' },
      { parent: 'disk', role: 'backing', child: 'base', mode: 'inline' },
    ]);
    expect(g.links[0]?.child).toBe('a');
    expect(checkGraph(moved)).toEqual([]);
  });

  it('moves a link to another parent and role, a bare list member taking the next free index', () => {
    const g = quorumOfThree();
    const moved = value(
      moveChild(g, {
        from: { parent: 'quorum0', role: 'children.2' },
        to: { parent: 'quorum0', role: 'children', child: 'qc2' },
      }),
    );
    expect(moved.links.filter((l) => l.parent === 'quorum0').map((l) => l.role)).toEqual([
      'children.0',
      'children.1',
      'children.2',
    ]);
    const rehomed = value(
      moveChild(seedSimpleTree(), {
        from: { parent: 'disk', role: 'backing' },
        to: { parent: 'backing', role: 'backing', child: 'disk-file' },
      }),
    );
    expect(rehomed.links).toContainEqual({ parent: 'backing', role: 'backing', child: 'disk-file', mode: 'reference' });
    expect(rehomed.links.some((l) => l.parent === 'disk' && l.role === 'backing')).toBe(false);
  });

  it('falls back to the mode a new link would get when the old one is not allowed there', () => {
    // disk-file is defined inline by disk: an inline link moved onto it becomes a reference.
    const g = seedSimpleTree();
    const moved = value(
      moveChild(g, {
        from: { parent: 'backing', role: 'file' },
        to: { parent: 'backing', role: 'file', child: 'disk-file' },
      }),
    );
    expect(moved.links).toContainEqual({ parent: 'backing', role: 'file', child: 'disk-file', mode: 'reference' });
    // An unnamed node cannot be referenced: a reference moved onto it becomes inline.
    const unnamed = graph()
      .node('disk', 'raw')
      .node('a', 'file', { filename: 'a' })
      .node('u', 'file', { filename: 'u' }, { name: null })
      .ref('disk', 'file', 'a')
      .build();
    const toUnnamed = value(
      moveChild(unnamed, { from: { parent: 'disk', role: 'file' }, to: { parent: 'disk', role: 'file', child: 'u' } }),
    );
    expect(toUnnamed.links).toEqual([{ parent: 'disk', role: 'file', child: 'u', mode: 'inline' }]);
  });

  it('refuses what connectChild refuses and leaves the document as it was', () => {
    const g = seedSimpleTree();
    // backing's file moved below itself via disk: disk → backing → disk would be a cycle.
    expect(
      codes(
        moveChild(g, {
          from: { parent: 'backing', role: 'file' },
          to: { parent: 'backing', role: 'file', child: 'disk' },
        }),
      ),
    ).toEqual(['E203']);
    expect(
      codes(
        moveChild(g, {
          from: { parent: 'disk', role: 'backing' },
          to: { parent: 'disk', role: 'file', child: 'backing' },
        }),
      ),
    ).toEqual(['E202']);
    expect(
      codes(
        moveChild(g, { from: { parent: 'disk-file', role: 'file' }, to: { parent: 'disk', role: 'file', child: 'x' } }),
      ),
    ).toEqual(['E206']);
    expect(
      codes(
        moveChild(g, {
          from: { parent: 'disk', role: 'file' },
          to: { parent: 'disk-file', role: 'backing', child: 'disk-file' },
        }),
      ),
    ).toEqual(['E201']);
  });

  it('returns the same document when the link would land where it is', () => {
    const g = seedSimpleTree();
    expect(
      value(
        moveChild(g, {
          from: { parent: 'disk', role: 'file' },
          to: { parent: 'disk', role: 'file', child: 'disk-file' },
        }),
      ),
    ).toBe(g);
  });

  it('accepted moves keep every example well-formed with as many links; refused ones say why', () => {
    const docs = EXAMPLES.map((e) => e.build());
    const move = fc
      .record({
        doc: fc.nat(docs.length - 1),
        link: fc.nat(40),
        parent: fc.nat(40),
        child: fc.nat(40),
        bare: fc.boolean(),
      })
      .map(({ doc, link, parent, child, bare }) => {
        const g = docs[doc] ?? seedSimpleTree();
        const ids = Object.keys(g.nodes);
        const from = g.links[link % Math.max(1, g.links.length)];
        const role = from === undefined ? 'file' : bare ? from.role.replace(/\.\d+$/, '') : from.role;
        return {
          g,
          args: {
            from: { parent: from?.parent ?? '', role: from?.role ?? '' },
            to: { parent: ids[parent % ids.length] ?? '', role, child: ids[child % ids.length] ?? '' },
          },
        };
      });
    fc.assert(
      fc.property(move, ({ g, args }) => {
        const result = moveChild(g, args);
        if (!result.ok) {
          expect(result.diagnostics.length).toBeGreaterThan(0);
          return;
        }
        expect(checkGraph(result.value)).toEqual([]);
        expect(result.value.links).toHaveLength(g.links.length);
        expect(result.value.links.some((l) => l.parent === args.to.parent && l.child === args.to.child)).toBe(true);
      }),
      { seed: 20261126, numRuns: 300 },
    );
  });
});

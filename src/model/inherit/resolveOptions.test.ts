import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyGraph, type BlockNode, type ChildLink } from '../document.ts';
import { setLinkMode } from '../edits/disconnectChild.ts';
import { setOption } from '../edits/setOption.ts';
import { graph, seedSimpleTree } from '../fixtures/index.ts';
import { createOptionsCache, explicitOptions, resolveOptions, type EffectiveOptions } from './resolveOptions.ts';

function values(options: EffectiveOptions | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options ?? {}).map(([key, e]) => [key, e.value]));
}

describe('resolveOptions', () => {
  it('gives a lone top-level node the blockdev-add defaults', () => {
    const options = resolveOptions(graph().node('n', 'null-co').build()).get('n');
    expect(values(options)).toEqual({
      'cache.direct': false,
      'cache.no-flush': false,
      'read-only': false,
      'auto-read-only': false,
      'force-share': false,
      discard: 'ignore',
      'detect-zeroes': 'off',
    });
    expect(options?.['read-only'].origin).toEqual({ kind: 'default' });
  });

  it('passes cache and read-only to inline children, with where each came from', () => {
    const doc = graph()
      .node('top', 'qcow2', { cache: { direct: true }, 'read-only': true, 'detect-zeroes': 'on' })
      .node('top-file', 'file', { filename: 'a.qcow2' })
      .node('back', 'qcow2', { 'read-only': false })
      .node('back-file', 'file', { filename: 'b.qcow2' })
      .child('top', 'file', 'top-file')
      .child('top', 'backing', 'back')
      .child('back', 'file', 'back-file')
      .build();
    const resolved = resolveOptions(doc);
    expect(resolved.get('top-file')?.['cache.direct']).toEqual({
      value: true,
      origin: { kind: 'inherited', from: 'top', role: 'file' },
    });
    expect(resolved.get('top-file')?.['read-only'].value).toBe(true);
    expect(resolved.get('top-file')?.['detect-zeroes']).toEqual({ value: 'off', origin: { kind: 'default' } });
    expect(resolved.get('top-file')?.discard.origin).toMatchObject({ kind: 'forced', role: 'file' });
    expect(resolved.get('back')?.['read-only']).toEqual({ value: false, origin: { kind: 'explicit' } });
    expect(resolved.get('back')?.['cache.direct'].origin).toEqual({ kind: 'inherited', from: 'top', role: 'backing' });
    expect(resolved.get('back-file')?.['read-only'].origin).toEqual({ kind: 'inherited', from: 'back', role: 'file' });
  });

  it('opens an inline backing child read-only by its role', () => {
    const resolved = resolveOptions(seedSimpleTree());
    expect(resolved.get('backing')?.['read-only']).toMatchObject({
      value: true,
      origin: { kind: 'forced', role: 'backing' },
    });
    expect(resolved.get('backing-file')?.['read-only'].value).toBe(true);
    expect(resolved.get('disk-file')?.['read-only'].value).toBe(false);
  });

  it('gives a referenced child nothing from its parent', () => {
    const doc = graph()
      .node('f', 'file', { filename: 'a.qcow2' })
      .node('top', 'qcow2', { cache: { direct: true }, 'force-share': true, 'read-only': true })
      .ref('top', 'file', 'f')
      .build();
    expect(values(resolveOptions(doc).get('f'))).toMatchObject({
      'cache.direct': false,
      'read-only': false,
      'force-share': false,
    });
  });

  it('copies force-share only when the parent has it, and never detect-zeroes', () => {
    const doc = graph()
      .node('top', 'raw', { 'force-share': true, 'read-only': true })
      .node('n', 'null-co', {}, { name: null })
      .child('top', 'file', 'n')
      .build();
    expect(resolveOptions(doc).get('n')?.['force-share']).toEqual({
      value: true,
      origin: { kind: 'inherited', from: 'top', role: 'file' },
    });
    const plain = graph().node('top', 'raw').node('n', 'null-co').child('top', 'file', 'n').build();
    expect(resolveOptions(plain).get('n')?.['force-share'].origin).toEqual({ kind: 'default' });
  });

  it('handles a 20,000-deep chain without recursion', () => {
    // Built directly: the edit functions check each step and are not meant for bulk generation.
    const nodes: Record<string, BlockNode> = {
      n0: { id: 'n0', driver: 'null-co', name: 'n0', options: { cache: { direct: true } } },
    };
    const links: ChildLink[] = [];
    for (let i = 1; i < 20_000; i++) {
      const id = `n${String(i)}`;
      nodes[id] = { id, driver: 'raw', name: id, options: {} };
      links.push({ parent: id, role: 'file', child: `n${String(i - 1)}`, mode: 'inline' });
    }
    const doc = { ...emptyGraph(), nodes, links };
    const resolved = resolveOptions(doc);
    expect(resolved.size).toBe(20_000);
    expect(resolved.get('n0')?.['cache.direct'].value).toBe(true);
    expect(resolved.get('n1')?.['cache.direct'].origin).toEqual({ kind: 'inherited', from: 'n2', role: 'file' });
  });
});

describe('resolveOptions with a cache', () => {
  it('gives what it gives without one, and keeps the results of the nodes an edit leaves alone', () => {
    const cache = createOptionsCache();
    const before = seedSimpleTree();
    const first = resolveOptions(before, explicitOptions, undefined, cache);
    expect(first).toEqual(resolveOptions(before));
    const edited = setOption(before, { node: 'backing-file', path: ['cache', 'no-flush'], value: true });
    if (!edited.ok) throw new Error('edit refused');
    const second = resolveOptions(edited.value, explicitOptions, undefined, cache);
    expect(second).toEqual(resolveOptions(edited.value));
    // Only the edited node is computed again: nothing hangs below it, and its parents are untouched.
    for (const id of ['disk', 'disk-file', 'backing']) expect(second.get(id)).toBe(first.get(id));
    expect(second.get('backing-file')).not.toBe(first.get('backing-file'));
    expect(second.get('backing-file')?.['cache.no-flush'].value).toBe(true);
  });

  it('agrees with a fresh computation after any sequence of edits (property)', () => {
    const cache = createOptionsCache();
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom('disk', 'disk-file', 'backing', 'backing-file'), fc.boolean(), fc.boolean()),
          { maxLength: 12 },
        ),
        (edits) => {
          let doc = seedSimpleTree();
          for (const [node, direct, unlink] of edits) {
            const next =
              unlink && node === 'disk'
                ? setLinkMode(doc, { parent: 'disk', role: 'backing', mode: direct ? 'inline' : 'reference' })
                : setOption(doc, { node, path: ['cache', 'direct'], value: direct });
            if (next.ok) doc = next.value;
            expect(resolveOptions(doc, explicitOptions, undefined, cache)).toEqual(resolveOptions(doc));
          }
        },
      ),
      { seed: 20261126, numRuns: 200 },
    );
  });
});

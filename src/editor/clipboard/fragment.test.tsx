import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateVmGraph, seedSimpleTree, throttleWithGroup } from '../../model/fixtures/index.ts';
import { MAX_NODE_NAME_LENGTH, addNode, checkGraph, type BlockGraph } from '../../model/index.ts';
import { clipboardText, copyFragment, freshName, pasteFragment, readClipboardText } from './fragment.ts';

function pasted(graph: BlockGraph, ids: readonly string[], offset = { x: 40, y: 40 }) {
  const fragment = copyFragment(graph, ids);
  if (fragment === undefined) throw new Error('nothing copied');
  const result = pasteFragment(graph, fragment, offset);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return result.value;
}

describe('copyFragment', () => {
  it('keeps the links inside the copy, drops the others, and unroots frontends whose root stays behind', () => {
    const fragment = copyFragment(seedSimpleTree(), ['disk', 'backing', 'vda', 'ghost-of-an-image']);
    expect(Object.keys(fragment?.nodes ?? {})).toEqual(['disk', 'backing']);
    expect(fragment?.links).toEqual([{ parent: 'disk', role: 'backing', child: 'backing', mode: 'inline' }]);
    expect(fragment?.frontends.vda?.root).toBe('disk');
    expect(Object.keys(fragment?.layout.positions ?? {}).sort()).toEqual(['backing', 'disk', 'vda']);
    expect(copyFragment(seedSimpleTree(), ['vda'])?.frontends.vda?.root).toBeNull();
    expect(copyFragment(seedSimpleTree(), ['ghost-of-an-image'])).toBeUndefined();
  });
});

describe('pasteFragment', () => {
  it('gives fresh ids and names, and points links, roots and object options at the copies', () => {
    const graph = throttleWithGroup();
    const ids = Object.keys({ ...graph.nodes, ...graph.objects, ...graph.frontends });
    const { graph: next, ids: fresh } = pasted(graph, ids);
    expect(checkGraph(next)).toEqual([]);
    expect(fresh.filter((id) => ids.includes(id))).toEqual([]);
    const objectCopy = fresh.find((id) => Object.hasOwn(next.objects, id)) ?? '';
    const throttleCopies = fresh.filter((id) => next.nodes[id]?.driver === 'throttle');
    expect(throttleCopies.map((id) => next.nodes[id]?.options['throttle-group'])).toEqual([objectCopy]);
  });

  it('keeps a node-name that differs from the id when it is free, and renames it when taken', () => {
    const added = addNode(seedSimpleTree(), { driver: 'null-co', id: 'n', name: 'scratch' });
    if (!added.ok) throw new Error('setup');
    const once = pasted(added.value.graph, ['n']);
    expect(once.graph.nodes['n-1']?.name).toBe('scratch-1');
    const unnamed = addNode(seedSimpleTree(), { driver: 'null-co', id: 'u', name: null });
    if (!unnamed.ok) throw new Error('setup');
    expect(pasted(unnamed.value.graph, ['u']).graph.nodes['u-1']?.name).toBeUndefined();
  });

  it('refuses a fragment that breaks the document, with the model’s diagnostics', () => {
    const graph = seedSimpleTree();
    const broken = copyFragment(graph, ['disk', 'disk-file']);
    if (broken === undefined) throw new Error('setup');
    const twice = { ...broken, links: [...broken.links, ...broken.links] };
    const result = pasteFragment(graph, twice, { x: 0, y: 0 });
    expect(result.ok ? [] : result.diagnostics.map((d) => d.code)).toEqual(['E202']);
  });

  it('keeps every document invariant for any selection of a generated graph, pasted twice', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.array(fc.nat(), { maxLength: 12 }), (seed, picks) => {
        const graph = generateVmGraph({ disks: 2, depth: 3, seed });
        const all = [...Object.keys(graph.nodes), ...Object.keys(graph.objects), ...Object.keys(graph.frontends)];
        const ids = [...new Set(picks.map((i) => all[i % all.length] ?? ''))];
        fc.pre(ids.length > 0);
        const chosen = new Set(ids);
        const inner = graph.links.filter((l) => chosen.has(l.parent) && chosen.has(l.child));
        const first = pasted(graph, ids);
        const second = pasted(first.graph, ids, { x: 80, y: 80 });
        for (const step of [first, second]) {
          expect(checkGraph(step.graph)).toEqual([]);
          const newIds = new Set(step.ids);
          expect(newIds.size).toBe(ids.length);
          const newLinks = step.graph.links.filter((l) => newIds.has(l.parent) || newIds.has(l.child));
          expect(newLinks).toHaveLength(inner.length);
          expect(newLinks.every((l) => newIds.has(l.parent) && newIds.has(l.child))).toBe(true);
          const names = Object.values(step.graph.nodes).flatMap((n) => (n.name === undefined ? [] : [n.name]));
          expect(new Set(names).size).toBe(names.length);
          expect(names.every((name) => name.length <= MAX_NODE_NAME_LENGTH)).toBe(true);
        }
        expect(second.ids.filter((id) => first.ids.includes(id) || chosen.has(id))).toEqual([]);
      }),
      { seed: 20240605, numRuns: 60 },
    );
  });
});

describe('freshName', () => {
  it('numbers the stem and stays within 31 characters', () => {
    expect(freshName('disk', () => false)).toBe('disk-1');
    expect(freshName('qcow2-1', (n) => n === 'qcow2-1')).toBe('qcow2-2');
    const long = 'a'.repeat(31);
    const name = freshName(long, (n) => n === `${'a'.repeat(29)}-1`);
    expect(name).toBe(`${'a'.repeat(29)}-2`);
    expect(name.length).toBeLessThanOrEqual(MAX_NODE_NAME_LENGTH);
  });
});

describe('clipboard text', () => {
  it('reads its own text back, ignores other text and reports a broken fragment', () => {
    const fragment = copyFragment(seedSimpleTree(), ['disk', 'disk-file']);
    if (fragment === undefined) throw new Error('setup');
    expect(readClipboardText(clipboardText(fragment))).toEqual({ ok: true, value: fragment });
    expect(readClipboardText('-drive file=disk.qcow2,if=virtio')).toBeUndefined();
    expect(readClipboardText('{"blockgraph-clipboard": 2}')).toBeUndefined();
    const broken = readClipboardText('{"blockgraph-clipboard": 1, "document": {"blockgraph": 1, "nodes": {"x": {}}}}');
    expect(broken?.ok === false && broken.diagnostics.map((d) => `${d.code} ${d.path ?? ''}`)).toEqual([
      'E002 nodes.x.driver',
    ]);
  });
});

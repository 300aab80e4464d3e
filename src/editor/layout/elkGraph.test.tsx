import type { ElkNode } from 'elkjs/lib/elk-api.js';
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { generateVmGraph, quorumOfThree, seedSimpleTree } from '../../model/fixtures/index.ts';
import type { BlockGraph, Position } from '../../model/index.ts';
import { collapseChain, collapsedNodeId } from '../collapse/chains.ts';
import { anchoredAt, canvasPositions, elkGraphOf, layoutMoves, portId, positionsOf } from './elkGraph.ts';

const elk = new ELK();

/** Lays a document out with the real ELK (in this thread: Vitest has no workers) and returns the positions. */
async function laidOut(graph: BlockGraph): Promise<Record<string, Position>> {
  const laid: ElkNode = await elk.layout(elkGraphOf(graph, new Map()));
  return positionsOf(laid);
}

describe('elkGraphOf', () => {
  it('has one ELK node per canvas node and one edge per child link, from the role’s port to the parent port', () => {
    const doc = seedSimpleTree();
    const elkGraph = elkGraphOf(doc, new Map());
    expect(elkGraph.layoutOptions?.['elk.direction']).toBe('DOWN');
    expect((elkGraph.children ?? []).map((c) => c.id).sort()).toEqual(
      [...Object.keys(doc.nodes), ...Object.keys(doc.frontends), ...Object.keys(doc.objects)].sort(),
    );
    const links = doc.links.map((l) => ({
      sources: [portId(l.parent, `role:${l.role}`)],
      targets: [portId(l.child, 'parent')],
    }));
    const ends = (elkGraph.edges ?? []).map((e) => ({ sources: e.sources, targets: e.targets }));
    expect(ends).toEqual(expect.arrayContaining(links));
  });

  it('places a node’s role ports along its bottom in the order of its role handles', () => {
    const doc = quorumOfThree();
    const quorum = Object.values(doc.nodes).find((n) => n.driver === 'quorum');
    if (quorum === undefined) throw new Error('no quorum node');
    const node = elkGraphOf(doc, new Map()).children?.find((c) => c.id === quorum.id);
    const south = (node?.ports ?? []).filter((p) => p.layoutOptions?.['elk.port.side'] === 'SOUTH');
    expect(south.map((p) => p.id)).toEqual(
      ['children.0', 'children.1', 'children.2', 'children'].map((role) => portId(quorum.id, `role:${role}`)),
    );
    const xs = south.map((p) => p.x ?? NaN);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(xs.length);
    expect(node?.layoutOptions?.['elk.portConstraints']).toBe('FIXED_POS');
  });

  it('uses measured sizes and handle places when it has them', () => {
    const doc = seedSimpleTree();
    const handles = [{ id: 'parent', side: 'NORTH' as const, x: 90, y: -4, width: 8, height: 8 }];
    const node = elkGraphOf(doc, new Map([['disk', { width: 200, height: 99, handles }]])).children?.find(
      (c) => c.id === 'disk',
    );
    expect([node?.width, node?.height]).toEqual([200, 99]);
    expect(node?.ports).toEqual([expect.objectContaining({ id: portId('disk', 'parent'), x: 90, y: -4 })]);
  });

  it('lays a collapsed chain out as one node, whose move moves every layer it hides', async () => {
    const doc = collapseChain(generateVmGraph({ disks: 1, depth: 50, throttled: 0, seed: 4 }), 'd0-l0');
    const elkGraph = elkGraphOf(doc, new Map());
    expect(elkGraph.children?.map((c) => c.id).sort()).toEqual(
      [collapsedNodeId('d0-l0'), 'd0-l0', 'd0-l0-file', 'vd0'].sort(),
    );
    const positions = await laidOut(doc);
    expect(positions['d0-l0']?.y).toBeLessThan(positions[collapsedNodeId('d0-l0')]?.y ?? -Infinity);
    const moves = layoutMoves(doc, positions);
    expect(Object.keys(moves)).toContain(collapsedNodeId('d0-l0'));
  });
});

describe('ELK result → positions', () => {
  it('puts parents above their children down a 64-deep chain', async ({ annotate }) => {
    const doc = generateVmGraph({ disks: 1, depth: 64, throttled: 0, seed: 4 });
    const start = performance.now();
    const positions = await laidOut(doc);
    await annotate(
      `ELK layout of a 64-deep chain (${String(Object.keys(doc.nodes).length)} nodes): ${(performance.now() - start).toFixed(0)} ms`,
    );
    for (const link of doc.links) {
      expect(positions[link.parent]?.y ?? Infinity).toBeLessThan(positions[link.child]?.y ?? -Infinity);
    }
    expect(positions.vd0?.y ?? Infinity).toBeLessThan(positions['d0-l0']?.y ?? -Infinity);
  });

  it('lays out 16 disks × 64-deep chains (2,000+ nodes) with no two nodes on one spot', async ({ annotate }) => {
    const doc = generateVmGraph({ disks: 16, depth: 64, seed: 9 });
    const startConvert = performance.now();
    const elkGraph = elkGraphOf(doc, new Map());
    const convertMs = performance.now() - startConvert;
    const start = performance.now();
    const positions = positionsOf(await elk.layout(elkGraph));
    const layoutMs = performance.now() - start;
    const count = Object.keys(doc.nodes).length + Object.keys(doc.frontends).length + Object.keys(doc.objects).length;
    await annotate(
      `${String(count)} canvas nodes: document → ELK graph ${convertMs.toFixed(0)} ms, ELK layout ${layoutMs.toFixed(0)} ms`,
    );
    expect(Object.keys(positions)).toHaveLength(count);
    expect(new Set(Object.values(positions).map((p) => `${String(p.x)},${String(p.y)}`)).size).toBe(count);
  });

  it('rounds ELK’s coordinates to whole pixels', () => {
    expect(positionsOf({ id: 'root', children: [{ id: 'a', x: 12.4, y: 7.6 }, { id: 'b' }] })).toEqual({
      a: { x: 12, y: 8 },
      b: { x: 0, y: 0 },
    });
  });

  it('keeps the laid-out graph where the graph was', () => {
    const anchored = anchoredAt(
      { a: { x: 0, y: 0 }, b: { x: 100, y: 50 } },
      { a: { x: 300, y: 200 }, b: { x: 250, y: 400 } },
    );
    expect(anchored).toEqual({ a: { x: 250, y: 200 }, b: { x: 350, y: 250 } });
    expect(anchoredAt({ a: { x: 5, y: 5 } }, {})).toEqual({ a: { x: 5, y: 5 } });
  });

  it('moves only the nodes whose place changes', () => {
    const doc = seedSimpleTree();
    const now = canvasPositions(doc);
    const moves = layoutMoves(doc, { ...now, disk: { x: 1, y: 2 }, nowhere: { x: 0, y: 0 } });
    expect(moves).toEqual({ disk: { x: 1, y: 2 } });
  });
});

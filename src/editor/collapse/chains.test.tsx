import { describe, expect, it } from 'vitest';
import { generateVmGraph, graph } from '../../model/fixtures/index.ts';
import { loadDocument, type BlockGraph } from '../../model/index.ts';
import { toQmpScript } from '../../export/index.ts';
import {
  backingChain,
  baseImageName,
  collapseChain,
  collapsedChains,
  collapsedNodeId,
  expandChain,
  spreadMoves,
  topOfCollapsed,
} from './chains.ts';

/** One disk of `depth` qcow2 layers (`d0-l0` on top), each over its own `file` node, under a virtio-blk device. */
function chainOf(depth: number): BlockGraph {
  return generateVmGraph({ disks: 1, depth, throttled: 0, seed: 3 });
}

/** Two overlays on one base: top1 → mid → base and top2 → mid, each qcow2 over a file. */
function sharedBase(): BlockGraph {
  let b = graph();
  for (const id of ['top1', 'top2', 'mid', 'base']) {
    b = b
      .node(id, 'qcow2')
      .node(`${id}-file`, 'file', { filename: `${id}.qcow2` })
      .child(id, 'file', `${id}-file`);
  }
  return b.ref('top1', 'backing', 'mid').ref('top2', 'backing', 'mid').ref('mid', 'backing', 'base').build();
}

describe('backingChain', () => {
  it('follows backing children down to the base of a 64-deep chain', () => {
    const doc = chainOf(64);
    const layers = backingChain(doc, 'd0-l0');
    expect(layers).toHaveLength(63);
    expect(layers[0]).toBe('d0-l1');
    expect(layers.at(-1)).toBe('d0-l63');
    expect(backingChain(doc, 'd0-l63')).toEqual([]);
  });
});

describe('collapseChain and expandChain', () => {
  it('collapse a 64-deep chain into one chain of 63 layers and their 63 files, and expand it back', () => {
    const doc = chainOf(64);
    const collapsed = collapseChain(doc, 'd0-l0');
    expect(collapsed.layout.collapsed).toEqual(['d0-l0']);
    // Positions are untouched: expanding puts every layer where it was.
    expect(collapsed.layout.positions).toBe(doc.layout.positions);
    const [chain] = collapsedChains(collapsed).chains;
    expect(chain?.top).toBe('d0-l0');
    expect(chain?.layers).toHaveLength(63);
    expect(chain?.extras).toEqual(Array.from({ length: 63 }, (_, i) => `d0-l${String(i + 1)}-file`));
    // The top's own file stays visible: its parent is the top, which the chain does not hide.
    expect(collapsedChains(collapsed).hiddenBy.has('d0-l0-file')).toBe(false);
    const expanded = expandChain(collapsed, 'd0-l0');
    expect(expanded.layout).toEqual(doc.layout);
    expect(collapsedChains(expanded).chains).toEqual([]);
  });

  it('leave a document alone when there is nothing to collapse or expand', () => {
    const doc = chainOf(3);
    expect(collapseChain(doc, 'd0-l2')).toBe(doc); // the base has no backing child
    expect(collapseChain(doc, 'no-such-node')).toBe(doc);
    expect(expandChain(doc, 'd0-l0')).toBe(doc);
    const once = collapseChain(doc, 'd0-l0');
    expect(collapseChain(once, 'd0-l0')).toBe(once);
  });

  it('fold a chain collapsed lower down into the one collapsed above it', () => {
    const doc = chainOf(6);
    const lower = collapseChain(doc, 'd0-l3');
    expect(collapsedChains(lower).chains.map((c) => c.layers)).toEqual([['d0-l4', 'd0-l5']]);
    const both = collapseChain(lower, 'd0-l0');
    // The lower entry is inside the new chain: it goes, and the whole chain is one node.
    expect(both.layout.collapsed).toEqual(['d0-l0']);
    expect(collapsedChains(both).chains.map((c) => c.layers.length)).toEqual([5]);
    // A document that lists both (written by hand) draws the outer one only.
    const listed: BlockGraph = { ...doc, layout: { ...doc.layout, collapsed: ['d0-l3', 'd0-l0'] } };
    expect(collapsedChains(listed).chains.map((c) => c.top)).toEqual(['d0-l0']);
  });

  it('give shared lower layers to the chain collapsed first, the other stopping above them', () => {
    const doc = sharedBase();
    const one = collapseChain(doc, 'top1');
    const view = collapsedChains(collapseChain(one, 'top2'));
    expect(view.chains.map((c) => [c.top, c.layers])).toEqual([['top1', ['mid', 'base']]]);
    // top2's backing child is top1's chain: nothing is left for top2 to fold.
    expect(view.hiddenBy.get('mid')?.top).toBe('top1');
    // mid has two parents, top1 and top2: hidden as a layer, but top2 stays visible.
    expect(view.hiddenBy.has('top2')).toBe(false);
    expect(view.chains[0]?.extras).toEqual(['mid-file', 'base-file']);
  });

  it('keep a node visible when a frontend uses it', () => {
    const doc = graph()
      .node('top', 'qcow2')
      .node('base', 'qcow2')
      .node('base-file', 'file', { filename: 'base.qcow2' })
      .child('base', 'file', 'base-file')
      .ref('top', 'backing', 'base')
      .frontend('export', 'nbd-export', 'base-file')
      .build();
    const view = collapsedChains(collapseChain(doc, 'top'));
    expect(view.chains[0]?.layers).toEqual(['base']);
    expect(view.chains[0]?.extras).toEqual([]);
  });

  it('ignore entries that name no block node or a node without a backing child', () => {
    const doc = chainOf(2);
    const odd: BlockGraph = { ...doc, layout: { ...doc.layout, collapsed: ['gone', 'd0-l1', 'vd0', 'd0-l0'] } };
    expect(collapsedChains(odd).chains.map((c) => c.top)).toEqual(['d0-l0']);
    // Collapsing or expanding tidies such entries away.
    expect(expandChain(odd, 'd0-l0').layout.collapsed).toEqual(['d0-l1']);
  });

  it('never change what QEMU is given', () => {
    const doc = chainOf(8);
    const collapsed = collapseChain(doc, 'd0-l0');
    expect(toQmpScript(collapsed)).toEqual(toQmpScript(doc));
    // And the document still loads with its collapsed chain (the field round-trips through JSON).
    const loaded = loadDocument(JSON.parse(JSON.stringify(collapsed)));
    expect(loaded.ok && loaded.value.layout.collapsed).toEqual(['d0-l0']);
  });
});

describe('collapsed node ids', () => {
  it('name the top node they stand for', () => {
    expect(topOfCollapsed(collapsedNodeId('disk'))).toBe('disk');
    expect(topOfCollapsed('disk')).toBeUndefined();
    expect(topOfCollapsed(null)).toBeUndefined();
  });
});

describe('spreadMoves', () => {
  it('moves every node a chain hides by the collapsed node’s move, and passes other moves through', () => {
    const doc = collapseChain(chainOf(4), 'd0-l0');
    const at = (id: string) => doc.layout.positions[id] ?? { x: NaN, y: NaN };
    const head = at('d0-l1');
    const moves = spreadMoves(doc, {
      [collapsedNodeId('d0-l0')]: { x: head.x + 30, y: head.y - 20 },
      vd0: { x: 5, y: 6 },
      [collapsedNodeId('gone')]: { x: 0, y: 0 },
    });
    const hidden = ['d0-l1', 'd0-l1-file', 'd0-l2', 'd0-l2-file', 'd0-l3', 'd0-l3-file'];
    expect(Object.keys(moves).sort()).toEqual([...hidden, 'vd0'].sort());
    for (const id of hidden) expect(moves[id]).toEqual({ x: at(id).x + 30, y: at(id).y - 20 });
    expect(moves.vd0).toEqual({ x: 5, y: 6 });
  });
});

describe('baseImageName', () => {
  it('names the base by its image file, else its node-name', () => {
    const doc = collapseChain(chainOf(5), 'd0-l0');
    const [chain] = collapsedChains(doc).chains;
    if (chain === undefined) throw new Error('no chain');
    expect(baseImageName(doc, chain)).toBe('d0-l4.qcow2');
    const bare = graph().node('top', 'qcow2').node('base', 'qcow2').ref('top', 'backing', 'base').build();
    const [plain] = collapsedChains(collapseChain(bare, 'top')).chains;
    if (plain === undefined) throw new Error('no chain');
    expect(baseImageName(bare, plain)).toBe('base');
  });
});

describe('at scale', () => {
  it('folds 16 disks × 64-deep chains (2,000+ nodes) in linear time', async ({ annotate }) => {
    const doc = generateVmGraph({ disks: 16, depth: 64, seed: 5 });
    const tops = Object.keys(doc.nodes).filter((id) => /^d\d+-l0$/.test(id));
    const start = performance.now();
    const collapsed = tops.reduce(collapseChain, doc);
    const view = collapsedChains(collapsed);
    const ms = performance.now() - start;
    await annotate(
      `collapse 16 chains of a ${String(Object.keys(doc.nodes).length)}-node document: ${ms.toFixed(1)} ms`,
    );
    expect(view.chains).toHaveLength(16);
    expect(view.hiddenBy.size).toBe(16 * 63 * 2);
  });
});

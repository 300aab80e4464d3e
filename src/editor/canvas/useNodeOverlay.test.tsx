import { describe, expect, it } from 'vitest';
import { seedSimpleTree } from '../../model/fixtures/index.ts';
import { disconnectChild, moveTo } from '../../model/index.ts';
import type { FlowNode, RoleFlowEdge } from './flowTypes.ts';
import { toFlow } from './toFlow.ts';
import { reuser, sameCanvasItem } from './useNodeOverlay.ts';

describe('reuser', () => {
  it('keeps the objects of the nodes an edit did not change, and only those', () => {
    const reuse = reuser<FlowNode>();
    const graph = seedSimpleTree();
    const first = reuse(toFlow(graph).nodes);
    const next = reuse(toFlow(moveTo(graph, 'disk', { x: 999, y: 0 })).nodes);
    const changed = next.filter((node, i) => node !== first[i]).map((node) => node.id);
    expect(changed).toEqual(['disk']);
  });

  it('keeps the edges of links an edit did not touch', () => {
    const reuse = reuser<RoleFlowEdge>();
    const graph = seedSimpleTree();
    const first = reuse(toFlow(graph).edges);
    const unlinked = disconnectChild(graph, { parent: 'disk', role: 'backing' });
    if (!unlinked.ok) throw new Error('setup');
    const next = reuse(toFlow(unlinked.value).edges);
    expect(next.filter((edge) => !first.includes(edge)).map((edge) => edge.id)).toEqual([]);
    expect(next).toHaveLength(first.length - 1);
  });

  it('tells a selection change and a data change apart from an equal copy', () => {
    const [node] = toFlow(seedSimpleTree()).nodes as [FlowNode];
    expect(sameCanvasItem(node, structuredClone(node))).toBe(true);
    expect(sameCanvasItem(node, { ...node, selected: true })).toBe(false);
    expect(sameCanvasItem(node, { ...node, data: { ...node.data, title: 'other' } })).toBe(false);
    expect(sameCanvasItem(node, { ...node, position: { x: node.position.x + 1, y: node.position.y } })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { generateVmGraph } from '../../model/fixtures/index.ts';
import { collapseChain, collapsedNodeId } from '../collapse/chains.ts';
import { collapseFlow, collapseGhosts, collapsedLabel } from './collapsedFlow.ts';
import type { RoleFlowEdge } from './flowTypes.ts';
import { toFlow } from './toFlow.ts';

const chain50 = generateVmGraph({ disks: 1, depth: 50, throttled: 0, seed: 2 });

describe('collapseFlow', () => {
  it('draws a collapsed 50-layer chain as its top and one "49 more layers" node', () => {
    const doc = collapseChain(chain50, 'd0-l0');
    const flow = collapseFlow(toFlow(doc), doc);
    expect(flow.nodes.map((n) => n.id).sort()).toEqual([collapsedNodeId('d0-l0'), 'd0-l0', 'd0-l0-file', 'vd0']);
    expect(flow.nodes.find((n) => n.type === 'collapsed')?.ariaLabel).toBe('49 more layers (backing chain of d0-l0)');
    const collapsed = flow.nodes.find((n) => n.type === 'collapsed');
    expect(collapsed?.id).toBe(collapsedNodeId('d0-l0'));
    // Where the first hidden layer is, so expanding leaves everything where it was.
    expect(collapsed?.position).toEqual(doc.layout.positions['d0-l1']);
    expect(collapsed?.type === 'collapsed' && collapsed.data).toMatchObject({ layers: 49, base: 'd0-l49.qcow2' });
    // The top's backing link ends at the collapsed node, under the link's own id and name.
    const backing = flow.edges.filter((e) => e.data?.role === 'backing');
    expect(backing.map((e) => [e.id, e.source, e.target, e.ariaLabel])).toEqual([
      ['link:d0-l0:backing', 'd0-l0', collapsedNodeId('d0-l0'), 'd0-l0 → d0-l1 (backing)'],
    ]);
    expect(flow.edges.map((e) => e.data?.role).sort()).toEqual(['backing', 'file', 'root']);
  });

  it('routes edges from outside into hidden nodes, and out of them, to the collapsed node', () => {
    const doc = collapseChain(generateVmGraph({ disks: 1, depth: 4, throttled: 0, seed: 2 }), 'd0-l0');
    const flow = toFlow(doc);
    const extra: RoleFlowEdge[] = [
      { id: 'x', type: 'role', source: 'vd0', target: 'd0-l2', data: { role: 'root', kind: 'root' } },
      { id: 'y', type: 'role', source: 'd0-l3', target: 'ghost', data: { role: 'backing', kind: 'implicit' } },
    ];
    const rerouted = collapseGhosts({ nodes: [], edges: extra }, doc).edges;
    expect(rerouted.map((e) => [e.source, e.sourceHandle, e.target, e.targetHandle])).toEqual([
      ['vd0', undefined, collapsedNodeId('d0-l0'), 'parent'],
      [collapsedNodeId('d0-l0'), 'children', 'ghost', undefined],
    ]);
    expect(
      collapseFlow(flow, doc).edges.every((e) => !e.source.startsWith('d0-l1') && !e.target.startsWith('d0-l2')),
    ).toBe(true);
  });

  it('returns the very same flow when nothing is collapsed', () => {
    const flow = toFlow(chain50);
    expect(collapseFlow(flow, chain50)).toBe(flow);
  });

  it('names the collapsed node with its count and top', () => {
    expect(collapsedLabel(1, 'disk')).toBe('1 more layer (backing chain of disk)');
  });
});

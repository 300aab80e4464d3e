import { describe, expect, it } from 'vitest';
import { checkGraph } from '../checkGraph.ts';
import { graph, quorumOfThree, seedSimpleTree } from '../fixtures/index.ts';
import type { Result } from '../result.ts';
import { renameNode } from './renameNode.ts';

function codes(result: Result<unknown>): string[] {
  return result.ok ? [] : result.diagnostics.map((d) => d.code);
}

describe('renameNode', () => {
  it('changes only the node-name: the id, links and frontend roots stay', () => {
    const g = seedSimpleTree();
    const result = renameNode(g, { node: 'disk', name: 'disk0' });
    if (!result.ok) throw new Error(result.diagnostics[0]?.message);
    expect(result.value.nodes.disk).toEqual({ ...g.nodes.disk, name: 'disk0' });
    expect(result.value.links).toBe(g.links);
    expect(result.value.frontends.vda?.root).toBe('disk');
    expect(g.nodes.disk?.name).toBe('disk');
    expect(checkGraph(result.value)).toEqual([]);
  });

  it('returns the same document when the name does not change', () => {
    const g = seedSimpleTree();
    const result = renameNode(g, { node: 'disk', name: 'disk' });
    expect(result.ok && result.value).toBe(g);
  });

  it("refuses QEMU's bad node-names with QEMU's words, and a name another node has", () => {
    const g = seedSimpleTree();
    const invalid = renameNode(g, { node: 'disk', name: '0disk' });
    expect(invalid.ok ? [] : invalid.diagnostics).toEqual([
      { code: 'E104', severity: 'error', message: "Invalid node-name: '0disk'", node: 'disk', path: 'node-name' },
    ]);
    expect(codes(renameNode(g, { node: 'disk', name: 'x'.repeat(32) }))).toEqual(['E106']);
    expect(codes(renameNode(g, { node: 'disk', name: 'x'.repeat(31) }))).toEqual([]);
    expect(codes(renameNode(g, { node: 'disk', name: 'backing' }))).toEqual(['E105']);
    expect(codes(renameNode(g, { node: 'nothing', name: 'n' }))).toEqual(['E103']);
  });

  it('takes a name away unless a parent references the node by it', () => {
    const inline = renameNode(seedSimpleTree(), { node: 'disk-file', name: null });
    expect(inline.ok && inline.value.nodes['disk-file']).toEqual({
      id: 'disk-file',
      driver: 'file',
      options: { filename: 'disk.qcow2' },
    });
    const referenced = renameNode(quorumOfThree(), { node: 'file0', name: null });
    expect(codes(referenced)).toEqual(['E205']);
    const unnamed = graph().node('f', 'file', {}, { name: null }).build();
    expect(renameNode(unnamed, { node: 'f', name: null })).toEqual({ ok: true, value: unnamed });
  });
});

import { describe, expect, it } from 'vitest';
import { graph, quorumOfThree, seedSimpleTree, throttleWithGroup } from '../../model/fixtures/index.ts';
import { toFlow } from './toFlow.ts';

describe('toFlow', () => {
  it('draws every node, frontend and link of the seed with accessible names and roles', () => {
    const { nodes, edges } = toFlow(seedSimpleTree());
    expect(nodes.map((n) => n.ariaLabel)).toEqual([
      'vda (virtio-blk-pci)',
      'disk (qcow2)',
      'disk-file (file)',
      'backing (qcow2)',
      'backing-file (file)',
    ]);
    expect(edges.map((e) => [e.source, e.data?.role, e.target, e.data?.kind])).toEqual([
      ['disk', 'file', 'disk-file', 'inline'],
      ['disk', 'backing', 'backing', 'inline'],
      ['backing', 'file', 'backing-file', 'inline'],
      ['vda', 'root', 'disk', 'root'],
    ]);
  });

  it('styles by driver category and marks unnamed nodes', () => {
    const g = graph().node('f', 'file', { filename: 'a' }, { name: null }).node('t', 'throttle', {}).build();
    const [file, throttle] = toFlow(g).nodes;
    expect(file?.type === 'block' && file.data).toMatchObject({
      title: '(unnamed)',
      unnamed: true,
      category: 'protocol',
    });
    expect(file?.ariaLabel).toBe('f (file)');
    expect(throttle?.type === 'block' && throttle.data.category).toBe('filter');
  });

  it('names every edge PARENT → CHILD (ROLE)', () => {
    expect(toFlow(seedSimpleTree()).edges.map((e) => e.ariaLabel)).toEqual([
      'disk → disk-file (file)',
      'disk → backing (backing)',
      'backing → backing-file (file)',
      'vda → disk (root)',
    ]);
  });

  it('draws references and object associations apart from inline links', () => {
    const { nodes, edges } = toFlow(throttleWithGroup());
    expect(nodes.find((n) => n.id === 'tg0')?.ariaLabel).toBe('tg0 (throttle-group)');
    const reference = edges.find((e) => e.data?.kind === 'reference');
    expect(reference?.markerEnd).toMatchObject({ color: 'var(--reference)' });
    expect(edges.find((e) => e.data?.kind === 'inline')?.markerEnd).toBeUndefined();
    expect(edges.map((e) => `${e.data?.role ?? ''}:${e.data?.kind ?? ''}`).sort()).toEqual([
      'file:inline',
      'file:reference',
      'root:root',
      'throttle-group:association',
    ]);
  });
});

describe('toFlow role handles', () => {
  it('starts every child link at its role handle, and gives each block node its ports', () => {
    const { nodes, edges } = toFlow(quorumOfThree());
    const quorum = nodes.find((n) => n.id === 'quorum0');
    expect(quorum?.type === 'block' && quorum.data.ports.map((p) => p.handleId)).toEqual([
      'role:children.0',
      'role:children.1',
      'role:children.2',
      'role:children',
    ]);
    for (const edge of edges.filter((e) => e.data?.kind === 'inline' || e.data?.kind === 'reference')) {
      const parent = nodes.find((n) => n.id === edge.source);
      const handles = parent?.type === 'block' ? parent.data.ports.map((p) => p.handleId) : [];
      expect(handles).toContain(edge.sourceHandle);
      expect(edge.sourceHandle).toBe(`role:${edge.data?.role ?? ''}`);
    }
  });

  it('describes a node that lacks a required child, and only such a node', () => {
    const { nodes } = toFlow(graph().node('disk', 'qcow2').node('f', 'file', { filename: 'a' }).build());
    const disk = nodes.find((n) => n.id === 'disk');
    expect(disk?.domAttributes).toEqual({ 'aria-describedby': 'node-desc-disk react-flow__node-desc-1' });
    expect(nodes.find((n) => n.id === 'f')?.domAttributes).toBeUndefined();
  });

  it('keeps the same ports array for a node an edit did not touch', () => {
    const before = toFlow(seedSimpleTree()).nodes.find((n) => n.id === 'backing');
    const after = toFlow(
      graph().node('backing', 'qcow2').node('x', 'file', { filename: 'x' }).child('backing', 'file', 'x').build(),
    );
    const same = after.nodes.find((n) => n.id === 'backing');
    expect(before?.type === 'block' && same?.type === 'block' && before.data.ports === same.data.ports).toBe(true);
  });
});

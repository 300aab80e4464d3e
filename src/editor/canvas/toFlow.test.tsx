import { describe, expect, it } from 'vitest';
import { graph, seedSimpleTree, throttleWithGroup } from '../../model/fixtures/index.ts';
import { pickChildRole } from './pickChildRole.ts';
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
    expect(reference?.markerEnd).toMatchObject({ color: '#7b45c4' });
    expect(edges.find((e) => e.data?.kind === 'inline')?.markerEnd).toBeUndefined();
    expect(edges.map((e) => `${e.data?.role ?? ''}:${e.data?.kind ?? ''}`).sort()).toEqual([
      'file:inline',
      'file:reference',
      'root:root',
      'throttle-group:association',
    ]);
  });
});

describe('pickChildRole', () => {
  it('takes the first free child member, lists always being free', () => {
    const g = seedSimpleTree();
    expect(pickChildRole(g, 'disk')).toBe('data-file');
    expect(pickChildRole(g, 'backing')).toBe('backing');
    expect(pickChildRole(graph().node('q', 'quorum', { 'vote-threshold': 1 }).build(), 'q')).toBe('children');
    expect(pickChildRole(g, 'disk-file')).toBeUndefined();
    expect(pickChildRole(g, 'nope')).toBeUndefined();
  });
});

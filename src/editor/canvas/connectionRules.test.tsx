import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { graph, quorumOfThree, seedSimpleTree } from '../../model/fixtures/index.ts';
import { createEditorState } from '../store/editorStore.ts';
import { applyPlan, dragText, judgeConnection, planConnection, verdictText } from './connectionRules.ts';

const to = (source: string, role: string, target: string) => ({
  source,
  sourceHandle: `role:${role}`,
  target,
  targetHandle: 'parent',
});

function codes(judgement: ReturnType<typeof judgeConnection>): string[] {
  return judgement === undefined || judgement.result.ok ? [] : judgement.result.diagnostics.map((d) => d.code);
}

/** The seed with a free qcow2 (`top`) and a free file node (`spare`). */
const seedPlus = () =>
  graph()
    .node('disk', 'qcow2')
    .node('disk-file', 'file', { filename: 'disk.qcow2' })
    .node('backing', 'qcow2')
    .node('backing-file', 'file', { filename: 'backing.qcow2' })
    .child('disk', 'file', 'disk-file')
    .child('disk', 'backing', 'backing')
    .child('backing', 'file', 'backing-file')
    .node('top', 'qcow2')
    .node('spare', 'file', { filename: 'spare.qcow2' })
    .build();

describe('judgeConnection', () => {
  it('connects a free role handle to a node: a new inline link', () => {
    const judgement = judgeConnection(seedPlus(), to('top', 'file', 'spare'));
    expect(judgement?.plan).toEqual({ kind: 'connect', args: { parent: 'top', role: 'file', child: 'spare' } });
    expect(judgement?.result.ok && judgement.result.value.links.at(-1)).toEqual({
      parent: 'top',
      role: 'file',
      child: 'spare',
      mode: 'inline',
    });
  });

  it('refuses with the model’s reasons: a cycle, a child defined inline elsewhere that cannot be referenced', () => {
    const g = seedPlus();
    expect(codes(judgeConnection(g, to('backing', 'backing', 'disk')))).toEqual(['E203']);
    expect(codes(judgeConnection(g, to('top', 'file', 'top')))).toEqual(['E203']);
    const unnamedChild = graph()
      .node('a', 'raw')
      .node('b', 'raw')
      .node('f', 'file', { filename: 'f' }, { name: null })
      .child('a', 'file', 'f')
      .build();
    const refused = judgeConnection(unnamedChild, to('b', 'file', 'f'));
    expect(codes(refused)).toEqual(['E205']);
    expect(refused && verdictText(unnamedChild, refused)).toBe("'f' has no node-name, so it cannot be referenced");
  });

  it('moves the link of a connected single-child handle instead of adding one', () => {
    const g = seedPlus();
    const judgement = judgeConnection(g, to('disk', 'file', 'spare'));
    expect(judgement?.plan).toEqual({
      kind: 'move',
      args: { from: { parent: 'disk', role: 'file' }, to: { parent: 'disk', role: 'file', child: 'spare' } },
    });
    expect(judgement && verdictText(g, judgement)).toBe('Move to disk → spare (file, inline)');
  });

  it('moves the dragged end of an edge (reconnection) to another parent’s role', () => {
    const g = seedPlus();
    const judgement = judgeConnection(g, to('top', 'backing', 'backing'), { parent: 'disk', role: 'backing' });
    expect(judgement?.result.ok && judgement.result.value.links.filter((l) => l.child === 'backing')).toEqual([
      { parent: 'top', role: 'backing', child: 'backing', mode: 'inline' },
    ]);
    // A role already taken by another link is refused: the drop would need two changes.
    expect(codes(judgeConnection(g, to('disk', 'file', 'backing'), { parent: 'disk', role: 'backing' }))).toEqual([
      'E202',
    ]);
  });

  it('appends on a list’s free handle and names the index it takes', () => {
    const g = graph().node('q', 'quorum', { 'vote-threshold': 1 }).node('n', 'null-co').build();
    const judgement = judgeConnection(g, to('q', 'children', 'n'));
    expect(judgement && verdictText(g, judgement)).toBe('q → n (children.0, inline)');
    const three = quorumOfThree();
    const again = judgeConnection(three, to('quorum0', 'children', 'qc1'));
    // qc1 is already quorum0's children.1, by reference: a second element is fine for the model.
    expect(again && verdictText(three, again)).toBe('quorum0 → qc1 (children.3, inline)');
  });

  it('gives a frontend its root, and leaves handles that are not a parent’s to React Flow', () => {
    const g = seedSimpleTree();
    expect(
      planConnection(g, { source: 'vda', sourceHandle: 'children', target: 'backing', targetHandle: 'parent' }),
    ).toEqual({
      kind: 'root',
      frontend: 'vda',
      root: 'backing',
    });
    expect(
      planConnection(g, { source: 'disk', sourceHandle: 'association-out', target: 'x', targetHandle: 'parent' }),
    ).toBeUndefined();
    expect(
      planConnection(g, { source: 'disk', sourceHandle: 'role:file', target: 'x', targetHandle: 'association-in' }),
    ).toBeUndefined();
  });
});

describe('applyPlan', () => {
  it('applies an accepted plan as one undoable change and shows a refused one as the last error', () => {
    const store = createStore(createEditorState(seedPlus()));
    const before = store.getState().document;
    const refused = judgeConnection(before, to('backing', 'backing', 'disk'));
    if (refused === undefined) throw new Error('no plan');
    expect(applyPlan(store.getState(), refused.plan)).toBe(false);
    expect(store.getState().document).toBe(before);
    expect(store.getState().lastError.map((d) => d.message)).toEqual([
      "Connecting 'disk' below 'backing' would create a cycle",
    ]);

    const moved = judgeConnection(before, to('disk', 'file', 'spare'));
    if (moved === undefined) throw new Error('no plan');
    expect(applyPlan(store.getState(), moved.plan)).toBe(true);
    expect(store.getState().document.links[0]).toEqual({
      parent: 'disk',
      role: 'file',
      child: 'spare',
      mode: 'inline',
    });
    expect(store.getState().undo()).toBe(true);
    expect(store.getState().document).toBe(before);
  });
});

describe('dragText', () => {
  it('says what the pointer carries before it reaches a handle', () => {
    const g = seedPlus();
    expect(dragText(g, { nodeId: 'top', handleId: 'role:file', type: 'source' })).toBe(
      "file of top: drop on a node's input handle",
    );
    expect(dragText(g, { nodeId: 'disk', handleId: 'role:file', type: 'source' })).toBe(
      "Move disk's file child: drop on another node's input handle",
    );
    expect(dragText(g, { nodeId: 'spare', handleId: 'parent', type: 'target' })).toBe(
      "Make spare a child: drop on a parent's role handle",
    );
  });
});

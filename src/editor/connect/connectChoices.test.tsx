import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { graph, seedSimpleTree } from '../../model/fixtures/index.ts';
import type { BlockGraph } from '../../model/index.ts';
import { applyPlan } from '../canvas/connectionRules.ts';
import { createEditorState, type useEditorStore } from '../store/editorStore.ts';
import { ConnectForm, initialParentOf } from './ConnectDialog.tsx';
import {
  childChoices,
  choiceVerdict,
  defaultChild,
  defaultRole,
  judgeChoice,
  parentChoices,
  roleChoices,
} from './connectChoices.ts';

/** raw over nothing yet, and a file node, as a user adds them from the palette. */
function rawAndFile(): BlockGraph {
  return graph().node('raw-1', 'raw').node('file-1', 'file', { filename: 'disk.img' }).build();
}

describe('Connect… choices', () => {
  it('offers parents with a free role, their free roles (required first marked) and every other node as child', () => {
    const doc = rawAndFile();
    expect(parentChoices(doc).map((c) => c.label)).toEqual(['raw-1 (raw)']);
    expect(roleChoices(doc, 'raw-1').map((c) => c.label)).toEqual(['file (required)']);
    expect(childChoices(doc, 'raw-1').map((c) => c.value)).toEqual(['file-1']);
    expect([defaultRole(doc, 'raw-1'), defaultChild(doc, 'raw-1')]).toEqual(['file', 'file-1']);
  });

  it('offers a frontend its root, and a filled role no more', () => {
    const doc = seedSimpleTree();
    expect(roleChoices(doc, 'vda')).toEqual([{ value: 'root', label: 'root' }]);
    expect(roleChoices(doc, 'disk').map((c) => c.value)).toEqual(['data-file']);
    // Every node of the seed has a parent: the first other one is offered.
    expect(defaultChild(doc, 'disk')).toBe('disk-file');
  });

  it('judges a choice by the canvas rules: what it makes, or why QEMU refuses it', () => {
    const doc = rawAndFile();
    const made = judgeChoice(doc, 'raw-1', 'file', 'file-1');
    expect(made?.result.ok).toBe(true);
    expect(choiceVerdict(doc, made)).toBe('raw-1 → file-1 (file, inline)');
    const seed = seedSimpleTree();
    const cycle = judgeChoice(seed, 'backing', 'data-file', 'disk');
    expect(cycle?.result.ok).toBe(false);
    expect(choiceVerdict(seed, cycle)).toMatch(/cycle/);
    expect(choiceVerdict(doc, judgeChoice(doc, 'raw-1', '', 'file-1'))).toBe('Choose a parent, a role and a child.');
  });

  it('connects through the store: one undo entry, undone by undo', () => {
    const store = createStore(createEditorState(rawAndFile()));
    const judgement = judgeChoice(store.getState().document, 'raw-1', 'file', 'file-1');
    if (judgement === undefined) throw new Error('no judgement');
    expect(applyPlan(store.getState(), judgement.plan)).toBe(true);
    expect(store.getState().document.links).toEqual([
      { parent: 'raw-1', role: 'file', child: 'file-1', mode: 'inline' },
    ]);
    store.getState().undo();
    expect(store.getState().document.links).toEqual([]);
  });
});

describe('Connect… form with the store', () => {
  const noop = () => false;
  const form = (state: ReturnType<typeof useEditorStore.getState>) =>
    renderToStaticMarkup(
      <ConnectForm
        graph={state.document}
        initialParent={initialParentOf(state)}
        onConnect={noop}
        onCancel={noop}
        titleId="t"
      />,
    );

  it('starts from the selected node, its first missing role and the newest node without a parent', () => {
    const store = createStore(createEditorState(rawAndFile()));
    store.getState().select('raw-1');
    const html = form(store.getState());
    expect(html).toContain('<option value="raw-1" selected="">raw-1 (raw)</option>');
    expect(html).toContain('<option value="file" selected="">file (required)</option>');
    expect(html).toContain('<option value="file-1" selected="">file-1 (file)</option>');
    expect(html).toMatch(/role="status">raw-1 → file-1 \(file, inline\)<\/p>/);
    expect(html).not.toMatch(/<button type="submit"[^>]*disabled/);
  });

  it('says so and disables Connect when no node can take a child', () => {
    const store = createStore(createEditorState(graph().node('f', 'file', { filename: 'a' }).build()));
    const html = form(store.getState());
    expect(html).toContain('No node has a free role');
    expect(html).toMatch(/<button type="submit"[^>]*disabled/);
  });
});

import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { seedSimpleTree, throttleWithGroup } from '../../model/fixtures/index.ts';
import type { BlockGraph } from '../../model/index.ts';
import { createEditorState, PASTE_OFFSET } from './editorStore.ts';

const seeded = (initial: BlockGraph = seedSimpleTree()) => createStore(createEditorState(initial));

describe('selection', () => {
  it("follows React Flow's select changes: a click replaces, Ctrl+click adds, a deselection drops", () => {
    const store = seeded();
    const s = () => store.getState();
    s().changeSelection([{ id: 'disk', selected: true }]);
    s().changeSelection([{ id: 'backing', selected: true }]); // with Ctrl held: only the new one comes
    expect(s()).toMatchObject({ selectedIds: ['disk', 'backing'], selectedId: 'backing' });
    s().changeSelection([{ id: 'backing', selected: false }]);
    expect(s()).toMatchObject({ selectedIds: ['disk'], selectedId: 'disk' });
    s().changeSelection([
      { id: 'vda', selected: true },
      { id: 'disk', selected: false },
    ]);
    expect(s()).toMatchObject({ selectedIds: ['vda'], selectedId: 'vda' });
    const unchanged = s();
    s().changeSelection([{ id: 'vda', selected: true }]);
    expect(s().selectedIds).toBe(unchanged.selectedIds);
  });

  it('selects all nodes, frontends and objects, and an edge alone', () => {
    const store = seeded(throttleWithGroup());
    store.getState().selectAll();
    const doc = store.getState().document;
    const everything = [...Object.keys(doc.frontends), ...Object.keys(doc.nodes), ...Object.keys(doc.objects)];
    expect([...store.getState().selectedIds].sort()).toEqual(everything.sort());
    store.getState().selectEdge('link:throttle:file');
    expect(store.getState()).toMatchObject({ selectedIds: [], selectedId: null, selectedEdge: 'link:throttle:file' });
  });

  it('removes the whole selection as one change, or the selected link', () => {
    const store = seeded();
    const s = () => store.getState();
    const before = s().document;
    s().changeSelection([
      { id: 'backing', selected: true },
      { id: 'backing-file', selected: true },
    ]);
    expect(s().removeSelection()).toBe(true);
    expect(Object.keys(s().document.nodes)).toEqual(['disk', 'disk-file']);
    expect(s().document.links).toEqual([{ parent: 'disk', role: 'file', child: 'disk-file', mode: 'inline' }]);
    expect(s().history.past).toEqual([before]);
    expect(s().selectedIds).toEqual([]);
    s().selectEdge('link:disk:file');
    expect(s().removeSelection()).toBe(true);
    expect(s().document.links).toEqual([]);
    s().selectEdge('root:vda');
    expect(s().removeSelection()).toBe(true);
    expect(s().document.frontends.vda?.root).toBeNull();
    expect(s().history.past).toHaveLength(3);
  });

  it('removes nodes with the edges React Flow deletes along with them, as one change', () => {
    const store = seeded();
    const before = store.getState().document;
    const removed = store.getState().removeElements({
      ids: ['backing'],
      links: [
        { parent: 'disk', role: 'backing' },
        { parent: 'backing', role: 'file' },
        { parent: 'disk', role: 'file' },
      ],
      roots: ['vda'],
    });
    expect(removed).toBe(true);
    const doc = store.getState().document;
    expect(doc.links).toEqual([]);
    expect(doc.frontends.vda?.root).toBeNull();
    expect(Object.keys(doc.nodes)).toEqual(['disk', 'disk-file', 'backing-file']);
    expect(store.getState().history.past).toEqual([before]);
  });

  it('refuses a removal as a whole when one part of it is refused', () => {
    const store = seeded();
    const before = store.getState().document;
    expect(store.getState().removeElements({ ids: ['disk', 'nothing'] })).toBe(false);
    expect(store.getState().document).toBe(before);
    expect(store.getState().lastError.map((d) => d.code)).toEqual(['E103']);
  });
});

describe('renaming in place', () => {
  it('starts only on block nodes, and a refused name leaves the document', () => {
    const store = seeded();
    const s = () => store.getState();
    s().startRename('vda');
    expect(s().renamingId).toBeNull();
    s().startRename('disk');
    expect(s().renamingId).toBe('disk');
    const before = s().document;
    expect(
      s()
        .renameNode({ node: 'disk', name: 'backing' })
        .map((d) => d.message),
    ).toEqual(["Duplicate nodes with node-name='backing'"]);
    expect(s().document).toBe(before);
    expect(s().renameNode({ node: 'disk', name: 'system' })).toEqual([]);
    expect(s().document.nodes.disk?.name).toBe('system');
    s().undo();
    expect(s().document.nodes.disk?.name).toBe('disk');
  });
});

describe('copy, cut, paste and duplicate', () => {
  it('pastes a copy with fresh ids and names, its inner links, offset further each time, and selects it', () => {
    const store = seeded();
    const s = () => store.getState();
    s().changeSelection([
      { id: 'backing', selected: true },
      { id: 'backing-file', selected: true },
    ]);
    expect(s().copySelection()?.links).toEqual([
      { parent: 'backing', role: 'file', child: 'backing-file', mode: 'inline' },
    ]);
    const before = s().document;
    const first = s().paste();
    expect(first).toEqual(['backing-1', 'backing-file-1']);
    expect(s().selectedIds).toEqual(first);
    const doc = s().document;
    expect(doc.nodes['backing-1']).toMatchObject({ driver: 'qcow2', name: 'backing-1' });
    expect(doc.links.at(-1)).toEqual({ parent: 'backing-1', role: 'file', child: 'backing-file-1', mode: 'inline' });
    const at = before.layout.positions.backing ?? { x: 0, y: 0 };
    expect(doc.layout.positions['backing-1']).toEqual({ x: at.x + PASTE_OFFSET.x, y: at.y + PASTE_OFFSET.y });
    expect(s().paste()).toEqual(['backing-2', 'backing-file-2']);
    expect(s().document.layout.positions['backing-2']).toEqual({
      x: at.x + 2 * PASTE_OFFSET.x,
      y: at.y + 2 * PASTE_OFFSET.y,
    });
    expect(s().history.past).toHaveLength(2);
    s().undo();
    s().undo();
    expect(s().document).toBe(before);
  });

  it('cuts as one change and pastes the same ids back; duplicates without touching the clipboard', () => {
    const store = seeded();
    const s = () => store.getState();
    s().select('backing-file');
    const before = s().document;
    s().cutSelection();
    expect(s().document.nodes['backing-file']).toBeUndefined();
    expect(s().history.past).toEqual([before]);
    expect(s().paste()).toEqual(['backing-file']);
    expect(s().document.links.some((l) => l.child === 'backing-file')).toBe(false);
    s().select('disk');
    expect(s().duplicateSelection()).toEqual(['disk-1']);
    expect(s().clipboard?.fragment.nodes['backing-file']).toBeDefined();
  });

  it('has nothing to paste before a copy, and nothing to copy without a selection', () => {
    const store = seeded();
    expect(store.getState().paste()).toBeUndefined();
    expect(store.getState().copySelection()).toBeUndefined();
    expect(store.getState().duplicateSelection()).toBeUndefined();
    expect(store.getState().history.past).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { seedSimpleTree, throttleWithGroup } from '../../model/fixtures/index.ts';
import type { BlockGraph } from '../../model/index.ts';
import { createEditorState } from './editorStore.ts';
import { HISTORY_LIMIT } from './history.ts';

const seeded = (initial: BlockGraph = seedSimpleTree()) => createStore(createEditorState(initial));

describe('undo and redo in the store', () => {
  it('makes every kind of document change one entry, undone and redone exactly', () => {
    const store = seeded();
    const s = () => store.getState();
    const changes: (() => unknown)[] = [
      () => s().addNode({ driver: 'raw', position: { x: 5, y: 5 } }),
      () => s().connectChild({ parent: 'raw-1', role: 'file', child: 'disk' }),
      () => s().setLinkMode({ parent: 'raw-1', role: 'file', mode: 'reference' }),
      () => s().renameNode({ node: 'raw-1', name: 'top' }),
      () => s().setFrontendRoot({ frontend: 'vda', root: 'raw-1' }),
      () => s().disconnectChild({ parent: 'disk', role: 'backing' }),
      () => s().addFrontend({ kind: 'ide-hd' }),
      () => s().addObject({ qomType: 'throttle-group' }),
      () => {
        s().moveTo('disk', { x: 1, y: 1 });
      },
      () => s().removeNode('backing'),
    ];
    const seen: BlockGraph[] = [s().document];
    for (const change of changes) {
      change();
      expect(s().lastError).toEqual([]);
      expect(s().document).not.toBe(seen.at(-1));
      seen.push(s().document);
      expect(s().history.past).toHaveLength(seen.length - 1);
    }
    for (let i = seen.length - 2; i >= 0; i--) {
      expect(s().undo()).toBe(true);
      expect(s().document).toBe(seen[i]);
    }
    expect(s().undo()).toBe(false);
    for (let i = 1; i < seen.length; i++) {
      expect(s().redo()).toBe(true);
      expect(s().document).toBe(seen[i]);
    }
    expect(s().redo()).toBe(false);
  });

  it('records nothing for a refused edit or an edit that changes nothing', () => {
    const store = seeded();
    store.getState().connectChild({ parent: 'disk', role: 'file', child: 'backing-file' });
    store.getState().renameNode({ node: 'disk', name: 'backing' });
    store.getState().moveTo('disk', store.getState().document.layout.positions.disk ?? { x: 0, y: 0 });
    store.getState().setOption({ node: 'disk', path: ['cache-size'], value: 'lots' });
    expect(store.getState().history.past).toEqual([]);
  });

  it('makes a drag of several nodes one entry', () => {
    const store = seeded();
    const before = store.getState().document;
    store.getState().moveNodes({ disk: { x: 300, y: 10 }, 'disk-file': { x: 300, y: 110 } });
    expect(store.getState().history.past).toEqual([before]);
    store.getState().undo();
    expect(store.getState().document.layout.positions).toBe(before.layout.positions);
  });

  it('makes the values typed into one option one entry, until the field is left or the selection changes', () => {
    const store = seeded();
    const s = () => store.getState();
    const start = s().document;
    for (const value of [1, 10, 104, 1048576]) s().setOption({ node: 'disk', path: ['cache-size'], value });
    expect(s().history.past).toEqual([start]);
    const typed = s().document;
    s().sealHistory(); // the field lost focus
    s().setOption({ node: 'disk', path: ['cache-size'], value: 2048 });
    s().setOption({ node: 'disk', path: ['l2-cache-size'], value: 4096 });
    expect(s().history.past).toHaveLength(3);
    s().select('disk-file');
    s().select('disk');
    s().setOption({ node: 'disk', path: ['l2-cache-size'], value: 8192 });
    expect(s().history.past).toHaveLength(4);
    s().undo();
    s().undo();
    s().undo();
    expect(s().document).toBe(typed);
    s().undo();
    expect(s().document).toBe(start);
  });

  it('makes every toggle of a boolean its own entry', () => {
    const store = seeded();
    store.getState().setOption({ node: 'disk', path: ['cache', 'direct'], value: true });
    store.getState().setOption({ node: 'disk', path: ['cache', 'direct'], value: false });
    expect(store.getState().history.past).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().document.nodes.disk?.options).toEqual({ cache: { direct: true } });
  });

  it('drops from the selection what an undo takes away, and keeps the rest', () => {
    const store = seeded();
    const s = () => store.getState();
    const id = s().addNode({ driver: 'null-co' }) ?? '';
    s().changeSelection([{ id: 'disk', selected: true }]);
    expect(s().selectedIds).toEqual([id, 'disk']);
    s().undo();
    expect(s()).toMatchObject({ selectedIds: ['disk'], selectedId: 'disk' });
    s().redo();
    expect(s().document.nodes[id]).toBeDefined();
    s().selectEdge('link:disk:backing');
    s().disconnectChild({ parent: 'disk', role: 'backing' });
    expect(s().selectedEdge).toBe('link:disk:backing');
    s().undo();
    expect(s().selectedEdge).toBe('link:disk:backing');
    s().redo();
    expect(s().selectedEdge).toBeNull();
  });

  it(`remembers the last ${String(HISTORY_LIMIT)} changes`, () => {
    const store = seeded();
    for (let i = 0; i <= HISTORY_LIMIT + 5; i++) store.getState().moveTo('disk', { x: i, y: 0 });
    expect(store.getState().history.past).toHaveLength(HISTORY_LIMIT);
    while (store.getState().undo());
    expect(store.getState().document.layout.positions.disk).toEqual({ x: 5, y: 0 });
  });

  it('replaces the whole document as one undoable change that clears the selection', () => {
    const store = seeded();
    const s = () => store.getState();
    const mine = s().document;
    s().select('disk');
    const opened = throttleWithGroup();
    s().replaceDocument(opened);
    expect(s()).toMatchObject({ document: opened, selectedIds: [], selectedId: null, documentEpoch: 1 });
    s().undo();
    expect(s().document).toBe(mine);
    s().redo();
    expect(s().document).toBe(opened);
  });
});

import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { seedSimpleTree } from '../../model/fixtures/index.ts';
import { createEditorState } from './editorStore.ts';

const seeded = () => createStore(createEditorState(seedSimpleTree()));

describe('editor store', () => {
  it('adds a node with a generated id, selects it and clears the last error', () => {
    const store = seeded();
    store.getState().connectChild({ parent: 'disk', role: 'file', child: 'backing-file' });
    expect(store.getState().lastError).toHaveLength(1);
    const id = store.getState().addNode({ driver: 'null-co', position: { x: 1, y: 2 } });
    expect(id).toBe('null-co-1');
    const { document, selectedId, lastError } = store.getState();
    expect(document.nodes['null-co-1']).toEqual({ id: 'null-co-1', driver: 'null-co', name: 'null-co-1', options: {} });
    expect(document.layout.positions['null-co-1']).toEqual({ x: 1, y: 2 });
    expect(selectedId).toBe('null-co-1');
    expect(lastError).toEqual([]);
  });

  it('keeps the document and stores the diagnostics of a refused edit', () => {
    const store = seeded();
    const before = store.getState().document;
    expect(store.getState().addNode({ driver: 'floppy' })).toBeUndefined();
    expect(store.getState().connectChild({ parent: 'disk', role: 'file', child: 'backing-file' })).toBe(false);
    expect(store.getState().document).toBe(before);
    expect(store.getState().lastError.map((d) => d.code)).toEqual(['E202']);
    store.getState().dismissError();
    expect(store.getState().lastError).toEqual([]);
  });

  it('sets options through the schema and returns why a value is refused', () => {
    const store = seeded();
    expect(store.getState().setOption({ node: 'disk-file', path: ['filename'], value: 'x.qcow2' })).toEqual([]);
    expect(store.getState().document.nodes['disk-file']?.options).toEqual({ filename: 'x.qcow2' });
    const refused = store.getState().setOption({ node: 'disk', path: ['cache-size'], value: 'big' });
    expect(refused.map((d) => d.message)).toEqual(["Invalid parameter type for 'cache-size', expected: integer"]);
    expect(store.getState().lastError).toBe(refused);
  });

  it('removes the selected node and forgets the selection', () => {
    const store = seeded();
    store.getState().select('backing');
    expect(store.getState().removeNode('backing')).toBe(true);
    expect(store.getState().selectedId).toBeNull();
    expect(store.getState().document.nodes.backing).toBeUndefined();
  });

  it('moves, connects and re-roots frontends', () => {
    const store = seeded();
    store.getState().moveTo('disk', { x: 7, y: 8 });
    expect(store.getState().document.layout.positions.disk).toEqual({ x: 7, y: 8 });
    const id = store.getState().addNode({ driver: 'raw' });
    expect(store.getState().connectChild({ parent: id ?? '', role: 'file', child: 'disk' })).toBe(true);
    expect(store.getState().setFrontendRoot({ frontend: 'vda', root: id ?? '' })).toBe(true);
    expect(store.getState().document.frontends.vda?.root).toBe('raw-1');
    expect(store.getState().disconnectChild({ parent: 'raw-1', role: 'file' })).toBe(true);
  });

  it('switches a link between inline and reference, and keeps the refusal when the model says no', () => {
    const store = seeded();
    expect(store.getState().setLinkMode({ parent: 'disk', role: 'file', mode: 'reference' })).toEqual([]);
    expect(store.getState().document.links[0]).toMatchObject({ parent: 'disk', child: 'disk-file', mode: 'reference' });
    // Nothing defines disk-file inline any more, so a new parent may.
    expect(store.getState().connectChild({ parent: 'backing', role: 'backing', child: 'disk-file' })).toBe(true);
    expect(store.getState().document.links.at(-1)?.mode).toBe('inline');
    const before = store.getState().document;
    const refused = store.getState().setLinkMode({ parent: 'disk', role: 'file', mode: 'inline' });
    expect(refused.map((d) => d.code)).toEqual(['E204']);
    expect(store.getState().document).toBe(before);
    expect(store.getState().lastError).toBe(refused);
  });

  it('selects a node or an edge, never both', () => {
    const store = seeded();
    store.getState().select('disk');
    store.getState().selectEdge('link:disk:file');
    expect(store.getState()).toMatchObject({ selectedId: null, selectedEdge: 'link:disk:file' });
    store.getState().select(null);
    expect(store.getState().selectedEdge).toBe('link:disk:file');
    store.getState().select('backing');
    expect(store.getState()).toMatchObject({ selectedId: 'backing', selectedEdge: null });
    store.getState().selectEdge(null);
    expect(store.getState().selectedId).toBe('backing');
  });
});

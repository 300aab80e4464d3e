import { describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { quorumOfThree, seedSimpleTree, throttleWithGroup } from '../../model/fixtures/index.ts';
import type { BlockGraph } from '../../model/index.ts';
import { createEditorState } from '../store/editorStore.ts';
import { AUTOSAVE_KEY } from './autosave.ts';
import { openDocumentText, startSession, type SessionEnvironment } from './session.ts';
import { encodeDocument } from './shareLink.ts';

function environment(stored: BlockGraph | string | undefined, hash = '') {
  const items = new Map<string, string>();
  if (stored !== undefined) items.set(AUTOSAVE_KEY, typeof stored === 'string' ? stored : JSON.stringify(stored));
  const win = new EventTarget();
  const env: SessionEnvironment = {
    storage: {
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => {
        items.set(key, value);
      },
    },
    location: { hash, pathname: '/', search: '?e2e' },
    history: { replaceState: vi.fn() },
    window: win,
    document: Object.assign(new EventTarget(), visible()),
    now: () => new Date('2025-01-01T00:00:00Z'),
  };
  return { env, items, win, leave: () => win.dispatchEvent(new Event('pagehide')) };
}

/** A page that is shown, typed as the DOM types it. */
const visible = (): { visibilityState: DocumentVisibilityState } => ({ visibilityState: 'visible' });

const newStore = () => createStore(createEditorState(seedSimpleTree()));

describe('startSession', () => {
  it('keeps the seed example when nothing was saved, and saves from then on', async () => {
    const store = newStore();
    const { env, items, leave } = environment(undefined);
    await startSession(store, env);
    expect(store.getState().document).toEqual(seedSimpleTree());
    store.getState().addNode({ driver: 'null-co' });
    leave();
    expect(JSON.parse(items.get(AUTOSAVE_KEY) ?? 'null')).toEqual(store.getState().document);
  });

  it('brings back the last document, with nothing to undo', async () => {
    const store = newStore();
    await startSession(store, environment(quorumOfThree()).env);
    expect(store.getState().document).toEqual(quorumOfThree());
    expect(store.getState().history.past).toEqual([]);
    expect(store.getState().notice).toBeNull();
  });

  it('opens a share link over the last work, as an undoable change, and takes the fragment away', async () => {
    const store = newStore();
    const shared = throttleWithGroup();
    const { env, items, leave } = environment(quorumOfThree(), `#doc=${await encodeDocument(shared)}`);
    await startSession(store, env);
    expect(store.getState().document).toEqual(shared);
    expect(env.history.replaceState).toHaveBeenCalledWith(null, '', '/?e2e');
    expect(store.getState().notice?.tone).toBe('info');
    leave();
    expect(JSON.parse(items.get(AUTOSAVE_KEY) ?? 'null')).toEqual(shared);
    store.getState().undo();
    expect(store.getState().document).toEqual(quorumOfThree());
  });

  it('keeps the work and explains when the link is damaged or the saved document unreadable', async () => {
    const store = newStore();
    await startSession(store, environment(quorumOfThree(), '#doc=%%%').env);
    expect(store.getState().document).toEqual(quorumOfThree());
    expect(store.getState().notice).toMatchObject({ tone: 'error', details: [expect.stringContaining('[E004]')] });

    const other = newStore();
    await startSession(other, environment('{"blockgraph": 1, "links": 3}').env);
    expect(other.getState().document).toEqual(seedSimpleTree());
    expect(other.getState().notice?.details).toEqual(['error at links: Expected an array [E002]']);
  });

  it('opens a link pasted into the address bar of an open editor (hashchange)', async () => {
    const store = newStore();
    const { env, win } = environment(undefined);
    await startSession(store, env);
    env.location.hash = `#doc=${await encodeDocument(quorumOfThree())}`;
    win.dispatchEvent(new Event('hashchange'));
    await vi.waitFor(() => {
      expect(store.getState().document).toEqual(quorumOfThree());
    });
  });
});

describe('openDocumentText', () => {
  it('opens a valid file as one undoable change', () => {
    const store = newStore();
    expect(openDocumentText(store, 'q.blockgraph.json', JSON.stringify(quorumOfThree()))).toBe(true);
    expect(store.getState().document).toEqual(quorumOfThree());
    expect(store.getState().documentEpoch).toBe(1);
    store.getState().undo();
    expect(store.getState().document).toEqual(seedSimpleTree());
  });

  it("refuses an invalid file with its diagnostics' lines and columns, keeping the work", () => {
    const store = newStore();
    const before = store.getState().document;
    expect(openDocumentText(store, 'bad.blockgraph.json', '{\n  "blockgraph": 1,\n  "nodes": {,}\n}')).toBe(false);
    expect(store.getState().document).toBe(before);
    expect(store.getState().notice).toEqual({
      tone: 'error',
      text: 'bad.blockgraph.json cannot be opened as a blockgraph document; your work is unchanged.',
      details: [expect.stringMatching(/^error at 3:13: Not valid JSON: .* \[E001\]$/)],
    });
  });
});

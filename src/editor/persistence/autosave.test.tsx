import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { quorumOfThree, seedSimpleTree } from '../../model/fixtures/index.ts';
import { createEditorState, type Notice } from '../store/editorStore.ts';
import {
  AUTOSAVE_DELAY_MS,
  AUTOSAVE_KEY,
  UNREADABLE_PREFIX,
  restoreAutosave,
  startAutosave,
  type PageEvents,
  type StorageLike,
} from './autosave.ts';

/** localStorage as a Map. */
function memoryStorage(initial: Record<string, string> = {}): StorageLike & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}

/** A window and a document that only dispatch events. */
function fakePage(): PageEvents & { hide: () => void; leave: () => void } {
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), visible());
  return {
    window: win,
    document: doc,
    hide: () => {
      doc.visibilityState = 'hidden';
      doc.dispatchEvent(new Event('visibilitychange'));
    },
    leave: () => win.dispatchEvent(new Event('pagehide')),
  };
}

/** A page that is shown, typed as the DOM types it. */
const visible = (): { visibilityState: DocumentVisibilityState } => ({ visibilityState: 'visible' });

const NOW = new Date('2025-01-02T03:04:05.000Z');

describe('restoreAutosave', () => {
  it('brings back the kept document, or nothing when there is none', () => {
    const graph = quorumOfThree();
    expect(restoreAutosave(memoryStorage({ [AUTOSAVE_KEY]: JSON.stringify(graph) }), NOW)).toEqual({ document: graph });
    expect(restoreAutosave(memoryStorage(), NOW)).toEqual({});
  });

  it('moves a document that does not load aside and says where and why', () => {
    const text = '{"blockgraph": 1, "nodes": {"d": {"driver": "qcow2", "name": "1bad"}}}';
    const storage = memoryStorage({ [AUTOSAVE_KEY]: text });
    const { document, notice } = restoreAutosave(storage, NOW);
    expect(document).toBeUndefined();
    const key = `${UNREADABLE_PREFIX}2025-01-02T03:04:05.000Z`;
    expect(storage.items.get(key)).toBe(text);
    expect(notice?.tone).toBe('error');
    expect(notice?.text).toContain(key);
    expect(notice?.details).toEqual(["error in node 'd' at nodes.d.name: Invalid node-name: '1bad' [E104]"]);
  });

  it('turns a storage that refuses into a notice', () => {
    const refusing: StorageLike = {
      getItem: () => {
        throw new Error('SecurityError: storage is disabled');
      },
      setItem: () => undefined,
    };
    expect(restoreAutosave(refusing, NOW).notice?.details).toEqual(['SecurityError: storage is disabled']);
  });
});

describe('startAutosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes once the edits pause, not on every edit', () => {
    const store = createStore(createEditorState(seedSimpleTree()));
    const storage = memoryStorage();
    const setItem = vi.spyOn(storage, 'setItem');
    startAutosave(store, storage, fakePage(), () => undefined);
    store.getState().moveTo('disk', { x: 1, y: 1 });
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS / 2);
    store.getState().moveTo('disk', { x: 2, y: 2 });
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS - 1);
    expect(setItem).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(JSON.parse(storage.items.get(AUTOSAVE_KEY) ?? 'null')).toEqual(store.getState().document);
    store.getState().select('disk');
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS * 2);
    expect(setItem).toHaveBeenCalledTimes(1);
  });

  it('writes at once when the page is hidden or left', () => {
    const store = createStore(createEditorState(seedSimpleTree()));
    const storage = memoryStorage();
    const page = fakePage();
    startAutosave(store, storage, page, () => undefined);
    store.getState().addNode({ driver: 'null-co' });
    page.hide();
    expect(JSON.parse(storage.items.get(AUTOSAVE_KEY) ?? 'null')).toEqual(store.getState().document);
    store.getState().undo();
    page.leave();
    expect(JSON.parse(storage.items.get(AUTOSAVE_KEY) ?? 'null')).toEqual(seedSimpleTree());
  });

  it('tells once when the browser refuses to store', () => {
    const store = createStore(createEditorState(seedSimpleTree()));
    const full: StorageLike = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const notices: Notice[] = [];
    startAutosave(store, full, fakePage(), (notice) => notices.push(notice));
    for (let i = 0; i < 3; i++) {
      store.getState().moveTo('disk', { x: i, y: 9 });
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    }
    expect(notices.map((n) => n.details)).toEqual([['QuotaExceededError']]);
  });
});

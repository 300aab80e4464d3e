import { formatDiagnostic, loadDocumentText, type BlockGraph } from '../../model/index.ts';
import type { Notice } from '../store/editorStore.ts';

/** Where the document is kept between visits (localStorage). */
export const AUTOSAVE_KEY = 'blockgraph.autosave';
/** Where a kept document that cannot be read is moved, followed by the time it was found. */
export const UNREADABLE_PREFIX = 'blockgraph.unreadable.';
/** How long the document must stay unchanged before it is written (leaving the page writes at once). */
export const AUTOSAVE_DELAY_MS = 400;

/** The part of `Storage` autosave uses. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The browser's localStorage, looked up on each use: reading `window.localStorage` itself throws when
 * storage is disabled, and autosave turns that into a notice instead of a blank page.
 */
export function localStorageOf(win: Pick<Window, 'localStorage'>): StorageLike {
  return {
    getItem: (key) => win.localStorage.getItem(key),
    setItem: (key, value) => {
      win.localStorage.setItem(key, value);
    },
  };
}

/** What the last visit left: its document, and a notice when there was something the user must know. */
export interface Restored {
  document?: BlockGraph;
  notice?: Notice;
}

/**
 * Reads the kept document. One that does not load (`loadDocumentText`'s diagnostics) is never
 * dropped silently: it is moved to `blockgraph.unreadable.<time>` and the notice says so and why.
 */
export function restoreAutosave(storage: StorageLike, now: Date): Restored {
  let text: string | null;
  try {
    text = storage.getItem(AUTOSAVE_KEY);
  } catch (error) {
    return { notice: storageNotice('Autosaved work cannot be read', error) };
  }
  if (text === null) return {};
  const loaded = loadDocumentText(text);
  if (loaded.ok) return { document: loaded.value };
  const key = `${UNREADABLE_PREFIX}${now.toISOString()}`;
  try {
    storage.setItem(key, text);
  } catch (error) {
    return { notice: storageNotice('Autosaved work cannot be read, nor kept aside', error) };
  }
  return {
    notice: {
      tone: 'error',
      text: `The autosaved document cannot be opened, so the example is shown. It is kept in this browser's local storage under “${key}”.`,
      details: loaded.diagnostics.map(formatDiagnostic),
    },
  };
}

/** Writes the document; returns a notice when the browser refuses (storage full or disabled). */
export function writeAutosave(storage: StorageLike, graph: BlockGraph): Notice | undefined {
  try {
    storage.setItem(AUTOSAVE_KEY, JSON.stringify(graph));
    return undefined;
  } catch (error) {
    return storageNotice('Autosave failed: save the document to a file to keep it', error);
  }
}

function storageNotice(text: string, error: unknown): Notice {
  return { tone: 'error', text, details: [error instanceof Error ? error.message : String(error)] };
}

/** The store as autosave sees it. */
export interface AutosaveSource {
  getState: () => { document: BlockGraph };
  subscribe: (listener: (state: { document: BlockGraph }, previous: { document: BlockGraph }) => void) => () => void;
}

/** Where autosave hears that the page goes away: `pagehide` on the window, `visibilitychange` on the document. */
export interface PageEvents {
  window: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  document: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
}

/**
 * Keeps the store's document in storage: written `delayMs` after the last change, and at once when
 * the page is hidden or left (a closed tab, a reload, a switch to another app), so no edit is lost.
 * Returns a function that stops it (after writing what is pending).
 */
export function startAutosave(
  store: AutosaveSource,
  storage: StorageLike,
  page: PageEvents,
  onProblem: (notice: Notice) => void,
  delayMs = AUTOSAVE_DELAY_MS,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let written = store.getState().document;
  let failed = false;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const { document } = store.getState();
    if (document === written) return;
    const problem = writeAutosave(storage, document);
    if (problem === undefined) {
      written = document;
      failed = false;
    } else if (!failed) {
      // Said once, not on every edit.
      failed = true;
      onProblem(problem);
    }
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.document === previous.document) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  });
  const onHidden = () => {
    if (page.document.visibilityState === 'hidden') flush();
  };
  page.window.addEventListener('pagehide', flush);
  page.document.addEventListener('visibilitychange', onHidden);
  return () => {
    flush();
    unsubscribe();
    page.window.removeEventListener('pagehide', flush);
    page.document.removeEventListener('visibilitychange', onHidden);
  };
}

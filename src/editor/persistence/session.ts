import { formatDiagnostic } from '../../model/index.ts';
import type { EditorStore } from '../store/editorStore.ts';
import { restoreAutosave, startAutosave, type PageEvents, type StorageLike } from './autosave.ts';
import { openedDocument } from './documentFile.ts';
import { decodeDocument, sharedDocumentOf } from './shareLink.ts';

/** The store as the session sees it (zustand's store API). */
export interface SessionStore {
  getState: () => EditorStore;
  setState: (partial: Partial<EditorStore>) => void;
  subscribe: (listener: (state: EditorStore, previous: EditorStore) => void) => () => void;
}

/** The browser around the session; `window` and its friends in the editor, fakes in tests. */
export interface SessionEnvironment extends PageEvents {
  storage: StorageLike;
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  now: () => Date;
}

/**
 * Starts a visit: the last autosaved document comes back (the seed example stays only when there is
 * none), autosave starts, and a `#doc=` link opens its document as an undoable change over it.
 * Resolves once the link's document is in (so the first render shows it); never rejects.
 */
export async function startSession(store: SessionStore, env: SessionEnvironment): Promise<void> {
  const restored = restoreAutosave(env.storage, env.now());
  if (restored.document !== undefined) store.setState({ document: restored.document });
  if (restored.notice !== undefined) store.getState().showNotice(restored.notice);
  startAutosave(store, env.storage, env, (notice) => {
    store.getState().showNotice(notice);
  });
  env.window.addEventListener('hashchange', () => void openSharedDocument(store, env));
  await openSharedDocument(store, env);
}

/**
 * Opens the document of a `#doc=` link, if the location has one, and takes the fragment out of the
 * address (a reload must not open it again over later work). A damaged link leaves the work as it
 * is and says why.
 */
export async function openSharedDocument(store: SessionStore, env: SessionEnvironment): Promise<void> {
  const packed = sharedDocumentOf(env.location.hash);
  if (packed === undefined) return;
  env.history.replaceState(null, '', `${env.location.pathname}${env.location.search}`);
  const result = await decodeDocument(packed);
  const { replaceDocument, showNotice } = store.getState();
  if (result.ok) {
    replaceDocument(result.value);
    showNotice({
      tone: 'info',
      text: 'Opened the document of the link. Undo brings back your previous work.',
      details: [],
    });
  } else {
    showNotice({
      tone: 'error',
      text: 'The link’s document cannot be opened; your work is unchanged.',
      details: result.diagnostics.map(formatDiagnostic),
    });
  }
}

/** Opens a file's text in the store: an undoable replacement, or a notice with the file's diagnostics. */
export function openDocumentText(store: Pick<SessionStore, 'getState'>, fileName: string, text: string): boolean {
  const opened = openedDocument(fileName, text);
  const { replaceDocument, showNotice } = store.getState();
  if (opened.ok) replaceDocument(opened.document);
  showNotice(opened.notice);
  return opened.ok;
}

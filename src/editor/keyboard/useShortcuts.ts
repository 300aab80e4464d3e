import { useEffect } from 'react';
import { clipboardText, readClipboardText } from '../clipboard/fragment.ts';
import { openDocument, saveDocument } from '../persistence/commands.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { formatDiagnostic } from '../../model/index.ts';
import { isTypingTarget, shortcutOf, type ShortcutAction } from './shortcuts.ts';

/** Installs the editor's keyboard shortcuts and clipboard handling on the page for as long as the editor is there. */
export function useShortcuts(): void {
  useEffect(() => installShortcuts(window, document), []);
}

/**
 * Listens on the page for the editor's shortcuts (`shortcutOf`), none of which fire while the user
 * types in a field. Copy and cut fill the editor's clipboard on the key press and the system
 * clipboard in the `copy`/`cut` event that follows; a paste takes blockgraph's own clipboard text
 * (from this tab or another), or the editor's clipboard when the system one is empty, and leaves any
 * other text to whoever else listens for `paste`. A field losing focus ends its undo entry.
 * Returns a function that removes the listeners.
 */
export function installShortcuts(win: Window, doc: Document): () => void {
  /** Clipboard text waiting for the `copy`/`cut` event of the key press that produced it. */
  let pendingText: string | undefined;
  /** A Ctrl+V press whose `paste` event has not come (yet). */
  let pasteWaiting = false;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || isTypingTarget(event.target as HTMLElement | null)) return;
    const action = shortcutOf(event);
    if (action === undefined) return;
    if ((action === 'copy' || action === 'cut') && hasTextSelection(win)) return;
    const handled = run(action);
    if (handled === 'prevent') event.preventDefault();
  };

  const run = (action: ShortcutAction): 'prevent' | 'pass' => {
    const state = useEditorStore.getState();
    switch (action) {
      case 'undo':
        state.undo();
        return 'prevent';
      case 'redo':
        state.redo();
        return 'prevent';
      case 'selectAll':
        state.selectAll();
        return 'prevent';
      case 'duplicate':
        state.duplicateSelection();
        return 'prevent';
      case 'rename':
        if (state.selectedId === null || !Object.hasOwn(state.document.nodes, state.selectedId)) return 'pass';
        state.startRename(state.selectedId);
        return 'prevent';
      case 'clearSelection':
        state.select(null);
        state.selectEdge(null);
        return 'pass';
      case 'save':
        saveDocument();
        return 'prevent';
      case 'open':
        openDocument();
        return 'prevent';
      case 'copy':
      case 'cut': {
        // The browser's own copy follows and fills the system clipboard (see onCopy).
        const fragment = action === 'copy' ? state.copySelection() : state.cutSelection();
        pendingText = fragment === undefined ? undefined : clipboardText(fragment);
        // Only for the event of this key press: a later copy of selected text stays the browser's.
        setTimeout(() => {
          pendingText = undefined;
        }, 0);
        return 'pass';
      }
      case 'paste':
        // The browser's paste event follows; if it never comes, the editor's clipboard is pasted.
        pasteWaiting = true;
        setTimeout(() => {
          if (pasteWaiting) useEditorStore.getState().paste();
          pasteWaiting = false;
        }, 0);
        return 'pass';
    }
  };

  const onCopy = (event: ClipboardEvent) => {
    const text = pendingText;
    pendingText = undefined;
    if (text === undefined || event.clipboardData === null) return;
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
  };

  const onPaste = (event: ClipboardEvent) => {
    pasteWaiting = false;
    if (event.defaultPrevented || isTypingTarget(event.target as HTMLElement | null)) return;
    const text = event.clipboardData?.getData('text/plain') ?? '';
    const state = useEditorStore.getState();
    if (text.trim() === '') {
      if (state.clipboard !== null) {
        event.preventDefault();
        state.paste();
      }
      return;
    }
    const read = readClipboardText(text);
    if (read === undefined) return; // Not blockgraph's: left to other paste handlers (importers).
    event.preventDefault();
    if (!read.ok) {
      const details = read.diagnostics.map(formatDiagnostic);
      state.showNotice({ tone: 'error', text: 'The pasted blockgraph nodes cannot be read.', details });
      return;
    }
    const own = state.clipboard !== null && clipboardText(state.clipboard.fragment) === text;
    state.paste(own ? undefined : read.value);
  };

  const onFocusOut = (event: FocusEvent) => {
    if (isTypingTarget(event.target as HTMLElement | null)) useEditorStore.getState().sealHistory();
  };

  win.addEventListener('keydown', onKeyDown);
  doc.addEventListener('copy', onCopy);
  doc.addEventListener('cut', onCopy);
  doc.addEventListener('paste', onPaste);
  doc.addEventListener('focusout', onFocusOut);
  return () => {
    win.removeEventListener('keydown', onKeyDown);
    doc.removeEventListener('copy', onCopy);
    doc.removeEventListener('cut', onCopy);
    doc.removeEventListener('paste', onPaste);
    doc.removeEventListener('focusout', onFocusOut);
  };
}

/** True when the user selected text on the page: Ctrl+C then copies that text, not nodes. */
function hasTextSelection(win: Window): boolean {
  const selection = win.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().trim() !== '';
}

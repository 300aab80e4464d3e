import { useEffect } from 'react';
import { useDialogStore } from '../dialogs/dialogStore.ts';
import { commandOf, type CommandAction } from './commandKeys.ts';
import { focusRegion } from './regions.ts';
import { isTypingTarget } from './shortcuts.ts';

/** Installs the command keys (`?` help, `C` Connect…, F6 areas) on the page for as long as the editor is there. */
export function useCommandKeys(): void {
  useEffect(() => installCommandKeys(window, document), []);
}

/** Commands that work from inside a field as well. */
const REGION_ACTIONS: ReadonlySet<CommandAction> = new Set(['nextRegion', 'previousRegion']);

/** True while a modal dialog (the help sheet, Connect…, an import dialog) has the page. */
function isModalOpen(doc: Document): boolean {
  return doc.querySelector('dialog[open], [role="dialog"][aria-modal="true"]') !== null;
}

/**
 * Listens on the page for the command keys (`commandOf`): none works while a modal dialog is open,
 * and `?` and `c` wait while the user types in a field. Returns a function that removes the listener.
 */
export function installCommandKeys(win: Window, doc: Document): () => void {
  const run = (action: CommandAction): void => {
    switch (action) {
      case 'help':
        useDialogStore.getState().show('help');
        return;
      case 'connect':
        useDialogStore.getState().show('connect');
        return;
      case 'nextRegion':
        focusRegion(doc, 1);
        return;
      case 'previousRegion':
        focusRegion(doc, -1);
        return;
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || isModalOpen(doc)) return;
    const action = commandOf(event);
    if (action === undefined) return;
    // `?` and `c` are characters in a field; F6 types nothing, so it leaves a field too.
    if (!REGION_ACTIONS.has(action) && isTypingTarget(event.target as HTMLElement | null)) return;
    event.preventDefault();
    run(action);
  };
  win.addEventListener('keydown', onKeyDown);
  return () => {
    win.removeEventListener('keydown', onKeyDown);
  };
}

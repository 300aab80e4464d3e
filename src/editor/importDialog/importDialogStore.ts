import { create } from 'zustand';
import type { StateCreator } from 'zustand/vanilla';

/** The import dialog: whether it is open, the text being imported and where it came from. UI state only. */
export interface ImportDialogState {
  open: boolean;
  text: string;
  /** Where the text came from (`the clipboard`, a dropped file's name), or null when typed. */
  source: string | null;
}

/** What opens, edits and closes the import dialog. */
export interface ImportDialogActions {
  /** Opens the dialog with `text` in it (empty: the user pastes or types), from `source`. */
  openImport: (text?: string, source?: string | null) => void;
  setText: (text: string) => void;
  /** Closes the dialog and forgets its text. */
  closeImport: () => void;
}

/** The dialog's whole store. */
export type ImportDialogStore = ImportDialogState & ImportDialogActions;

const CLOSED: ImportDialogState = { open: false, text: '', source: null };

/** The store's initialiser; `useImportDialog` uses it, tests use it with `createStore`. */
export function createImportDialogState(): StateCreator<ImportDialogStore> {
  return (set) => ({
    ...CLOSED,
    openImport: (text = '', source = null) => {
      set({ open: true, text, source });
    },
    setText: (text) => {
      set({ text });
    },
    closeImport: () => {
      set(CLOSED);
    },
  });
}

/**
 * The import dialog's store, apart from the editor's: nothing in it is part of the document or its
 * history, and the document only changes when the user imports (through the editor store's
 * `replaceDocument`).
 */
export const useImportDialog = create<ImportDialogStore>()(createImportDialogState());

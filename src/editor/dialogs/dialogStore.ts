import { create } from 'zustand';

/** The editor's modal dialogs: the help sheet and the Connect… command. */
export type DialogName = 'help' | 'connect';

/** Which dialog is open (UI state, never in the document). */
export interface DialogState {
  open: DialogName | null;
  show: (dialog: DialogName) => void;
  close: () => void;
}

/** The dialogs' store: at most one is open. */
export const useDialogStore = create<DialogState>()((set) => ({
  open: null,
  show: (open) => {
    set({ open });
  },
  close: () => {
    set({ open: null });
  },
}));

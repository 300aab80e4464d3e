import { create } from 'zustand';
import type { StateCreator } from 'zustand/vanilla';

/** Where an automatic layout stands: idle, or running over so many nodes since a moment. */
export type LayoutStatus = { state: 'idle' } | { state: 'running'; nodes: number; since: number };

/** View settings and the layout's progress: UI state that never reaches the document or its undo history. */
export interface ViewState {
  /** The minimap is shown in the canvas's corner. */
  minimap: boolean;
  layout: LayoutStatus;
}

/** What changes the view state. */
export interface ViewActions {
  /** Shows or hides the minimap. */
  toggleMinimap: () => void;
  setLayoutStatus: (status: LayoutStatus) => void;
}

/** The whole view store. */
export type ViewStore = ViewState & ViewActions;

/** The idle layout status (one object, so selectors compare equal). */
export const LAYOUT_IDLE: LayoutStatus = { state: 'idle' };

/** The view store's initialiser; tests use it with `createStore` from `zustand/vanilla`. */
export const createViewState: StateCreator<ViewStore> = (set, get) => ({
  minimap: true,
  layout: LAYOUT_IDLE,
  toggleMinimap: () => {
    set({ minimap: !get().minimap });
  },
  setLayoutStatus: (layout) => {
    set({ layout });
  },
});

/** The editor's one view store. */
export const useViewStore = create<ViewStore>()(createViewState);

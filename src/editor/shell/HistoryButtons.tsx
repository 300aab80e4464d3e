import { useShallow } from 'zustand/react/shallow';
import { SHORTCUT_KEYS } from '../keyboard/shortcuts.ts';
import { useEditorStore, type EditorStore } from '../store/editorStore.ts';

/** What the history buttons show: whether there is something to undo and to redo. */
export interface HistoryAvailability {
  canUndo: boolean;
  canRedo: boolean;
}

/** Selector: whether undo and redo have something to do (changes only when that does). */
export function selectHistoryAvailability(state: Pick<EditorStore, 'history'>): HistoryAvailability {
  return { canUndo: state.history.past.length > 0, canRedo: state.history.future.length > 0 };
}

/** Undo and Redo wired to the store. */
export function HistoryButtons() {
  const available = useEditorStore(useShallow(selectHistoryAvailability));
  return (
    <HistoryButtonsView
      {...available}
      onUndo={() => useEditorStore.getState().undo()}
      onRedo={() => useEditorStore.getState().redo()}
    />
  );
}

/** Undo and Redo, disabled when there is nothing to undo or redo; the tooltips give the shortcuts. */
export function HistoryButtonsView({
  canUndo,
  canRedo,
  onUndo,
  onRedo,
}: HistoryAvailability & { onUndo: () => void; onRedo: () => void }) {
  return (
    <div className="header-bar__group" role="group" aria-label="History">
      <button
        type="button"
        className="header-bar__button"
        aria-label="Undo"
        title={`Undo (${SHORTCUT_KEYS.undo})`}
        disabled={!canUndo}
        onClick={onUndo}
      >
        ↶ Undo
      </button>
      <button
        type="button"
        className="header-bar__button"
        aria-label="Redo"
        title={`Redo (${SHORTCUT_KEYS.redo})`}
        disabled={!canRedo}
        onClick={onRedo}
      >
        ↷ Redo
      </button>
    </div>
  );
}

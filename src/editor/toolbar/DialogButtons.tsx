import { memo } from 'react';
import { useDialogStore } from '../dialogs/dialogStore.ts';
import { COMMAND_KEYS } from '../keyboard/commandKeys.ts';

/** Connect… and Help: the dialogs a key opens, reachable from the toolbar too. */
export const DialogButtons = memo(function DialogButtons() {
  return (
    <div className="header-bar__group" role="group" aria-label="Commands">
      <button
        type="button"
        className="header-bar__button"
        aria-haspopup="dialog"
        title={`Connect the selected node to a child, from lists (${COMMAND_KEYS.connect})`}
        onClick={() => {
          useDialogStore.getState().show('connect');
        }}
      >
        Connect…
      </button>
      <button
        type="button"
        className="header-bar__button"
        aria-haspopup="dialog"
        title={`Keyboard shortcuts (${COMMAND_KEYS.help})`}
        onClick={() => {
          useDialogStore.getState().show('help');
        }}
      >
        Help
      </button>
    </div>
  );
});

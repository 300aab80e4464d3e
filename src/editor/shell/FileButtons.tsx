import { SHORTCUT_KEYS } from '../keyboard/shortcuts.ts';
import { openDocument, saveDocument } from '../persistence/commands.ts';
import { ShareButton } from './ShareButton.tsx';

/** Open, Save and Share: the document to and from `.blockgraph.json` files, and as a link. */
export function FileButtons() {
  return (
    <div className="header-bar__group" role="group" aria-label="Document">
      <button
        type="button"
        className="header-bar__button"
        aria-label="Open"
        title={`Open a .blockgraph.json file (${SHORTCUT_KEYS.open})`}
        onClick={openDocument}
      >
        Open…
      </button>
      <button
        type="button"
        className="header-bar__button"
        aria-label="Save"
        title={`Save as a .blockgraph.json file (${SHORTCUT_KEYS.save})`}
        onClick={saveDocument}
      >
        Save
      </button>
      <ShareButton />
    </div>
  );
}

import { useId } from 'react';
import { useDialogStore } from '../dialogs/dialogStore.ts';
import { useModalDialog } from '../dialogs/useModalDialog.ts';
import { shortcutGroups, type ShortcutGroup } from './shortcutList.ts';

const GROUPS = shortcutGroups();

/** The help sheet's content: one table per group of shortcuts, each key in a `<kbd>`. */
export function ShortcutTables({ groups }: { groups: readonly ShortcutGroup[] }) {
  return (
    <>
      {groups.map((group) => (
        <table key={group.title} className="help-sheet__table">
          <caption>{group.title}</caption>
          <tbody>
            {group.lines.map((line) => (
              <tr key={line.does}>
                <th scope="row">{line.does}</th>
                <td>
                  <kbd>{line.keys}</kbd>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}

/**
 * The help sheet (`?` or the Help button): a modal dialog listing every keyboard shortcut, from the
 * shortcut tables themselves. Escape or Close shuts it and the focus goes back where it was.
 */
export function HelpSheet() {
  const close = useDialogStore((s) => s.close);
  const ref = useModalDialog(close);
  const titleId = useId();
  return (
    <dialog
      ref={ref}
      className="help-sheet"
      aria-labelledby={titleId}
      // Keys pressed in the sheet are the sheet's: the editor's shortcuts wait until it closes.
      onKeyDown={(event) => {
        event.stopPropagation();
      }}
    >
      <div className="help-sheet__header">
        <h2 id={titleId}>Keyboard shortcuts</h2>
        <button type="button" className="help-sheet__close" onClick={close}>
          Close
        </button>
      </div>
      <p className="help-sheet__note">Ctrl stands for Cmd on a Mac. Shortcuts wait while you type in a field.</p>
      <div className="help-sheet__groups">
        <ShortcutTables groups={GROUPS} />
      </div>
    </dialog>
  );
}

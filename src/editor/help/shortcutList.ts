import { DELETE_KEYS } from '../canvas/Canvas.tsx';
import { COMMAND_DESCRIPTIONS, COMMAND_KEYS, type CommandAction } from '../keyboard/commandKeys.ts';
import { SHORTCUT_KEYS, type ShortcutAction } from '../keyboard/shortcuts.ts';
import { PALETTE_SEARCH_KEY } from '../palette/Palette.tsx';

/** One line of the help sheet: what it does and the keys (as `SHORTCUT_KEYS` writes them). */
export interface ShortcutLine {
  does: string;
  keys: string;
}

/** A titled group of lines. */
export interface ShortcutGroup {
  title: string;
  lines: readonly ShortcutLine[];
}

/**
 * What each editing shortcut does. A `Record` over `ShortcutAction`: a shortcut added to
 * `shortcuts.ts` without a description here does not compile, so the help never misses one.
 */
export const SHORTCUT_DESCRIPTIONS: Readonly<Record<ShortcutAction, string>> = {
  undo: 'Undo the last change',
  redo: 'Redo what was undone',
  copy: 'Copy the selected nodes',
  cut: 'Cut the selected nodes',
  paste: 'Paste',
  duplicate: 'Duplicate the selected nodes',
  selectAll: 'Select every node',
  rename: 'Rename the selected node in place',
  clearSelection: 'Clear the selection (or close a dialog)',
  save: 'Save the document as a .blockgraph.json file',
  open: 'Open a .blockgraph.json file',
};

/**
 * Keys React Flow gives the canvas (its keyboard access: nodes and edges take the focus with Tab),
 * and the canvas's own delete keys.
 */
function canvasLines(): ShortcutLine[] {
  return [
    { does: 'Move between nodes and edges', keys: 'Tab / Shift+Tab' },
    { does: 'Select the focused node or edge (the inspector shows it)', keys: 'Enter / Space' },
    { does: 'Move the selected nodes', keys: 'Arrow keys (Shift: further)' },
    { does: 'Delete the selected nodes or edge', keys: DELETE_KEYS.join(' / ') },
  ];
}

/** The lines of a table of keys and descriptions, in the table's order. */
function linesOf<A extends string>(
  keys: Readonly<Record<A, string>>,
  does: Readonly<Record<A, string>>,
): ShortcutLine[] {
  return (Object.keys(keys) as A[]).map((action) => ({ does: does[action], keys: keys[action] }));
}

/**
 * Every shortcut of the editor, grouped, generated from the shortcut tables (`SHORTCUT_KEYS`,
 * `COMMAND_KEYS`, the canvas's `DELETE_KEYS`, the palette's search key): the help sheet shows this.
 */
export function shortcutGroups(): ShortcutGroup[] {
  return [
    { title: 'Editing', lines: linesOf(SHORTCUT_KEYS, SHORTCUT_DESCRIPTIONS) },
    { title: 'Commands', lines: linesOf<CommandAction>(COMMAND_KEYS, COMMAND_DESCRIPTIONS) },
    { title: 'Canvas', lines: canvasLines() },
    {
      title: 'Palette and toolbar',
      lines: [
        { does: 'Search the palette', keys: PALETTE_SEARCH_KEY },
        { does: 'Choose a palette entry, then add it', keys: '↑ / ↓, Enter' },
        { does: 'Move between toolbar buttons', keys: '← / →, Home / End' },
      ],
    },
  ];
}

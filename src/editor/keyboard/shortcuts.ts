/** What a keyboard shortcut of the editor does. */
export type ShortcutAction =
  | 'undo'
  | 'redo'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'duplicate'
  | 'selectAll'
  | 'rename'
  | 'clearSelection'
  | 'save'
  | 'open';

/** The fields of a keyboard event a shortcut depends on. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** How each shortcut is written in tooltips and the help: Ctrl stands for Cmd on a Mac too. */
export const SHORTCUT_KEYS: Readonly<Record<ShortcutAction, string>> = {
  undo: 'Ctrl+Z',
  redo: 'Ctrl+Shift+Z / Ctrl+Y',
  copy: 'Ctrl+C',
  cut: 'Ctrl+X',
  paste: 'Ctrl+V',
  duplicate: 'Ctrl+D',
  selectAll: 'Ctrl+A',
  rename: 'F2',
  clearSelection: 'Escape',
  save: 'Ctrl+S',
  open: 'Ctrl+O',
};

/** Ctrl (or Cmd) + letter shortcuts, without and with Shift. */
const WITH_CTRL: Readonly<Record<string, ShortcutAction>> = {
  z: 'undo',
  y: 'redo',
  c: 'copy',
  x: 'cut',
  v: 'paste',
  d: 'duplicate',
  a: 'selectAll',
  s: 'save',
  o: 'open',
};
const WITH_CTRL_SHIFT: Readonly<Record<string, ShortcutAction>> = { z: 'redo' };

/**
 * The editor action a key press stands for, or undefined. Ctrl and Cmd are the same; Alt never is a
 * shortcut (it types characters on some layouts).
 *
 * @example shortcutOf({ key: 'Z', ctrlKey: true, shiftKey: true, metaKey: false, altKey: false }) // 'redo'
 */
export function shortcutOf(press: KeyPress): ShortcutAction | undefined {
  if (press.altKey) return undefined;
  if (press.ctrlKey || press.metaKey) {
    const table = press.shiftKey ? WITH_CTRL_SHIFT : WITH_CTRL;
    const key = press.key.toLowerCase();
    return Object.hasOwn(table, key) ? table[key] : undefined;
  }
  if (press.shiftKey) return undefined;
  if (press.key === 'F2') return 'rename';
  return press.key === 'Escape' ? 'clearSelection' : undefined;
}

/** Input types that take no typing: shortcuts still work while one of them has the focus. */
const NOT_TYPED = new Set(['button', 'checkbox', 'color', 'file', 'image', 'radio', 'range', 'reset', 'submit']);

/** The parts of a DOM element `isTypingTarget` reads (an `HTMLElement` has them). */
export interface TargetLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
}

/**
 * True when the user is typing into the target (a text field, a text area, a select, an editable
 * element): the editor's shortcuts then leave the keys to it (Ctrl+Z undoes the typing, Ctrl+A
 * selects the text).
 */
export function isTypingTarget(target: TargetLike | null): boolean {
  if (target === null) return false;
  if (target.isContentEditable === true) return true;
  const tag = target.tagName?.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !NOT_TYPED.has((target.type ?? 'text').toLowerCase());
}

import type { KeyPress } from './shortcuts.ts';

/** What a command key of the editor does (beyond the editing shortcuts of `shortcuts.ts`). */
export type CommandAction = 'help' | 'connect' | 'nextRegion' | 'previousRegion';

/** How each command key is written in tooltips and the help sheet. */
export const COMMAND_KEYS: Readonly<Record<CommandAction, string>> = {
  help: '?',
  connect: 'C',
  nextRegion: 'F6',
  previousRegion: 'Shift+F6',
};

/** What each command does, for the help sheet and tooltips. */
export const COMMAND_DESCRIPTIONS: Readonly<Record<CommandAction, string>> = {
  help: 'Show the keyboard shortcuts',
  connect: 'Connect… the selected node to a child (choose the role and the child)',
  nextRegion: 'Focus the next area: toolbar, palette, canvas, inspector, export, diagnostics',
  previousRegion: 'Focus the previous area',
};

/**
 * The command a key press stands for, or undefined. `?` is typed with or without Shift (keyboard
 * layouts differ); `c` takes no modifier at all, so Ctrl+C stays copy.
 *
 * @example commandOf({ key: '?', shiftKey: true, ctrlKey: false, metaKey: false, altKey: false }) // 'help'
 */
export function commandOf(press: KeyPress): CommandAction | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey) return undefined;
  if (press.key === '?') return 'help';
  if (press.key === 'F6') return press.shiftKey ? 'previousRegion' : 'nextRegion';
  if (press.shiftKey) return undefined;
  return press.key === 'c' ? 'connect' : undefined;
}

import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DELETE_KEYS } from '../canvas/Canvas.tsx';
import { COMMAND_KEYS } from '../keyboard/commandKeys.ts';
import { SHORTCUT_KEYS } from '../keyboard/shortcuts.ts';
import { ShortcutTables } from './HelpSheet.tsx';
import { SHORTCUT_DESCRIPTIONS, shortcutGroups } from './shortcutList.ts';

describe('help sheet', () => {
  const lines = shortcutGroups().flatMap((g) => g.lines);

  it('lists every editing shortcut and command key with the keys the tables define', () => {
    for (const [action, keys] of Object.entries(SHORTCUT_KEYS)) {
      expect(lines, action).toContainEqual({ does: SHORTCUT_DESCRIPTIONS[action as keyof typeof SHORTCUT_KEYS], keys });
    }
    for (const keys of Object.values(COMMAND_KEYS)) expect(lines.map((l) => l.keys)).toContain(keys);
    expect(lines.map((l) => l.keys)).toContain(DELETE_KEYS.join(' / '));
  });

  it('shows the undo shortcut in a table, keys as <kbd>', () => {
    const html = renderToStaticMarkup(<ShortcutTables groups={shortcutGroups()} />);
    expect(html).toContain(`<th scope="row">Undo the last change</th><td><kbd>${SHORTCUT_KEYS.undo}</kbd></td>`);
    expect(html).toContain('<caption>Editing</caption>');
  });
});

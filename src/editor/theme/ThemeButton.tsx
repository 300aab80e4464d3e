import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { nextThemeChoice, themeLabel, type ThemeChoice } from './theme.ts';
import { selectTheme, useThemeStore } from './themeStore.ts';

/** What the button shows for each choice; its accessible name (`themeLabel`) holds the same word. */
const ICONS: Readonly<Record<ThemeChoice, string>> = { system: '◐', light: '☀', dark: '☾' };
const WORDS: Readonly<Record<ThemeChoice, string>> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The theme switch: each press goes system → light → dark → system; the choice is kept for the next visit. */
export const ThemeButton = memo(function ThemeButton() {
  const { choice, theme } = useThemeStore(useShallow((s) => ({ choice: s.choice, theme: selectTheme(s) })));
  const label = themeLabel(choice, theme);
  return (
    <button
      type="button"
      className="header-bar__button"
      aria-label={label}
      title={`${label}. Press for ${nextThemeChoice(choice)}.`}
      onClick={() => {
        useThemeStore.getState().setChoice(nextThemeChoice(choice));
      }}
    >
      <span aria-hidden="true">{ICONS[choice]}</span> {WORDS[choice]}
    </button>
  );
});

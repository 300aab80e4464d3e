/** What the user chose: follow the system's light or dark preference, or one of them always. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** The palette the page shows. */
export type Theme = 'light' | 'dark';

/** The choices in the order the theme button goes through them. */
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** Where the choice is kept in localStorage (apart from the autosaved document). */
export const THEME_STORAGE_KEY = 'blockgraph.theme';

/** The media query of the system's dark preference. */
export const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * A stored choice, or `system` when nothing (or something unknown) is stored.
 *
 * @example parseThemeChoice('dark') // 'dark'
 * @example parseThemeChoice(null) // 'system'
 */
export function parseThemeChoice(stored: string | null): ThemeChoice {
  return THEME_CHOICES.find((choice) => choice === stored) ?? 'system';
}

/**
 * The theme a choice shows, given whether the system prefers dark.
 *
 * @example resolveTheme('system', true) // 'dark'
 */
export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}

/**
 * The choice after `choice` (system → light → dark → system).
 *
 * @example nextThemeChoice('dark') // 'system'
 */
export function nextThemeChoice(choice: ThemeChoice): ThemeChoice {
  const at = THEME_CHOICES.indexOf(choice);
  return THEME_CHOICES[(at + 1) % THEME_CHOICES.length] ?? 'system';
}

/** What the theme button says: the choice, and what it shows when it follows the system. */
export function themeLabel(choice: ThemeChoice, theme: Theme): string {
  return choice === 'system' ? `Theme: system (${theme})` : `Theme: ${choice}`;
}

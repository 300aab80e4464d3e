import { useEffect, useLayoutEffect } from 'react';
import { PALETTES } from './palettes.ts';
import { DARK_QUERY, type Theme } from './theme.ts';
import { useTheme, useThemeStore } from './themeStore.ts';

/**
 * Puts the theme on the page (its colours as custom properties and `data-theme` on the root element,
 * and the `color-scheme` that form controls and scroll bars follow) before the browser paints, and follows
 * the system's preference as it changes.
 */
export function useThemeOnPage(): Theme {
  const theme = useTheme();
  useLayoutEffect(() => {
    applyTheme(document.documentElement, theme);
  }, [theme]);
  useEffect(() => followSystemTheme(window), []);
  return theme;
}

/** Puts a theme on `root`: its palette's colours as custom properties, `data-theme` and `color-scheme`. */
export function applyTheme(root: HTMLElement, theme: Theme): void {
  for (const [name, value] of Object.entries(PALETTES[theme])) root.style.setProperty(`--${name}`, value);
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
}

/** Keeps the store's idea of the system preference in step with the browser; returns the unsubscribe. */
export function followSystemTheme(win: Pick<Window, 'matchMedia'>): () => void {
  if (typeof win.matchMedia !== 'function') return () => undefined;
  const query = win.matchMedia(DARK_QUERY);
  const onChange = (event: MediaQueryListEvent) => {
    useThemeStore.getState().setSystemPrefersDark(event.matches);
  };
  useThemeStore.getState().setSystemPrefersDark(query.matches);
  query.addEventListener('change', onChange);
  return () => {
    query.removeEventListener('change', onChange);
  };
}

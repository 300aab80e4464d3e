import { create } from 'zustand';
import type { StateCreator } from 'zustand/vanilla';
import type { StorageLike } from '../persistence/autosave.ts';
import {
  DARK_QUERY,
  parseThemeChoice,
  resolveTheme,
  THEME_STORAGE_KEY,
  type Theme,
  type ThemeChoice,
} from './theme.ts';

/** The theme's state: the user's choice and the system's preference (UI state, never in the document). */
export interface ThemeState {
  choice: ThemeChoice;
  systemPrefersDark: boolean;
  /** Sets the choice and keeps it for the next visit (a storage that refuses it changes nothing else). */
  setChoice: (choice: ThemeChoice) => void;
  /** The system's preference changed (the `prefers-color-scheme` media query). */
  setSystemPrefersDark: (dark: boolean) => void;
}

/** Where the theme state comes from: the stored choice and the system's preference. */
export interface ThemeEnvironment {
  storage: StorageLike | null;
  systemPrefersDark: () => boolean;
}

/** The store's initialiser: the stored choice (`system` when none, unknown or unreadable). */
export function createThemeState(env: ThemeEnvironment): StateCreator<ThemeState> {
  return (set) => ({
    choice: parseThemeChoice(safely(() => env.storage?.getItem(THEME_STORAGE_KEY) ?? null, null)),
    systemPrefersDark: safely(env.systemPrefersDark, false),
    setChoice: (choice) => {
      safely(() => env.storage?.setItem(THEME_STORAGE_KEY, choice), undefined);
      set({ choice });
    },
    setSystemPrefersDark: (systemPrefersDark) => {
      set({ systemPrefersDark });
    },
  });
}

/** The theme a state shows. */
export function selectTheme(state: Pick<ThemeState, 'choice' | 'systemPrefersDark'>): Theme {
  return resolveTheme(state.choice, state.systemPrefersDark);
}

/** Runs `read`; storage that is disabled, or a browser without matchMedia, gives `fallback`. */
function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** The browser's storage and media queries, or none outside a browser (tests). */
export function browserThemeEnvironment(): ThemeEnvironment {
  if (typeof window === 'undefined') return { storage: null, systemPrefersDark: () => false };
  return {
    storage: {
      getItem: (key) => window.localStorage.getItem(key),
      setItem: (key, value) => {
        window.localStorage.setItem(key, value);
      },
    },
    systemPrefersDark: () => window.matchMedia(DARK_QUERY).matches,
  };
}

/** The editor's theme store. */
export const useThemeStore = create<ThemeState>()(createThemeState(browserThemeEnvironment()));

/** The theme the page shows now (light or dark). */
export function useTheme(): Theme {
  return useThemeStore(selectTheme);
}

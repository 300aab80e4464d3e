import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { StorageLike } from '../persistence/autosave.ts';
import { PALETTES } from './palettes.ts';
import { nextThemeChoice, parseThemeChoice, resolveTheme, THEME_STORAGE_KEY, themeLabel } from './theme.ts';
import { createThemeState, selectTheme } from './themeStore.ts';

function memoryStorage(initial: Record<string, string> = {}): StorageLike & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

describe('theme choice', () => {
  it('reads what is stored, anything else as system', () => {
    expect(['light', 'dark', 'system', null, 'purple', ''].map(parseThemeChoice)).toEqual([
      'light',
      'dark',
      'system',
      'system',
      'system',
      'system',
    ]);
  });

  it('follows the system unless the user chose', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('goes round system → light → dark → system, and says what it shows', () => {
    expect([nextThemeChoice('system'), nextThemeChoice('light'), nextThemeChoice('dark')]).toEqual([
      'light',
      'dark',
      'system',
    ]);
    expect(themeLabel('system', 'dark')).toBe('Theme: system (dark)');
    expect(themeLabel('light', 'light')).toBe('Theme: light');
  });
});

describe('theme store', () => {
  it('keeps the choice for the next visit and follows the system preference', () => {
    const storage = memoryStorage();
    const store = createStore(createThemeState({ storage, systemPrefersDark: () => true }));
    expect([store.getState().choice, selectTheme(store.getState())]).toEqual(['system', 'dark']);
    store.getState().setChoice('light');
    expect(storage.data[THEME_STORAGE_KEY]).toBe('light');
    expect(selectTheme(store.getState())).toBe('light');
    const next = createStore(createThemeState({ storage, systemPrefersDark: () => true }));
    expect(next.getState().choice).toBe('light');
    next.getState().setChoice('system');
    next.getState().setSystemPrefersDark(false);
    expect(selectTheme(next.getState())).toBe('light');
  });

  it('works without storage or media queries (blocked storage, old browsers)', () => {
    const broken: StorageLike = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const store = createStore(
      createThemeState({
        storage: broken,
        systemPrefersDark: () => {
          throw new Error('no matchMedia');
        },
      }),
    );
    expect([store.getState().choice, store.getState().systemPrefersDark]).toEqual(['system', false]);
    store.getState().setChoice('dark');
    expect(selectTheme(store.getState())).toBe('dark');
  });
});

describe('theme button', () => {
  it('names the choice and what the next press does', async () => {
    const { ThemeButton } = await import('./ThemeButton.tsx');
    const html = renderToStaticMarkup(<ThemeButton />);
    expect(html).toContain('aria-label="Theme: system (light)"');
    expect(html).toContain('Press for light.');
  });

  it('has a colour for every property in both palettes', () => {
    expect(Object.keys(PALETTES.dark)).toEqual(Object.keys(PALETTES.light));
  });
});

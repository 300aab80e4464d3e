import { describe, expect, it } from 'vitest';
import { commandOf } from './commandKeys.ts';
import { nextRegionIndex, REGIONS } from './regions.ts';
import { shortcutOf, type KeyPress } from './shortcuts.ts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('commandOf', () => {
  it('opens the help with ?, typed with or without Shift', () => {
    expect(commandOf(press('?', { shiftKey: true }))).toBe('help');
    expect(commandOf(press('?'))).toBe('help');
  });

  it('opens Connect… with a bare c only: Ctrl+C stays copy', () => {
    expect(commandOf(press('c'))).toBe('connect');
    expect(commandOf(press('c', { ctrlKey: true }))).toBeUndefined();
    expect(shortcutOf(press('c', { ctrlKey: true }))).toBe('copy');
    expect(commandOf(press('C', { shiftKey: true }))).toBeUndefined();
    expect(commandOf(press('c', { altKey: true }))).toBeUndefined();
  });

  it('moves between areas with F6 and Shift+F6', () => {
    expect(commandOf(press('F6'))).toBe('nextRegion');
    expect(commandOf(press('F6', { shiftKey: true }))).toBe('previousRegion');
  });

  it('leaves the editing shortcuts alone', () => {
    for (const key of ['z', 'y', 'x', 'v', 'd', 'a', 's', 'o']) {
      expect(commandOf(press(key, { ctrlKey: true }))).toBeUndefined();
    }
    expect(commandOf(press('F2'))).toBeUndefined();
    expect(commandOf(press('Escape'))).toBeUndefined();
  });
});

describe('regions', () => {
  it('go round in order, starting at the toolbar (forwards) or the last area (backwards) from nowhere', () => {
    const n = REGIONS.length;
    expect(REGIONS.map((r) => r.name)).toEqual(['Toolbar', 'Palette', 'Canvas', 'Inspector', 'Export', 'Diagnostics']);
    expect(nextRegionIndex(-1, 1, n)).toBe(0);
    expect(nextRegionIndex(-1, -1, n)).toBe(n - 1);
    expect(nextRegionIndex(n - 1, 1, n)).toBe(0);
    expect(nextRegionIndex(0, -1, n)).toBe(n - 1);
    expect(nextRegionIndex(2, 1, n)).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { isTypingTarget, shortcutOf, type KeyPress } from './shortcuts.ts';

const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcutOf', () => {
  it('maps Ctrl and Cmd letters, whatever their case, and Shift+Z to redo', () => {
    expect(shortcutOf(press('z', { ctrlKey: true }))).toBe('undo');
    expect(shortcutOf(press('z', { metaKey: true }))).toBe('undo');
    expect(shortcutOf(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutOf(press('y', { ctrlKey: true }))).toBe('redo');
    expect(['c', 'x', 'v', 'd', 'a', 's', 'o'].map((key) => shortcutOf(press(key, { ctrlKey: true })))).toEqual([
      'copy',
      'cut',
      'paste',
      'duplicate',
      'selectAll',
      'save',
      'open',
    ]);
  });

  it('maps F2 and Escape alone, and nothing with Alt or an unknown key', () => {
    expect(shortcutOf(press('F2'))).toBe('rename');
    expect(shortcutOf(press('Escape'))).toBe('clearSelection');
    expect(shortcutOf(press('F2', { shiftKey: true }))).toBeUndefined();
    expect(shortcutOf(press('z', { ctrlKey: true, altKey: true }))).toBeUndefined();
    expect(shortcutOf(press('c', { ctrlKey: true, shiftKey: true }))).toBeUndefined();
    expect(shortcutOf(press('z'))).toBeUndefined();
    expect(shortcutOf(press('q', { ctrlKey: true }))).toBeUndefined();
  });
});

describe('isTypingTarget', () => {
  it('is true in text fields, text areas, selects and editable elements', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'input', type: 'search' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
  });

  it('is false on buttons, checkboxes, canvas nodes and nothing', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'radio' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: false })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

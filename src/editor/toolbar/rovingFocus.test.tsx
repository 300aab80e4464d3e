import { describe, expect, it } from 'vitest';
import { movedIndex, tabStop, toolbarMove } from './rovingFocus.ts';

describe('toolbar keys', () => {
  it('map the arrows, Home and End to moves, and nothing else', () => {
    expect(['ArrowRight', 'ArrowLeft', 'Home', 'End', 'ArrowDown', 'Tab'].map(toolbarMove)).toEqual([
      'next',
      'previous',
      'first',
      'last',
      undefined,
      undefined,
    ]);
  });

  it('skip disabled items and wrap around', () => {
    const usable = [false, true, false, true, true, false];
    expect(movedIndex(usable, 1, 'next')).toBe(3);
    expect(movedIndex(usable, 4, 'next')).toBe(1);
    expect(movedIndex(usable, 1, 'previous')).toBe(4);
    expect(movedIndex(usable, 3, 'first')).toBe(1);
    expect(movedIndex(usable, 1, 'last')).toBe(4);
    expect(movedIndex(usable, -1, 'next')).toBe(1);
    expect(movedIndex(usable, -1, 'previous')).toBe(4);
    expect(movedIndex([false, false], 0, 'next')).toBeUndefined();
  });

  it('keep one tab stop: the current item while usable, else the first usable one', () => {
    expect(tabStop([true, true, true], 2)).toBe(2);
    expect(tabStop([false, true, true], 0)).toBe(1);
    expect(tabStop([false, true, true], -1)).toBe(1);
    expect(tabStop([false, false], 0)).toBeUndefined();
  });
});

/** The keys that move the focus along a horizontal toolbar (WAI-ARIA toolbar pattern). */
export type ToolbarMove = 'next' | 'previous' | 'first' | 'last';

/**
 * The move a key stands for in a horizontal toolbar, or undefined: the right and left arrows go to
 * the next and previous item (wrapping), Home and End to the first and last.
 *
 * @example toolbarMove('ArrowRight') // 'next'
 */
export function toolbarMove(key: string): ToolbarMove | undefined {
  switch (key) {
    case 'ArrowRight':
      return 'next';
    case 'ArrowLeft':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return undefined;
  }
}

/**
 * The index an item list moves to from `at` (-1: none focused), skipping items that cannot take the
 * focus (`usable[i]` false); undefined when no item can.
 *
 * @example movedIndex([true, false, true], 0, 'next') // 2
 * @example movedIndex([true, false, true], 2, 'next') // 0 (wraps)
 */
export function movedIndex(usable: readonly boolean[], at: number, move: ToolbarMove): number | undefined {
  const count = usable.length;
  const usableAt = (i: number) => usable[i] === true;
  if (!usable.some(Boolean)) return undefined;
  if (move === 'first') return usable.findIndex(Boolean);
  if (move === 'last') return count - 1 - [...usable].reverse().findIndex(Boolean);
  const step = move === 'next' ? 1 : -1;
  let i = at < 0 ? (step > 0 ? -1 : count) : at;
  for (let tries = 0; tries < count; tries += 1) {
    i = (i + step + count) % count;
    if (usableAt(i)) return i;
  }
  return undefined;
}

/**
 * The item that keeps the toolbar's one tab stop: the current one while it is usable, else the
 * first usable one; undefined when none is.
 *
 * @example tabStop([false, true, true], 0) // 1
 */
export function tabStop(usable: readonly boolean[], current: number): number | undefined {
  if (usable[current] === true) return current;
  const first = usable.findIndex(Boolean);
  return first < 0 ? undefined : first;
}

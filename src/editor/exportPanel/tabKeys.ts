/**
 * The tab a key moves to in a horizontal tab list (WAI-ARIA Authoring Practices, "Tabs"): the
 * arrows go to the previous and next tab, wrapping around; Home and End to the first and last.
 * Undefined for any other key (it is left to the browser).
 *
 * @example tabAfterKey(['a', 'b', 'c'], 'c', 'ArrowRight') // 'a'
 */
export function tabAfterKey<T>(tabs: readonly T[], current: T, key: string): T | undefined {
  const count = tabs.length;
  if (count === 0) return undefined;
  const at = Math.max(0, tabs.indexOf(current));
  switch (key) {
    case 'ArrowRight':
      return tabs[(at + 1) % count];
    case 'ArrowLeft':
      return tabs[(at - 1 + count) % count];
    case 'Home':
      return tabs[0];
    case 'End':
      return tabs[count - 1];
    default:
      return undefined;
  }
}

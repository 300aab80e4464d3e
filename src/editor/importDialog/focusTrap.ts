/**
 * Where Tab goes inside a modal dialog whose focusable elements are `count` in order, from the
 * one at `index` (-1: the focus is outside the dialog): from the last, Tab wraps to the first;
 * from the first, Shift+Tab wraps to the last; from outside, to the first (or the last with
 * Shift). Undefined when the browser's own move stays inside the dialog.
 *
 * @example wrappedFocus(3, 2, false) // 0
 */
export function wrappedFocus(count: number, index: number, shift: boolean): number | undefined {
  if (count === 0) return undefined;
  if (index < 0) return shift ? count - 1 : 0;
  if (!shift && index === count - 1) return 0;
  if (shift && index === 0) return count - 1;
  return undefined;
}

/** What a dialog's focusable elements match: enabled controls, links and anything with a tabindex ≥ 0. */
export const FOCUSABLE =
  'a[href], button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

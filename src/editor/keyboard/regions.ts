/** The editor's areas, in the order F6 visits them, by their landmark (role and accessible name). */
export const REGIONS: readonly { name: string; selector: string }[] = [
  { name: 'Toolbar', selector: '[role="toolbar"]' },
  { name: 'Palette', selector: 'nav[aria-label="Palette"]' },
  { name: 'Canvas', selector: 'section[aria-label="Canvas"]' },
  { name: 'Inspector', selector: 'aside[aria-label="Inspector"]' },
  { name: 'Export', selector: 'section[aria-label="Export"]' },
  { name: 'Diagnostics', selector: 'section[aria-label="Diagnostics"]' },
];

/** Fields and controls that take the focus with Tab. */
const FOCUSABLE =
  'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"]), a[href]';

/**
 * The index of the region after (`step` 1) or before (-1) the one at `current` (-1: the focus is in
 * none), wrapping.
 *
 * @example nextRegionIndex(-1, 1, 6) // 0
 * @example nextRegionIndex(0, -1, 6) // 5
 */
export function nextRegionIndex(current: number, step: 1 | -1, count: number): number {
  if (current < 0) return step > 0 ? 0 : count - 1;
  return (current + step + count) % count;
}

/**
 * Where the focus lands in a region: on the canvas the selected node (else the first node); in the
 * toolbar its tab stop; elsewhere the first control; the region itself when it has none.
 */
export function regionFocusTarget(region: HTMLElement, name: string): HTMLElement {
  const first = (selector: string) => region.querySelector<HTMLElement>(selector);
  const target =
    name === 'Canvas'
      ? (first('.react-flow__node.selected') ?? first('.react-flow__node'))
      : name === 'Toolbar'
        ? (first('[tabindex="0"]') ?? first(FOCUSABLE))
        : first(FOCUSABLE);
  if (target !== null) return target;
  if (!region.hasAttribute('tabindex')) region.tabIndex = -1;
  return region;
}

/**
 * Moves the focus to the next or previous area of the editor (F6, Shift+F6) and returns the area's
 * name, or undefined when the page has none of them.
 */
export function focusRegion(doc: Document, step: 1 | -1): string | undefined {
  const found = REGIONS.flatMap((r) => {
    const element = doc.querySelector<HTMLElement>(r.selector);
    return element === null ? [] : [{ ...r, element }];
  });
  if (found.length === 0) return undefined;
  const active = doc.activeElement;
  const current = found.findIndex((r) => active !== null && r.element.contains(active));
  const next = found[nextRegionIndex(current, step, found.length)];
  if (next === undefined) return undefined;
  regionFocusTarget(next.element, next.name).focus();
  return next.name;
}

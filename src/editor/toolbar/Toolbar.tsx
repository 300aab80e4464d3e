import { useEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { isTypingTarget } from '../keyboard/shortcuts.ts';
import { movedIndex, tabStop, toolbarMove } from './rovingFocus.ts';

/** What takes the focus in a toolbar: its buttons and selects, not what a popup inside it holds. */
const ITEM_SELECTOR = 'button, select, [role="button"]';

/** The toolbar's items in order (those inside a dialog it opened are not its items). */
function toolbarItems(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(ITEM_SELECTOR)].filter((item) => {
    const popup = item.closest('[role="dialog"], dialog');
    return (popup === null || !root.contains(popup)) && !item.hidden && item.closest('[hidden]') === null;
  });
}

function isUsable(item: HTMLElement): boolean {
  return !(item as HTMLButtonElement).disabled;
}

/**
 * Gives the toolbar one tab stop (roving tabindex): the item last focused, or the first usable one
 * when that one went away or became disabled (nothing to undo any more). Runs again whenever the
 * toolbar's items change.
 */
function useRovingTabStop(ref: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const root = ref.current;
    if (root === null) return;
    let current: HTMLElement | null = null;
    const apply = () => {
      const items = toolbarItems(root);
      const stop = tabStop(items.map(isUsable), current === null ? -1 : items.indexOf(current));
      items.forEach((item, i) => {
        const wanted = i === stop ? '0' : '-1';
        if (item.getAttribute('tabindex') !== wanted) item.setAttribute('tabindex', wanted);
      });
    };
    const onFocusIn = (event: FocusEvent) => {
      const item = event.target instanceof HTMLElement ? event.target : null;
      if (item === null || !toolbarItems(root).includes(item)) return;
      current = item;
      apply();
    };
    const observer = new MutationObserver(apply);
    observer.observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['disabled', 'hidden'],
    });
    root.addEventListener('focusin', onFocusIn);
    apply();
    return () => {
      observer.disconnect();
      root.removeEventListener('focusin', onFocusIn);
    };
  }, [ref]);
}

/**
 * A toolbar (WAI-ARIA pattern): one tab stop; the left and right arrows move between its buttons
 * (wrapping), Home and End go to the first and last. Keys typed in a field or a popup inside it are
 * left alone.
 */
export function Toolbar({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useRovingTabStop(ref);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const root = ref.current;
    const target = event.target as HTMLElement;
    const move = toolbarMove(event.key);
    if (root === null || move === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    if (isTypingTarget(target)) return;
    const items = toolbarItems(root);
    const at = items.indexOf(target);
    if (at < 0) return;
    const next = movedIndex(items.map(isUsable), at, move);
    if (next === undefined) return;
    event.preventDefault();
    items[next]?.focus();
  };
  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label={label}
      aria-orientation="horizontal"
      className={className}
      onKeyDown={onKeyDown}
    >
      {children}
    </div>
  );
}

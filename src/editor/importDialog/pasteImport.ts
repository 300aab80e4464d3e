import { isTypingTarget, type TargetLike } from '../keyboard/shortcuts.ts';
import { useImportDialog } from './importDialogStore.ts';

/** The parts of a paste event's target `pastedImportText` reads (an `Element` has them). */
export interface PasteTarget extends TargetLike {
  closest?: (selector: string) => unknown;
}

/** A paste event as `pastedImportText` sees it. */
export interface PasteLike {
  defaultPrevented: boolean;
  target: PasteTarget | null;
  text: string;
}

/** Where the canvas is in the page (Canvas.tsx's section). */
const CANVAS = 'section[aria-label="Canvas"]';

/**
 * True when a paste is meant for the canvas: the focus is on it (a node, an edge, the pane) or on
 * nothing in particular (the page itself, which is where it goes after a click on the empty pane).
 */
export function isCanvasTarget(target: PasteTarget | null): boolean {
  if (target === null || isTypingTarget(target)) return false;
  const tag = target.tagName?.toUpperCase();
  if (tag === 'BODY' || tag === 'HTML') return true;
  return target.closest?.(CANVAS) != null;
}

/**
 * The text a paste should open the import dialog with, or undefined when it is not for the
 * importer: the clipboard engineer's handler took it (blockgraph's own clipboard format, or the
 * editor's clipboard when the system one is empty: it prevents the default), the focus is not on
 * the canvas, or there is no text.
 *
 * @example pastedImportText({ defaultPrevented: false, target: document.body, text: '-drive file=a.raw' }) // '-drive file=a.raw'
 */
export function pastedImportText(paste: PasteLike): string | undefined {
  if (paste.defaultPrevented || !isCanvasTarget(paste.target)) return undefined;
  return paste.text.trim() === '' ? undefined : paste.text;
}

/**
 * Listens for pastes on the window, in the bubbling phase: after the document's listeners (the
 * editor's own clipboard, keyboard/useShortcuts.ts), so what they handle arrives prevented. Text
 * that is not blockgraph's opens the import dialog pre-filled. Returns a function that stops it.
 */
export function installPasteImport(win: Window): () => void {
  const onPaste = (event: ClipboardEvent) => {
    if (useImportDialog.getState().open) return;
    const text = pastedImportText({
      defaultPrevented: event.defaultPrevented,
      target: event.target instanceof Element ? event.target : null,
      text: event.clipboardData?.getData('text/plain') ?? '',
    });
    if (text === undefined) return;
    event.preventDefault();
    useImportDialog.getState().openImport(text, 'the clipboard');
  };
  win.addEventListener('paste', onPaste);
  return () => {
    win.removeEventListener('paste', onPaste);
  };
}

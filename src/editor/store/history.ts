import type { BlockGraph } from '../../model/index.ts';

/** How many document changes undo remembers; older ones are forgotten first. */
export const HISTORY_LIMIT = 200;

/**
 * Undo and redo as stacks of whole documents. Documents are immutable and edits share everything
 * they do not change, so a stored document costs only what differs from its neighbours.
 */
export interface History {
  /** Documents before each change, oldest first; undo returns to the last. */
  readonly past: readonly BlockGraph[];
  /** Documents undone, the next redo last. */
  readonly future: readonly BlockGraph[];
  /**
   * What the last change was (e.g. one option of one node), so the next change of the same thing
   * joins it; null once something else happened (the history is "sealed").
   */
  readonly lastKey: string | null;
}

/** A history with nothing to undo or redo. */
export const EMPTY_HISTORY: History = { past: [], future: [], lastKey: null };

/**
 * Records a change away from `before`: it can be undone, and what was undone can no longer be
 * redone. A change with the same `key` as the last one joins it (typing into one field is one
 * entry), so `before` is dropped and undo goes back to the state before the first of them.
 *
 * @example recordChange(EMPTY_HISTORY, doc).past // [doc]
 */
export function recordChange(history: History, before: BlockGraph, key?: string, limit = HISTORY_LIMIT): History {
  if (key !== undefined && key === history.lastKey) {
    return history.future.length === 0 ? history : { ...history, future: [] };
  }
  const past =
    history.past.length >= limit
      ? [...history.past.slice(history.past.length - limit + 1), before]
      : [...history.past, before];
  return { past, future: [], lastKey: key ?? null };
}

/** Where undo or redo leads: the document to show and the history after the step. */
export interface HistoryStep {
  document: BlockGraph;
  history: History;
}

/** Steps back from `current`, or undefined when there is nothing to undo. */
export function undoStep(history: History, current: BlockGraph): HistoryStep | undefined {
  const document = history.past.at(-1);
  if (document === undefined) return undefined;
  return {
    document,
    history: { past: history.past.slice(0, -1), future: [...history.future, current], lastKey: null },
  };
}

/** Steps forward from `current`, or undefined when there is nothing to redo. */
export function redoStep(history: History, current: BlockGraph): HistoryStep | undefined {
  const document = history.future.at(-1);
  if (document === undefined) return undefined;
  return {
    document,
    history: { past: [...history.past, current], future: history.future.slice(0, -1), lastKey: null },
  };
}

/** Ends coalescing: the next change is a new entry even if it has the same key. */
export function sealHistory(history: History): History {
  return history.lastKey === null ? history : { ...history, lastKey: null };
}

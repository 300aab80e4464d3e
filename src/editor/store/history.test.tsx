import { describe, expect, it } from 'vitest';
import { emptyGraph, moveTo, type BlockGraph } from '../../model/index.ts';
import { EMPTY_HISTORY, recordChange, redoStep, sealHistory, undoStep } from './history.ts';

/** Distinct documents, told apart by one position. */
const docs = (n: number): BlockGraph[] =>
  Array.from({ length: n }, (_, i) => moveTo(emptyGraph(), 'x', { x: i, y: 0 }));

describe('history', () => {
  it('undoes and redoes in order, and a new change forgets what was undone', () => {
    const [a, b, c, d] = docs(4) as [BlockGraph, BlockGraph, BlockGraph, BlockGraph];
    let history = recordChange(recordChange(EMPTY_HISTORY, a), b); // a → b → c
    const back = undoStep(history, c);
    expect(back?.document).toBe(b);
    const back2 = undoStep(back?.history ?? EMPTY_HISTORY, b);
    expect(back2?.document).toBe(a);
    expect(undoStep(back2?.history ?? EMPTY_HISTORY, a)).toBeUndefined();
    const forward = redoStep(back2?.history ?? EMPTY_HISTORY, a);
    expect(forward?.document).toBe(b);
    history = recordChange(forward?.history ?? EMPTY_HISTORY, b); // b → d
    expect(history.future).toEqual([]);
    expect(redoStep(history, d)).toBeUndefined();
    expect(undoStep(history, d)?.document).toBe(b);
  });

  it('joins changes of the same key until sealed', () => {
    const [a, b, c] = docs(3) as [BlockGraph, BlockGraph, BlockGraph];
    const typed = recordChange(recordChange(EMPTY_HISTORY, a, 'opt'), b, 'opt');
    expect(typed.past).toEqual([a]);
    const other = recordChange(typed, c, 'other');
    expect(other.past).toEqual([a, c]);
    const sealed = recordChange(sealHistory(typed), b, 'opt');
    expect(sealed.past).toEqual([a, b]);
  });

  it('keeps only the last `limit` entries', () => {
    const all = docs(10);
    const history = all.reduce((h, doc) => recordChange(h, doc, undefined, 4), EMPTY_HISTORY);
    expect(history.past).toEqual(all.slice(6));
  });
});

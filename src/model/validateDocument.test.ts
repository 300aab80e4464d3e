import { describe, expect, it } from 'vitest';
import { setOption } from './edits/setOption.ts';
import { graph } from './fixtures/index.ts';
import { createChecksCache, validateDocument } from './validateDocument.ts';

describe('validateDocument with a cache', () => {
  it('checks again only the nodes an edit replaced, and finds what a fresh check finds', () => {
    const doc = graph().node('a', 'null-co', { size: 'big' }).node('b', 'null-co', { 'latency-ns': 'slow' }).build();
    const cache = createChecksCache();
    const first = validateDocument(doc, cache);
    expect(first).toEqual(validateDocument(doc));
    expect(first.map((d) => d.node)).toEqual(['a', 'b']);

    const fixed = setOption(doc, { node: 'a', path: ['size'], value: 1024 });
    if (!fixed.ok) throw new Error('edit refused');
    const second = validateDocument(fixed.value, cache);
    expect(second).toEqual(validateDocument(fixed.value));
    expect(second.map((d) => d.node)).toEqual(['b']);
    // b's node object is shared by both documents: its diagnostic is the one found before.
    expect(second[0]).toBe(first[1]);
  });
});

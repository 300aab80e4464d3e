import fc from 'fast-check';

/**
 * Text mutations for fuzzing the importers: small edits of valid inputs (the inputs users paste
 * are nearly right far more often than they are noise), plus random text in the alphabets the
 * importers care about. Positions are fractions of the text's length, so one mutation applies to
 * any seed.
 */
export type Mutation =
  | { kind: 'replace'; at: number; text: string }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; to: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'swap'; at: number; to: number; length: number };

/** Characters that mean something to at least one importer: JSON, keyval, QemuOpts, shells. */
const SPECIAL = [
  ...Array.from('{}[]",:=.\\\'`$ \t\n\r-#;|&<>()*?!~0123456789'),
  'null',
  'true',
  'false',
  '-drive',
  '-blockdev',
  '-object',
  '-device',
  'json:',
  'driver=',
  'file.',
  ',,',
  '\\\n',
  '"execute"',
  '"blockgraph"',
  '\u0000',
  '\u00e9',
  '\u{1F600}',
  '\uFFFF',
  '\uD800',
];

const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const length = fc.integer({ min: 1, max: 40 });

/** A short piece of text likely to matter: special tokens, or any characters. */
export const fragmentArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fraction, text: fragmentArb }),
  fc.record({ kind: fc.constant('insert' as const), at: fraction, text: fragmentArb }),
  fc.record({ kind: fc.constant('delete' as const), at: fraction, length }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fraction, length, to: fraction }),
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  fc.record({ kind: fc.constant('swap' as const), at: fraction, to: fraction, length }),
);

/** `text` with `mutation` applied. */
export function mutate(text: string, mutation: Mutation): string {
  const pos = (f: number): number => Math.min(text.length, Math.floor(f * (text.length + 1)));
  const at = pos(mutation.at);
  switch (mutation.kind) {
    case 'replace':
      return text.slice(0, at) + mutation.text + text.slice(at + 1);
    case 'insert':
      return text.slice(0, at) + mutation.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + mutation.length);
    case 'duplicate': {
      const piece = text.slice(at, at + mutation.length);
      const to = pos(mutation.to);
      return text.slice(0, to) + piece + text.slice(to);
    }
    case 'truncate':
      return text.slice(0, at);
    case 'swap': {
      const [a, b] = [at, pos(mutation.to)].sort((x, y) => x - y) as [number, number];
      const n = Math.min(mutation.length, b - a);
      if (n <= 0) return text;
      return text.slice(0, a) + text.slice(b, b + n) + text.slice(a + n, b) + text.slice(a, a + n) + text.slice(b + n);
    }
  }
}

/**
 * Inputs for an importer whose valid inputs include `seeds`: a seed with one to four mutations
 * (most of the time), a seed as is, random text, or random JSON.
 */
export function inputArb(seeds: readonly string[]): fc.Arbitrary<string> {
  const seed = seeds.length > 0 ? fc.constantFrom(...seeds) : fc.constant('');
  return fc.oneof(
    {
      weight: 12,
      arbitrary: fc
        .tuple(seed, fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
        .map(([text, steps]) => steps.reduce(mutate, text)),
    },
    { weight: 1, arbitrary: seed },
    { weight: 2, arbitrary: fc.array(fragmentArb, { maxLength: 24 }).map((parts) => parts.join('')) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
  );
}

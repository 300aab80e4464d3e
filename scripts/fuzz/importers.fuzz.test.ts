import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkImport, importerProperty } from './fuzzImporter.ts';
import { importers } from './importers.ts';

/** Runs per importer in `npm test`; `npm run fuzz` runs many more, with fresh seeds. */
const RUNS = 10_000;

describe.each(importers().map((importer) => [importer.name, importer] as const))('importer %s', (_name, importer) => {
  it('has seeds, and accepts every one of them as it is', () => {
    expect(importer.seeds.length).toBeGreaterThan(0);
    const refused = importer.seeds.filter((seed) => !importer.run(seed).ok);
    expect(refused).toEqual([]);
  });

  it(`never throws, and says where for every refusal (${String(RUNS)} mutated and random inputs)`, () => {
    fc.assert(importerProperty(importer), { numRuns: RUNS, seed: 20261126 });
  });

  it('is held to its promise: an exception or an unlocated refusal fails the check', () => {
    const thrower = {
      ...importer,
      run: () => {
        throw new Error('boom');
      },
    };
    expect(() => {
      checkImport(thrower, 'x');
    }).toThrow(/threw Error: boom/);
    const vague = {
      ...importer,
      run: () => ({
        ok: false as const,
        diagnostics: [{ code: 'E001' as const, severity: 'error' as const, message: 'bad' }],
      }),
    };
    expect(() => {
      checkImport(vague, 'x');
    }).toThrow(/without a location/);
  });
});

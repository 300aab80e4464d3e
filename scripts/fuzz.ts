/**
 * `npm run fuzz`: every importer against many more mutated and random inputs than `npm test` runs,
 * from a fresh seed each time (or `--seed N` to repeat one). Prints one line per importer; on a
 * failure, the seed, the path and the input that broke it (replay with the same --seed), exit 1.
 *
 *   npm run fuzz                              200,000 inputs per importer
 *   npm run fuzz -- --runs 20000 --importer cmdline --seed 42
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { importerProperty } from './fuzz/fuzzImporter.ts';
import { importers } from './fuzz/importers.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200000' },
    importer: { type: 'string', multiple: true },
    seed: { type: 'string' },
  },
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!Number.isInteger(runs) || runs <= 0 || !Number.isInteger(seed)) {
  process.stderr.write('usage: npm run fuzz -- [--runs N] [--importer NAME]... [--seed N]\n');
  process.exit(2);
}
const all = importers();
const chosen = values.importer === undefined ? all : all.filter((i) => values.importer?.includes(i.name));
if (chosen.length === 0) {
  process.stderr.write(
    `fuzz: no importer named ${String(values.importer)}; there are ${all.map((i) => i.name).join(', ')}\n`,
  );
  process.exit(2);
}
let failed = false;
for (const importer of chosen) {
  const start = performance.now();
  const result = fc.check(importerProperty(importer), { numRuns: runs, seed });
  const seconds = (performance.now() - start) / 1000;
  if (result.failed) {
    failed = true;
    process.stdout.write(
      `${importer.name}: FAILED after ${String(result.numRuns)} inputs (seed ${String(seed)}, path ${String(result.counterexamplePath)})\n` +
        `  input: ${JSON.stringify(result.counterexample?.[0])}\n  ${String(result.errorInstance)}\n`,
    );
  } else {
    process.stdout.write(
      `${importer.name}: ${String(runs)} inputs, no failure (seed ${String(seed)}, ${seconds.toFixed(1)} s)\n`,
    );
  }
}
process.exit(failed ? 1 : 0);

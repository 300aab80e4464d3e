import { performance } from 'node:perf_hooks';

/** Summary of the timed runs of one benchmark, in milliseconds. */
export interface Stats {
  median_ms: number;
  p95_ms: number;
  min_ms: number;
  runs: number;
}

/** How long to warm up and how many runs to time. */
export interface Plan {
  /** Untimed runs: at least one, and until `warmupMs` have passed (at most 20). */
  warmupMs: number;
  /** Timed runs: at least `minRuns`, then more until `budgetMs` of timed work (at most `maxRuns`). */
  minRuns: number;
  maxRuns: number;
  budgetMs: number;
}

export const FULL: Plan = { warmupMs: 500, minRuns: 7, maxRuns: 101, budgetMs: 3_000 };
export const QUICK: Plan = { warmupMs: 100, minRuns: 3, maxRuns: 21, budgetMs: 300 };

/** Results are kept here so the optimiser cannot drop the work being timed. */
export const sink: unknown[] = [];

/**
 * Times a synchronous function with `performance.now()`: warm-up, then runs per `plan`, back to
 * back. The garbage collector runs when the work makes it run, as in the editor, so each run pays
 * its share of collection. (A forced full GC before each run, tried first, made the runs slower
 * than they are in use: the young generation shrinks after it, and every run then promotes its
 * results; 2,000 nodes measured ~10 ms that way against ~5.5 ms steady.)
 */
export function measure(fn: () => unknown, plan: Plan): Stats {
  const warmStart = performance.now();
  for (let i = 0; i < 20 && (i === 0 || performance.now() - warmStart < plan.warmupMs); i++) sink[0] = fn();
  const samples: number[] = [];
  let spent = 0;
  while (samples.length < plan.maxRuns && (samples.length < plan.minRuns || spent < plan.budgetMs)) {
    const t0 = performance.now();
    sink[0] = fn();
    const ms = performance.now() - t0;
    samples.push(ms);
    spent += ms;
  }
  sink.length = 0;
  return summarise(samples);
}

/** Median (mean of the middle two for an even count), nearest-rank p95 and minimum. */
export function summarise(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new Error('summarise: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (i: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, i))] as number;
  const mid = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? at(Math.floor(mid)) : (at(mid - 1) + at(mid)) / 2;
  return {
    median_ms: round(median),
    p95_ms: round(at(Math.ceil(0.95 * sorted.length) - 1)),
    min_ms: round(at(0)),
    runs: sorted.length,
  };
}

/** Three significant decimals are plenty for milliseconds. */
export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

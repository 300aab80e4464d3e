/**
 * Benchmarks of the model against real QEMU (see bench/README.md). Prints one JSON line per
 * benchmark on stdout and nothing else; progress goes to stderr.
 *
 *   npx tsx bench/run.ts [--quick] [--null-co] [--only NAME[,NAME…]]…
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { generateNodes } from '../src/model/fixtures/generate.ts';
import {
  benchGraph,
  benchQmpExport,
  benchReference,
  benchResolveValidate,
  resolveAndValidate,
  SIZES,
  REFERENCE_NAMES,
} from './model.ts';
import { benchEditor, buildEditor, EDITOR_NODES, initialJsGzip, removeBuild } from './editor.ts';
import { benchQemuBuild } from './qemu.ts';
import { benchQmpSimulate } from './simulate.ts';
import { FULL, QUICK, measure, round, type Stats } from './timing.ts';

const BENCHES = [
  'reference-clone',
  'reference-stringify',
  'resolve+validate',
  'qmp-export',
  'qmp-simulate',
  'qemu-build',
  'editor',
  'initial-js',
] as const;
type BenchName = (typeof BENCHES)[number];

/** The QEMU build runs at this size, and its ratio is taken against resolve+validate at the same size. */
const QEMU_NODES = 2_000;
/** The growth of resolve+validate is reported from this size to the largest. */
const GROWTH_FROM = 2_000;
/** qemu-build / resolve+validate at QEMU_NODES should be at least this (the model must be far cheaper than QEMU). */
const RATIO_TARGET = 100;

function usage(): string {
  return [
    'usage: tsx bench/run.ts [--quick] [--null-co] [--only NAME[,NAME...]]...',
    `  NAME: ${BENCHES.join(', ')}`,
    '  --quick    fewer runs (about 20 s instead of about 1 min)',
    '  --null-co  qemu-build on the null-co variant of the graph (no image files) instead of real qcow2 images',
    '',
  ].join('\n');
}

function parse(): { only: Set<BenchName>; quick: boolean; nullCo: boolean } {
  let values: { only?: string[]; quick?: boolean; 'null-co'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        only: { type: 'string', multiple: true },
        quick: { type: 'boolean' },
        'null-co': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${usage()}`);
    process.exit(2);
  }
  if (values.help === true) {
    process.stderr.write(usage());
    process.exit(0);
  }
  const names = (values.only ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const unknown = names.filter((n) => !(BENCHES as readonly string[]).includes(n));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark: ${unknown.join(', ')}\n${usage()}`);
    process.exit(2);
  }
  return {
    only: new Set(names.length > 0 ? (names as BenchName[]) : BENCHES),
    quick: values.quick === true,
    nullCo: values['null-co'] === true,
  };
}

/** Prints one result; `load_avg` (1-minute, of the whole machine) tells a noisy run from a slow one. */
function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...line, load_avg: round(loadavg()[0] ?? 0) })}\n`);
}

function log(line: string): void {
  console.error(line);
}

async function main(): Promise<void> {
  const { only, quick, nullCo } = parse();
  const plan = quick ? QUICK : FULL;
  const started = performance.now();
  const [load = 0] = loadavg();
  if (load > availableParallelism() / 2)
    log(`note: load average ${load.toFixed(2)}; other work on this machine will inflate the figures`);
  /** Medians by benchmark and size, for the ratios and growths reported later in the run. */
  const medians = new Map<BenchName, Map<number, number>>();
  const growthOf = (name: BenchName, nodes: number): number | undefined => {
    const at = medians.get(name);
    const from = at?.get(GROWTH_FROM);
    const to = at?.get(nodes);
    return from === undefined || to === undefined ? undefined : round(to / from);
  };

  const modelBench = (name: BenchName, run: (nodes: number) => Stats): void => {
    const byNodes = new Map<number, number>();
    medians.set(name, byNodes);
    for (const nodes of SIZES) {
      log(`${name}: ${String(nodes)} nodes…`);
      benchGraph(nodes);
      const stats = run(nodes);
      byNodes.set(nodes, stats.median_ms);
      const growth = nodes > GROWTH_FROM ? growthOf(name, nodes) : undefined;
      // Against the linear references timed in the same run, when they were.
      const references = Object.fromEntries(
        REFERENCE_NAMES.flatMap((reference) => {
          const theirs = reference === name || growth === undefined ? undefined : growthOf(reference, nodes);
          return theirs === undefined ? [] : [[`${reference.replace('-', '_')}_growth`, theirs]];
        }),
      );
      emit({
        bench: name,
        nodes,
        ...stats,
        us_per_node: round((stats.median_ms * 1000) / nodes),
        ...(growth === undefined ? {} : { [`growth_from_${String(GROWTH_FROM)}`]: growth }),
        ...references,
      });
    }
  };

  for (const reference of REFERENCE_NAMES)
    if (only.has(reference)) modelBench(reference, (n) => benchReference(reference, n, plan));
  if (only.has('resolve+validate')) modelBench('resolve+validate', (n) => benchResolveValidate(n, plan));
  if (only.has('qmp-export')) modelBench('qmp-export', (n) => benchQmpExport(n, plan));
  if (only.has('qmp-simulate')) modelBench('qmp-simulate', (n) => benchQmpSimulate(n, plan));
  if (only.has('qemu-build')) {
    // The ratio compares the two on the same graph: the benchmark graph, or its null-co variant.
    const graph = nullCo ? generateNodes(QEMU_NODES, { variant: 'null-co' }) : benchGraph(QEMU_NODES);
    const stats = await benchQemuBuild(graph, quick ? 1 : 5, log);
    let model = nullCo ? undefined : medians.get('resolve+validate')?.get(QEMU_NODES);
    if (model === undefined) {
      log(`qemu-build: timing resolve+validate on the same ${String(QEMU_NODES)}-node graph for the ratio…`);
      model = measure(() => resolveAndValidate(graph), plan).median_ms;
    }
    const ratio = round(stats.median_ms / model);
    if (ratio < RATIO_TARGET) log(`qemu-build: ratio ${String(ratio)} is below the target of ${String(RATIO_TARGET)}×`);
    emit({
      bench: 'qemu-build',
      nodes: QEMU_NODES,
      variant: nullCo ? 'null-co' : 'qcow2',
      ...stats,
      resolve_validate_ms: model,
      ratio,
      ratio_target: RATIO_TARGET,
    });
  }
  if (only.has('editor') || only.has('initial-js')) {
    const dist = await buildEditor(log);
    try {
      if (only.has('initial-js')) emit({ bench: 'initial-js', ...(await initialJsGzip(dist)) });
      if (only.has('editor')) {
        const { render, drag } = await benchEditor(dist, quick ? 2 : 5, log);
        emit({ bench: 'editor-first-render', nodes: EDITOR_NODES, ...render });
        emit({ bench: 'editor-drag-frame', nodes: EDITOR_NODES, ...drag });
      }
    } finally {
      await removeBuild(dist);
    }
  }
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});

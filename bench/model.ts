import { toQmpScript } from '../src/export/qmpScript.ts';
import { generateNodes } from '../src/model/fixtures/generate.ts';
import {
  formatDiagnostic,
  resolveDocument,
  validateDocument,
  type BlockGraph,
  type QmpCommand,
} from '../src/model/index.ts';
import { measure, type Plan, type Stats } from './timing.ts';

/** The graph sizes the model benchmarks run at. */
export const SIZES = [100, 2_000, 20_000] as const;

/** Benchmark graphs: `generateNodes(n)` with the default seed, built once per size and reused. */
const graphs = new Map<number, BlockGraph>();
export function benchGraph(nodes: number): BlockGraph {
  let graph = graphs.get(nodes);
  if (graph === undefined) {
    graph = generateNodes(nodes);
    graphs.set(nodes, graph);
  }
  return graph;
}

/** What the editor recomputes on every edit: schema diagnostics, then the predicted QEMU graph. */
export function resolveAndValidate(graph: BlockGraph): unknown {
  const diagnostics = validateDocument(graph);
  if (diagnostics.length > 0)
    throw new Error(`benchmark graph is invalid: ${diagnostics.map(formatDiagnostic).join('; ')}`);
  return resolveDocument(graph);
}

/** The QMP script of the document (object-add and blockdev-add commands). */
export function exportScript(graph: BlockGraph): QmpCommand[] {
  const script = toQmpScript(graph);
  if (!script.ok)
    throw new Error(`toQmpScript refused the benchmark graph: ${script.diagnostics.map(formatDiagnostic).join('; ')}`);
  return script.value;
}

export function benchResolveValidate(nodes: number, plan: Plan): Stats {
  const graph = benchGraph(nodes);
  return measure(() => resolveAndValidate(graph), plan);
}

export function benchQmpExport(nodes: number, plan: Plan): Stats {
  const graph = benchGraph(nodes);
  return measure(() => exportScript(graph), plan);
}

/**
 * Passes over the benchmark document that are linear by construction, done by V8's own C++: they
 * show how linear work scales on this machine at these sizes (caches, young generation), the yardstick
 * for resolve+validate's growth. `structuredClone` reads every object of the document and allocates
 * a copy, as resolve+validate reads the document and allocates its results; `JSON.stringify` reads
 * every object and builds one string.
 */
export const REFERENCES = {
  'reference-clone': (graph: BlockGraph): unknown => structuredClone(graph),
  'reference-stringify': (graph: BlockGraph): unknown => JSON.stringify(graph),
} as const;

export type ReferenceName = keyof typeof REFERENCES;

/** The reference benchmarks' names, in the order they run. */
export const REFERENCE_NAMES = Object.keys(REFERENCES) as ReferenceName[];

export function benchReference(name: ReferenceName, nodes: number, plan: Plan): Stats {
  const graph = benchGraph(nodes);
  const pass = REFERENCES[name];
  return measure(() => pass(graph), plan);
}

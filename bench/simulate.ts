import { emptyGraph, simulateQmp, type QmpCommand } from '../src/model/index.ts';
import { benchGraph, exportScript } from './model.ts';
import { measure, type Plan, type Stats } from './timing.ts';

/** The QMP script of each benchmark graph (object-add and blockdev-add commands), built once per size. */
const scripts = new Map<number, readonly QmpCommand[]>();

/** `toQmpScript(benchGraph(nodes))`, built on first use and reused. */
export function simulateScript(nodes: number): readonly QmpCommand[] {
  let script = scripts.get(nodes);
  if (script === undefined) {
    script = exportScript(benchGraph(nodes));
    scripts.set(nodes, script);
  }
  return script;
}

/**
 * What `blockgraph resolve` of a QMP script and the editor's QEMU verdict run: the benchmark
 * graph's script simulated against an empty qemu-storage-daemon. Throws if the simulation
 * refuses a command (the graph's script must be accepted as QEMU accepts it).
 */
export function simulateDocumentScript(commands: readonly QmpCommand[]): unknown {
  const result = simulateQmp(emptyGraph(), commands);
  const refused = result.replies.findIndex((reply) => 'error' in reply);
  if (refused >= 0) throw new Error(`simulateQmp refused command ${String(refused)} of the benchmark script`);
  return result;
}

/** The `qmp-simulate` benchmark: simulateQmp over the `nodes`-node graph's script (built outside the timing). */
export function benchQmpSimulate(nodes: number, plan: Plan): Stats {
  const commands = simulateScript(nodes);
  return measure(() => simulateDocumentScript(commands), plan);
}

import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { diffResolved } from '../src/cli/qemu/compareResolved.ts';
import { diffStructures, documentStructure, qemuStructure } from '../src/cli/qemu/compareGraph.ts';
import { readGraph } from '../src/cli/qemu/harness.ts';
import { createImage, planImages } from '../src/cli/qemu/images.ts';
import { QmpSession } from '../src/cli/qemu/qmpSession.ts';
import { toQmpScript, type QmpCommand } from '../src/export/qmpScript.ts';
import { formatDiagnostic, resolveDocument, type BlockGraph } from '../src/model/index.ts';
import { summarise, type Stats } from './timing.ts';

const DAEMON = ['qemu-storage-daemon', '--chardev', 'stdio,id=m', '--monitor', 'chardev=m'];
const REPLY_TIMEOUT_MS = 60_000;

/** One build of the document in a fresh daemon. */
interface Build {
  /** From sending the first blockdev-add to the reply of the last. */
  ms: number;
  /** Block-driver nodes QEMU reports afterwards. */
  qemuNodes: number;
  /** Differences between resolveDocument's prediction and what QEMU reports (should be none). */
  predictionDiffs: string[];
}

export interface QemuBuildResult extends Stats {
  commands: number;
  /** Median time per blockdev-add round trip, in microseconds. */
  per_command_us: number;
  qemu_nodes: number;
  prediction_diffs: number;
  /** Creating the images, once, before any timed run (0 for the null-co variant). */
  setup_ms: number;
}

/**
 * Builds `graph` in real qemu-storage-daemon `runs` times, each in a fresh daemon started in a temp
 * directory that holds its images (created once, outside the timing: one empty qcow2 made with
 * qemu-img, copied to every name the document opens). Object-adds run first, untimed; the timed part
 * is every blockdev-add sent one after the other, each awaiting its reply, as `runQmpScript` does.
 * Throws if QEMU refuses any command or builds a different graph, since the time would mean nothing.
 */
export async function benchQemuBuild(
  graph: BlockGraph,
  runs: number,
  log: (line: string) => void,
): Promise<QemuBuildResult> {
  const script = toQmpScript(graph);
  if (!script.ok)
    throw new Error(
      `qemu-build: toQmpScript refused the graph: ${script.diagnostics.map(formatDiagnostic).join('; ')}`,
    );
  const objects = script.value.filter((c) => c.execute !== 'blockdev-add');
  const blockdevs = script.value.filter((c) => c.execute === 'blockdev-add');
  const dir = await mkdtemp(join(tmpdir(), 'blockgraph-bench-'));
  try {
    const setupStart = performance.now();
    const images = await prepareImageCopies(graph, dir);
    const setupMs = performance.now() - setupStart;
    log(
      `qemu-build: ${String(images)} images in ${dir} (${String(Math.round(setupMs))} ms); ${String(blockdevs.length)} blockdev-add per run`,
    );
    const expected = Object.keys(graph.nodes).length;
    const predicted = resolveDocument(graph);
    const builds: Build[] = [];
    for (let i = 0; i < runs; i++) {
      const build = await buildOnce(dir, objects, blockdevs, graph, predicted);
      if (build.qemuNodes !== expected) {
        throw new Error(
          `qemu-build: QEMU reports ${String(build.qemuNodes)} block nodes, the document has ${String(expected)}`,
        );
      }
      log(`qemu-build: run ${String(i + 1)}/${String(runs)}: ${build.ms.toFixed(1)} ms`);
      builds.push(build);
    }
    const stats = summarise(builds.map((b) => b.ms));
    const diffs = builds[0]?.predictionDiffs ?? [];
    if (diffs.length > 0)
      log(
        `qemu-build: WARNING resolveDocument mispredicts ${String(diffs.length)} node fields, e.g. ${diffs.slice(0, 3).join('; ')}`,
      );
    return {
      ...stats,
      commands: blockdevs.length,
      per_command_us: Math.round((stats.median_ms * 1000) / blockdevs.length),
      qemu_nodes: builds[0]?.qemuNodes ?? 0,
      prediction_diffs: diffs.length,
      setup_ms: Math.round(setupMs),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Creates one empty qcow2 image (or raw for other formats) per format, then copies it to every image path the document opens. */
async function prepareImageCopies(graph: BlockGraph, dir: string): Promise<number> {
  const plans = planImages(graph);
  const templates = new Map<string, string>();
  for (const fmt of new Set(plans.map((p) => p.fmt))) {
    const name = `template.${fmt}`;
    await createImage(dir, `.templates/${name}`, fmt);
    templates.set(fmt, join(dir, '.templates', name));
  }
  for (const plan of plans) await copyFile(templates.get(plan.fmt) as string, join(dir, plan.name));
  return plans.length;
}

async function buildOnce(
  dir: string,
  objects: readonly QmpCommand[],
  blockdevs: readonly QmpCommand[],
  graph: BlockGraph,
  predicted: ReturnType<typeof resolveDocument>,
): Promise<Build> {
  const session = await QmpSession.start({ argv: DAEMON, cwd: dir, timeoutMs: REPLY_TIMEOUT_MS });
  try {
    for (const command of objects) {
      const reply = await session.execute(command);
      if ('error' in reply) throw refused(command, reply.error.desc);
    }
    const errors: string[] = [];
    const t0 = performance.now();
    for (const command of blockdevs) {
      const reply = await session.execute(command);
      if ('error' in reply) errors.push(`${nodeName(command)}: ${reply.error.desc}`);
    }
    const ms = performance.now() - t0;
    if (errors.length > 0) {
      throw new Error(
        `qemu-build: QEMU refused ${String(errors.length)} of ${String(blockdevs.length)} blockdev-add commands, first: ${errors.slice(0, 3).join(' | ')}`,
      );
    }
    const built = await readGraph(session);
    const structure = diffStructures(documentStructure(graph), qemuStructure(built));
    if (structure.length > 0) {
      throw new Error(
        `qemu-build: QEMU built a different graph (${String(structure.length)} differences), first: ${structure.slice(0, 3).join(' | ')}`,
      );
    }
    const qemuNodes = built.nodes.filter((n) => n.type === 'block-driver').length;
    return { ms, qemuNodes, predictionDiffs: diffResolved(predicted, built) };
  } finally {
    await session.close();
  }
}

function refused(command: QmpCommand, desc: string): Error {
  return new Error(
    `qemu-build: QEMU refused ${command.execute} ${JSON.stringify(command.arguments ?? {}).slice(0, 200)}: ${desc}`,
  );
}

function nodeName(command: QmpCommand): string {
  const name = command.arguments?.['node-name'];
  return typeof name === 'string' ? name : JSON.stringify(command.arguments ?? {}).slice(0, 120);
}

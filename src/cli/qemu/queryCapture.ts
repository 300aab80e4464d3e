import type { JsonValue } from '../../model/index.ts';
import { qemuKeys } from './compareGraph.ts';
import { readGraph, type QemuGraph } from './harness.ts';
import { createImage, type CreateImageOptions } from './images.ts';
import { QmpSession, type QmpCommand } from './qmpSession.ts';

/**
 * Real replies of `query-named-block-nodes {"flat": true}` and `x-debug-query-block-graph`, taken
 * from QEMU 7.2 for the fixtures of src/export/queryImport.test.ts
 * (src/export/fixtures/queryReplies.json) and checked against QEMU again by
 * queryImport.differential.test.ts.
 */

/** An image a case needs, created with qemu-img before QEMU starts. */
export interface ImageSpec {
  name: string;
  fmt: string;
  backing?: string;
  backingFmt?: string;
}

/** A graph built by a QMP script in qemu-storage-daemon, or by a qemu-system-x86_64 command line. */
export interface ReplyCase {
  name: string;
  images: ImageSpec[];
  script?: QmpCommand[];
  args?: string[];
}

/** The two replies' `return` values. */
export interface CapturedReplies {
  named: JsonValue;
  graph: JsonValue;
}

const DAEMON = ['qemu-storage-daemon', '--chardev', 'stdio,id=m', '--monitor', 'chardev=m'];
const SYSTEM = ['qemu-system-x86_64', '-machine', 'none', '-nodefaults', '-display', 'none', '-qmp', 'stdio'];

/** The query commands, as a script sends them. */
export const NAMED_NODES_COMMAND: QmpCommand = { execute: 'query-named-block-nodes', arguments: { flat: true } };
export const BLOCK_GRAPH_COMMAND: QmpCommand = { execute: 'x-debug-query-block-graph' };

/** What a run left: both replies' `return` values, QEMU's graph as readGraph reads it, and the refusals. */
export interface QueriedRun extends CapturedReplies {
  state: QemuGraph;
  /** `command: QEMU's message` for every command QEMU refused. */
  errors: string[];
}

/**
 * Runs `commands` in a fresh qemu-storage-daemon (or qemu-system-x86_64 with `args`) started in
 * `cwd`, then queries both replies; QEMU is always ended before this returns.
 */
export async function runAndQuery(
  commands: readonly QmpCommand[],
  opts: { cwd: string; args?: readonly string[] },
): Promise<QueriedRun> {
  const argv = opts.args === undefined ? DAEMON : [...SYSTEM, ...opts.args];
  const session = await QmpSession.start({ argv, cwd: opts.cwd, timeoutMs: 20_000 });
  try {
    const errors: string[] = [];
    for (const command of commands) {
      const reply = await session.execute(command);
      if ('error' in reply) errors.push(`${command.execute}: ${reply.error.desc}`);
    }
    const named = (await session.query(NAMED_NODES_COMMAND)) as JsonValue;
    const graph = (await session.query(BLOCK_GRAPH_COMMAND)) as JsonValue;
    return { named, graph, state: await readGraph(session), errors };
  } finally {
    await session.close();
  }
}

/** Creates the case's images in `dir`, runs it there, and returns both replies; throws if a command fails. */
export async function captureReplies(c: ReplyCase, dir: string): Promise<CapturedReplies> {
  for (const image of c.images) await createImage(dir, image.name, image.fmt, backingOf(image));
  const run = await runAndQuery(c.script ?? [], { cwd: dir, ...(c.args === undefined ? {} : { args: c.args }) });
  if (run.errors.length > 0) throw new Error(run.errors.join('\n'));
  return { named: run.named, graph: run.graph };
}

/** createImage's options for an image spec. */
export function backingOf(image: ImageSpec): CreateImageOptions {
  return image.backing === undefined ? {} : { backing: image.backing, backingFmt: image.backingFmt ?? '' };
}

/**
 * Replies without what changes from run to run: the random last two digits of generated names
 * (util/id.c: id_generate writes `#block<counter><2 random digits>`), image sizes on disk, and the
 * virtual size of a protocol node (`"format": "file"`: the host file's length, which grows while a
 * job such as a mirror writes to it).
 */
export function stableReplies(value: JsonValue): JsonValue {
  if (typeof value === 'string') return value.replace(/#block([0-9]+)[0-9]{2}\b/g, '#block$1__');
  if (Array.isArray(value)) return value.map(stableReplies);
  if (value === null || typeof value !== 'object') return value;
  const protocol = value.format === 'file';
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'actual-size' && !(protocol && key === 'virtual-size'))
      .map(([key, item]) => [key, stableReplies(item)]),
  );
}

/**
 * Differences between two graphs QEMU built (node options, edges with their permissions), empty
 * when they agree; generated names are matched through their one parent (compareGraph.ts: qemuKeys).
 */
export function diffQemuGraphs(a: QemuGraph, b: QemuGraph, labels: readonly [string, string]): string[] {
  const [viewA, viewB] = [graphView(a), graphView(b)];
  const out: string[] = [];
  for (const [kind, mapA, mapB] of [
    ['node', viewA.nodes, viewB.nodes],
    ['edge', viewA.edges, viewB.edges],
  ] as const) {
    for (const [key, value] of mapA) {
      const other = mapB.get(key);
      if (other !== value) out.push(`${kind} ${key}: ${value} in ${labels[0]}, ${other ?? 'nothing'} in ${labels[1]}`);
    }
    for (const key of mapB.keys()) if (!mapA.has(key)) out.push(`${kind} ${key}: only in ${labels[1]}`);
  }
  return out;
}

function graphView(g: QemuGraph): { nodes: Map<string, string>; edges: Map<string, string> } {
  const keys = qemuKeys(g);
  const keyOf = (name: string) => keys.get(name) ?? name;
  const drivers = g.nodes.filter((n) => n.type === 'block-driver');
  const nodes = new Map(
    drivers.map((n) => [keyOf(n['node-name']), JSON.stringify([n.drv, n.ro, n.cache, n.detect_zeroes])] as const),
  );
  const isDriver = new Set(drivers.map((n) => n['node-name']));
  const edges = new Map(
    g.edges
      .filter((e) => isDriver.has(e.parent) && isDriver.has(e.child))
      .map(
        (e) =>
          [
            `${keyOf(e.parent)} -${e.name}-> ${keyOf(e.child)}`,
            `${e.perm.join(',')} / ${e['shared-perm'].join(',')}`,
          ] as const,
      ),
  );
  return { nodes, edges };
}

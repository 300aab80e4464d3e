import { basename } from 'node:path';
import { QmpSession, QmpStartError, type QmpCommand } from './qmpSession.ts';

/** `cache` as `query-named-block-nodes` reports it. */
export interface QemuCache {
  direct: boolean;
  'no-flush': boolean;
  writeback: boolean;
}

/** A node of QEMU's graph, in the field names of `blockgraph resolve` (design.md, "The CLI contract"). */
export interface QemuNode {
  /** The node-name (`#block123` when QEMU named it); a BlockBackend's name, or `#bb<id>` if it has none. */
  'node-name': string;
  type: 'block-driver' | 'block-backend';
  drv?: string;
  ro?: boolean;
  cache?: QemuCache;
  detect_zeroes?: string;
}

/** An edge of QEMU's graph; `parent` and `child` are node-names, `perm` lists are sorted. */
export interface QemuEdge {
  parent: string;
  child: string;
  name: string;
  perm: string[];
  'shared-perm': string[];
}

/** What QEMU built: block-driver and block-backend nodes (block jobs left out), sorted. */
export interface QemuGraph {
  nodes: QemuNode[];
  edges: QemuEdge[];
}

/** One command of a script and QEMU's verdict on it. */
export interface QmpStep {
  command: QmpCommand;
  error: { class: string; desc: string } | null;
}

/** The outcome of `runQmpScript`: a verdict per command and the graph after the last one. */
export interface QmpRun {
  replies: QmpStep[];
  graph: QemuGraph;
}

/** The outcome of `runCommandLine`: QEMU's start-up error (message text only, plus raw stderr) or its graph. */
export interface CommandLineRun {
  error: string | null;
  stderr: string;
  graph: QemuGraph | null;
}

const DAEMON = ['qemu-storage-daemon', '--chardev', 'stdio,id=m', '--monitor', 'chardev=m'];
const SYSTEM = ['qemu-system-x86_64', '-machine', 'none', '-nodefaults', '-display', 'none', '-qmp', 'stdio'];
const TIMEOUT_MS = 20_000;

/**
 * Runs a QMP script in a fresh `qemu-storage-daemon` started in `cwd` (relative image paths resolve
 * there). Every command runs, in order, whatever earlier ones replied (as in QMP); then the final
 * graph is read. The daemon is always ended before this returns or throws.
 *
 * @example const run = await runQmpScript([{ execute: 'blockdev-add', arguments: { driver: 'null-co', 'node-name': 'n0' } }], { cwd })
 */
export async function runQmpScript(commands: readonly QmpCommand[], opts: { cwd: string }): Promise<QmpRun> {
  const session = await QmpSession.start({ argv: DAEMON, cwd: opts.cwd, timeoutMs: TIMEOUT_MS });
  try {
    const replies: QmpStep[] = [];
    for (const command of commands) {
      const reply = await session.execute(command);
      replies.push({ command, error: 'error' in reply ? reply.error : null });
    }
    return { replies, graph: await readGraph(session) };
  } finally {
    await session.close();
  }
}

/** The first failing step of a run, or undefined when every command succeeded. */
export function firstError(run: QmpRun): QmpStep | undefined {
  return run.replies.find((step) => step.error !== null);
}

/**
 * Starts `qemu-system-x86_64 -machine none -nodefaults -display none -qmp stdio ...args` in `cwd`.
 * If QEMU rejects its command line, `error` is its message without the program and option prefixes
 * (`Could not open 'x': No such file or directory`) and `graph` is null; otherwise `graph` is what it built.
 */
export async function runCommandLine(args: readonly string[], opts: { cwd: string }): Promise<CommandLineRun> {
  let session: QmpSession;
  try {
    session = await QmpSession.start({ argv: [...SYSTEM, ...args], cwd: opts.cwd, timeoutMs: TIMEOUT_MS });
  } catch (err) {
    if (!(err instanceof QmpStartError)) throw err;
    const message = startupError(err.stderr, args, basename(SYSTEM[0] ?? ''));
    return { error: message === '' ? err.message : message, stderr: err.stderr, graph: null };
  }
  let graph: QemuGraph;
  try {
    graph = await readGraph(session);
  } finally {
    await session.close();
  }
  return { error: null, stderr: session.stderr, graph };
}

/**
 * QEMU's start-up message text: each stderr line without `program: ` and without the
 * `-option value: ` location of the argument it complains about.
 *
 * @example startupError("qemu-system-x86_64: -drive file=x: Could not open 'x'\n", ['-drive', 'file=x'], 'qemu-system-x86_64') // "Could not open 'x'"
 */
export function startupError(stderr: string, args: readonly string[], program: string): string {
  const locations = args.flatMap((arg, i) => {
    const value = args[i + 1];
    return arg.startsWith('-') ? [`${arg}: `, ...(value === undefined ? [] : [`${arg} ${value}: `])] : [];
  });
  locations.sort((a, b) => b.length - a.length);
  return stderr
    .split('\n')
    .map((line) => {
      const text = line.startsWith(`${program}: `) ? line.slice(program.length + 2) : line;
      const location = locations.find((loc) => text.startsWith(loc));
      return location === undefined ? text : text.slice(location.length);
    })
    .filter((line) => line.trim() !== '')
    .join('\n');
}

interface NamedNode {
  'node-name': string;
  drv: string;
  ro: boolean;
  cache: QemuCache;
  detect_zeroes: string;
}

interface DebugGraph {
  nodes: { id: number; type: string; name: string }[];
  edges: { parent: number; child: number; name: string; perm: string[]; 'shared-perm': string[] }[];
}

/** Reads the current graph with `query-named-block-nodes` and `x-debug-query-block-graph`. */
export async function readGraph(session: QmpSession): Promise<QemuGraph> {
  const named = await session.query({ execute: 'query-named-block-nodes', arguments: { flat: true } });
  const debug = await session.query({ execute: 'x-debug-query-block-graph' });
  if (!Array.isArray(named) || typeof debug !== 'object' || debug === null) {
    throw new Error('readGraph: unexpected reply shapes from QEMU');
  }
  const details = new Map((named as NamedNode[]).map((n) => [n['node-name'], n]));
  const { nodes: rawNodes, edges: rawEdges } = debug as DebugGraph;
  const names = new Map<number, string>();
  const nodes: QemuNode[] = [];
  for (const raw of rawNodes) {
    const node = toNode(raw, details);
    if (node === undefined) continue;
    names.set(raw.id, node['node-name']);
    nodes.push(node);
  }
  const edges = rawEdges.flatMap((e): QemuEdge[] => {
    const parent = names.get(e.parent);
    const child = names.get(e.child);
    if (parent === undefined || child === undefined) return [];
    return [{ parent, child, name: e.name, perm: [...e.perm].sort(), 'shared-perm': [...e['shared-perm']].sort() }];
  });
  nodes.sort((a, b) => compare(a['node-name'], b['node-name']) || compare(a.type, b.type));
  edges.sort((a, b) => compare(a.parent, b.parent) || compare(a.name, b.name) || compare(a.child, b.child));
  return { nodes, edges };
}

function toNode(raw: DebugGraph['nodes'][number], details: Map<string, NamedNode>): QemuNode | undefined {
  if (raw.type === 'block-backend') {
    return { 'node-name': raw.name === '' ? `#bb${String(raw.id)}` : raw.name, type: 'block-backend' };
  }
  if (raw.type !== 'block-driver') return undefined;
  const info = details.get(raw.name);
  if (info === undefined) return { 'node-name': raw.name, type: 'block-driver' };
  const { drv, ro, cache, detect_zeroes } = info;
  return {
    'node-name': raw.name,
    type: 'block-driver',
    drv,
    ro,
    cache: { direct: cache.direct, 'no-flush': cache['no-flush'], writeback: cache.writeback },
    detect_zeroes,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockdevOptions, toQmpScript, type QmpCommand } from '../../export/index.ts';
import { EXAMPLES, graph, type GraphBuilder } from '../../model/fixtures/index.ts';
import { childrenFirst, formatDiagnostic, type BlockGraph, type JsonObject } from '../../model/index.ts';
import { computePermissions, edgeKey, frontendUsers, type PermissionUser } from '../../model/perms/index.ts';
import { qemuKeys } from './compareGraph.ts';
import { runCommandLine, runQmpScript, type QemuGraph, type QmpRun } from './harness.ts';
import { prepareImages } from './images.ts';
import { MIB64, dagDocument, dagTreeArb, exportOf, extrasArb, forceShareOnWritable } from './randomDocuments.ts';

/**
 * computePermissions against qemu-storage-daemon 7.2: every document is run as its QMP script
 * (toQmpScript), followed by an NBD server and one block-export-add per `nbd-export` frontend.
 * For each refused command, QEMU's error must be the first error predicted for the graph of the
 * accepted commands plus that one; for the accepted graph, every edge's perm and shared-perm must be
 * predicted, and no error. Guest devices need a machine: they are checked with qemu-system-x86_64.
 */

const exec = promisify(execFile);

/** One command of the run, and what it creates: the nodes of one blockdev-add, or one user. */
interface Step {
  command: QmpCommand;
  nodes: string[];
  user?: number;
}

/** The QMP script of a document with an NBD export for each `nbd-export` frontend. */
function plan(doc: BlockGraph, dir: string): { steps: Step[]; users: PermissionUser[] } {
  const script = toQmpScript(doc);
  if (!script.ok) throw new Error(script.diagnostics.map(formatDiagnostic).join('\n'));
  const inline = new Set(doc.links.filter((l) => l.mode === 'inline').map((l) => l.child));
  const topLevel = childrenFirst(doc).order.filter((id) => !inline.has(id));
  const blockdevs = script.value.filter((c) => c.execute === 'blockdev-add');
  expect(blockdevs.length).toBe(topLevel.length);
  const steps: Step[] = script.value.map((command) => ({
    command,
    nodes: command.execute === 'blockdev-add' ? subtree(doc, topLevel[blockdevs.indexOf(command)] ?? '') : [],
  }));
  const exports = Object.values(doc.frontends).filter((f) => f.kind === 'nbd-export' && f.root !== null);
  const users = frontendUsers({ ...doc, frontends: Object.fromEntries(exports.map((f) => [f.id, f])) });
  if (exports.length > 0) {
    const addr = { type: 'unix', data: { path: join(dir, 'nbd.sock') } };
    steps.push({ command: { execute: 'nbd-server-start', arguments: { addr } }, nodes: [] });
  }
  exports.forEach((f, user) => {
    const node = doc.nodes[f.root ?? '']?.name ?? '';
    const args = { type: 'nbd', id: f.id, 'node-name': node, name: f.id, writable: f.props.writable === true };
    steps.push({ command: { execute: 'block-export-add', arguments: args }, nodes: [], user });
  });
  return { steps, users };
}

/** A node and the nodes defined inline below it: what one blockdev-add creates. */
function subtree(doc: BlockGraph, root: string): string[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) {
    for (const l of doc.links) if (l.parent === out[i] && l.mode === 'inline') out.push(l.child);
  }
  return out;
}

/** The document restricted to some nodes (frontends left out: users are passed on their own). */
function restrict(doc: BlockGraph, keep: ReadonlySet<string>): BlockGraph {
  const nodes = Object.fromEntries(Object.entries(doc.nodes).filter(([id]) => keep.has(id)));
  const links = doc.links.filter((l) => keep.has(l.parent) && keep.has(l.child));
  return { ...doc, nodes, links, frontends: {} };
}

/** QEMU names nodes it names itself `#block<N>`; the prediction `#parent/role`. Compared as `#`. */
const anonymous = (text: string | undefined): string | undefined => text?.replace(/'#[^']*'/g, "'#'");

/** Compares one run with the prediction; returns the differences. */
function compare(doc: BlockGraph, steps: readonly Step[], users: readonly PermissionUser[], run: QmpRun): string[] {
  const out: string[] = [];
  const accepted = new Set<string>();
  const acceptedUsers: PermissionUser[] = [];
  steps.forEach((step, i) => {
    const error = run.replies[i]?.error ?? null;
    const user = step.user === undefined ? [] : [users[step.user] as PermissionUser];
    if (error === null) {
      step.nodes.forEach((id) => accepted.add(id));
      acceptedUsers.push(...user);
      return;
    }
    // A command naming a node an earlier refused command should have made fails for that reason alone.
    if (needs(doc, step, user).some((id) => !accepted.has(id))) return;
    const prefix = restrict(doc, new Set([...accepted, ...step.nodes]));
    const predicted = computePermissions(prefix, { users: [...acceptedUsers, ...user] }).errors[0]?.message;
    if (anonymous(predicted) !== anonymous(error.desc)) {
      out.push(`${step.command.execute} #${String(i)}: QEMU: ${error.desc}\n  predicted: ${predicted ?? '(no error)'}`);
    }
  });
  const final = restrict(doc, accepted);
  const result = computePermissions(final, { users: acceptedUsers });
  out.push(...result.errors.map((e) => `accepted graph predicted to fail: ${e.message}`));
  out.push(...diffEdges(final, result.edges, acceptedUsers, run.graph));
  return out;
}

/** The nodes a command refers to that it does not create. */
function needs(doc: BlockGraph, step: Step, user: readonly PermissionUser[]): string[] {
  const made = new Set(step.nodes);
  const refs = doc.links.filter((l) => made.has(l.parent) && !made.has(l.child)).map((l) => l.child);
  return [...refs, ...user.map((u) => u.node)];
}

/** Structural node keys of a document: node-name, or `parentkey/role` for a node defined inline without one. */
function documentKeys(doc: BlockGraph): Map<string, string> {
  const keys = new Map<string, string>();
  const order = childrenFirst(doc).order;
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i] as string;
    const link = doc.links.find((l) => l.child === id && l.mode === 'inline');
    keys.set(id, doc.nodes[id]?.name ?? (link ? `${keys.get(link.parent) ?? '?'}/${link.role}` : `?${id}`));
  }
  return keys;
}

type PermMap = Map<string, string>;

/** Adds one more value under a key: users of the same node are compared as a sorted list. */
function addUser(map: PermMap, key: string, value: string): void {
  const list = JSON.parse(map.get(key) ?? '[]') as string[];
  map.set(key, JSON.stringify([...list, value].sort()));
}

/** Edge by edge (nodes matched structurally), and the users' `root` edges as a list per node. */
function diffEdges(
  doc: BlockGraph,
  edges: ReturnType<typeof computePermissions>['edges'],
  users: readonly PermissionUser[],
  q: QemuGraph,
): string[] {
  const keys = documentKeys(doc);
  const want: PermMap = new Map();
  for (const l of doc.links) {
    const e = edges.get(edgeKey(l.parent, l.role));
    want.set(`${keys.get(l.parent) ?? ''} -${l.role}-> ${keys.get(l.child) ?? ''}`, JSON.stringify(e ?? null));
  }
  for (const u of users)
    addUser(want, `users -root-> ${keys.get(u.node) ?? ''}`, JSON.stringify({ perm: u.perm, shared: u.shared }));
  const qkeys = qemuKeys(q);
  const got: PermMap = new Map();
  for (const e of q.edges) {
    const perms = JSON.stringify({ perm: e.perm, shared: e['shared-perm'] });
    if (qkeys.has(e.parent)) got.set(`${qkeys.get(e.parent) ?? ''} -${e.name}-> ${qkeys.get(e.child) ?? ''}`, perms);
    else addUser(got, `users -root-> ${qkeys.get(e.child) ?? ''}`, perms);
  }
  const out: string[] = [];
  for (const [k, v] of want) if (got.get(k) !== v) out.push(`${k}: predicted ${v}, QEMU ${got.get(k) ?? '(no edge)'}`);
  for (const [k, v] of got) if (!want.has(k)) out.push(`${k}: QEMU ${v}, not predicted`);
  return out;
}

/** Runs a document in a fresh daemon and returns the differences from the prediction. */
async function differences(doc: BlockGraph, setup?: (dir: string) => Promise<void>): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bg-perms-'));
  try {
    await prepareImages(doc, dir);
    await setup?.(dir);
    const { steps, users } = plan(doc, dir);
    const run = await runQmpScript(
      steps.map((s) => s.command),
      { cwd: dir },
    );
    return compare(doc, steps, users, run);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
/** A qcow2 node over its own image file, defined inline (`<id>.qcow2`). */
function qcow2(b: GraphBuilder, id: string, options: JsonObject = {}, named = true): GraphBuilder {
  return b
    .node(id, 'qcow2', options, named ? {} : { name: null })
    .node(`${id}-file`, 'file', { filename: `${id}.qcow2` }, { name: null })
    .child(id, 'file', `${id}-file`);
}

const nullCo = { size: MIB64 };

async function qemuImg(dir: string, ...args: string[]): Promise<void> {
  await exec('qemu-img', args, { cwd: dir });
}
const dataFileImage = (dir: string) =>
  qemuImg(dir, 'create', '-q', '-f', 'qcow2', '-o', 'data_file=dq.raw', 'dq.qcow2', '64M');
/**
 * A LUKS image. Measuring the key-derivation speed sometimes fails on a busy machine ("Unable to
 * get accurate CPU usage"), so creation is retried.
 */
async function luksImage(dir: string): Promise<void> {
  const args = [
    'create',
    '-q',
    '--object',
    'secret,id=s0,data=pw',
    '-f',
    'luks',
    '-o',
    'key-secret=s0,iter-time=100',
    'l.luks',
    '64M',
  ];
  for (let attempt = 1; ; attempt++) {
    try {
      await qemuImg(dir, ...args);
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
    }
  }
}
/** A qcow2 image where planImages would make a raw one (the file node's first parent is not qcow2). */
const qcow2Image = (name: string) => (dir: string) => qemuImg(dir, 'create', '-q', '-f', 'qcow2', name, '64M');

/** A qcow2 node with an external data file (the image is made by dataFileImage). */
function dataFileDoc(b: GraphBuilder = graph()): GraphBuilder {
  return b
    .node('dq', 'qcow2')
    .node('dq-file', 'file', { filename: 'dq.qcow2' }, { name: null })
    .node('dq-data', 'file', { filename: 'dq.raw' })
    .child('dq', 'file', 'dq-file')
    .child('dq', 'data-file', 'dq-data');
}

type Case = readonly [string, () => BlockGraph, ((dir: string) => Promise<void>)?];

const CASES: readonly Case[] = [
  ...EXAMPLES.map((e): Case => [`example ${e.id}`, e.build]),
  [
    'qcow2 with inline file and backing, unnamed',
    () => qcow2(qcow2(graph(), 'top'), 'base', {}, false).child('top', 'backing', 'base').build(),
  ],
  [
    'qcow2 with referenced file and backing',
    () =>
      qcow2(graph(), 'base')
        .node('f', 'file', { filename: 'top.qcow2' })
        .node('top', 'qcow2')
        .ref('top', 'file', 'f')
        .ref('top', 'backing', 'base')
        .build(),
  ],
  [
    'qcow2 with inline backing under a writable export',
    () => exportOf(qcow2(qcow2(graph(), 'top'), 'base').child('top', 'backing', 'base'), 'e0', 'top', true).build(),
  ],
  [
    'qcow2 with a referenced backing under a read-only export',
    () => exportOf(qcow2(qcow2(graph(), 'base'), 'top').ref('top', 'backing', 'base'), 'e0', 'top', false).build(),
  ],
  ['qcow2 with a data-file', () => dataFileDoc().build(), dataFileImage],
  [
    'qcow2 with a data-file under a writable export',
    () => exportOf(dataFileDoc(), 'e0', 'dq', true).build(),
    dataFileImage,
  ],
  [
    'raw over null-co under a writable export',
    () =>
      exportOf(graph().node('r', 'raw').node('n', 'null-co', nullCo).child('r', 'file', 'n'), 'e0', 'r', true).build(),
  ],
  [
    'raw with offset 512 under a writable export',
    () =>
      exportOf(
        graph().node('r', 'raw', { offset: 512 }).node('n', 'null-co', nullCo).child('r', 'file', 'n'),
        'e0',
        'r',
        true,
      ).build(),
  ],
  [
    'raw with offset 0 is still a filter',
    () =>
      exportOf(
        graph().node('r', 'raw', { offset: 0 }).node('n', 'null-co', nullCo).child('r', 'file', 'n'),
        'e0',
        'r',
        true,
      ).build(),
  ],
  [
    'raw with a size, read-only export',
    () =>
      exportOf(
        graph().node('r', 'raw', { size: 1048576 }).node('n', 'null-co', nullCo).child('r', 'file', 'n'),
        'e0',
        'r',
        false,
      ).build(),
  ],
  [
    'quorum of two null-co under a writable export',
    () =>
      exportOf(
        graph()
          .node('q', 'quorum', { 'vote-threshold': 1 })
          .node('c0', 'null-co', nullCo)
          .node('c1', 'null-co', nullCo, { name: null })
          .child('q', 'children.0', 'c0')
          .child('q', 'children.1', 'c1'),
        'e0',
        'q',
        true,
      ).build(),
  ],
  [
    'quorum with rewrite-corrupted',
    () =>
      graph()
        .node('c1', 'null-co', nullCo)
        .node('q', 'quorum', { 'vote-threshold': 1, 'rewrite-corrupted': true })
        .node('c0', 'null-co', nullCo)
        .child('q', 'children.0', 'c0')
        .ref('q', 'children.1', 'c1')
        .build(),
  ],
  [
    'read-only quorum with rewrite-corrupted',
    () =>
      graph()
        .node('q', 'quorum', { 'vote-threshold': 1, 'rewrite-corrupted': true, 'read-only': true })
        .node('c0', 'null-co', nullCo)
        .child('q', 'children.0', 'c0')
        .build(),
  ],
  [
    'throttle over qcow2 under a writable export',
    () =>
      exportOf(
        qcow2(
          graph()
            .object('tg0', 'throttle-group', { limits: { 'iops-total': 100 } })
            .node('t', 'throttle', { 'throttle-group': 'tg0' }),
          'd',
        ).child('t', 'file', 'd'),
        'e0',
        't',
        true,
      ).build(),
  ],
  [
    'copy-on-read over qcow2 under a writable export',
    () => exportOf(qcow2(graph().node('c', 'copy-on-read'), 'd').child('c', 'file', 'd'), 'e0', 'c', true).build(),
  ],
  [
    'copy-on-read over a read-only qcow2',
    () => qcow2(graph().node('c', 'copy-on-read'), 'd', { 'read-only': true }).child('c', 'file', 'd').build(),
  ],
  [
    'blkdebug taking write and resize above preallocate',
    () =>
      graph()
        .node('b', 'blkdebug', { 'take-child-perms': ['write', 'resize'] })
        .node('p', 'preallocate')
        .node('f', 'file', { filename: 'p.raw' })
        .child('b', 'image', 'p')
        .child('p', 'file', 'f')
        .build(),
  ],
  [
    'blkdebug unsharing consistent-read, under an export',
    () =>
      exportOf(
        graph()
          .node('b', 'blkdebug', { 'unshare-child-perms': ['consistent-read'] })
          .node('n', 'null-co', nullCo)
          .child('b', 'image', 'n'),
        'e0',
        'b',
        false,
      ).build(),
  ],
  [
    'blkdebug taking write-unchanged on a read-only child',
    () =>
      graph()
        .node('b', 'blkdebug', { 'take-child-perms': ['write-unchanged'] })
        .node('n', 'null-co', { ...nullCo, 'read-only': true })
        .child('b', 'image', 'n')
        .build(),
  ],
  [
    'preallocate under raw under a writable export',
    () =>
      exportOf(
        graph()
          .node('r', 'raw')
          .node('p', 'preallocate')
          .node('f', 'file', { filename: 'p.raw' })
          .child('r', 'file', 'p')
          .child('p', 'file', 'f'),
        'e0',
        'r',
        true,
      ).build(),
  ],
  [
    'preallocate under qcow2',
    () =>
      graph()
        .node('q', 'qcow2')
        .node('p', 'preallocate')
        .node('f', 'file', { filename: 'q.qcow2' })
        .child('q', 'file', 'p')
        .child('p', 'file', 'f')
        .build(),
    qcow2Image('q.qcow2'),
  ],
  [
    'two raw nodes share a file',
    () =>
      graph()
        .node('f', 'file', { filename: 'a.raw' })
        .node('r0', 'raw')
        .node('r1', 'raw')
        .ref('r0', 'file', 'f')
        .ref('r1', 'file', 'f')
        .build(),
  ],
  [
    'raw and qcow2 share a file',
    () =>
      graph()
        .node('f', 'file', { filename: 'a.qcow2' })
        .node('r0', 'raw')
        .node('q', 'qcow2')
        .ref('r0', 'file', 'f')
        .ref('q', 'file', 'f')
        .build(),
    qcow2Image('a.qcow2'),
  ],
  [
    'two qcow2 nodes on one file conflict',
    () =>
      graph()
        .node('f', 'file', { filename: 'a.qcow2' })
        .node('q0', 'qcow2')
        .node('q2', 'qcow2', { 'read-only': true })
        .ref('q0', 'file', 'f')
        .ref('q2', 'file', 'f')
        .build(),
  ],
  [
    'a writable export of raw over the file of a qcow2 conflicts',
    () =>
      exportOf(
        graph()
          .node('f', 'file', { filename: 'a.qcow2' })
          .node('r', 'raw')
          .node('q', 'qcow2')
          .ref('r', 'file', 'f')
          .ref('q', 'file', 'f'),
        'e0',
        'r',
        true,
      ).build(),
    qcow2Image('a.qcow2'),
  ],
  [
    'a read-only export of the file of a qcow2 conflicts on resize',
    () =>
      exportOf(
        graph().node('f', 'file', { filename: 'a.qcow2' }).node('q', 'qcow2').ref('q', 'file', 'f'),
        'e0',
        'f',
        false,
      ).build(),
  ],
  [
    'unnamed quorum children conflict on a shared file',
    () =>
      graph()
        .node('f', 'file', { filename: 'a.qcow2' })
        .node('q', 'quorum', { 'vote-threshold': 1 })
        .node('c0', 'qcow2', {}, { name: null })
        .node('c1', 'qcow2', {}, { name: null })
        .child('q', 'children.0', 'c0')
        .child('q', 'children.1', 'c1')
        .ref('c0', 'file', 'f')
        .ref('c1', 'file', 'f')
        .build(),
  ],
  [
    'qcow2 over a read-only file',
    () =>
      graph()
        .node('q', 'qcow2')
        .node('f', 'file', { filename: 'q.qcow2', 'read-only': true }, { name: null })
        .child('q', 'file', 'f')
        .build(),
  ],
  [
    'writable export of a read-only node is refused',
    () =>
      exportOf(
        graph().node('r', 'raw', { 'read-only': true }).node('n', 'null-co', nullCo).child('r', 'file', 'n'),
        'e0',
        'r',
        true,
      ).build(),
  ],
  [
    'writable export of raw over a read-only node',
    () =>
      exportOf(
        graph()
          .node('r', 'raw')
          .node('n', 'null-co', { ...nullCo, 'read-only': true })
          .child('r', 'file', 'n'),
        'e0',
        'r',
        true,
      ).build(),
  ],
  [
    'force-share on a read-only file shared by two qcow2',
    () =>
      graph()
        .node('f', 'file', { filename: 'a.qcow2', 'read-only': true, 'force-share': true })
        .node('q0', 'qcow2', { 'read-only': true })
        .node('q1', 'qcow2', { 'read-only': true })
        .ref('q0', 'file', 'f')
        .ref('q1', 'file', 'f')
        .build(),
  ],
  [
    'force-share inherited by an inline file',
    () => exportOf(qcow2(graph(), 'q', { 'read-only': true, 'force-share': true }), 'e0', 'q', false).build(),
  ],
  [
    'two exports of one node, writable and not',
    () => exportOf(exportOf(graph().node('n', 'null-co', nullCo), 'e0', 'n', true), 'e1', 'n', false).build(),
  ],
  [
    'a writable export of a backing node conflicts with its overlay',
    () =>
      exportOf(
        exportOf(qcow2(qcow2(graph(), 'base'), 'top').ref('top', 'backing', 'base'), 'e0', 'top', true),
        'e1',
        'base',
        true,
      ).build(),
  ],
  [
    'two overlays share a backing, one exported',
    () =>
      exportOf(
        qcow2(qcow2(qcow2(graph(), 'base'), 'o1').ref('o1', 'backing', 'base'), 'o2').ref('o2', 'backing', 'base'),
        'e0',
        'o1',
        true,
      ).build(),
  ],
  [
    'blkdebug unsharing three permissions conflicts with a qcow2',
    () =>
      graph()
        .node('f', 'file', { filename: 'a.qcow2' })
        .node('b', 'blkdebug', { 'unshare-child-perms': ['consistent-read', 'write', 'resize'] })
        .node('q', 'qcow2')
        .ref('b', 'image', 'f')
        .ref('q', 'file', 'f')
        .build(),
  ],
  [
    'luks under a writable export',
    () =>
      exportOf(
        graph()
          .object('s0', 'secret', { data: 'pw' })
          .node('l', 'luks', { 'key-secret': 's0' })
          .node('lf', 'file', { filename: 'l.luks' })
          .child('l', 'file', 'lf'),
        'e0',
        'l',
        true,
      ).build(),
    luksImage,
  ],
  [
    'copy-before-write without parents, and snapshot-access',
    () =>
      qcow2(qcow2(graph(), 'src'), 'tgt')
        .node('cbw', 'copy-before-write')
        .ref('cbw', 'file', 'src')
        .ref('cbw', 'target', 'tgt')
        .node('sa', 'snapshot-access')
        .ref('sa', 'file', 'cbw')
        .build(),
  ],
  [
    'copy-before-write under a writable export',
    () =>
      exportOf(
        qcow2(qcow2(graph(), 'src'), 'tgt')
          .node('cbw', 'copy-before-write')
          .ref('cbw', 'file', 'src')
          .ref('cbw', 'target', 'tgt'),
        'e0',
        'cbw',
        true,
      ).build(),
  ],
  [
    'snapshot-access under a read-only export',
    () =>
      exportOf(
        qcow2(qcow2(graph(), 'src'), 'tgt')
          .node('cbw', 'copy-before-write')
          .ref('cbw', 'file', 'src')
          .ref('cbw', 'target', 'tgt')
          .node('sa', 'snapshot-access')
          .ref('sa', 'file', 'cbw'),
        'e0',
        'sa',
        false,
      ).build(),
  ],
  [
    'blklogwrites, blkverify and compress under writable exports',
    () =>
      exportOf(
        exportOf(
          exportOf(
            qcow2(qcow2(graph(), 'cq'), 'vt')
              .node('lw', 'blklogwrites')
              .node('lwf', 'file', { filename: 'lw.raw' })
              .node('lwl', 'file', { filename: 'log.raw' })
              .child('lw', 'file', 'lwf')
              .child('lw', 'log', 'lwl')
              .node('bv', 'blkverify')
              .node('bvr', 'file', { filename: 'bv.raw' })
              .child('bv', 'raw', 'bvr')
              .ref('bv', 'test', 'vt')
              .node('cmp', 'compress')
              .ref('cmp', 'file', 'cq'),
            'e0',
            'lw',
            true,
          ),
          'e1',
          'bv',
          true,
        ),
        'e2',
        'cmp',
        true,
      ).build(),
  ],
  [
    'write-unchanged through compress, throttle, blklogwrites and blkverify',
    () => {
      const debug = { 'take-child-perms': ['write-unchanged'], 'unshare-child-perms': ['write-unchanged'] };
      return qcow2(graph().object('tg0', 'throttle-group', { limits: { 'iops-total': 100 } }), 'cq')
        .node('b0', 'blkdebug', debug)
        .node('cmp', 'compress')
        .child('b0', 'image', 'cmp')
        .child('cmp', 'file', 'cq')
        .node('b1', 'blkdebug', debug)
        .node('th', 'throttle', { 'throttle-group': 'tg0' })
        .node('n', 'null-co', nullCo)
        .child('b1', 'image', 'th')
        .child('th', 'file', 'n')
        .node('b2', 'blkdebug', debug)
        .node('lw', 'blklogwrites')
        .node('lwf', 'file', { filename: 'lw.raw' })
        .node('lwl', 'file', { filename: 'log.raw' })
        .child('b2', 'image', 'lw')
        .child('lw', 'file', 'lwf')
        .child('lw', 'log', 'lwl')
        .node('b3', 'blkdebug', debug)
        .node('bv', 'blkverify')
        .node('bvr', 'file', { filename: 'bv.raw' })
        .node('bvt', 'null-co', nullCo)
        .child('b3', 'image', 'bv')
        .child('bv', 'raw', 'bvr')
        .child('bv', 'test', 'bvt')
        .build();
    },
  ],
  [
    'write-unchanged through copy-on-read',
    () =>
      graph()
        .node('b', 'blkdebug', {
          'take-child-perms': ['write-unchanged'],
          'unshare-child-perms': ['write-unchanged', 'resize'],
        })
        .node('c', 'copy-on-read')
        .node('n', 'null-co', nullCo)
        .child('b', 'image', 'c')
        .child('c', 'file', 'n')
        .build(),
  ],
  [
    'a writable export of the file of a qcow2 conflicts on write',
    () =>
      exportOf(
        graph().node('f', 'file', { filename: 'a.qcow2' }).node('q', 'qcow2').ref('q', 'file', 'f'),
        'e0',
        'f',
        true,
      ).build(),
  ],
];

describe.each(CASES.map(([name, build, setup]) => ({ name, build, setup })))('$name', ({ build, setup }) => {
  it('gets the permissions and errors of qemu-storage-daemon', async () => {
    expect(await differences(build(), setup)).toEqual([]);
  });
});

describe('random documents', () => {
  it('get the permissions and errors of qemu-storage-daemon', async () => {
    await fc.assert(
      fc.asyncProperty(dagTreeArb, extrasArb, async (tree, extras) => {
        const doc = dagDocument(tree, extras);
        fc.pre(!forceShareOnWritable(doc));
        expect(await differences(doc)).toEqual([]);
      }),
      // PERMS_RUNS / PERMS_SEED run a longer or different search without editing the test.
      { numRuns: Number(process.env.PERMS_RUNS ?? 300), seed: Number(process.env.PERMS_SEED ?? 20261126) },
    );
  }, 600_000);
});

/**
 * The document on qemu-system-x86_64's command line: `-blockdev` (JSON) per node no parent defines
 * inline, then `-device` per guest-device frontend, whose id is the frontend's id.
 */
function commandLine(doc: BlockGraph): string[] {
  const inline = new Set(doc.links.filter((l) => l.mode === 'inline').map((l) => l.child));
  const args = ['-machine', 'pc'];
  const devices = Object.values(doc.frontends).filter((f) => f.kind !== 'nbd-export' && f.root !== null);
  if (devices.some((f) => f.kind === 'scsi-hd')) args.push('-device', 'virtio-scsi-pci,id=scsi0');
  for (const o of Object.values(doc.objects))
    args.push('-object', JSON.stringify({ 'qom-type': o.qomType, id: o.id, ...o.props }));
  for (const id of childrenFirst(doc).order)
    if (!inline.has(id)) args.push('-blockdev', JSON.stringify(blockdevOptions(doc, id)));
  for (const f of devices) {
    const shareRw = f.props['share-rw'] === true ? ',share-rw=on' : '';
    args.push('-device', `${f.kind},drive=${doc.nodes[f.root ?? '']?.name ?? ''},id=${f.id}${shareRw}`);
  }
  return args;
}

/** Runs a document with its guest devices and returns the differences from the prediction. */
async function deviceDifferences(doc: BlockGraph): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bg-perms-dev-'));
  try {
    await prepareImages(doc, dir);
    const devices = Object.fromEntries(Object.entries(doc.frontends).filter(([, f]) => f.kind !== 'nbd-export'));
    const withDevices = { ...doc, frontends: devices };
    const users = frontendUsers(withDevices);
    const run = await runCommandLine(commandLine(withDevices), { cwd: dir });
    const result = computePermissions(withDevices, { users });
    const predicted = result.errors[0]?.message;
    if (run.graph === null)
      return anonymous(predicted) === anonymous(run.error ?? '')
        ? []
        : [`QEMU: ${run.error ?? ''}\n  predicted: ${predicted ?? '(no error)'}`];
    return [
      ...result.errors.map((e) => `predicted to fail: ${e.message}`),
      ...diffEdges(withDevices, result.edges, users, run.graph),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const disk = (b: GraphBuilder, kind: string, id: string, root: string, props: JsonObject = {}): GraphBuilder =>
  b.frontend(id, kind, root, props);

const DEVICE_CASES: readonly (readonly [string, () => BlockGraph])[] = [
  ...EXAMPLES.map((e) => [`example ${e.id}`, e.build] as const),
  [
    'virtio-blk-pci on a read-only node',
    () => disk(graph().node('n', 'null-co', { ...nullCo, 'read-only': true }), 'virtio-blk-pci', 'vda', 'n').build(),
  ],
  [
    'two virtio-blk-pci on one node conflict',
    () =>
      disk(
        disk(graph().node('n', 'null-co', nullCo), 'virtio-blk-pci', 'vda', 'n'),
        'virtio-blk-pci',
        'vdb',
        'n',
      ).build(),
  ],
  [
    'share-rw on the second virtio-blk-pci only still conflicts',
    () =>
      disk(disk(graph().node('n', 'null-co', nullCo), 'virtio-blk-pci', 'vda', 'n'), 'virtio-blk-pci', 'vdb', 'n', {
        'share-rw': true,
      }).build(),
  ],
  [
    'two virtio-blk-pci with share-rw',
    () =>
      disk(
        disk(graph().node('n', 'null-co', nullCo), 'virtio-blk-pci', 'vda', 'n', { 'share-rw': true }),
        'virtio-blk-pci',
        'vdb',
        'n',
        { 'share-rw': true },
      ).build(),
  ],
  [
    'ide-hd on a read-only node',
    () => disk(graph().node('n', 'null-co', { ...nullCo, 'read-only': true }), 'ide-hd', 'hd0', 'n').build(),
  ],
  [
    'scsi-hd writable and read-only',
    () =>
      disk(
        disk(
          graph()
            .node('n', 'null-co', nullCo)
            .node('m', 'null-co', { ...nullCo, 'read-only': true }),
          'scsi-hd',
          'sd0',
          'n',
        ),
        'scsi-hd',
        'sd1',
        'm',
      ).build(),
  ],
  [
    'ide-hd on raw over the file of a qcow2',
    () =>
      disk(
        graph()
          .node('f', 'file', { filename: 'a.qcow2' })
          .node('q', 'qcow2')
          .node('r', 'raw')
          .ref('q', 'file', 'f')
          .ref('r', 'file', 'f'),
        'ide-hd',
        'hd0',
        'r',
      ).build(),
  ],
  [
    'scsi-hd on a backing node under a virtio-blk-pci overlay',
    () =>
      disk(
        disk(qcow2(qcow2(graph(), 'base'), 'top').ref('top', 'backing', 'base'), 'virtio-blk-pci', 'vda', 'top'),
        'scsi-hd',
        'sd0',
        'base',
      ).build(),
  ],
];

describe.each(DEVICE_CASES.map(([name, build]) => ({ name, build })))('guest devices: $name', ({ build }) => {
  it('get the permissions and errors of qemu-system-x86_64', async () => {
    expect(await deviceDifferences(build())).toEqual([]);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  flatNodeNames,
  judgeScript,
  toQmpScript,
  toRollbackScript,
  type QmpCommand,
  type QmpScriptOptions,
} from '../../export/index.ts';
import { formatDiagnostic, resolveDocument, type BlockGraph, type Result } from '../../model/index.ts';
import { diffStructures, documentStructure, qemuStructure } from './compareGraph.ts';
import { diffResolved } from './compareResolved.ts';
import { suiteCases, type ExportCase } from './exportCases.ts';
import { readGraph, runQmpScript, type QemuGraph, type QmpRun } from './harness.ts';
import { createImage, prepareImages } from './images.ts';
import { QmpSession } from './qmpSession.ts';

/**
 * The QMP script variants (nested/flat layout, minimal/explicit options, and each layout with the
 * document's options as written) in qemu-storage-daemon 7.2: every command is accepted, QEMU builds
 * the document's nodes and edges with the effective options and permissions resolveDocument
 * predicts for the document (and the simulation predicts for the script), and the rollback script
 * then leaves the daemon with no node and no object.
 */

const DAEMON = ['qemu-storage-daemon', '--chardev', 'stdio,id=m', '--monitor', 'chardev=m'];

const CHOICES: readonly (readonly [string, QmpScriptOptions])[] = [
  ['nested, minimal', { layout: 'nested', options: 'minimal' }],
  ['nested, explicit', { layout: 'nested', options: 'explicit' }],
  ['flat, minimal', { layout: 'flat', options: 'minimal' }],
  ['flat, explicit', { layout: 'flat', options: 'explicit' }],
  ['flat, as written', { layout: 'flat' }],
  ['nested, as written (the default)', {}],
];

/** The fixed cases (VARIANT_CASES among them) and 20 random trees and 12 random graphs of this suite's seed. */
const CASES: readonly ExportCase[] = suiteCases(20261128, 20, 12);

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return result.value;
}

function refusals(run: QmpRun): string[] {
  return run.replies.flatMap((s) => (s.error ? [`${JSON.stringify(s.command)} → ${s.error.desc}`] : []));
}

/**
 * QEMU's graph and the document made comparable under the flat layout: a node-name the layout
 * generated for a node defined inline is turned back into a name QEMU would give (`#…`), so that
 * compareGraph keys it by parent and role, as the document does; a top-level node without
 * node-name has no such key (nothing defines it), so the document gets the generated name
 * instead. A node-name changes no option.
 */
function ungenerated(graph: QemuGraph, doc: BlockGraph, choice: QmpScriptOptions): { q: QemuGraph; doc: BlockGraph } {
  if (choice.layout !== 'flat') return { q: graph, doc };
  const names = flatNodeNames(doc);
  const inline = new Set(doc.links.filter((l) => l.mode === 'inline').map((l) => l.child));
  const generated = new Set<string>();
  const nodes = { ...doc.nodes };
  for (const node of Object.values(doc.nodes)) {
    const name = names.get(node.id);
    if (node.name !== undefined || name === undefined) continue;
    if (inline.has(node.id)) generated.add(name);
    else nodes[node.id] = { ...node, name };
  }
  const rename = (name: string) => (generated.has(name) ? `#${name}` : name);
  const q = {
    nodes: graph.nodes.map((n) => ({ ...n, 'node-name': rename(n['node-name']) })),
    edges: graph.edges.map((e) => ({ ...e, parent: rename(e.parent), child: rename(e.child) })),
  };
  return { q, doc: { ...doc, nodes } };
}

/** What the daemon holds after a script and its rollback. */
interface AfterRollback {
  refused: string[];
  named: unknown;
  graph: QemuGraph;
  objects: string[];
}

/**
 * The QOM objects under /objects (`qom-list`); the container only exists once an object was
 * created (QEMU answers DeviceNotFound before), which counts as none.
 */
async function userObjects(session: QmpSession): Promise<string[]> {
  const reply = await session.execute({ execute: 'qom-list', arguments: { path: '/objects' } });
  if ('error' in reply) {
    if (reply.error.class === 'DeviceNotFound') return [];
    throw new Error(`qom-list /objects: ${reply.error.desc}`);
  }
  const entries = reply.return as { name: string; type: string }[];
  return entries.filter((e) => e.type.startsWith('child<')).map((e) => e.name);
}

/** Runs `script` then `rollback` in one fresh daemon, and reads what is left. */
async function runWithRollback(
  script: readonly QmpCommand[],
  rollback: readonly QmpCommand[],
  cwd: string,
): Promise<AfterRollback> {
  const session = await QmpSession.start({ argv: DAEMON, cwd, timeoutMs: 20_000 });
  try {
    const refused: string[] = [];
    for (const command of [...script, ...rollback]) {
      const reply = await session.execute(command);
      if ('error' in reply) refused.push(`${JSON.stringify(command)} → ${reply.error.desc}`);
    }
    const named = await session.query({ execute: 'query-named-block-nodes', arguments: { flat: true } });
    return { refused, named, graph: await readGraph(session), objects: await userObjects(session) };
  } finally {
    await session.close();
  }
}

describe.each(CASES)('%s', (_name, build) => {
  const doc = build();
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blockgraph-variants-'));
    await prepareImages(doc, dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(CHOICES)('%s: QEMU builds the document, the rollback empties the daemon', async (_label, choice) => {
    const script = unwrap(toQmpScript(doc, choice));
    const run = await runQmpScript(script, { cwd: dir });
    // A nested script cannot add a top-level node without node-name (blockdev.c: qmp_blockdev_add); the simulation says so.
    const predicted = judgeScript(script).resolved.error;
    if (predicted !== null) {
      expect(run.replies.find((step) => step.error)?.error?.desc).toBe(predicted);
      return;
    }
    expect(refusals(run)).toEqual([]);
    // The simulation builds the same from the script, generated names and all.
    expect(diffResolved(judgeScript(script).resolved, run.graph, { perms: true })).toEqual([]);
    const built = ungenerated(run.graph, doc, choice);
    expect(diffStructures(documentStructure(built.doc), qemuStructure(built.q))).toEqual([]);
    expect(diffResolved(resolveDocument(built.doc), built.q, { perms: true })).toEqual([]);
    const after = await runWithRollback(script, unwrap(toRollbackScript(doc, choice)), dir);
    expect(after.refused).toEqual([]);
    expect([after.named, after.graph, after.objects]).toEqual([[], { nodes: [], edges: [] }, []]);
  });
});

describe('the documents of this suite', () => {
  it.each(CHOICES)('%s: at least 60 are built by QEMU (the issue asks for 60 per format)', (_label, choice) => {
    const built = CASES.filter(([, build]) => {
      const script = toQmpScript(build(), choice);
      return script.ok && judgeScript(script.value).resolved.error === null;
    });
    expect(built.length).toBeGreaterThanOrEqual(60);
  });
});

/** One QEMU reply per command of a script run in a fresh daemon in `dir`. */
async function replies(script: readonly QmpCommand[], dir: string): Promise<QmpRun> {
  return runQmpScript(script, { cwd: dir });
}

describe('QEMU 7.2 facts behind the flat layout and the rollback', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blockgraph-variant-facts-'));
    await createImage(dir, 'base.qcow2', 'qcow2');
    await createImage(dir, 'top.qcow2', 'qcow2');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a referenced child inherits nothing from its parent (block.c: bdrv_open_inherit)', async () => {
    const run = await replies(
      [
        { execute: 'blockdev-add', arguments: { driver: 'null-co', 'node-name': 'n' } },
        {
          execute: 'blockdev-add',
          arguments: {
            driver: 'raw',
            'node-name': 'r',
            'read-only': true,
            cache: { direct: true, 'no-flush': true },
            file: 'n',
          },
        },
        {
          execute: 'blockdev-add',
          arguments: {
            driver: 'raw',
            'node-name': 'r2',
            'read-only': true,
            cache: { direct: true, 'no-flush': true },
            file: { driver: 'null-co', 'node-name': 'n2' },
          },
        },
      ],
      dir,
    );
    expect(refusals(run)).toEqual([]);
    const node = (name: string) => run.graph.nodes.find((n) => n['node-name'] === name);
    expect([node('n')?.ro, node('n')?.cache]).toEqual([false, { direct: false, 'no-flush': false, writeback: true }]);
    expect([node('n2')?.ro, node('n2')?.cache]).toEqual([true, { direct: true, 'no-flush': true, writeback: true }]);
  });

  it('a referenced backing node stays writable; an inline one is opened read-only (bdrv_backing_options)', async () => {
    const file = (filename: string) => ({ driver: 'file', filename });
    const run = await replies(
      [
        { execute: 'blockdev-add', arguments: { driver: 'qcow2', 'node-name': 'base', file: file('base.qcow2') } },
        {
          execute: 'blockdev-add',
          arguments: { driver: 'qcow2', 'node-name': 'top', file: file('top.qcow2'), backing: 'base' },
        },
      ],
      dir,
    );
    expect(refusals(run)).toEqual([]);
    expect(run.graph.nodes.find((n) => n['node-name'] === 'base')?.ro).toBe(false);
    const inline = await replies(
      [
        {
          execute: 'blockdev-add',
          arguments: {
            driver: 'qcow2',
            'node-name': 'top',
            file: file('top.qcow2'),
            backing: { driver: 'qcow2', 'node-name': 'base', file: file('base.qcow2') },
          },
        },
      ],
      dir,
    );
    expect(inline.graph.nodes.find((n) => n['node-name'] === 'base')?.ro).toBe(true);
  });

  it('blockdev-del refuses inline children, backing nodes still in use and objects still in use', async () => {
    const run = await replies(
      [
        { execute: 'object-add', arguments: { 'qom-type': 'throttle-group', id: 'tg0' } },
        { execute: 'blockdev-add', arguments: { driver: 'null-co', 'node-name': 'base' } },
        {
          execute: 'blockdev-add',
          arguments: {
            driver: 'throttle',
            'node-name': 't',
            'throttle-group': 'tg0',
            file: {
              driver: 'qcow2',
              'node-name': 'top',
              file: { driver: 'file', filename: 'top.qcow2' },
              backing: 'base',
            },
          },
        },
        { execute: 'blockdev-del', arguments: { 'node-name': 'top' } },
        { execute: 'blockdev-del', arguments: { 'node-name': 'base' } },
        { execute: 'object-del', arguments: { id: 'tg0' } },
        { execute: 'blockdev-del', arguments: { 'node-name': 't' } },
        { execute: 'blockdev-del', arguments: { 'node-name': 'base' } },
        { execute: 'object-del', arguments: { id: 'tg0' } },
      ],
      dir,
    );
    expect(run.replies.map((s) => s.error?.desc ?? 'ok')).toEqual([
      'ok',
      'ok',
      'ok',
      'Node top is not owned by the monitor',
      "Node 'base' is busy: node is used as backing hd of 'top'",
      "object 'tg0' is in use, can not be deleted",
      'ok',
      'ok',
      'ok',
    ]);
    expect(run.graph).toEqual({ nodes: [], edges: [] });
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toQmpScript } from '../../export/qmpScript.ts';
import { rawOverNullCo } from '../../model/fixtures/examples.ts';
import type { BlockGraph } from '../../model/index.ts';
import { diffStructures, documentStructure, qemuStructure } from './compareGraph.ts';
import { firstError, runCommandLine, runQmpScript, startupError, type QemuGraph } from './harness.ts';
import { createImage } from './images.ts';
import type { QmpCommand } from './qmpSession.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blockgraph-harness-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const add = (args: Record<string, unknown>): QmpCommand => ({ execute: 'blockdev-add', arguments: args });
const nullNode = (name: string): QmpCommand => add({ driver: 'null-co', 'node-name': name });
const names = (graph: QemuGraph | null): string[] => (graph?.nodes ?? []).map((n) => n['node-name']);

describe('runQmpScript', () => {
  it('returns QEMU error text and leaves the graph as it was', async () => {
    const run = await runQmpScript(
      [
        nullNode('a'),
        add({ driver: 'raw', 'node-name': 'r', file: 'missing' }),
        add({ driver: 'qcow2', 'node-name': 'q', file: { driver: 'null-co', 'node-name': 'n' } }),
      ],
      { cwd: dir },
    );
    expect(run.replies.map((step) => step.error)).toEqual([
      null,
      { class: 'GenericError', desc: "Cannot find device='missing' nor node-name='missing'" },
      { class: 'GenericError', desc: 'Image is not in qcow2 format' },
    ]);
    expect(firstError(run)?.command.arguments?.['node-name']).toBe('r');
    // Not even the inline null-co child of the refused qcow2 node is left behind.
    expect(names(run.graph)).toEqual(['a']);
    expect(run.graph.edges).toEqual([]);
  });

  it('runs the commands after a failing one', async () => {
    const run = await runQmpScript([nullNode('a'), nullNode('a'), nullNode('b')], { cwd: dir });
    expect(run.replies.map((step) => step.error?.desc ?? null)).toEqual([
      null,
      "Duplicate nodes with node-name='a'",
      null,
    ]);
    expect(names(run.graph)).toEqual(['a', 'b']);
  });

  it('opens a backing file named in the image header as unnamed nodes', async () => {
    await createImage(dir, 'base.qcow2', 'qcow2');
    await createImage(dir, 'top.qcow2', 'qcow2', { backing: 'base.qcow2', backingFmt: 'qcow2' });
    const run = await runQmpScript(
      [add({ driver: 'qcow2', 'node-name': 'top', file: { driver: 'file', filename: 'top.qcow2' } })],
      { cwd: dir },
    );
    expect(firstError(run)).toBeUndefined();
    expect(qemuStructure(run.graph)).toEqual({
      nodes: [
        { key: 'top', drv: 'qcow2' },
        { key: 'top/backing', drv: 'qcow2' },
        { key: 'top/backing/file', drv: 'file' },
        { key: 'top/file', drv: 'file' },
      ],
      edges: [
        { parent: 'top', role: 'backing', child: 'top/backing' },
        { parent: 'top', role: 'file', child: 'top/file' },
        { parent: 'top/backing', role: 'file', child: 'top/backing/file' },
      ],
    });
    expect(run.graph.nodes.find((n) => n.drv === 'qcow2' && n['node-name'] !== 'top')?.ro).toBe(true);
  });
});

describe('runCommandLine', () => {
  it('reports backends, root edges, ro and cache of -drive', async () => {
    const run = await runCommandLine(
      ['-drive', 'if=none,id=d0,driver=null-co', '-drive', 'if=none,id=d1,driver=null-co,cache=none,readonly=on'],
      { cwd: dir },
    );
    expect(run.error).toBeNull();
    const graph = run.graph ?? { nodes: [], edges: [] };
    const backend = graph.nodes.find((n) => n['node-name'] === 'd0');
    expect(backend).toEqual({ 'node-name': 'd0', type: 'block-backend' });
    const nodeUnder = (bb: string) => {
      const edge = graph.edges.find((e) => e.parent === bb);
      expect(edge?.name).toBe('root');
      return graph.nodes.find((n) => n['node-name'] === edge?.child);
    };
    expect(nodeUnder('d0')).toMatchObject({
      type: 'block-driver',
      drv: 'null-co',
      ro: false,
      cache: { direct: false, 'no-flush': false, writeback: true },
    });
    expect(nodeUnder('d1')).toMatchObject({
      drv: 'null-co',
      ro: true,
      cache: { direct: true, 'no-flush': false, writeback: true },
    });
  });

  it("returns QEMU's start-up error without prefixes", async () => {
    const run = await runCommandLine(['-drive', 'if=none,file=missing.qcow2'], { cwd: dir });
    expect(run.graph).toBeNull();
    expect(run.error).toBe("Could not open 'missing.qcow2': No such file or directory");
    expect(run.stderr).toBe(
      "qemu-system-x86_64: -drive if=none,file=missing.qcow2: Could not open 'missing.qcow2': No such file or directory\n",
    );
  });

  it('strips only the program name and the location of a known option', () => {
    const stderr =
      "qemu-system-x86_64: -blockdev driver=null-co,x=1: Parameter 'x' is unexpected\nqemu-system-x86_64: other: text\n";
    expect(startupError(stderr, ['-blockdev', 'driver=null-co,x=1'], 'qemu-system-x86_64')).toBe(
      "Parameter 'x' is unexpected\nother: text",
    );
  });
});

describe('compareGraph against QEMU', () => {
  it('reports a changed driver and a changed role', async () => {
    const doc = rawOverNullCo();
    const script = toQmpScript(doc);
    if (!script.ok) throw new Error('rawOverNullCo does not export');
    const qemu = qemuStructure((await runQmpScript(script.value, { cwd: dir })).graph);
    expect(diffStructures(documentStructure(doc), qemu)).toEqual([]);
    const raw0 = doc.nodes.raw0;
    if (raw0 === undefined) throw new Error('rawOverNullCo has no raw0');
    const otherDriver: BlockGraph = { ...doc, nodes: { ...doc.nodes, raw0: { ...raw0, driver: 'qcow2' } } };
    expect(diffStructures(documentStructure(otherDriver), qemu)).toEqual([
      "node 'raw0' drv: qcow2 in document, raw in qemu",
    ]);
    const otherRole: BlockGraph = { ...doc, links: doc.links.map((link) => ({ ...link, role: 'backing' })) };
    expect(diffStructures(documentStructure(otherRole), qemu)).toEqual([
      "node 'raw0/backing' (null-co) only in document",
      "node 'raw0/file' (null-co) only in qemu",
      "edge 'raw0' -backing-> 'raw0/backing' only in document",
      "edge 'raw0' -file-> 'raw0/file' only in qemu",
    ]);
  });
});

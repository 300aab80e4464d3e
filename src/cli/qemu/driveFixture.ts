import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { fileImages } from '../fileImages.ts';
import { resolveCommandLine, splitCommandLine, type CommandLineResolved } from '../../model/cmdline/index.ts';
import type { Resolved } from '../../model/index.ts';
import { diffStructures, qemuStructure, type Structure } from './compareGraph.ts';
import { diffResolved } from './compareResolved.ts';
import { runCommandLine, startupError, type QemuGraph } from './harness.ts';
import { createImage, forgetBackingFormat } from './images.ts';

/**
 * The images the -drive suites open (drive.differential.test.ts, drive.property.test.ts), made in
 * a fresh temp dir: a raw file, qcow2 chains of one to four layers with relative backing names
 * (some in subdirectories), json: backing names, vmdk/qed/vdi images, a chain whose header lost
 * its backing format, one with a missing backing file, and qcow2 images with external data files.
 * Returns the directory; remove it with `removeDriveImages`.
 */
export async function makeDriveImages(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'blockgraph-drive-'));
  const jsonBacking = (file: string) =>
    `json:{"driver":"qcow2","cache":{"direct":false},"file":{"driver":"file","filename":"${file}"}}`;
  await createImage(dir, 'r.raw', 'raw', { size: '1M' });
  await createImage(dir, 'base.qcow2', 'qcow2');
  await createImage(dir, 'top.qcow2', 'qcow2', { backing: 'base.qcow2', backingFmt: 'qcow2' });
  await createImage(dir, 'sub/base.qcow2', 'qcow2');
  await createImage(dir, 'sub/mid.qcow2', 'qcow2', { backing: 'base.qcow2', backingFmt: 'qcow2' });
  await createImage(dir, 'top3.qcow2', 'qcow2', { backing: 'sub/mid.qcow2', backingFmt: 'qcow2' });
  await createImage(dir, 'deep/er/b.qcow2', 'qcow2');
  await createImage(dir, 'deep/m.qcow2', 'qcow2', { backing: 'er/b.qcow2', backingFmt: 'qcow2' });
  await createImage(dir, 't3.qcow2', 'qcow2', { backing: 'deep/m.qcow2', backingFmt: 'qcow2' });
  await createImage(dir, 't4.qcow2', 'qcow2', { backing: 't3.qcow2', backingFmt: 'qcow2' });
  await createImage(dir, 'jb.qcow2', 'qcow2');
  await createImage(dir, 'top2.qcow2', 'qcow2', { backing: jsonBacking('jb.qcow2'), backingFmt: 'qcow2' });
  // A json: backing name is not relative to the overlay: its filename is opened from QEMU's cwd.
  await createImage(dir, 'sub/jt.qcow2', 'qcow2', { backing: jsonBacking('jb.qcow2'), backingFmt: 'qcow2' });
  await createImage(dir, 'v.vmdk', 'vmdk');
  await createImage(dir, 'vchild.vmdk', 'vmdk', { backing: 'v.vmdk', backingFmt: 'vmdk' });
  await createImage(dir, 'q.qed', 'qed', { backing: 'base.qcow2', backingFmt: 'qcow2' });
  await createImage(dir, 'vd.vdi', 'vdi');
  await createImage(dir, 'nofmt.qcow2', 'qcow2', { backing: 'base.qcow2', backingFmt: 'qcow2' });
  forgetBackingFormat(dir, 'nofmt.qcow2');
  await createImage(dir, 'rawback.qcow2', 'qcow2', { backing: 'r.raw', backingFmt: 'raw', size: '1M' });
  forgetBackingFormat(dir, 'rawback.qcow2');
  await createImage(dir, 'sub/nothere.qcow2', 'qcow2');
  await createImage(dir, 'sub/broken.qcow2', 'qcow2', { backing: 'nothere.qcow2', backingFmt: 'qcow2' });
  await rm(join(dir, 'sub/nothere.qcow2'));
  // createImage has no -o: qcow2 images with an external data file, named relative to the image's directory
  const qemuImg = promisify(execFile);
  await qemuImg('qemu-img', ['create', '-q', '-f', 'qcow2', '-o', 'data_file=df.raw', 'dfile.qcow2', '64M'], {
    cwd: dir,
  });
  await qemuImg('qemu-img', ['create', '-q', '-f', 'qcow2', '-o', 'data_file=sdf.raw', 'sd.qcow2', '64M'], {
    cwd: join(dir, 'sub'),
  });
  return dir;
}

/** Removes what makeDriveImages made. */
export async function removeDriveImages(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Names a `#block…` root of a BlockBackend `BB/root`, as resolveCommandLine names an unnamed drive root. */
function nameBackendRoots(graph: QemuGraph): QemuGraph {
  const backends = new Set(graph.nodes.filter((n) => n.type === 'block-backend').map((n) => n['node-name']));
  const names = new Map<string, string>();
  for (const edge of graph.edges) {
    if (edge.name === 'root' && backends.has(edge.parent) && edge.child.startsWith('#'))
      names.set(edge.child, `${edge.parent}/root`);
  }
  const rename = (name: string) => names.get(name) ?? name;
  return {
    nodes: graph.nodes.map((n) => ({ ...n, 'node-name': rename(n['node-name']) })),
    edges: graph.edges.map((e) => ({ ...e, parent: rename(e.parent), child: rename(e.child) })),
  };
}

const key = (name: string) => name.replace(/^#/, '');

/** The prediction's block-driver nodes, as diffResolved takes them. */
function driverNodes(predicted: CommandLineResolved): Resolved {
  return {
    error: null,
    nodes: predicted.nodes.filter((n): n is Resolved['nodes'][number] => n.type === 'block-driver'),
    edges: predicted.edges,
  };
}

function predictedStructure(predicted: Resolved): Structure {
  const nodes = predicted.nodes.map((n) => ({ key: key(n['node-name']), drv: n.drv }));
  const edges = predicted.edges
    .filter((e) => e.name !== 'root')
    .map((e) => ({ parent: key(e.parent), role: e.name, child: key(e.child) }));
  return { nodes, edges };
}

/** BlockBackends and their root edges, which compareGraph leaves out. */
function backends(
  nodes: readonly { 'node-name': string; type: string }[],
  edges: readonly { parent: string; child: string; name: string }[],
): string[] {
  const names = nodes.filter((n) => n.type === 'block-backend').map((n) => `backend ${n['node-name']}`);
  const roots = edges.filter((e) => e.name === 'root').map((e) => `${e.parent} -root-> ${key(e.child)}`);
  return [...names, ...roots].sort();
}

/**
 * Runs `line` (-drive/-blockdev/-object options) in qemu-system-x86_64 in `dir` and predicts it
 * with resolveCommandLine from the same files, and expects them to agree: the same start-up error
 * (with the warnings before it), or the same nodes (drv, ro, cache, detect_zeroes), edges, BlockBackends
 * and warnings. Every expectation names the line.
 */
export async function expectDriveLineAgrees(line: string, dir: string): Promise<void> {
  const split = splitCommandLine(line);
  if (!split.ok) throw new Error(`${line}: ${split.error.message}`);
  const run = await runCommandLine(split.words, { cwd: dir });
  const predicted = resolveCommandLine(split.words, fileImages(dir));
  expect(predicted.notes, line).toEqual([]);
  if (run.graph === null || predicted.error !== null) {
    expect(predicted.error === null ? null : [...predicted.warnings, predicted.error].join('\n'), line).toBe(run.error);
    return;
  }
  const graph = nameBackendRoots(run.graph);
  const resolved = driverNodes(predicted);
  expect(diffResolved(resolved, graph), line).toEqual([]);
  expect(diffStructures(predictedStructure(resolved), qemuStructure(graph), ['blockgraph', 'qemu']), line).toEqual([]);
  expect(backends(predicted.nodes, predicted.edges), line).toEqual(backends(graph.nodes, graph.edges));
  expect(predicted.warnings.join('\n'), line).toBe(startupError(run.stderr, split.words, 'qemu-system-x86_64'));
}

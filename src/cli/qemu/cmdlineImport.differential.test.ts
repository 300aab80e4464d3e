import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromCommandLine, toBlockdevArgs, toQmpScript } from '../../export/index.ts';
import { formatDiagnostic, splitCommandLine } from '../../model/index.ts';
import { fileImages } from '../fileImages.ts';
import { qemuKeys } from './compareGraph.ts';
import { runCommandLine, runQmpScript, type QemuGraph } from './harness.ts';
import { ACCEPTED_LINES } from './importCases.ts';
import { createImage, forgetBackingFormat } from './images.ts';

/**
 * The importer against the real QEMU 7.2: each command line runs in qemu-system-x86_64, its
 * imported document's QMP script in qemu-storage-daemon, and the two QEMUs must build the same
 * block nodes (drv, ro, cache.direct, cache.no-flush, detect_zeroes) and edges. BlockBackends and
 * their `root` edges are left out: a document has frontends instead, which a storage daemon lacks.
 */

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blockgraph-cmdimport-'));
  const jsonBacking = '{"driver":"qcow2","file":{"driver":"file","filename":"base.qcow2"}}';
  await createImage(dir, 'r.raw', 'raw', { size: '1M' });
  await createImage(dir, 'base.qcow2', 'qcow2');
  await createImage(dir, 'top.qcow2', 'qcow2', { backing: 'base.qcow2', backingFmt: 'qcow2' });
  await createImage(dir, 'sub/base.qcow2', 'qcow2');
  await createImage(dir, 'sub/mid.qcow2', 'qcow2', { backing: 'base.qcow2', backingFmt: 'qcow2' });
  await createImage(dir, 'top3.qcow2', 'qcow2', { backing: 'sub/mid.qcow2', backingFmt: 'qcow2' });
  await createImage(dir, 'nofmt.qcow2', 'qcow2', { backing: 'base.qcow2', backingFmt: 'qcow2' });
  forgetBackingFormat(dir, 'nofmt.qcow2');
  await createImage(dir, 'a b,c.qcow2', 'qcow2');
  await createImage(dir, 'jt.qcow2', 'qcow2', { backing: `json:${jsonBacking}`, backingFmt: 'qcow2' });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Block nodes by structural key (node-name, or `parent/role` for nodes QEMU named), with their
 * effective options, and the edges between them. A BlockBackend's unnamed root is keyed by the
 * BlockBackend's name, as the importer names it after its drive.
 */
function summary(graph: QemuGraph): { nodes: Record<string, string>; edges: string[] } {
  const backends = new Set(graph.nodes.filter((n) => n.type === 'block-backend').map((n) => n['node-name']));
  const roots = new Map<string, string>();
  for (const e of graph.edges) {
    if (e.name === 'root' && backends.has(e.parent) && e.child.startsWith('#')) roots.set(e.child, e.parent);
  }
  const renamed: QemuGraph = {
    nodes: graph.nodes
      .filter((n) => n.type === 'block-driver')
      .map((n) => ({ ...n, 'node-name': roots.get(n['node-name']) ?? n['node-name'] })),
    edges: graph.edges
      .filter((e) => !backends.has(e.parent))
      .map((e) => ({ ...e, parent: roots.get(e.parent) ?? e.parent, child: roots.get(e.child) ?? e.child })),
  };
  const keys = qemuKeys(renamed);
  const key = (name: string) => keys.get(name) ?? name;
  const nodes: Record<string, string> = {};
  for (const n of renamed.nodes) {
    const cache = `direct=${String(n.cache?.direct)} no-flush=${String(n.cache?.['no-flush'])}`;
    nodes[key(n['node-name'])] = `${n.drv ?? '?'} ro=${String(n.ro)} ${cache} dz=${n.detect_zeroes ?? '?'}`;
  }
  const edges = renamed.edges
    .map((e) => `${key(e.parent)} -${e.name}-> ${key(e.child)}`)
    .sort((a, b) => a.localeCompare(b));
  return { nodes, edges };
}

describe.each(ACCEPTED_LINES)('%s', (line) => {
  it('builds in qemu-storage-daemon, from the imported document, what qemu-system-x86_64 builds from the line', async () => {
    const split = splitCommandLine(line);
    if (!split.ok) throw new Error(split.error.message);
    const machine = split.words.includes('-device') ? ['-machine', 'pc', '-S'] : [];
    const system = await runCommandLine([...split.words, ...machine], { cwd: dir });
    expect(system.error).toBeNull();
    const imported = fromCommandLine(line, fileImages(dir));
    if (!imported.ok) throw new Error(imported.diagnostics.map(formatDiagnostic).join('\n'));
    const script = toQmpScript(imported.value.graph);
    if (!script.ok) throw new Error(script.diagnostics.map(formatDiagnostic).join('\n'));
    const daemon = await runQmpScript(script.value, { cwd: dir });
    expect(daemon.replies.flatMap((step) => (step.error ? [step.error.desc] : []))).toEqual([]);
    expect(summary(daemon.graph)).toEqual(summary(system.graph ?? { nodes: [], edges: [] }));
  });
});

/** Command lines QEMU refuses; the importer refuses them too, with QEMU's own text. */
const REFUSED_LINES: readonly string[] = [
  '-drive file=r.raw,format=raw,cache=bogus',
  '-drive file=r.raw,format=raw,readonly=maybe',
  '-drive file=foo:bar,format=raw',
  '-drive driver=file,file=r.raw,filename=r.raw',
  `-drive 'file=json:{"driver":'`,
  '-drive id=1abc,driver=null-co',
  '-drive file=top.qcow2,backing=nope',
  '-drive driver=nope,file=r.raw',
  `-blockdev '{"driver":"raw","node-name":"r","file":{"filename":"r.raw"}}'`,
  `-blockdev '{"driver":"raw",}'`,
  '-blockdev driver=null-co,node-name=n,a..b=1',
  '-blockdev raw,node-name=r,file.driver=nope',
  '-blockdev null-co,node-name=a -blockdev null-co,node-name=a',
  '-blockdev null-co,node-name=1x',
  '-object throttle-group,x-iops-total=1',
  `-object '{"qom-type":"throttle-group","id":"1x"}'`,
  '-object throttle-group,id=t -object throttle-group,id=t',
];

describe.each(REFUSED_LINES)('%s', (line) => {
  it('is refused by the importer with the message qemu-system-x86_64 gives', async () => {
    const split = splitCommandLine(line);
    if (!split.ok) throw new Error(split.error.message);
    const system = await runCommandLine(split.words, { cwd: dir });
    const imported = fromCommandLine(line, fileImages(dir));
    expect(imported.ok ? null : imported.diagnostics.map((d) => d.message).join('\n')).toBe(system.error);
  });
});

/**
 * -drive keys that are guest device properties (werror, rerror, the write cache of cache=writethrough
 * and directsync) become the frontend's props; QEMU takes them on -device (hw/block/block.c:
 * DEFINE_BLOCK_ERROR_PROPERTIES, DEFINE_BLOCK_PROPERTIES' write-cache) and builds the same nodes.
 */
const DEVICE_LINES: readonly string[] = [
  '-drive file=r.raw,format=raw,if=virtio,werror=stop,rerror=report,cache=writethrough',
  '-drive file=top.qcow2,format=qcow2,if=ide,werror=report,cache=directsync',
  '-drive file=r.raw,format=raw,if=none,id=d0,cache=none -device virtio-blk-pci,drive=d0,id=vda,serial=abc',
];

describe.each(DEVICE_LINES)('%s', (line) => {
  it('exports its frontends as -device arguments QEMU accepts, over the same nodes', async () => {
    const split = splitCommandLine(line);
    if (!split.ok) throw new Error(split.error.message);
    const machine = ['-machine', 'pc', '-S'];
    const system = await runCommandLine([...split.words, ...machine], { cwd: dir });
    expect(system.error).toBeNull();
    const imported = fromCommandLine(line, fileImages(dir));
    if (!imported.ok) throw new Error(imported.diagnostics.map(formatDiagnostic).join('\n'));
    expect(Object.keys(imported.value.graph.frontends)).toHaveLength(1);
    const args = toBlockdevArgs(imported.value.graph, { form: 'json' });
    if (!args.ok) throw new Error(args.diagnostics.map(formatDiagnostic).join('\n'));
    const exported = await runCommandLine([...args.value, ...machine], { cwd: dir });
    expect(exported.error).toBeNull();
    expect(summary(exported.graph ?? { nodes: [], edges: [] })).toEqual(
      summary(system.graph ?? { nodes: [], edges: [] }),
    );
  });
});

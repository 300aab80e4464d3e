import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileImages } from '../fileImages.ts';
import {
  resolveCommandLine,
  splitCommandLine,
  type CommandLineResolved,
  type ImageSource,
} from '../../model/cmdline/index.ts';
import type { Resolved } from '../../model/index.ts';
import { diffStructures, qemuStructure, type Structure } from './compareGraph.ts';
import { diffResolved } from './compareResolved.ts';
import { runCommandLine, startupError, type QemuGraph } from './harness.ts';
import { createImage, forgetBackingFormat } from './images.ts';

/** -drive / -blockdev command lines, each run by qemu-system-x86_64 and predicted by resolveCommandLine. */
const CASES: readonly string[] = [
  // cache modes, read-only, cdrom, probing, chains of 1-3 backing files with relative names
  '-drive file=top.qcow2',
  '-drive file=top.qcow2,cache=writeback',
  '-drive file=top.qcow2,cache=writethrough',
  '-drive file=top3.qcow2,if=none,id=d0,cache=none',
  '-drive file=top.qcow2,cache=off',
  '-drive file=t3.qcow2,cache=directsync',
  '-drive file=t4.qcow2,cache=unsafe',
  '-drive file=top.qcow2,cache=none,cache.direct=off',
  '-drive file=top.qcow2,cache=unsafe,cache.no-flush=off,cache.writeback=off',
  '-drive file=top.qcow2,readonly=on',
  '-drive file=r.raw,format=raw,readonly',
  '-drive file=r.raw,format=raw,media=cdrom',
  '-cdrom r.raw',
  '-drive file=r.raw,if=none',
  '-drive file=./sub/mid.qcow2,node-name=m,file.node-name=mf,backing.node-name=mb',
  '-drive file=file:sub/mid.qcow2',
  '-drive file=vchild.vmdk,cache=none',
  '-drive file=q.qed,if=none',
  '-drive file=vd.vdi,format=vdi',
  '-drive file=nofmt.qcow2',
  '-drive file=rawback.qcow2,cache=directsync',
  // an external data file is opened by its name as written, relative to QEMU's cwd
  '-drive file=dfile.qcow2,cache=none',
  '-drive file=sub/sd.qcow2',
  '-drive file=top.qcow2,data-file.driver=null-co',
  // snapshot=on: a temporary overlay above a read-only original
  '-drive file=r.raw,format=raw,snapshot=on,node-name=orig',
  '-drive file=top.qcow2,cache=none,snapshot=on,detect-zeroes=on',
  '-drive file=top.qcow2,readonly=on,snapshot=on',
  '-snapshot -drive file=r.raw,format=raw',
  '-snapshot -drive file=r.raw,format=raw,snapshot=off',
  '-drive file=r.raw,format=raw,snapshot=on,aio=native,cache.direct=on',
  // the original is read-only while it opens (bdrv_open_inherit applies the COW defaults first)
  '-drive file=r.raw,format=raw,snapshot=on,force-share=on',
  '-drive file=r.raw,snapshot=on,force-share=on,backing.cache.direct=off',
  // json: backing names and json: filenames
  '-drive file=top2.qcow2,cache.direct=on',
  '-drive file=top2.qcow2,cache.direct=on,backing.cache.direct=on',
  '-drive file=sub/jt.qcow2,cache=unsafe',
  `-drive 'file=json:{"driver":"raw",,"cache":{"direct":true},,"read-only":true,,"detect-zeroes":"on",,"file":{"driver":"file",,"filename":"r.raw",,"cache":{"direct":true}}}'`,
  `-drive 'file=json:{"driver":"qcow2",,"file":{"driver":"file",,"filename":"sub/mid.qcow2"}}',cache=none`,
  // detect-zeroes on the top node only; explicit children options
  '-drive file=top.qcow2,detect-zeroes=on',
  '-drive file=r.raw,format=raw,discard=off,detect-zeroes=unmap',
  '-drive file=top.qcow2,backing.read-only=off,backing.file.cache.no-flush=on',
  '-drive file=top.qcow2,force-share=on,readonly=on',
  '-drive driver=raw,file.driver=null-co,file.detect-zeroes=on',
  '-drive file=null-co://',
  '-drive driver=null-co,cache=unsafe',
  '-drive if=none,id=cd0,media=cdrom',
  // semantics doc §4.1 says the last duplicate wins; for id QEMU takes the first (BlockBackend 'a')
  '-drive if=none,id=a,id=b,driver=null-co',
  '-drive file=r.raw,format=raw,copy-on-read=on,readonly=on',
  '-drive file=sub/broken.qcow2,backing=',
  '-hda r.raw',
  // -blockdev, and -drive backing=<node>
  '-blockdev driver=qcow2,node-name=b0,file.driver=file,file.filename=base.qcow2 -drive file=top.qcow2,backing=b0',
  '-drive file=top.qcow2,backing=b0,cache=none -blockdev qcow2,node-name=b0,file.driver=file,file.filename=base.qcow2',
  `-blockdev '{"driver":"qcow2","node-name":"q","cache":{"no-flush":true},"file":{"driver":"file","filename":"top.qcow2"}}'`,
  '-blockdev driver=file,node-name=f,filename=top.qcow2 -blockdev driver=qcow2,node-name=q,file=f,cache.direct=on',
  '-drive if=none,id=d0,driver=null-co -drive file=top.qcow2,backing=d0',
  '-object throttle-group,id=tg0,x-iops-total=100 -blockdev driver=throttle,node-name=t,throttle-group=tg0,file.driver=null-co',
  // rejected
  '-drive file=r.raw,format=raw,aio=native',
  '-drive file=top3.qcow2,backing.backing.file.aio=native',
  '-drive file=r.raw,format=raw,foo=bar',
  '-drive file=r.raw,format=raw,foo=bar,zzz=1,serial=1',
  '-drive file=r.raw,foo=bar',
  '-drive file=r.raw,format=raw,readonly,file.foo=bar',
  '-drive file=r.raw,format=raw,driver=raw',
  '-drive file=r.raw,format=raw,readonly=on,read-only=on',
  '-drive file=missing.qcow2,if=none',
  '-drive file=sub/broken.qcow2',
  '-drive file=sub/jt.qcow2,file.filename=sub/jt.qcow2',
  '-drive file=r.raw,format=qcow2',
  '-drive file=top.qcow2,format=vmdk',
  '-drive file=r.raw,format=raw,cache=bogus',
  '-drive file=r.raw,format=raw,id=1abc',
  '-drive if=none,id=d0 -drive if=none,id=d0',
  '-drive file=top.qcow2,backing=nope',
  '-drive file=top.qcow2,backing=b0,backing.cache.direct=on -blockdev driver=null-co,node-name=b0',
  '-drive file=r.raw,format=raw,force-share=on',
  '-drive file=r.raw,format=raw,file.detect-zeroes=unmap,file.discard=off',
  '-drive file=r.raw,format=raw,node-name=none0',
  '-drive file=top.qcow2,file.node-name=x,backing.node-name=x',
  '-drive id=x,cache=none',
  '-drive file=null-co://x,format=raw',
  `-drive 'file=json:{"driver":"qcow2",,"file":{"driver":"file",,"filename":"sub/mid.qcow2"}'`,
  '-drive if=ide,driver=null-co',
  '-drive if=scsi,driver=null-co -drive if=floppy,driver=null-co',
  '-drive if=virtio,driver=null-co',
  '-drive file=top.qcow2,backing.backing.node-name=x',
  '-drive driver=throttle,file.filename=top.qcow2',
  '-drive driver=qcow2,file.driver=file,file.filename=top.qcow2,file.locking=maybe',
  '-drive file=r.raw,format=raw,copy-on-read=on,readonly=on,foo=bar',
  '-drive file=sub/jt.qcow2,if=none -drive file=sub/broken.qcow2,backing=,foo=bar',
  '-blockdev driver=null-co,node-name=r,foo=1,bar=2,baz=3',
  '-blockdev driver=quorum,node-name=q,vote-threshold=1,children.1.driver=null-co',
  `-blockdev '{"driver":"null-co","node-name":"n0","read-only":"on"}'`,
  '-blockdev driver=raw,node-name=r,file.driver=null-co,file=x',
  '-blockdev driver=null-co,node-name=n0 -drive if=none,id=n0,driver=null-co',
];

let dir = '';

/** The first bytes of the files QEMU would open, relative to its working directory (the test's). */
const images: ImageSource = { read: (path) => fileImages(dir).read(path) };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blockgraph-drive-'));
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
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

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

describe.each(CASES)('%s', (line) => {
  it('is accepted or refused as QEMU does, and builds what QEMU builds', async () => {
    const split = splitCommandLine(line);
    if (!split.ok) throw new Error(split.error.message);
    const run = await runCommandLine(split.words, { cwd: dir });
    const predicted = resolveCommandLine(split.words, images);
    expect(predicted.notes).toEqual([]);
    if (run.graph === null || predicted.error !== null) {
      expect(predicted.error === null ? null : [...predicted.warnings, predicted.error].join('\n')).toBe(run.error);
      return;
    }
    const graph = nameBackendRoots(run.graph);
    const resolved = driverNodes(predicted);
    expect(diffResolved(resolved, graph)).toEqual([]);
    expect(diffStructures(predictedStructure(resolved), qemuStructure(graph), ['blockgraph', 'qemu'])).toEqual([]);
    expect(backends(predicted.nodes, predicted.edges)).toEqual(backends(graph.nodes, graph.edges));
    expect(predicted.warnings.join('\n')).toBe(startupError(run.stderr, split.words, 'qemu-system-x86_64'));
  });
});

import { describe, expect, it } from 'vitest';
import type { ResolvedNode } from '../resolve/resolveDocument.ts';
import { qcow2Header } from '../fixtures/images.ts';
import { imagesFrom } from '../open/imageSource.ts';
import { commandLineOptions, resolveCommandLine, type CommandLineResolved } from './resolveCommandLine.ts';
import { splitCommandLine } from './shellWords.ts';

const qcow2 = qcow2Header;

const json = 'json:{"driver":"qcow2","cache":{"direct":false},"file":{"driver":"file","filename":"jb.qcow2"}}';
const images = imagesFrom({
  'r.raw': new Uint8Array(4096),
  'base.qcow2': qcow2(),
  'top.qcow2': qcow2('base.qcow2', 'qcow2'),
  'sub/base.qcow2': qcow2(),
  'sub/mid.qcow2': qcow2('base.qcow2', 'qcow2'),
  'nofmt.qcow2': qcow2('r.raw'),
  'jb.qcow2': qcow2(),
  'top2.qcow2': qcow2(json, 'qcow2'),
});

function resolve(line: string): CommandLineResolved {
  const split = splitCommandLine(line);
  if (!split.ok) throw new Error(split.error.message);
  return resolveCommandLine(split.words, images);
}

function node(result: CommandLineResolved, name: string): ResolvedNode {
  const found = result.nodes.find((n): n is ResolvedNode => n.type === 'block-driver' && n['node-name'] === name);
  if (found === undefined) throw new Error(`${name} not in ${JSON.stringify(result)}`);
  return found;
}

const summary = (n: ResolvedNode) =>
  `${n.drv} ro=${String(n.ro)} direct=${String(n.cache.direct)} no-flush=${String(n.cache['no-flush'])} dz=${n.detect_zeroes}`;

describe('resolveCommandLine', () => {
  it('opens a drive as QEMU does: probed format, file child, backing chain from the header', () => {
    const r = resolve('-drive file=top.qcow2,cache=none');
    expect(r.error).toBeNull();
    expect(r.nodes.map((n) => n['node-name'])).toEqual([
      '#none0/root',
      '#none0/root/file',
      '#none0/root/backing',
      '#none0/root/backing/file',
      'none0',
    ]);
    expect(summary(node(r, '#none0/root/backing'))).toBe('qcow2 ro=true direct=true no-flush=false dz=off');
    expect(r.edges).toContainEqual({ parent: 'none0', child: '#none0/root', name: 'root' });
  });

  it("resolves a relative backing name against the overlay's directory", () => {
    const r = resolve('-drive file=sub/mid.qcow2,node-name=m');
    expect(node(r, '#m/backing').drv).toBe('qcow2');
    expect(resolve('-drive file=sub/mid.qcow2,backing.file.node-name=bf').error).toBeNull();
  });

  it('probes a backing file whose header records no format', () => {
    expect(node(resolve('-drive file=nofmt.qcow2'), '#none0/root/backing').drv).toBe('raw');
  });

  it('lets json: backing options beat inherited ones, and explicit ones beat json:', () => {
    expect(node(resolve('-drive file=top2.qcow2,cache.direct=on'), '#none0/root/backing').cache.direct).toBe(false);
    expect(
      node(resolve('-drive file=top2.qcow2,cache.direct=on,backing.cache.direct=on'), '#none0/root/backing').cache
        .direct,
    ).toBe(true);
  });

  it('ignores top-level cache and read-only inside -drive file=json: (blockdev_init injected them first)', () => {
    const r = resolve(
      `-drive 'file=json:{"driver":"raw",,"cache":{"direct":true},,"read-only":true,,"file":{"driver":"file",,"filename":"r.raw",,"cache":{"direct":true}}}'`,
    );
    expect(summary(node(r, '#none0/root'))).toBe('raw ro=false direct=false no-flush=false dz=off');
    expect(summary(node(r, '#none0/root/file'))).toBe('file ro=false direct=true no-flush=false dz=off');
  });

  it('puts a temporary overlay above the original for snapshot=on', () => {
    const r = resolve('-drive file=r.raw,format=raw,node-name=orig,snapshot=on,detect-zeroes=on');
    expect(summary(node(r, '#none0/root'))).toBe('qcow2 ro=false direct=false no-flush=true dz=on');
    expect(summary(node(r, 'orig'))).toBe('raw ro=true direct=false no-flush=false dz=off');
    expect(r.edges).toContainEqual({ parent: '#none0/root', child: 'orig', name: 'backing' });
  });

  it('attaches a -blockdev node by reference, which keeps its own read-only', () => {
    const r = resolve(
      '-drive file=top.qcow2,backing=b0 -blockdev qcow2,node-name=b0,file.driver=file,file.filename=base.qcow2',
    );
    expect(summary(node(r, 'b0'))).toBe('qcow2 ro=false direct=false no-flush=false dz=off');
    expect(r.edges).toContainEqual({ parent: '#none0/root', child: 'b0', name: 'backing' });
  });

  it.each([
    ['-drive file=missing.qcow2', "Could not open 'missing.qcow2': No such file or directory"],
    [
      '-drive file=r.raw,format=raw,aio=native',
      'aio=native was specified, but it requires cache.direct=on, which was not specified.',
    ],
    ['-drive file=r.raw,format=raw,foo=bar', "Block format 'raw' does not support the option 'foo'"],
    ['-drive file=r.raw,format=raw,file.foo=bar', "Block protocol 'file' doesn't support the option 'foo'"],
    ['-drive file=r.raw,format=qcow2', 'Image is not in qcow2 format'],
    [
      '-drive file=top.qcow2,backing.backing.node-name=x',
      'Could not open backing file: Could not open backing file: Must specify either driver or file',
    ],
    ['-drive file=r.raw,format=raw,backing.driver=null-co', "Driver doesn't support backing files"],
    [
      '-drive file=top.qcow2,backing=nope',
      "Could not open backing file: Cannot find device='nope' nor node-name='nope'",
    ],
    ['-drive file=r.raw,format=raw,force-share=on', 'force-share=on can only be used with read-only images'],
    [
      '-drive file=top.qcow2,file.node-name=x,backing.node-name=x',
      "Could not open backing file: Duplicate nodes with node-name='x'",
    ],
    ['-drive if=ide,file=r.raw,format=raw', 'machine type does not support if=ide,bus=0,unit=0'],
  ])('refuses %s', (line, error) => {
    expect(resolve(line).error).toBe(error);
  });

  it('reports the value-dependent error QEMU meets first, before a later structural one', () => {
    expect(resolve('-drive file=r.raw,format=raw,force-share=on,bogus=1').error).toBe(
      'force-share=on can only be used with read-only images',
    );
  });

  it('keeps the warnings QEMU prints before it stops or starts', () => {
    expect(resolve('-drive file=r.raw,foo=bar').warnings[0]).toMatch(
      /^WARNING: Image format was not specified for 'r.raw'/,
    );
    expect(resolve('-drive file=r.raw,readonly=on').warnings).toEqual([]);
  });

  it('notes what it cannot predict', () => {
    expect(resolve('-drive file=nbd://localhost/x,format=raw -m 512').notes).toEqual([
      '-m is not modelled',
      "how QEMU opens 'nbd' nodes is not modelled",
    ]);
  });

  it('gives the provenance of each effective option', () => {
    const opened = commandLineOptions(['-drive', 'file=top2.qcow2,cache.direct=on'], images);
    const top = opened.get('#none0/root');
    expect(top?.['cache.direct'].origin).toEqual({ kind: 'explicit' });
    expect(top?.['auto-read-only'].origin).toEqual({ kind: 'default', by: '-drive' });
    expect(opened.get('#none0/root/backing')?.['cache.direct'].origin).toEqual({ kind: 'json-filename' });
    expect(opened.get('#none0/root/backing/file')?.['cache.direct'].origin).toEqual({
      kind: 'inherited',
      from: '#none0/root/backing',
      role: 'file',
    });
  });
});

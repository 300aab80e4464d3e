import { afterEach, describe, expect, it, vi } from 'vitest';
import { qcow2Header } from '../model/fixtures/index.ts';
import { cli, file, imageDir } from './cliHarness.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

interface Doc {
  nodes: Record<string, { driver: string; name?: string; options: Record<string, unknown> }>;
  frontends: Record<string, { kind: string; root: string }>;
}

describe('blockgraph reads every input form', () => {
  it('exports a QEMU command line as a document, saying what it read and what it left out', async () => {
    vi.spyOn(process, 'cwd').mockReturnValue(await imageDir({ 'disk.qcow2': qcow2Header() }));
    const path = await file(
      'vm.sh',
      'qemu-system-x86_64 -m 1G \\\n  -drive file=disk.qcow2,if=none,id=d0,cache=none \\\n  -device virtio-blk-pci,drive=d0,id=vda\n',
    );
    const { status, stdout, stderr } = await cli(['export', path, '--to', 'document']);
    expect(status).toBe(0);
    const doc = JSON.parse(stdout) as Doc;
    expect(doc.nodes.d0).toMatchObject({ driver: 'qcow2', name: 'd0', options: { cache: { direct: true } } });
    expect(doc.frontends.vda).toMatchObject({ kind: 'virtio-blk-pci', root: 'd0' });
    expect(stderr.split('\n')).toEqual([
      `${path}: read as QEMU command line (1 -drive, 1 -device)`,
      `${path}: note: -m 1G: not part of the block graph, ignored`,
      `${path}: note: -drive 'd0': no format: QEMU probes 'disk.qcow2' and finds qcow2; the document says driver qcow2`,
      '',
    ]);
  });

  it('converts a lone -drive value to a QMP script', async () => {
    const path = await file('drive.txt', 'driver=null-co,cache=unsafe,id=d0\n');
    const { status, stdout, stderr } = await cli(['export', path, '--to', 'qmp']);
    expect(status).toBe(0);
    expect(stderr).toBe(`${path}: read as -drive value\n`);
    expect(JSON.parse(stdout)).toEqual([
      {
        execute: 'blockdev-add',
        arguments: {
          driver: 'null-co',
          'node-name': 'd0',
          cache: { 'no-flush': true, direct: false },
          'auto-read-only': true,
        },
      },
    ]);
  });

  it('resolves a lone -drive value as the one-option command line, with its BlockBackend', async () => {
    const path = await file('drive.txt', 'driver=null-co,if=none,id=d0,cache=none');
    const { status, stdout } = await cli(['resolve', path]);
    expect(status).toBe(0);
    const resolved = JSON.parse(stdout) as { nodes: { 'node-name': string; type: string }[] };
    expect(resolved.nodes.map((n) => [n['node-name'], n.type])).toEqual([
      ['#d0/root', 'block-driver'],
      ['d0', 'block-backend'],
    ]);
  });

  it('validates a -blockdev value and resolves a json: filename through the document', async () => {
    const blockdev = await file('b.json', '{"driver": "null-co", "node-name": "n0", "x-bogus": 1}');
    const validated = await cli(['validate', blockdev]);
    expect([validated.status, validated.stderr]).toEqual([
      1,
      `${blockdev}: read as -blockdev value (JSON)\n${blockdev}: error in node 'n0' at x-bogus: Parameter 'x-bogus' is unexpected [E301]\n`,
    ]);
    const json = await file('j.txt', 'json:{"driver":"raw","node-name":"r","file":{"driver":"null-co"}}');
    const resolved = await cli(['resolve', json]);
    expect(resolved.status).toBe(0);
    expect((JSON.parse(resolved.stdout) as { edges: { name: string }[] }).edges.map((e) => e.name)).toEqual(['file']);
  });

  it('reports where an input goes wrong, with the form it was read as', async () => {
    const path = await file(
      'bad.sh',
      '-drive file=a.qcow2 \\\n  -blockdev driver=null-co,node-name=n,cache.direct=maybe,a..b=1',
    );
    const { status, stderr } = await cli(['export', path, '--to', 'qmp']);
    expect(status).toBe(1);
    expect(stderr).toBe(
      `${path}: read as QEMU command line (1 -drive, 1 -blockdev)\n${path}: error at 2:13 at a..b: Invalid parameter 'a..b' [E412]\n`,
    );
  });
});

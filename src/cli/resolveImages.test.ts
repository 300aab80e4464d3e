import { afterEach, describe, expect, it, vi } from 'vitest';
import { qcow2Header } from '../model/fixtures/index.ts';
import { cli, file, imageDir } from './cliHarness.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('blockgraph resolve reads images from the current directory', () => {
  it('opens the backing chains named in image headers, relative to each image, from the current directory', async () => {
    const json =
      'json:{"driver":"qcow2","read-only":false,"cache":{"direct":false},"file":{"driver":"file","filename":"jb.qcow2"}}';
    const dir = await imageDir({
      'sub/base.qcow2': qcow2Header(),
      'sub/mid.qcow2': qcow2Header('base.qcow2', 'qcow2'),
      'jb.qcow2': qcow2Header(),
      'top.qcow2': qcow2Header(json, 'qcow2'),
    });
    vi.spyOn(process, 'cwd').mockReturnValue(dir);
    const script = [
      '{"execute": "blockdev-add", "arguments": {"driver": "qcow2", "node-name": "m", "file": {"driver": "file", "filename": "sub/mid.qcow2"}}}',
      '{"execute": "blockdev-add", "arguments": {"driver": "qcow2", "node-name": "t", "cache": {"direct": true}, "file": {"driver": "file", "filename": "top.qcow2"}}}',
      '{"execute": "blockdev-add", "arguments": {"driver": "qcow2", "node-name": "x", "file": {"driver": "file", "filename": "nope.qcow2"}}}',
    ].join('\n');
    const { status, stdout } = await cli(['resolve', await file('chain.jsonl', script)]);
    expect(status).toBe(1);
    const resolved = JSON.parse(stdout) as {
      error: string;
      nodes: { 'node-name': string; ro: boolean; cache: { direct: boolean } }[];
    };
    expect(resolved.error).toBe("Could not open 'nope.qcow2': No such file or directory");
    // json: values count as the backing file's own: they beat what it inherits (cache.direct) and even
    // the read-only a backing file is otherwise opened with (verified with qemu-storage-daemon 7.2).
    expect(resolved.nodes.map((n) => `${n['node-name']} ro=${String(n.ro)} direct=${String(n.cache.direct)}`)).toEqual([
      'm ro=false direct=false',
      '#m/file ro=false direct=false',
      '#m/backing ro=true direct=false',
      '#m/backing/file ro=true direct=false',
      't ro=false direct=true',
      '#t/file ro=false direct=true',
      '#t/backing ro=false direct=false',
      '#t/backing/file ro=false direct=false',
    ]);
  });

  it('refuses a document whose image is not there, as QEMU would', async () => {
    vi.spyOn(process, 'cwd').mockReturnValue(await imageDir({}));
    const doc = { blockgraph: 1, nodes: { d: { driver: 'file', name: 'd', options: { filename: 'disk.raw' } } } };
    const { status, stdout } = await cli(['resolve', await file('doc.json', JSON.stringify(doc))]);
    expect(status).toBe(1);
    expect((JSON.parse(stdout) as { error: string }).error).toBe(
      "Could not open 'disk.raw': No such file or directory",
    );
  });
});

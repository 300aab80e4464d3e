import { execFile } from 'node:child_process';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER_BYTES, probeImage } from '../../model/images/probeImage.ts';

const run = promisify(execFile);
let dir = '';

async function firstBytes(name: string): Promise<Uint8Array> {
  const handle = await open(join(dir, name), 'r');
  try {
    const buffer = new Uint8Array(HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** What qemu-img itself reads from the image: format, backing file and format, data file. */
async function qemuImgInfo(name: string): Promise<Record<string, unknown>> {
  const { stdout } = await run('qemu-img', ['info', '--output=json', join(dir, name)]);
  const info = JSON.parse(stdout) as Record<string, unknown> & {
    'format-specific'?: { data?: { 'data-file'?: string } };
  };
  return {
    format: info.format,
    backingFile: info['backing-filename'],
    backingFormat: info['backing-filename-format'],
    dataFile: info['format-specific']?.data?.['data-file'],
  };
}

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const IMAGES: readonly (readonly [string, string[]])[] = [
  ['plain.raw', ['-f', 'raw']],
  ['base.qcow2', ['-f', 'qcow2']],
  ['top.qcow2', ['-f', 'qcow2', '-b', 'base.qcow2', '-F', 'qcow2']],
  ['raw-backed.qcow2', ['-f', 'qcow2', '-b', 'plain.raw', '-F', 'raw']],
  ['v2.qcow2', ['-f', 'qcow2', '-o', 'compat=0.10', '-b', 'base.qcow2', '-F', 'qcow2']],
  ['data.qcow2', ['-f', 'qcow2', '-o', 'data_file=data.raw']],
  [
    'jsonback.qcow2',
    ['-f', 'qcow2', '-b', 'json:{"driver":"qcow2","file":{"driver":"file","filename":"base.qcow2"}}', '-F', 'qcow2'],
  ],
  ['top.qed', ['-f', 'qed', '-b', 'base.qcow2', '-F', 'qcow2']],
  ['top.vmdk', ['-f', 'vmdk', '-b', 'base.vmdk', '-F', 'vmdk']],
  ['top.qcow', ['-f', 'qcow', '-b', 'base.qcow', '-F', 'qcow']],
  ['a.vdi', ['-f', 'vdi']],
  ['a.vpc', ['-f', 'vpc']],
  ['a.vhdx', ['-f', 'vhdx']],
  ['a.parallels', ['-f', 'parallels']],
  ['naïve café.qcow2', ['-f', 'qcow2', '-b', 'base.qcow2', '-F', 'qcow2']],
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blockgraph-probe-'));
  for (const base of [
    ['base.vmdk', 'vmdk'],
    ['base.qcow', 'qcow'],
  ] as const) {
    await run('qemu-img', ['create', '-q', '-f', base[1], join(dir, base[0]), '4M']);
  }
  for (const [name, args] of IMAGES) await run('qemu-img', ['create', '-q', ...args, name, '4M'], { cwd: dir });
  await writeFile(join(dir, 'empty.img'), '');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('probeImage reads what qemu-img reads', () => {
  it.each(IMAGES.map(([name]) => name))('%s', async (name) => {
    expect(defined({ ...probeImage(await firstBytes(name), name) })).toEqual(defined(await qemuImgInfo(name)));
  });

  it('calls an empty file raw, as QEMU does', async () => {
    expect(probeImage(await firstBytes('empty.img'))).toEqual({ format: 'raw' });
    expect((await qemuImgInfo('empty.img')).format).toBe('raw');
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseByteCount } from '../../model/index.ts';

/**
 * The inspector's size fields read byte counts as QEMU reads sizes (util/cutils.c: qemu_strtosz):
 * checked against `qemu-img create`, which parses its size argument with it.
 */
const run = promisify(execFile);
const INPUTS = [
  '512',
  '64M',
  '64m',
  '1.5G',
  '1.5M',
  '16b',
  '1K',
  ' 64M',
  '0x10',
  '1.5',
  '1.5b',
  '64MB',
  '2 T',
  '64M ',
  '1e3',
  'x',
];

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blockgraph-sizes-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The size qemu-img takes `text` for, or undefined when it refuses it. */
async function qemuSize(text: string): Promise<number | undefined> {
  try {
    const { stdout } = await run('qemu-img', ['create', '-f', 'raw', join(dir, 'x.raw'), text]);
    const size = /size=(\d+)/.exec(stdout)?.[1];
    return size === undefined ? undefined : Number(size);
  } catch {
    return undefined;
  }
}

describe('byte counts as qemu-img reads them', () => {
  it.each(INPUTS)('%j', async (text) => {
    expect(parseByteCount(text)).toBe(await qemuSize(text));
  });
});

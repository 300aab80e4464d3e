import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imagesFrom, resolveCommandLine } from '../../model/cmdline/index.ts';
import { emptyGraph, type JsonObject } from '../../model/index.ts';
import { simulateQmp } from '../../model/qmp/index.ts';
import { runCommandLine, runQmpScript } from './harness.ts';

/**
 * BlockdevOptions QEMU's QAPI input visitor refuses. The one visitor of src/model/qapi checks them
 * for blockdev-add (QMP, JSON) and for -blockdev (JSON and keyval): the same text in each.
 */
const REFUSED: readonly JsonObject[] = [
  { driver: 'raw', 'node-name': 'r', file: { driver: 'nul' } },
  { driver: 'raw', 'node-name': 'r', file: { driver: 'null-co', 'detect-zeroes': 'x' } },
  { driver: 'raw', 'node-name': 'r', file: { driver: 'raw', file: 5 } },
  { driver: 'quorum', 'node-name': 'q', 'vote-threshold': 1, children: [5] },
  { driver: 'quorum', 'node-name': 'q', 'vote-threshold': 1, children: [{ driver: 'null-co', 'detect-zeroes': 'x' }] },
  { driver: 'qcow2', 'node-name': 'q', file: 'f', backing: 5 },
  { driver: 'null-co', 'node-name': 'a', cache: { x: 1 }, 'read-only': 5 },
  { driver: 'null-co', 'node-name': 'a', size: 'big' },
  { driver: 'null-co', 'node-name': 'c', aa: 1, bb: 2, cc: 3, dd: 4, ee: 5, ff: 6, gg: 7, hh: 8, ii: 9 },
];

/** The same refusals, and more, in -blockdev's keyval syntax. */
const KEYVAL: readonly string[] = [
  'driver=raw,node-name=r,file.driver=nul',
  'driver=quorum,node-name=q,vote-threshold=1,children.0.driver=null-co,children.0.detect-zeroes=x',
  'driver=null-co,node-name=c,aa=1,bb=2,cc=3,dd=4,ee=5,ff=6,gg=7,hh=8,ii=9',
  'driver=null-co,node-name=a,read-only=maybe',
  'driver=null-co,node-name=a,size=0x1z',
  'driver=null-co,node-name=a,cache=on',
];

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blockgraph-visit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What resolveCommandLine predicts for `-blockdev ARG`, and what qemu-system-x86_64 says. */
async function blockdev(arg: string): Promise<[string | null, string | null]> {
  const predicted = resolveCommandLine(['-blockdev', arg], imagesFrom({})).error;
  return [predicted, (await runCommandLine(['-blockdev', arg], { cwd: dir })).error];
}

describe.each(REFUSED.map((args) => [JSON.stringify(args), args] as const))('%s', (text, args) => {
  it('is refused in the same words by blockdev-add and by -blockdev, as QEMU does', async () => {
    const script = [{ execute: 'blockdev-add', arguments: args }];
    const [reply] = simulateQmp(emptyGraph(), script).replies;
    const [run] = (await runQmpScript(script, { cwd: dir })).replies;
    expect(reply !== undefined && 'error' in reply ? reply.error.desc : null).toBe(run?.error?.desc ?? null);
    const [predicted, qemu] = await blockdev(text);
    expect(predicted).toBe(qemu);
    expect(predicted).toBe(run?.error?.desc);
  });
});

describe.each(KEYVAL)('-blockdev %s', (arg) => {
  it('is refused as QEMU does', async () => {
    const [predicted, qemu] = await blockdev(arg);
    expect(predicted).not.toBeNull();
    expect(predicted).toBe(qemu);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  emptyGraph,
  resolveDocument,
  simulateQmp,
  type ImageSource,
  type QmpCommand,
  type QmpReply,
} from '../../model/index.ts';
import { diffStructures, documentStructure, qemuStructure } from './compareGraph.ts';
import { diffResolved } from './compareResolved.ts';
import { runQmpScript, type QmpStep } from './harness.ts';
import { createImage } from './images.ts';

/** A named QMP script, with the qcow2 images it opens (made empty in the test's directory). */
export interface ScriptCase {
  name: string;
  script: QmpCommand[];
  images?: string[];
}

/** A reply reduced to what must agree: accepted, or the error's class and text. */
function verdict(reply: QmpReply | QmpStep): string {
  if ('command' in reply) return reply.error ? `${reply.error.class}: ${reply.error.desc}` : 'ok';
  return 'error' in reply ? `${reply.error.class}: ${reply.error.desc}` : 'ok';
}

/**
 * Runs `commands` in qemu-storage-daemon in `dir` and expects simulateQmp (reading `images`, if
 * given, as QEMU reads that directory) to give the same reply to every command (class and text) and
 * to end with the same graph (effective options, perms, structure). Each reply is shown with its command.
 */
export async function expectScriptAgreesIn(
  commands: readonly QmpCommand[],
  dir: string,
  images?: ImageSource,
): Promise<void> {
  const sim = simulateQmp(emptyGraph(), commands, images);
  const run = await runQmpScript(commands, { cwd: dir });
  const step = (i: number) => `${JSON.stringify(commands[i])} → `;
  expect(sim.replies.map((r, i) => step(i) + verdict(r))).toEqual(run.replies.map((r, i) => step(i) + verdict(r)));
  expect(diffResolved(resolveDocument(sim.graph, sim.given), run.graph, { perms: true })).toEqual([]);
  expect(diffStructures(documentStructure(sim.graph), qemuStructure(run.graph), ['simulation', 'qemu'])).toEqual([]);
}

/** expectScriptAgreesIn in a fresh directory that `prepare` fills with the files the commands open (no images read by the simulation). */
export async function expectScriptAgrees(
  commands: readonly QmpCommand[],
  prepare: (dir: string) => Promise<unknown>,
  tempPrefix = 'blockgraph-script-',
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), tempPrefix));
  try {
    await prepare(dir);
    await expectScriptAgreesIn(commands, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Makes empty qcow2 images of these names in `dir`. */
export function qcow2Images(names: readonly string[]): (dir: string) => Promise<unknown> {
  return (dir) => Promise.all(names.map((name) => createImage(dir, name, 'qcow2')));
}

/**
 * One test per case: the simulation and qemu-storage-daemon give the same reply to every command
 * (class and text), and end with the same graph (effective options, perms, structure).
 */
export function describeScriptCases(cases: readonly ScriptCase[], tempPrefix: string): void {
  describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, { script, images = [] }) => {
    it('simulateQmp replies and builds what qemu-storage-daemon does', async () => {
      await expectScriptAgrees(script, qcow2Images(images), tempPrefix);
    });
  });
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toQmpScript } from '../../export/qmpScript.ts';
import { EXAMPLES } from '../../model/fixtures/examples.ts';
import { formatDiagnostic } from '../../model/index.ts';
import { diffStructures, documentStructure, qemuStructure } from './compareGraph.ts';
import { runQmpScript } from './harness.ts';
import { prepareImages } from './images.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blockgraph-diff-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(EXAMPLES.map((example) => [example.id, example] as const))('example %s', (_id, example) => {
  it('its QMP script builds in qemu-storage-daemon exactly the graph the document draws', async () => {
    const doc = example.build();
    const script = toQmpScript(doc);
    if (!script.ok) throw new Error(script.diagnostics.map(formatDiagnostic).join('\n'));
    await prepareImages(doc, dir);
    const run = await runQmpScript(script.value, { cwd: dir });
    const failures = run.replies.filter((step) => step.error !== null);
    expect(failures.map((step) => `${step.command.execute}: ${step.error?.desc ?? ''}`)).toEqual([]);
    expect(diffStructures(documentStructure(doc), qemuStructure(run.graph))).toEqual([]);
  });
});

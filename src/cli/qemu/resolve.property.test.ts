import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeScript, toQmpScript } from '../../export/index.ts';
import { formatDiagnostic, resolveDocument, type QmpReply } from '../../model/index.ts';
import { diffStructures, documentStructure, qemuStructure } from './compareGraph.ts';
import { diffResolved } from './compareResolved.ts';
import { runQmpScript } from './harness.ts';
import { prepareImages } from './images.ts';
import { genericOptionSetsArb, toDocument, treeArb, withGenericOptions, type TreeSpec } from './randomDocuments.ts';

function replyText(reply: QmpReply): string {
  return 'error' in reply ? reply.error.desc : 'ok';
}

/**
 * The document of `tree` exported to QMP, run in qemu-storage-daemon: every reply and the graph
 * must be what the simulation predicts, and an accepted document must resolve to that graph.
 */
async function expectAgrees(tree: TreeSpec, rootReadOnly: boolean): Promise<void> {
  const doc = toDocument({ tree, rootReadOnly, device: undefined, fileNames: 0 });
  const script = toQmpScript(doc);
  if (!script.ok) throw new Error(script.diagnostics.map(formatDiagnostic).join('\n'));
  const dir = await mkdtemp(join(tmpdir(), 'blockgraph-prop-'));
  try {
    await prepareImages(doc, dir);
    const run = await runQmpScript(script.value, { cwd: dir });
    const verdict = judgeScript(script.value);
    // Every reply the same (a read-only tree over copy-on-read is refused: qemuFacts.test.ts).
    expect(verdict.replies.map(replyText)).toEqual(run.replies.map((step) => step.error?.desc ?? 'ok'));
    expect(diffResolved(verdict.resolved, run.graph, { perms: true })).toEqual([]);
    if (verdict.resolved.error === null) {
      expect(diffStructures(documentStructure(doc), qemuStructure(run.graph))).toEqual([]);
      expect(diffResolved(resolveDocument(doc), run.graph, { perms: true })).toEqual([]);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('random documents', () => {
  it('resolve to what qemu-storage-daemon builds from their QMP export', async () => {
    await fc.assert(fc.asyncProperty(treeArb, fc.boolean(), expectAgrees), { numRuns: 200, seed: 20261125 });
  }, 300_000);

  // read-only, auto-read-only, force-share, discard and detect-zeroes spread over the nodes: many
  // documents are refused (force-share without read-only, detect-zeroes=unmap without discard=unmap,
  // a writable parent over a read-only child), and the refusal must be QEMU's, command by command.
  it('with generic options, are refused or built as qemu-storage-daemon does', async () => {
    await fc.assert(
      fc.asyncProperty(treeArb, genericOptionSetsArb, (tree, sets) =>
        expectAgrees(withGenericOptions(tree, sets), false),
      ),
      { numRuns: 200, seed: 20261126 },
    );
  }, 300_000);
});

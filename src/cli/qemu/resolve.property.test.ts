import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeScript, toQmpScript } from '../../export/index.ts';
import type { GraphBuilder} from '../../model/fixtures/index.ts';
import { graph } from '../../model/fixtures/index.ts';
import { formatDiagnostic, resolveDocument, type BlockGraph, type JsonObject, type QmpReply } from '../../model/index.ts';
import { diffStructures, documentStructure, qemuStructure } from './compareGraph.ts';
import { diffResolved } from './compareResolved.ts';
import { runQmpScript } from './harness.ts';
import { prepareImages } from './images.ts';

/** A random tree of nodes: the shape of a document before ids are given. */
interface TreeSpec {
  driver: 'null-co' | 'raw' | 'qcow2' | 'throttle' | 'copy-on-read' | 'blkdebug' | 'quorum';
  options: JsonObject;
  named: boolean;
  children: { role: string; mode: 'inline' | 'reference'; tree: TreeSpec }[];
}

const optionsArb: fc.Arbitrary<JsonObject> = fc
  .record(
    { direct: fc.boolean(), 'no-flush': fc.boolean(), 'detect-zeroes': fc.constantFrom('on', 'off') },
    { requiredKeys: [] },
  )
  .map(({ direct, 'no-flush': noFlush, 'detect-zeroes': zeroes }) => {
    const cache: JsonObject = {};
    if (direct !== undefined) cache.direct = direct;
    if (noFlush !== undefined) cache['no-flush'] = noFlush;
    return { ...(Object.keys(cache).length > 0 ? { cache } : {}), ...(zeroes === undefined ? {} : { 'detect-zeroes': zeroes }) };
  });

const modeArb = fc.constantFrom('inline' as const, 'reference' as const);
const edge = (role: string, tree: fc.Arbitrary<TreeSpec>) => fc.record({ role: fc.constant(role), mode: modeArb, tree });
const node = (driver: TreeSpec['driver'], children: fc.Arbitrary<TreeSpec['children']>) =>
  fc.record({ driver: fc.constant(driver), options: optionsArb, named: fc.boolean(), children });

/** Trees QEMU accepts as long as blockgraph's rules hold: every node has at most one parent. */
const treeArb: fc.Arbitrary<TreeSpec> = fc.letrec<{ tree: TreeSpec; qcow2: TreeSpec }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    node('null-co', fc.constant([])),
    node('raw', fc.tuple(edge('file', tie('tree'))).map((c) => [...c])),
    tie('qcow2'),
    node('throttle', fc.tuple(edge('file', tie('tree'))).map((c) => [...c])),
    node('copy-on-read', fc.tuple(edge('file', tie('tree'))).map((c) => [...c])),
    node('blkdebug', fc.tuple(edge('image', tie('tree'))).map((c) => [...c])),
    node('quorum', fc.array(edge('children', tie('tree')), { minLength: 1, maxLength: 3 })),
  ),
  qcow2: node('qcow2', fc.option(edge('backing', tie('qcow2')), { nil: undefined }).map((b) => (b ? [b] : []))),
})).tree;

/**
 * Options a driver needs to be accepted. null-co is sized like the 64M images the harness makes,
 * since quorum refuses children of different sizes (qemuFacts.test.ts).
 */
const DRIVER_OPTIONS: Partial<Record<TreeSpec['driver'], JsonObject>> = {
  throttle: { 'throttle-group': 'tg0' },
  quorum: { 'vote-threshold': 1 },
  'null-co': { size: 64 * 1024 * 1024 },
};

/** Builds the document: ids n0, n1…; qcow2 gets its own image file; throttle its group; the root may be read-only. */
function toDocument(tree: TreeSpec, rootReadOnly: boolean): BlockGraph {
  let builder: GraphBuilder = graph().object('tg0', 'throttle-group', { limits: { 'iops-total': 1000 } });
  let count = 0;
  const add = (spec: TreeSpec, isRoot: boolean): string => {
    const id = `n${String(count++)}`;
    const extra: JsonObject = DRIVER_OPTIONS[spec.driver] ?? {};
    const ro: JsonObject = isRoot && rootReadOnly ? { 'read-only': true, 'force-share': true } : {};
    const named = spec.named || isRoot;
    builder = builder.node(id, spec.driver, { ...spec.options, ...extra, ...ro }, named ? {} : { name: null });
    if (spec.driver === 'qcow2') {
      builder = builder.node(`${id}-file`, 'file', { filename: `${id}.qcow2` }, { name: null }).child(id, 'file', `${id}-file`);
    }
    for (const child of spec.children) {
      const childId = add({ ...child.tree, named: child.tree.named || child.mode === 'reference' }, false);
      builder = child.mode === 'inline' ? builder.child(id, child.role, childId) : builder.ref(id, child.role, childId);
    }
    return id;
  };
  add(tree, true);
  return builder.build();
}

function replyText(reply: QmpReply): string {
  return 'error' in reply ? reply.error.desc : 'ok';
}

describe('random documents', () => {
  it('resolve to what qemu-storage-daemon builds from their QMP export', async () => {
    await fc.assert(
      fc.asyncProperty(treeArb, fc.boolean(), async (tree, rootReadOnly) => {
        const doc = toDocument(tree, rootReadOnly);
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
      }),
      { numRuns: 200, seed: 20261125 },
    );
  }, 300_000);
});

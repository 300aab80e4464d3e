import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toQmpScript } from '../../export/index.ts';
import { graph } from '../../model/fixtures/index.ts';
import {
  catalogue,
  connectChild,
  diagnostic,
  formatDiagnostic,
  resolveDocument,
  type BlockGraph,
  type JsonObject,
  type QmpCommand,
} from '../../model/index.ts';
import { diffStructures, documentStructure, qemuStructure } from './compareGraph.ts';
import { diffResolved } from './compareResolved.ts';
import { runQmpScript } from './harness.ts';
import { prepareImages } from './images.ts';

/**
 * The editor's connection rules (src/editor/canvas/connectionRules.ts) are the model's edits: each
 * output handle is a child member of the driver's QAPI schema, required or optional as the schema
 * says, and a drop is refused exactly when `connectChild` refuses it. These cases check that against
 * qemu-storage-daemon 7.2: what the model refuses, QEMU refuses; what it lets through, QEMU builds.
 */
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blockgraph-connect-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const add = (args: JsonObject): QmpCommand => ({ execute: 'blockdev-add', arguments: args });

function script(doc: BlockGraph): QmpCommand[] {
  const commands = toQmpScript(doc);
  if (!commands.ok) throw new Error(commands.diagnostics.map(formatDiagnostic).join('\n'));
  return commands.value;
}

async function expectBuiltAsPredicted(doc: BlockGraph): Promise<void> {
  await prepareImages(doc, dir);
  const run = await runQmpScript(script(doc), { cwd: dir });
  expect(run.replies.map((r) => r.error?.desc ?? null)).toEqual(run.replies.map(() => null));
  expect(diffStructures(documentStructure(doc), qemuStructure(run.graph))).toEqual([]);
  expect(diffResolved(resolveDocument(doc), run.graph)).toEqual([]);
}

describe('connection rules against QEMU', () => {
  it('a protocol node has no backing child: QEMU refuses the member, the model has no such role', async () => {
    const run = await runQmpScript(
      [
        add({ driver: 'null-co', 'node-name': 'n0' }),
        add({ driver: 'file', 'node-name': 'f', filename: 'x', backing: 'n0' }),
      ],
      { cwd: dir },
    );
    // qapi/qobject-input-visitor.c: qobject_input_check_struct, for a member BlockdevOptionsFile lacks.
    expect(run.replies[1]?.error?.desc).toBe("Parameter 'backing' is unexpected");
    expect(catalogue.drivers.file?.children).toEqual([]);
    const doc = graph().node('n0', 'null-co').node('f', 'file', { filename: 'x' }).build();
    const refused = connectChild(doc, { parent: 'f', role: 'backing', child: 'n0' });
    expect(refused.ok ? [] : refused.diagnostics.map((d) => d.code)).toEqual(['E201']);
  });

  it('quorum children may be any node (no category rule): a quorum, a filter, one node twice', async () => {
    // block/quorum.c: quorum_open opens each children.N with bdrv_open_child(…, BDRV_CHILD_DATA) and no
    // check of the child's driver, so the editor refuses none of these drops.
    const doc = graph()
      .node('n0', 'null-co')
      .node('n1', 'null-co')
      .node('n2', 'null-co')
      .node('cor', 'copy-on-read')
      .child('cor', 'file', 'n1')
      .node('inner', 'quorum', { 'vote-threshold': 1 })
      .ref('inner', 'children', 'n0')
      .node('outer', 'quorum', { 'vote-threshold': 2 })
      .ref('outer', 'children', 'inner')
      .ref('outer', 'children', 'cor')
      .node('twice', 'quorum', { 'vote-threshold': 1 })
      .child('twice', 'children', 'n2')
      .ref('twice', 'children', 'n2')
      .build();
    await expectBuiltAsPredicted(doc);
  });

  it('a required child role left empty is refused by QEMU; optional ones may stay empty', async () => {
    // Drivers whose only required members are child links: QEMU names the first one missing, in the
    // words of the model's E304 (qapi/qobject-input-visitor.c: qobject_input_try_get_object).
    const drivers = Object.values(catalogue.drivers).filter((d) => {
      const required = d.ownOptions.filter((o) => o.required).map((o) => o.name);
      return required.length > 0 && required.every((name) => d.children.some((c) => c.name === name));
    });
    expect(drivers.map((d) => d.driver)).toEqual(
      expect.arrayContaining(['qcow2', 'raw', 'blkverify', 'copy-before-write']),
    );
    const run = await runQmpScript(
      drivers.map((d) => add({ driver: d.driver, 'node-name': `n-${d.driver}` })),
      { cwd: dir },
    );
    drivers.forEach((d, i) => {
      const first = d.children.find((c) => c.required)?.name ?? '';
      expect({ driver: d.driver, error: run.replies[i]?.error?.desc }).toEqual({
        driver: d.driver,
        error: diagnostic('E304', { option: first }).message,
      });
    });
    // qcow2 and qed with only their required file child: backing and data-file are optional.
    const optional = graph()
      .node('a', 'qcow2')
      .node('a-file', 'file', { filename: 'a.qcow2' })
      .child('a', 'file', 'a-file')
      .node('b', 'qed')
      .node('b-file', 'file', { filename: 'b.qed' })
      .child('b', 'file', 'b-file')
      .build();
    await expectBuiltAsPredicted(optional);
  });
});

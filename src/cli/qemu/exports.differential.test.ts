import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  judgeScript,
  toBlockdevArgs,
  toCommandLine,
  toJsonFilename,
  toQmpScript,
  type BlockdevForm,
} from '../../export/index.ts';
import { GraphBuilder } from '../../model/fixtures/index.ts';
import { formatDiagnostic, resolveDocument, type BlockGraph, type Result } from '../../model/index.ts';
import { main } from '../main.ts';
import { diffStructures, documentStructure, qemuStructure } from './compareGraph.ts';
import { diffResolved } from './compareResolved.ts';
import { suiteCases, type ExportCase } from './exportCases.ts';
import { readGraph, runCommandLine, runQmpScript, type QemuGraph } from './harness.ts';
import { prepareImages } from './images.ts';
import { QmpSession } from './qmpSession.ts';
import { driveArg, nullBacking, objectArgs, subtreeDocument, topLevel } from './randomDocuments.ts';

/**
 * Every export format, run in the real QEMU 7.2: accepted, and QEMU builds the document's nodes and
 * edges (compareGraph) with the options resolveDocument predicts (compareResolved).
 */
const run = promisify(execFile);
const FORMS: readonly BlockdevForm[] = ['json', 'dotted'];
/** The fixed cases and 20 random trees and 12 random graphs of this suite's seed. */
const CASES: readonly ExportCase[] = suiteCases(20261126, 20, 12);

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blockgraph-exports-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return result.value;
}

function expectBuilt(doc: BlockGraph, run: { error?: string | null; graph: QemuGraph | null }): void {
  expect(run.error ?? null).toBeNull();
  const built = run.graph ?? { nodes: [], edges: [] };
  expect(diffStructures(documentStructure(doc), qemuStructure(built))).toEqual([]);
  expect(diffResolved(resolveDocument(doc), built)).toEqual([]);
}

/** Runs shell text (as `formatCommandLine` writes it) through bash with `-qmp stdio` added; throws with QEMU's stderr. */
async function runShellText(text: string): Promise<{ graph: QemuGraph }> {
  const argv = ['bash', '-c', `exec ${text.trimEnd()} -qmp stdio`];
  const session = await QmpSession.start({ argv, cwd: dir, timeoutMs: 20_000 });
  try {
    return { graph: await readGraph(session) };
  } finally {
    await session.close();
  }
}

async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const status = await main(args, {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
  });
  return { status, ...out };
}

/**
 * The refusals an exporter may answer with: E205 (a reference to a node without node-name, which
 * -blockdev and -device cannot name) and E401 ("cannot be written as"). Anything else is a bug.
 */
const DOCUMENTED_REFUSALS: readonly string[] = ['E205', 'E401'];

function expectDocumentedRefusal(result: Result<unknown>): void {
  expect(result.ok ? [] : result.diagnostics.filter((d) => !DOCUMENTED_REFUSALS.includes(d.code))).toEqual([]);
}

/**
 * What QEMU should answer to the document's QMP script, as the simulation predicts it: null when
 * every command is accepted, else the first refusal's text (a top-level node without node-name:
 * blockdev.c: qmp_blockdev_add, "'node-name' must be specified for the root node").
 */
function predictedQmpRefusal(doc: BlockGraph): string | null {
  const script = toQmpScript(doc);
  return script.ok ? judgeScript(script.value).resolved.error : script.diagnostics.map(formatDiagnostic).join('\n');
}

/** The script runs in qemu-storage-daemon: accepted and built as predicted, or refused exactly as predicted. */
async function checkQmp(doc: BlockGraph): Promise<void> {
  const result = await runQmpScript(unwrap(toQmpScript(doc)), { cwd: dir });
  const refusals = result.replies.flatMap((step) => (step.error ? [step.error.desc] : []));
  const predicted = predictedQmpRefusal(doc);
  if (predicted !== null) {
    expect(refusals[0]).toBe(predicted);
    return;
  }
  expect(refusals).toEqual([]);
  expectBuilt(doc, result);
}

/** The arguments as argv, on a PC when they hold devices (-machine none has no PCI bus, see FACTS). */
async function checkBlockdev(doc: BlockGraph, form: BlockdevForm): Promise<void> {
  const args = toBlockdevArgs(doc, { form });
  if (!args.ok) {
    expectDocumentedRefusal(args);
    return;
  }
  const machine = args.value.includes('-device') ? ['-machine', 'pc', '-S'] : [];
  expectBuilt(doc, await runCommandLine([...machine, ...args.value], { cwd: dir }));
}

/** The CLI's text: bash reads it back as toCommandLine's argv, and runs it. */
async function checkCmdline(doc: BlockGraph, form: BlockdevForm): Promise<void> {
  const file = join(dir, 'doc.blockgraph.json');
  await writeFile(file, JSON.stringify(doc));
  const { status, stdout } = await cli(['export', file, '--to', 'cmdline', ...(form === 'dotted' ? ['--dotted'] : [])]);
  const argv = toCommandLine(doc, { form });
  if (!argv.ok) {
    expect(status).toBe(1);
    expectDocumentedRefusal(argv);
    return;
  }
  expect(status).toBe(0);
  const echoed = await run('bash', ['-c', `set -- ${stdout}\nprintf '%s\\0' "$@"`]);
  expect(echoed.stdout.split('\0').slice(0, -1)).toEqual(argv.value);
  expectBuilt(doc, await runShellText(stdout));
}

/** The top-level nodes whose subtree a json: filename can hold (no reference inside), with the filename. */
function jsonFilenames(doc: BlockGraph): [string, string][] {
  return topLevel(doc).flatMap((id): [string, string][] => {
    const name = toJsonFilename(doc, id);
    return name.ok ? [[id, name.value]] : [];
  });
}

/**
 * `-drive file=json:…,if=none` per top-level node; one that references another node is refused.
 * A root without node-name is named by QEMU (`#block…`): it is matched to the document by its
 * place under the BlockBackend, and both are given the node's id as name.
 */
async function checkDriveJson(doc: BlockGraph): Promise<void> {
  for (const id of topLevel(doc)) {
    const name = toJsonFilename(doc, id);
    if (!name.ok) {
      expect(name.diagnostics.map((d) => d.code)).toEqual(['E401']);
      continue;
    }
    const args = [...objectArgs(doc, '-object'), '-drive', driveArg(doc, id, name.value)];
    const result = await runCommandLine(args, { cwd: dir });
    const sub = subtreeDocument(doc, id);
    const root = sub.nodes[id];
    if (root === undefined || root.name !== undefined || result.graph === null) {
      expectBuilt(sub, result);
      continue;
    }
    const anonymous = result.graph.edges.find((e) => e.parent === DRIVE_ID && e.name === 'root')?.child ?? '';
    const rename = (node: string) => (node === anonymous ? id : node);
    const graph = {
      nodes: result.graph.nodes.map((n) => ({ ...n, 'node-name': rename(n['node-name']) })),
      edges: result.graph.edges.map((e) => ({ ...e, parent: rename(e.parent), child: rename(e.child) })),
    };
    expectBuilt({ ...sub, nodes: { ...sub.nodes, [id]: { ...root, name: id } } }, { ...result, graph });
  }
}

/** The BlockBackend id driveArg gives its -drive. */
const DRIVE_ID = 'bgdrive';

/**
 * The subtrees a json: filename is checked as a backing file name for: a qcow2 header keeps 1023
 * bytes of it (FACTS), and a backing is opened read-only, which copy-on-read refuses
 * (qemuFacts.test.ts).
 */
function backingJsonFilenames(doc: BlockGraph): [string, string][] {
  return jsonFilenames(doc).filter(
    ([id, name]) =>
      name.length <= 1023 && !Object.values(subtreeDocument(doc, id).nodes).some((n) => n.driver === 'copy-on-read'),
  );
}

/**
 * The json: filename as a qcow2 overlay's backing file name (`qemu-img create -u -b … -F <driver>`),
 * opened by QEMU. `-u` with a size: qemu-img would otherwise open the backing with force-share,
 * which a node the JSON makes writable refuses (FACTS).
 */
async function checkBackingJson(doc: BlockGraph): Promise<void> {
  for (const [id, name] of backingJsonFilenames(doc)) {
    const sub = subtreeDocument(doc, id);
    const backing = ['-u', '-b', name, '-F', doc.nodes[id]?.driver ?? ''];
    await run(
      'qemu-img',
      ['create', '-q', '-f', 'qcow2', ...objectArgs(doc, '--object'), ...backing, 'ov.qcow2', '64M'],
      { cwd: dir },
    );
    const overlay = new GraphBuilder(sub)
      .node('ov', 'qcow2')
      .node('ov-file', 'file', { filename: 'ov.qcow2' }, { name: null })
      .child('ov', 'file', 'ov-file')
      .child('ov', 'backing', id)
      .build();
    const args = [
      ...objectArgs(doc, '-object'),
      '-blockdev',
      'driver=qcow2,node-name=ov,file.driver=file,file.filename=ov.qcow2',
    ];
    expectBuilt(overlay, await runCommandLine(args, { cwd: dir }));
  }
}

/**
 * The documents each format builds in QEMU (not counting the ones its exporter refuses, or QEMU
 * refuses as predicted): the issue asks for at least 60 per format.
 */
const BUILT_BY: Readonly<Record<string, (doc: BlockGraph) => boolean>> = {
  qmp: (doc) => predictedQmpRefusal(doc) === null,
  'blockdev (json)': (doc) => toBlockdevArgs(doc, { form: 'json' }).ok,
  'blockdev (dotted)': (doc) => toBlockdevArgs(doc, { form: 'dotted' }).ok,
  'cmdline (json)': (doc) => toCommandLine(doc, { form: 'json' }).ok,
  'cmdline (dotted)': (doc) => toCommandLine(doc, { form: 'dotted' }).ok,
  'json-filename under -drive': (doc) => jsonFilenames(doc).length > 0,
  'json-filename as a backing file name': (doc) => backingJsonFilenames(doc).length > 0,
};

describe('the documents of this suite', () => {
  it.each(Object.entries(BUILT_BY))('%s: at least 60 are built by QEMU', (_format, built) => {
    expect(CASES.filter(([, build]) => built(build())).length).toBeGreaterThanOrEqual(60);
  });
});

describe.each(CASES)('%s', (_name, build) => {
  const prepared = async () => {
    const doc = build();
    await prepareImages(doc, dir);
    return doc;
  };
  it('qmp: qemu-storage-daemon runs the script', async () => checkQmp(await prepared()));
  it.each(FORMS)('blockdev (%s): qemu-system-x86_64 takes the arguments', async (form) =>
    checkBlockdev(await prepared(), form),
  );
  it.each(FORMS)('cmdline (%s): bash reads the CLI text back as the argv, QEMU runs it', async (form) =>
    checkCmdline(await prepared(), form),
  );
  it('json-filename: -drive file=json:… opens each top-level node', async () => checkDriveJson(await prepared()));
  it('json-filename: a backing file name qemu-img writes opens the same subtree', async () =>
    checkBackingJson(await prepared()));
});

const SYSTEM = 'qemu-system-x86_64 -machine none -nodefaults -display none';
const WRITABLE_JSON = `'json:{"driver":"qcow2","read-only":false,"file":{"driver":"file","filename":"b.qcow2"}}'`;
const RAW_JSON = (x: string) => `"json:{\\"driver\\":\\"raw\\",\\"x\\":\\"${x}\\"}"`;

/** QEMU 7.2 behaviour the exports rely on: what, a bash script run in a fresh directory, how its stderr ends. */
const FACTS: readonly (readonly [string, string, string])[] = [
  [
    '-machine none has no PCI bus, hence -machine pc',
    `${SYSTEM} -blockdev null-co,node-name=n -device virtio-blk-pci,drive=n`,
    "No 'PCI' bus found for device 'virtio-blk-pci'",
  ],
  [
    'a PC has no SCSI bus until a controller is added',
    `${SYSTEM} -machine pc -S -blockdev null-co,node-name=n -device scsi-hd,drive=n`,
    "No 'SCSI' bus found for device 'scsi-hd'",
  ],
  [
    'a qcow2 header holds a json: backing name of 1023 bytes, not 1024',
    `qemu-img create -q -f qcow2 -u -b ${RAW_JSON("$(printf '%0995d' 0)")} -F raw a.qcow2 1M && ` +
      `qemu-img create -q -f qcow2 -u -b ${RAW_JSON("$(printf '%0996d' 0)")} -F raw b.qcow2 1M`,
    "with format 'raw': Invalid argument",
  ],
  [
    '-F beats the driver inside a json: backing name',
    `qemu-img create -q -f raw r.raw 1M && qemu-img create -q -f qcow2 -b 'json:{"driver":"raw","file":{"driver":"file","filename":"r.raw"}}' -F qcow2 o.qcow2`,
    'Image is not in qcow2 format\nCould not open backing image.',
  ],
  [
    'qemu-img create opens a backing file with force-share (block.c: bdrv_img_create), which a writable node refuses; -u does not open it',
    `qemu-img create -q -f qcow2 b.qcow2 1M && ` +
      `qemu-img create -q -f qcow2 -u -b ${WRITABLE_JSON} -F qcow2 u.qcow2 1M && ` +
      `qemu-img create -q -f qcow2 -b ${WRITABLE_JSON} -F qcow2 o.qcow2`,
    'force-share=on can only be used with read-only images\nCould not open backing image.',
  ],
  [
    'relative names in a json: backing name resolve against the working directory, not the overlay’s',
    `mkdir sub && qemu-img create -q -f qcow2 sub/b.qcow2 1M && (cd sub && qemu-img create -q -f qcow2 -F qcow2 -b ` +
      `'json:{"driver":"qcow2","file":{"driver":"file","filename":"b.qcow2"}}' o.qcow2) && qemu-img info --backing-chain sub/o.qcow2`,
    "Could not open 'b.qcow2': No such file or directory",
  ],
];

describe('QEMU 7.2 facts behind the exports', () => {
  it.each(FACTS)('%s', async (_what, script, ending) => {
    const failure = await run('bash', ['-c', script], { cwd: dir, timeout: 20_000 }).then(
      () => undefined,
      (err: unknown) => err,
    );
    const stderr = (failure as { stderr?: string } | undefined)?.stderr?.trimEnd() ?? '(bash succeeded)';
    expect(stderr.slice(-ending.length)).toBe(ending);
  });
});

describe('blockgraph export', () => {
  it('names the formats it has, and wants --node when the document has several roots (status 2)', async () => {
    const file = join(dir, 'doc.json');
    await writeFile(file, JSON.stringify(nullBacking()));
    const unknown = await cli(['export', file, '--to', 'vmx']);
    expect([unknown.status, unknown.stderr]).toEqual([
      2,
      'blockgraph: --to vmx is not a format; this build exports --to qmp|blockdev|drive|json-filename|cmdline|document\n',
    ]);
    const document = await cli(['export', file, '--to', 'document']);
    expect([document.status, JSON.parse(document.stdout)]).toEqual([0, nullBacking()]);
    expect((await cli(['export', file, '--to', 'json-filename'])).status).toBe(2);
    const one = await cli(['export', file, '--to', 'json-filename', '--node', 'n']);
    expect([one.status, one.stdout]).toEqual([0, `'json:{"driver":"null-co","node-name":"n","read-zeroes":true}'\n`]);
  });

  it('prints notes on stderr and the words on stdout', async () => {
    const file = join(dir, 'doc.json');
    await writeFile(file, JSON.stringify(nullBacking()));
    const { status, stdout, stderr } = await cli(['export', file, '--to', 'blockdev', '--dotted']);
    expect([status, stderr]).toEqual([
      0,
      `${file}: note: -blockdev 'q' is written as JSON: keyval cannot express null at 'backing'\n`,
    ]);
    expect(stdout).toMatch(
      /^-blockdev driver=null-co,node-name=n,read-zeroes=on \\\n {2}-blockdev '\{"driver":"qcow2"/,
    );
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toBlockdevArgs, toCommandLine, toJsonFilename, toQmpScript, type BlockdevForm } from '../../export/index.ts';
import { EXAMPLES, GraphBuilder } from '../../model/fixtures/index.ts';
import { formatDiagnostic, resolveDocument, type BlockGraph, type Result } from '../../model/index.ts';
import { main } from '../main.ts';
import { diffStructures, documentStructure, qemuStructure } from './compareGraph.ts';
import { diffResolved } from './compareResolved.ts';
import { readGraph, runCommandLine, runQmpScript, type QemuGraph } from './harness.ts';
import { prepareImages } from './images.ts';
import { QmpSession } from './qmpSession.ts';
import {
  driveArg,
  nullBacking,
  objectArgs,
  oddFileNames,
  randomDocuments,
  subtreeDocument,
  topLevel,
} from './randomDocuments.ts';

/**
 * Every export format, run in the real QEMU 7.2: accepted, and QEMU builds the document's nodes and
 * edges (compareGraph) with the options resolveDocument predicts (compareResolved).
 */
const run = promisify(execFile);
const FORMS: readonly BlockdevForm[] = ['json', 'dotted'];
const CASES: readonly (readonly [string, () => BlockGraph])[] = [
  ...EXAMPLES.map((e) => [`example ${e.id}`, e.build] as const),
  ['odd file names', oddFileNames],
  ['backing: null', nullBacking],
  ...randomDocuments(32, 20261126).map((d) => [d.name, d.build] as const),
];

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

async function checkQmp(doc: BlockGraph): Promise<void> {
  const result = await runQmpScript(unwrap(toQmpScript(doc)), { cwd: dir });
  expect(result.replies.flatMap((step) => (step.error ? [step.error.desc] : []))).toEqual([]);
  expectBuilt(doc, result);
}

/** The arguments as argv, on a PC when they hold devices (-machine none has no PCI bus, see FACTS). */
async function checkBlockdev(doc: BlockGraph, form: BlockdevForm): Promise<void> {
  const args = unwrap(toBlockdevArgs(doc, { form }));
  const machine = args.includes('-device') ? ['-machine', 'pc', '-S'] : [];
  expectBuilt(doc, await runCommandLine([...machine, ...args], { cwd: dir }));
}

/** The CLI's text: bash reads it back as toCommandLine's argv, and runs it. */
async function checkCmdline(doc: BlockGraph, form: BlockdevForm): Promise<void> {
  const file = join(dir, 'doc.blockgraph.json');
  await writeFile(file, JSON.stringify(doc));
  const { status, stdout } = await cli(['export', file, '--to', 'cmdline', ...(form === 'dotted' ? ['--dotted'] : [])]);
  expect(status).toBe(0);
  const echoed = await run('bash', ['-c', `set -- ${stdout}\nprintf '%s\\0' "$@"`]);
  expect(echoed.stdout.split('\0').slice(0, -1)).toEqual(unwrap(toCommandLine(doc, { form })));
  expectBuilt(doc, await runShellText(stdout));
}

/** `-drive file=json:…,if=none` per top-level node; one that references another node is refused. */
async function checkDriveJson(doc: BlockGraph): Promise<void> {
  for (const id of topLevel(doc)) {
    const name = toJsonFilename(doc, id);
    if (!name.ok) {
      expect(name.diagnostics.map((d) => d.code)).toEqual(['E401']);
      continue;
    }
    const args = [...objectArgs(doc, '-object'), '-drive', driveArg(doc, id, name.value)];
    expectBuilt(subtreeDocument(doc, id), await runCommandLine(args, { cwd: dir }));
  }
}

/** The json: filename as a qcow2 overlay's backing file name (`qemu-img create -b … -F <driver>`), opened by QEMU. */
async function checkBackingJson(doc: BlockGraph): Promise<void> {
  for (const id of topLevel(doc)) {
    const name = toJsonFilename(doc, id);
    const sub = subtreeDocument(doc, id);
    // A backing opens read-only, which copy-on-read refuses (qemuFacts.test.ts); a header holds 1023 bytes (FACTS).
    if (!name.ok || name.value.length > 1023 || Object.values(sub.nodes).some((n) => n.driver === 'copy-on-read'))
      continue;
    const backing = ['-b', name.value, '-F', doc.nodes[id]?.driver ?? ''];
    await run('qemu-img', ['create', '-q', '-f', 'qcow2', ...objectArgs(doc, '--object'), ...backing, 'ov.qcow2'], {
      cwd: dir,
    });
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

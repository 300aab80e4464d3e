import { describe, expect, it } from 'vitest';
import { formatQmpScript, toQmpScript, toRollbackScript, type QmpScriptOptions } from '../export/index.ts';
import { copyOnReadOverChain, seedSimpleTree, throttleWithGroup } from '../model/fixtures/index.ts';
import { formatDiagnostic, type BlockGraph, type QmpCommand, type Result } from '../model/index.ts';
import { cli, file } from './cliHarness.ts';

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return result.value;
}

async function documentFile(doc: BlockGraph): Promise<string> {
  return file('doc.blockgraph.json', JSON.stringify(doc));
}

function commandsOf(stdout: string): QmpCommand[] {
  return JSON.parse(stdout) as QmpCommand[];
}

/** The flags and the toQmpScript choice they stand for. */
const FLAGS: readonly (readonly [string[], QmpScriptOptions])[] = [
  [[], {}],
  [['--flat'], { layout: 'flat' }],
  [['--explicit'], { options: 'explicit' }],
  [['--minimal'], { options: 'minimal' }],
  [['--flat', '--explicit'], { layout: 'flat', options: 'explicit' }],
  [['--flat', '--minimal'], { layout: 'flat', options: 'minimal' }],
];

describe('blockgraph export --to qmp with --flat, --explicit, --minimal', () => {
  it.each(FLAGS)('%j prints the script of that variant', async (flags, choice) => {
    const doc = copyOnReadOverChain();
    const { status, stdout, stderr } = await cli(['export', await documentFile(doc), '--to', 'qmp', ...flags]);
    expect([status, stderr]).toEqual([0, '']);
    expect(stdout).toBe(formatQmpScript(unwrap(toQmpScript(doc, choice))));
  });

  it('--flat adds every node on its own, the unnamed one under a generated name', async () => {
    const { stdout } = await cli(['export', await documentFile(copyOnReadOverChain()), '--to', 'qmp', '--flat']);
    const added = commandsOf(stdout).map((c) => [c.execute, c.arguments?.['node-name']]);
    expect(added).toEqual([
      ['blockdev-add', 'top-file'],
      ['blockdev-add', 'base-file'],
      ['blockdev-add', 'base'],
      ['blockdev-add', 'top'],
      ['blockdev-add', 'cor0'],
    ]);
    // base-file was base's inline file: base is read-only, so it was too.
    expect(commandsOf(stdout)[1]?.arguments).toMatchObject({ 'read-only': true });
  });

  it('--explicit writes every generic option on every node; --minimal drops those given anyway', async () => {
    const doc = await documentFile(seedSimpleTree());
    const explicit = commandsOf((await cli(['export', doc, '--to', 'qmp', '--explicit'])).stdout);
    expect(explicit[0]?.arguments).toMatchObject({ 'read-only': false, backing: { 'read-only': true } });
    const minimal = commandsOf((await cli(['export', doc, '--to', 'qmp', '--minimal'])).stdout);
    expect(minimal[0]?.arguments?.['read-only']).toBeUndefined();
  });
});

describe('blockgraph export --to qmp --rollback', () => {
  it('prints the commands that undo the script: nodes last added first, then objects', async () => {
    const doc = await documentFile(throttleWithGroup());
    const { status, stdout } = await cli(['export', doc, '--to', 'qmp', '--rollback']);
    expect(status).toBe(0);
    expect(commandsOf(stdout)).toEqual([
      { execute: 'blockdev-del', arguments: { 'node-name': 'throttle0' } },
      { execute: 'blockdev-del', arguments: { 'node-name': 'disk0' } },
      { execute: 'object-del', arguments: { id: 'tg0' } },
    ]);
  });

  it('with --flat, deletes every node the flat script adds; --lines prints JSON lines', async () => {
    const doc = copyOnReadOverChain();
    const { stdout } = await cli(['export', await documentFile(doc), '--to', 'qmp', '--flat', '--rollback', '--lines']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line) as QmpCommand)).toEqual(
      unwrap(toRollbackScript(doc, { layout: 'flat' })),
    );
    expect(lines).toHaveLength(Object.keys(doc.nodes).length);
  });

  it('reads a QMP script as the state it leaves, and prints that state’s rollback', async () => {
    const lines = [
      { execute: 'object-add', arguments: { 'qom-type': 'throttle-group', id: 'tg0' } },
      { execute: 'blockdev-add', arguments: { driver: 'null-co', 'node-name': 'n0' } },
      {
        execute: 'blockdev-add',
        arguments: { driver: 'throttle', 'node-name': 't0', 'throttle-group': 'tg0', file: 'n0' },
      },
      { execute: 'blockdev-add', arguments: { driver: 'raw', 'node-name': 'r0', file: { driver: 'null-co' } } },
    ];
    const script = await file('setup.jsonl', lines.map((line) => JSON.stringify(line)).join('\n'));
    const { status, stdout, stderr } = await cli(['export', script, '--to', 'qmp', '--rollback']);
    expect([status, stderr]).toEqual([0, `${script}: read as QMP script (4 commands)\n`]);
    expect(commandsOf(stdout).map((c) => [c.execute, c.arguments?.['node-name'] ?? c.arguments?.id])).toEqual([
      ['blockdev-del', 'r0'],
      ['blockdev-del', 't0'],
      ['blockdev-del', 'n0'],
      ['object-del', 'tg0'],
    ]);
  });

  it('reports a document it cannot export with its diagnostics and status 1', async () => {
    const doc = seedSimpleTree();
    const cyclic = {
      ...doc,
      links: [...doc.links, { parent: 'backing', role: 'backing', child: 'disk', mode: 'reference' }],
    };
    const path = await file('cyclic.json', JSON.stringify(cyclic));
    const { status, stderr } = await cli(['export', path, '--to', 'qmp', '--rollback']);
    expect(status).toBe(1);
    expect(stderr).toContain('[E203]');
  });
});

describe('usage of the QMP flags', () => {
  it.each([['--flat'], ['--explicit'], ['--minimal'], ['--rollback']])(
    '%s with another format is a usage error (status 2)',
    async (flag) => {
      const doc = await documentFile(seedSimpleTree());
      const { status, stdout, stderr } = await cli(['export', doc, '--to', 'blockdev', flag]);
      expect([status, stdout, stderr]).toEqual([2, '', `blockgraph: ${flag} applies to --to qmp only\n`]);
    },
  );

  it('--explicit and --minimal together are a usage error', async () => {
    const doc = await documentFile(seedSimpleTree());
    const { status, stderr } = await cli(['export', doc, '--to', 'qmp', '--explicit', '--minimal']);
    expect([status, stderr]).toEqual([2, 'blockgraph: --explicit and --minimal exclude each other\n']);
  });

  it('--help lists the flags', async () => {
    const { status, stdout } = await cli(['--help']);
    expect(status).toBe(0);
    for (const flag of ['--flat', '--explicit|--minimal', '--rollback']) expect(stdout).toContain(`[${flag}]`);
  });
});

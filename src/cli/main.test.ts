import { afterEach, describe, expect, it, vi } from 'vitest';
import { qcow2Header, seedSimpleTree } from '../model/fixtures/index.ts';
import { cli, file, imageDir } from './cliHarness.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('blockgraph export --to qmp', () => {
  it('prints the document as a QMP script', async () => {
    const doc = await file('seed.blockgraph.json', JSON.stringify(seedSimpleTree()));
    const { status, stdout } = await cli(['export', doc, '--to', 'qmp']);
    expect(status).toBe(0);
    const commands = JSON.parse(stdout) as {
      execute: string;
      arguments: { driver: string };
    }[];
    expect(commands.map((c) => [c.execute, c.arguments.driver])).toEqual([['blockdev-add', 'qcow2']]);
  });

  it('prints JSON lines with --lines', async () => {
    const doc = await file('seed.blockgraph.json', JSON.stringify(seedSimpleTree()));
    const { stdout } = await cli(['export', doc, '--to', 'qmp', '--lines']);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { execute: string }).execute),
    ).toEqual(['blockdev-add']);
  });

  it('reports a broken document with line and column, and exits 1', async () => {
    const doc = await file('broken.json', '{"blockgraph": 1,\n "nodes": {"a": {"driver": "file",}}}');
    const { status, stderr } = await cli(['export', doc, '--to', 'qmp']);
    expect(status).toBe(1);
    expect(stderr).toContain('broken.json: error at 2:35: Not valid JSON');
  });

  it('refuses unknown formats, commands and missing files with a usage status', async () => {
    const doc = await file('seed.blockgraph.json', JSON.stringify(seedSimpleTree()));
    expect((await cli(['export', doc, '--to', 'vmx'])).status).toBe(2);
    expect((await cli(['frobnicate', doc])).status).toBe(2);
    expect((await cli(['export', '--to', 'qmp'])).status).toBe(2);
    const missing = await cli(['export', '/no/such/file.json', '--to', 'qmp']);
    expect([missing.status, missing.stderr]).toEqual([1, 'blockgraph: cannot read /no/such/file.json: ENOENT\n']);
  });
});

describe('blockgraph validate', () => {
  it('exits 0 for a valid document and 1 with located diagnostics otherwise', async () => {
    const good = await file('good.json', JSON.stringify(seedSimpleTree()));
    expect((await cli(['validate', good])).status).toBe(0);
    const bad = await file(
      'bad.json',
      JSON.stringify({
        blockgraph: 1,
        nodes: { a: { driver: 'file', name: 'a' } },
      }),
    );
    const result = await cli(['validate', bad]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "bad.json: error in node 'a' at filename: Parameter 'filename' is missing [E304]\n".replace('bad.json', bad),
    );
  });
});

describe('blockgraph resolve', () => {
  it('prints every node with its effective options in QEMU field names', async () => {
    // resolve reads images from the current directory, as qemu-storage-daemon started there would.
    vi.spyOn(process, 'cwd').mockReturnValue(
      await imageDir({ 'disk.qcow2': qcow2Header(), 'backing.qcow2': qcow2Header() }),
    );
    const doc = await file('seed.json', JSON.stringify(seedSimpleTree()));
    const { status, stdout } = await cli(['resolve', doc]);
    expect(status).toBe(0);
    const resolved = JSON.parse(stdout) as {
      error: null;
      nodes: { 'node-name': string; ro: boolean }[];
      edges: unknown[];
    };
    expect(resolved.error).toBeNull();
    expect(resolved.nodes.map((n) => [n['node-name'], n.ro])).toEqual([
      ['disk', false],
      ['disk-file', false],
      ['backing', true],
      ['backing-file', true],
    ]);
    expect(resolved.edges).toContainEqual({
      parent: 'disk',
      child: 'backing',
      name: 'backing',
      perm: [],
      'shared-perm': ['consistent-read', 'resize', 'write', 'write-unchanged'],
    });
  });

  it('prints the error and exits 1 for a document QEMU would refuse', async () => {
    const bad = await file(
      'bad.json',
      JSON.stringify({
        blockgraph: 1,
        nodes: { a: { driver: 'file', name: 'a' } },
      }),
    );
    const { status, stdout } = await cli(['resolve', bad]);
    expect(status).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      error: "Parameter 'filename' is missing",
      nodes: [],
      edges: [],
    });
  });
});

describe('blockgraph resolve of a QMP script', () => {
  it('prints the final state after a refused command, with its error, and exits 1', async () => {
    const script = [
      '{"execute": "qmp_capabilities"}',
      '{"execute": "blockdev-add", "arguments": {"driver": "null-co", "node-name": "a", "cache": {"direct": true}}}',
      '{"execute": "blockdev-add", "arguments": {"driver": "raw", "node-name": "r", "file": "missing"}}',
      '{"execute": "blockdev-add", "arguments": {"driver": "raw", "node-name": "r2", "file": "a"}}',
    ].join('\n');
    const { status, stdout } = await cli(['resolve', await file('script.jsonl', script)]);
    expect(status).toBe(1);
    const resolved = JSON.parse(stdout) as {
      error: string;
      nodes: { 'node-name': string }[];
      edges: unknown[];
    };
    expect(resolved.error).toBe("Cannot find device='missing' nor node-name='missing'");
    expect(resolved.nodes.map((n) => n['node-name']).sort()).toEqual(['a', 'r2']);
    expect(resolved.edges).toEqual([
      {
        parent: 'r2',
        child: 'a',
        name: 'file',
        perm: [],
        'shared-perm': ['consistent-read', 'resize', 'write', 'write-unchanged'],
      },
    ]);
  });

  it('reports a broken script with line and column', async () => {
    const { status, stderr } = await cli(['resolve', await file('bad.json', '[\n  {"execute": "blockdev-add",}\n]')]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/bad\.json: error at 2:\d+: /);
  });
});

describe('blockgraph validate with QEMU rules', () => {
  it('reports what QEMU refuses, in its words, at the node', async () => {
    const doc = {
      blockgraph: 1,
      nodes: {
        t: {
          driver: 'throttle',
          name: 't',
          options: { 'throttle-group': 'tg9' },
        },
        n: { driver: 'null-co', name: 'n' },
      },
      links: [{ parent: 't', role: 'file', child: 'n', mode: 'inline' }],
    };
    const path = await file('t.json', JSON.stringify(doc));
    const { status, stderr } = await cli(['validate', path]);
    expect(status).toBe(1);
    expect(stderr).toBe(`${path}: error in node 't' at throttle-group: Throttle group 'tg9' does not exist [E500]\n`);
  });
});

describe('blockgraph resolve of a command line', () => {
  it('prints the graph of -drive with its BlockBackend and effective cache options', async () => {
    const path = await file('cmd.txt', 'qemu-system-x86_64 \\\n  -drive if=none,id=d0,driver=null-co,cache=none\n');
    const { status, stdout } = await cli(['resolve', path]);
    expect(status).toBe(0);
    const resolved = JSON.parse(stdout) as {
      nodes: { 'node-name': string; type: string; cache?: { direct: boolean } }[];
    };
    expect(resolved.nodes).toContainEqual(expect.objectContaining({ 'node-name': 'd0', type: 'block-backend' }));
    expect(resolved.nodes.find((n) => n.type === 'block-driver')?.cache?.direct).toBe(true);
  });

  it('prints only the error when QEMU would refuse to start', async () => {
    const path = await file('cmd.txt', '-drive if=none,file=missing.qcow2');
    const { status, stdout } = await cli(['resolve', path]);
    expect(status).toBe(1);
    expect(JSON.parse(stdout)).toEqual({ error: "Could not open 'missing.qcow2': No such file or directory" });
  });
});

describe('blockgraph export of a QMP script', () => {
  it('imports the script as the state it leaves and prints it as a document', async () => {
    const script =
      '{"execute": "blockdev-add", "arguments": {"driver": "raw", "node-name": "r", "file": {"driver": "null-co"}}}';
    const { status, stdout } = await cli(['export', await file('s.jsonl', script), '--to', 'document']);
    expect(status).toBe(0);
    const doc = JSON.parse(stdout) as {
      blockgraph: number;
      nodes: Record<string, { driver: string }>;
      links: unknown[];
    };
    expect(doc.blockgraph).toBe(1);
    expect(Object.values(doc.nodes).map((n) => n.driver)).toEqual(['raw', 'null-co']);
    expect(doc.links).toEqual([{ parent: 'r', role: 'file', child: 'null-co-1', mode: 'inline' }]);
  });

  it('refuses to import a script QEMU would refuse part of, naming the command and argument', async () => {
    const script = '[{"execute": "blockdev-add", "arguments": {"driver": "raw", "node-name": "r", "file": "x"}}]';
    const path = await file('s.json', script);
    const { status, stderr } = await cli(['export', path, '--to', 'qmp']);
    expect(status).toBe(1);
    expect(stderr).toBe(
      `${path}: read as QMP script (1 command)\n${path}: error at [0].arguments.file: Cannot find device='x' nor node-name='x' [E500]\n`,
    );
  });
});

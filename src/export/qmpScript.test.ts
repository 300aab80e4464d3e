import { describe, expect, it } from 'vitest';
import type { BlockGraph } from '../model/index.ts';
import { copyOnReadOverChain, quorumOfThree, seedSimpleTree, throttleWithGroup } from '../model/fixtures/index.ts';
import { formatQmpScript, toQmpScript, type QmpCommand } from './qmpScript.ts';

function script(graph: BlockGraph): QmpCommand[] {
  const result = toQmpScript(graph);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return result.value;
}

describe('toQmpScript', () => {
  it('nests inline children in one blockdev-add', () => {
    expect(formatQmpScript(script(seedSimpleTree()))).toMatchInlineSnapshot(`
      "[
        {"execute":"blockdev-add","arguments":{"driver":"qcow2","node-name":"disk","file":{"driver":"file","node-name":"disk-file","filename":"disk.qcow2"},"backing":{"driver":"qcow2","node-name":"backing","file":{"driver":"file","node-name":"backing-file","filename":"backing.qcow2"}}}}
      ]
      "
    `);
  });

  it('adds objects first and referenced nodes before the nodes that name them', () => {
    const commands = script(throttleWithGroup());
    expect(commands.map((c) => [c.execute, c.arguments?.id ?? c.arguments?.['node-name']])).toEqual([
      ['object-add', 'tg0'],
      ['blockdev-add', 'disk0'],
      ['blockdev-add', 'throttle0'],
    ]);
    expect(commands[2]?.arguments?.file).toBe('disk0');
  });

  it('writes list children in index order, mixing definitions and references', () => {
    const quorum = script(quorumOfThree()).at(-1)?.arguments?.file as { children: unknown[] };
    expect(quorum.children.slice(1)).toEqual(['qc1', 'qc2']);
    expect(quorum.children[0]).toMatchObject({ driver: 'qcow2', 'node-name': 'qc0', file: 'file0', backing: 'back0' });
  });

  it('leaves out the node-name of unnamed nodes so that QEMU names them', () => {
    const base = script(copyOnReadOverChain())[0]?.arguments;
    expect(base?.file).toEqual({ driver: 'file', filename: 'base.qcow2' });
  });

  it('refuses a cycle and a reference to an unnamed node', () => {
    const doc = seedSimpleTree();
    const cyclic: BlockGraph = {
      ...doc,
      links: [...doc.links, { parent: 'backing', role: 'backing', child: 'disk', mode: 'reference' }],
    };
    expect(toQmpScript(cyclic)).toMatchObject({ ok: false, diagnostics: [{ code: 'E203' }] });
    const unnamed: BlockGraph = {
      ...doc,
      nodes: { ...doc.nodes, 'disk-file': { id: 'disk-file', driver: 'file', options: { filename: 'd' } } },
      links: doc.links.map((l) => (l.child === 'disk-file' ? { ...l, mode: 'reference' as const } : l)),
    };
    expect(toQmpScript(unnamed)).toMatchObject({ ok: false, diagnostics: [{ code: 'E205', node: 'disk' }] });
  });

  it('formats JSON lines too', () => {
    expect(formatQmpScript([{ execute: 'quit' }], 'lines')).toBe('{"execute":"quit"}\n');
  });
});

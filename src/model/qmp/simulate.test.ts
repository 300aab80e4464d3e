import { describe, expect, it } from 'vitest';
import { emptyGraph, type BlockGraph } from '../document.ts';
import { graph } from '../fixtures/builder.ts';
import type { JsonObject } from '../json.ts';
import { simulateQmp } from './simulate.ts';
import type { QmpCommand } from './types.ts';

const add = (args: JsonObject): QmpCommand => ({ execute: 'blockdev-add', arguments: args });
const nul = (name: string): QmpCommand => add({ driver: 'null-co', 'node-name': name });
const del = (name: string): QmpCommand => ({ execute: 'blockdev-del', arguments: { 'node-name': name } });
const objectAdd = (qomType: string, id: string, props: JsonObject = {}): QmpCommand => ({
  execute: 'object-add',
  arguments: { 'qom-type': qomType, id, ...props },
});

/** Each reply as `ok` or its error text. */
function run(commands: QmpCommand[], start: BlockGraph = emptyGraph()) {
  const { graph: end, replies } = simulateQmp(start, commands);
  return { end, verdicts: replies.map((r) => ('error' in r ? r.error.desc : 'ok')) };
}

describe('simulateQmp: commands and replies', () => {
  it('runs every command; a failing one changes nothing', () => {
    const { end, verdicts } = run([nul('a'), add({ driver: 'raw', 'node-name': 'r', file: 'zz' }), nul('b')]);
    expect(verdicts).toEqual(['ok', "Cannot find device='zz' nor node-name='zz'", 'ok']);
    expect(Object.keys(end.nodes)).toEqual(['a', 'b']);
  });

  it('answers unknown commands and a second qmp_capabilities with CommandNotFound', () => {
    const { replies } = simulateQmp(emptyGraph(), [{ execute: 'nope' }, { execute: 'qmp_capabilities' }]);
    expect(replies).toEqual([
      { error: { class: 'CommandNotFound', desc: 'The command nope has not been found' } },
      { error: { class: 'CommandNotFound', desc: 'Capabilities negotiation is already complete, command ignored' } },
    ]);
  });

  it('says NotSimulated for a real command it cannot predict', () => {
    const { replies } = simulateQmp(emptyGraph(), [
      { execute: 'query-named-block-nodes' },
      objectAdd('iothread', 'io0'),
    ]);
    expect(replies.map((r) => ('error' in r ? r.error.class : 'ok'))).toEqual(['NotSimulated', 'NotSimulated']);
  });

  it('checks the arguments of commands against the schema', () => {
    expect(
      run([{ execute: 'blockdev-del' }, { execute: 'blockdev-del', arguments: { 'node-name': 5 } }]).verdicts,
    ).toEqual(["Parameter 'node-name' is missing", "Invalid parameter type for 'node-name', expected: string"]);
  });
});

describe('simulateQmp: blockdev-del', () => {
  it('deletes a top-level node with its inline children', () => {
    const { end, verdicts } = run([
      add({ driver: 'raw', 'node-name': 'r', file: { driver: 'null-co', 'node-name': 'n' } }),
      del('r'),
    ]);
    expect(verdicts).toEqual(['ok', 'ok']);
    expect(end.nodes).toEqual({});
    expect(end.links).toEqual([]);
  });

  it('refuses what QEMU refuses, in its order', () => {
    const { verdicts } = run([
      nul('n'),
      add({ driver: 'raw', 'node-name': 'r', file: 'n' }),
      add({ driver: 'raw', 'node-name': 's', file: { driver: 'null-co', 'node-name': 'inner' } }),
      del('zz'),
      del('n'),
      del('inner'),
    ]);
    expect(verdicts.slice(3)).toEqual([
      "Failed to find node with node-name='zz'",
      'Block device n is in use',
      'Node inner is not owned by the monitor',
    ]);
  });
});

describe('simulateQmp: blockdev-del of nodes in use', () => {
  it('refuses a backing node, naming its newest backing parent', () => {
    const start = graph()
      .node('b', 'qcow2')
      .node('o', 'qcow2')
      .node('p', 'qcow2')
      .ref('o', 'backing', 'b')
      .ref('p', 'backing', 'b')
      .build();
    expect(run([del('b')], start).verdicts).toEqual(["Node 'b' is busy: node is used as backing hd of 'p'"]);
  });

  it('refuses a node a frontend uses', () => {
    const start = graph().node('n', 'null-co').frontend('disk', 'virtio-blk-pci', 'n').build();
    expect(run([del('n')], start).verdicts).toEqual(['Node n is in use']);
  });

  it('keeps an inline child another node references, with what it inherited, and never gives it to the monitor', () => {
    const { end, verdicts } = run([
      add({ driver: 'raw', 'node-name': 'q', 'read-only': true, file: { driver: 'null-co', 'node-name': 'pf' } }),
      add({ driver: 'raw', 'node-name': 'r', file: 'pf' }),
      del('q'),
      del('pf'),
    ]);
    expect(verdicts).toEqual(['ok', 'ok', 'ok', 'Node pf is not owned by the monitor']);
    expect(end.nodes['pf']?.options).toMatchObject({ 'read-only': true, discard: 'unmap' });
  });

  it('drops an orphan with its last parent', () => {
    const { end } = run([
      add({ driver: 'raw', 'node-name': 'q', file: { driver: 'null-co', 'node-name': 'pf' } }),
      add({ driver: 'raw', 'node-name': 'r', file: 'pf' }),
      del('q'),
      del('r'),
    ]);
    expect(end.nodes).toEqual({});
  });
});

describe('simulateQmp: blockdev-snapshot', () => {
  const start = (): QmpCommand[] => [
    add({ driver: 'qcow2', 'node-name': 'b', file: { driver: 'file', filename: 'b.qcow2' } }),
    add({ driver: 'raw', 'node-name': 'r', file: 'b' }),
    add({ driver: 'qcow2', 'node-name': 'o', file: { driver: 'file', filename: 'o.qcow2' }, backing: null }),
  ];
  const snapshot = (node: string, overlay: string): QmpCommand => ({
    execute: 'blockdev-snapshot',
    arguments: { node, overlay },
  });

  it('moves the parents to the overlay and makes the node read-only', () => {
    const { end, verdicts } = run([...start(), snapshot('b', 'o'), snapshot('b', 'o')]);
    expect(verdicts.slice(3)).toEqual(['ok', "Node 'b' is busy: node is used as backing hd of 'o'"]);
    expect(end.links).toContainEqual({ parent: 'r', role: 'file', child: 'o', mode: 'reference' });
    expect(end.links).toContainEqual({ parent: 'o', role: 'backing', child: 'b', mode: 'reference' });
    expect(end.nodes['b']?.options['read-only']).toBe(true);
    expect(end.nodes['o']?.options).toEqual({});
  });

  it('refuses unsuitable overlays', () => {
    const named = add({
      driver: 'qcow2',
      'node-name': 'p',
      file: { driver: 'file', filename: 'p.qcow2', 'node-name': 'pf' },
    });
    const { verdicts } = run([
      ...start(),
      named,
      snapshot('zz', 'o'),
      snapshot('b', 'r'),
      snapshot('b', 'pf'),
      snapshot('b', 'b'),
    ]);
    expect(verdicts.slice(4)).toEqual([
      "Cannot find device='zz' nor node-name='zz'",
      'The overlay does not support backing images',
      'The overlay is already in use',
      "Making 'b' a backing child of 'b' would create a cycle",
    ]);
  });
});

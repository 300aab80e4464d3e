import { describe, expect, it } from 'vitest';
import { emptyGraph, type BlockGraph } from '../document.ts';
import { resolveOptions } from '../inherit/resolveOptions.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { livePins } from './reopenPins.ts';
import { simulateQmp } from './simulate.ts';
import type { QmpCommand } from './types.ts';

const add = (args: JsonObject): QmpCommand => ({ execute: 'blockdev-add', arguments: args });
const reopen = (entry: JsonObject): QmpCommand => ({ execute: 'blockdev-reopen', arguments: { options: [entry] } });
const s = (extra: JsonObject = {}): JsonObject => ({ driver: 'raw', 'node-name': 's', file: 'sf', ...extra });
const addS = (extra: JsonObject = {}) => add({ ...s(extra), file: { driver: 'null-co', 'node-name': 'sf' } });

/** sf's read-only and cache.direct after the script (values checked against qemu-storage-daemon 7.2). */
function sfAfter(script: QmpCommand[]): [unknown, unknown] {
  const { graph, replies } = simulateQmp(emptyGraph(), script);
  expect(replies.every((r) => 'return' in r)).toBe(true);
  const sf = resolveOptions(graph).get('sf');
  return [sf?.['read-only'].value, sf?.['cache.direct'].value];
}

describe('blockdev-reopen: what an inline child kept gives way to what its parent passes later', () => {
  it('a kept cache.direct stays while a later read-only reaches the child', () => {
    const direct = { cache: { direct: true } };
    expect(sfAfter([addS(), reopen(s(direct)), reopen(s({ 'read-only': true }))])).toEqual([true, true]);
  });

  it('a value kept twice still gives way to the parent passing the option', () => {
    const script = [addS({ 'read-only': true }), reopen(s()), reopen(s()), reopen(s({ 'read-only': false }))];
    expect(sfAfter(script)).toEqual([false, false]);
  });

  it('the child reopened on its own starts from the defaults, not from its parent', () => {
    const sf = reopen({ driver: 'null-co', 'node-name': 'sf' });
    expect(sfAfter([addS({ 'read-only': true, cache: { direct: true } }), sf])).toEqual([false, false]);
  });

  it('an option the parent passes again is inherited, no longer held by the child', () => {
    const script = [addS({ 'read-only': true }), reopen(s()), reopen(s({ 'read-only': false }))];
    const { graph } = simulateQmp(emptyGraph(), script);
    expect(graph.nodes.sf?.options['read-only']).toBeUndefined();
    expect(resolveOptions(graph).get('sf')?.['read-only'].origin).toEqual({
      kind: 'inherited',
      from: 's',
      role: 'file',
    });
  });
});

const names = (graph: BlockGraph) => Object.values(graph.nodes).map((n) => n.name);
const overlay = add({
  driver: 'qcow2',
  'node-name': 'o',
  file: { driver: 'file', 'node-name': 'of', filename: 'o.qcow2' },
  backing: null,
});

describe('blockdev-reopen: what a node holds after a reopen is what it passes on (values as in qemu-storage-daemon 7.2)', () => {
  it('a child reopened as a dict holds no cache.direct, so its own child named by reference keeps its value', () => {
    const m = (file: JsonValue): JsonObject => ({ driver: 'raw', 'node-name': 'm', file });
    const top = (file: JsonValue, extra: JsonObject = {}) => ({ driver: 'raw', 'node-name': 's', file, ...extra });
    const script = [
      add(
        top({ ...m({ driver: 'null-co', 'node-name': 'sf' }), cache: { direct: true } }, { cache: { direct: false } }),
      ),
      reopen(top(m('sf'))),
      reopen(top('m')),
    ];
    const { graph } = simulateQmp(emptyGraph(), script);
    const effective = resolveOptions(graph);
    expect(effective.get('m')?.['cache.direct'].value).toBe(false);
    expect(effective.get('sf')?.['cache.direct'].value).toBe(true);
  });

  it('a node below an inline child swapped in inherits from the new parent; the child is freed', () => {
    const script = [
      add(s({ file: { driver: 'raw', 'node-name': 'm', file: { driver: 'null-co', 'node-name': 'sf' } } })),
      reopen(s()),
      reopen(s({ 'read-only': true })),
    ];
    const { graph } = simulateQmp(emptyGraph(), script);
    expect(names(graph).sort()).toEqual(['s', 'sf']);
    expect(graph.links).toEqual([{ parent: 's', role: 'file', child: 'sf', mode: 'inline' }]);
    expect(resolveOptions(graph).get('sf')?.['read-only'].origin).toEqual({
      kind: 'inherited',
      from: 's',
      role: 'file',
    });
  });

  it('a snapshotted inline child swapped back keeps its values until the next reopen, then inherits', () => {
    const direct = { cache: { direct: true } };
    const before = [addS(), overlay, { execute: 'blockdev-snapshot', arguments: { node: 'sf', overlay: 'o' } }];
    const once = simulateQmp(emptyGraph(), [...before, reopen(s(direct))]);
    expect(resolveOptions(once.graph).get('sf')?.['cache.direct'].value).toBe(false);
    const twice = simulateQmp(emptyGraph(), [...before, reopen(s(direct)), reopen(s(direct))]);
    expect(resolveOptions(twice.graph).get('sf')?.['cache.direct'].value).toBe(true);
    expect(resolveOptions(twice.graph).get('sf')?.['read-only'].value).toBe(true);
  });

  it('backing null frees an inline backing with its file', () => {
    const q = (backing: JsonValue): JsonObject => ({ driver: 'qcow2', 'node-name': 'q', file: 'qf', backing });
    const file = (name: string) => ({ driver: 'file', 'node-name': name, filename: `${name}.qcow2` });
    const backing = { driver: 'qcow2', 'node-name': 'b', file: file('bf') };
    const { graph, replies } = simulateQmp(emptyGraph(), [add({ ...q(backing), file: file('qf') }), reopen(q(null))]);
    expect(replies.every((r) => 'return' in r)).toBe(true);
    expect(names(graph).sort()).toEqual(['q', 'qf']);
  });
});

describe('livePins', () => {
  it('drops the entries of nodes gone, and a former parent that is gone', () => {
    const { graph } = simulateQmp(emptyGraph(), [addS()]);
    const pins = new Map([
      ['s', { pinned: new Set(['read-only' as const]), inheritsFrom: 'gone' }],
      ['sf', { pinned: new Set<never>(), inheritsFrom: 'gone' }],
      ['gone', { pinned: new Set<never>(), holds: new Set<never>() }],
    ]);
    expect(livePins(pins, graph)).toEqual(new Map([['s', { pinned: new Set(['read-only']) }]]));
  });
});

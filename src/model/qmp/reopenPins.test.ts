import { describe, expect, it } from 'vitest';
import { emptyGraph } from '../document.ts';
import { resolveOptions } from '../inherit/resolveOptions.ts';
import type { JsonObject } from '../json.ts';
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

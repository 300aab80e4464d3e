import { describe, expect, it } from 'vitest';
import { emptyGraph, type BlockGraph } from '../document.ts';
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
const objectDel = (id: string): QmpCommand => ({ execute: 'object-del', arguments: { id } });

/** Each reply as `ok` or its error text. */
function run(commands: QmpCommand[], start: BlockGraph = emptyGraph()) {
  const { graph: end, replies } = simulateQmp(start, commands);
  return { end, verdicts: replies.map((r) => ('error' in r ? r.error.desc : 'ok')) };
}

describe('simulateQmp: objects', () => {
  it('adds and deletes a throttle-group; a throttle node keeps it in use', () => {
    const { end, verdicts } = run([
      objectAdd('throttle-group', 'tg', { limits: { 'iops-total': 100 } }),
      add({ driver: 'throttle', 'node-name': 't', 'throttle-group': 'tg', file: { driver: 'null-co' } }),
      objectDel('tg'),
      del('t'),
      objectDel('tg'),
      objectDel('tg'),
    ]);
    expect(verdicts).toEqual([
      'ok',
      'ok',
      "object 'tg' is in use, can not be deleted",
      'ok',
      'ok',
      "object 'tg' not found",
    ]);
    expect(end.objects).toEqual({});
  });

  it('keeps object ids apart from node-names: a node whose id is taken gets another id', () => {
    const { end, verdicts } = run([nul('x'), objectAdd('throttle-group', 'x')]);
    expect(verdicts).toEqual(['ok', 'ok']);
    expect(end.objects['x']).toEqual({ id: 'x', qomType: 'throttle-group', props: {} });
    expect(Object.values(end.nodes).map((n) => n.name)).toEqual(['x']);
  });
});

describe('simulateQmp: objects QEMU refuses', () => {
  it.each([
    [objectAdd('throttle-group', '1x'), "Parameter 'id' expects an identifier"],
    [
      objectAdd('throttle-group', 't', { limits: { 'iops-total': 1, 'iops-read': 1 } }),
      'bps/iops/max total values and read/write values cannot be used at the same time',
    ],
    [
      objectAdd('throttle-group', 't', { limits: { 'bps-total-max': 5 } }),
      'bps_max/iops_max require corresponding bps/iops values',
    ],
    [objectAdd('throttle-group', 't', { limits: { 'iops-size': 512 } }), 'iops size requires an iops value to be set'],
    [
      objectAdd('throttle-group', 't', { 'x-iops-read-max-length': 4294967296 }),
      'x-iops-read-max-length value must be in therange [0, 4294967295]',
    ],
    [objectAdd('throttle-group', 't', { limits: { bogus: 1 } }), "Parameter 'limits.bogus' is unexpected"],
    [objectAdd('secret', 's'), "Either 'file' or 'data' must be provided"],
    [objectAdd('secret', 's', { data: 'a', file: 'f' }), "'file' and 'data' are mutually exclusive"],
    [objectAdd('secret', 's', { data: 'a b', format: 'base64' }), 'Base64 data contains invalid characters'],
    [objectAdd('secret', 's', { data: 'a', keyid: 'm' }), "No secret with id 'm'"],
    [objectAdd('foo', 'f'), "Parameter 'qom-type' does not accept value 'foo'"],
    [objectDel('nope'), "object 'nope' not found"],
  ])('%j → %s', (command, error) => {
    expect(run([command]).verdicts).toEqual([error]);
  });
});

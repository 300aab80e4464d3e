import { describe, expect, it } from 'vitest';
import { graph } from '../model/fixtures/index.ts';
import { emptyGraph, simulateQmp, type JsonObject } from '../model/index.ts';
import { checkDocument } from './qemuVerdict.ts';
import { argumentOfRefusal, scriptRefusal } from './refusalSite.ts';

/** QEMU's refusal of a lone blockdev-add, as the simulation (checked against QEMU elsewhere) words it. */
function refusalOf(args: JsonObject): string {
  const [reply] = simulateQmp(emptyGraph(), [{ execute: 'blockdev-add', arguments: args }]).replies;
  if (reply === undefined || !('error' in reply)) throw new Error(`accepted: ${JSON.stringify(args)}`);
  return reply.error.desc;
}

describe('argumentOfRefusal', () => {
  it.each<[string, JsonObject, string]>([
    [
      'a wrong type deep down, named by its dotted path',
      { driver: 'qcow2', 'node-name': 'q', file: { driver: 'file', filename: 'a', cache: { direct: 'x' } } },
      'file.cache.direct',
    ],
    [
      'an enum value QEMU names without the key path',
      { driver: 'qcow2', 'node-name': 'q', file: { driver: 'file', filename: 'a', aio: 'bogus' } },
      'file.aio',
    ],
    [
      'a bad driver in a list item, not the top driver',
      { driver: 'quorum', 'node-name': 'q', 'vote-threshold': 1, children: [{ driver: 'null-co' }, { driver: 'x' }] },
      'children.1.driver',
    ],
    ['a missing member', { driver: 'quorum', 'node-name': 'q', children: [{ driver: 'null-co' }] }, 'vote-threshold'],
    [
      'a value the message quotes',
      {
        driver: 'raw',
        'node-name': 'r',
        file: { driver: 'throttle', 'throttle-group': 'tg', file: { driver: 'null-co' } },
      },
      'file.throttle-group',
    ],
    ['a reference that does not resolve', { driver: 'raw', 'node-name': 'r', file: 'nope' }, 'file'],
  ])('%s', (_name, args, expected) => {
    expect(argumentOfRefusal(args, refusalOf(args))?.join('.')).toBe(expected);
  });

  it('is undefined when the message quotes nothing of the arguments', () => {
    const args = { driver: 'raw', 'node-name': 'r', file: { driver: 'null-co', 'force-share': true } };
    expect(argumentOfRefusal(args, refusalOf(args))).toBeUndefined();
  });

  it('does not take a quoted word for a key the arguments lack', () => {
    expect(argumentOfRefusal({ driver: 'raw' }, "which does not allow 'write' on 'x'")).toBeUndefined();
  });
});

describe('scriptRefusal', () => {
  it('points into the arguments of the refused command', () => {
    const commands = [{ execute: 'blockdev-add', arguments: { driver: 'raw', 'node-name': 'r', file: 'nope' } }];
    expect(scriptRefusal(commands, 0, "Cannot find device='nope' nor node-name='nope'")).toMatchObject({
      code: 'E500',
      path: '[0].arguments.file',
    });
  });
});

describe('checkDocument pins QEMU refusals to node and option', () => {
  it('follows inline children to the node that holds the option', () => {
    const doc = graph()
      .node('r', 'raw')
      .node('t', 'throttle', { 'throttle-group': 'tg9' }, { name: null })
      .node('n', 'null-co', {}, { name: null })
      .child('r', 'file', 't')
      .child('t', 'file', 'n')
      .build();
    expect(checkDocument(doc)).toEqual([expect.objectContaining({ code: 'E500', node: 't', path: 'throttle-group' })]);
  });

  it('names the node alone when QEMU names no option', () => {
    const doc = graph()
      .node('r', 'raw')
      .node('n', 'null-co', { 'force-share': true }, { name: null })
      .child('r', 'file', 'n')
      .build();
    expect(checkDocument(doc)).toEqual([
      { code: 'E500', severity: 'error', node: 'r', message: 'force-share=on can only be used with read-only images' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { emptyGraph, type BlockGraph } from '../document.ts';
import { graph } from '../fixtures/builder.ts';
import type { JsonObject } from '../json.ts';
import { addBlockdev } from './addBlockdev.ts';

function added(before: BlockGraph, args: JsonObject): BlockGraph {
  const result = addBlockdev(before, args);
  if ('error' in result) throw new Error(result.error);
  return result.graph;
}

function refusal(before: BlockGraph, args: JsonObject): string {
  const result = addBlockdev(before, args);
  if (!('error' in result)) throw new Error('expected QEMU to refuse');
  return result.error;
}

const withNull = graph().node('n0', 'null-co').build();
const withGroup = graph().object('tg', 'throttle-group').build();

describe('addBlockdev: what QEMU opens becomes document nodes', () => {
  it('adds a top-level node named by its node-name', () => {
    const g = added(emptyGraph(), { driver: 'null-co', 'node-name': 'n0', size: 512 });
    expect(g.nodes).toEqual({ n0: { id: 'n0', driver: 'null-co', name: 'n0', options: { size: 512 } } });
    expect(g.links).toEqual([]);
  });

  it('defines nested objects inline; an unnamed one gets a fresh id and no node-name', () => {
    const g = added(emptyGraph(), { driver: 'raw', 'node-name': 'r', 'read-only': true, file: { driver: 'null-co' } });
    expect(g.nodes['r']?.options).toEqual({ 'read-only': true });
    expect(g.nodes['null-co-1']).toEqual({ id: 'null-co-1', driver: 'null-co', options: {} });
    expect(g.links).toEqual([{ parent: 'r', role: 'file', child: 'null-co-1', mode: 'inline' }]);
  });

  it('links a string child by reference to the node with that node-name', () => {
    const g = added(withNull, { driver: 'raw', 'node-name': 'r', file: 'n0' });
    expect(g.links).toEqual([{ parent: 'r', role: 'file', child: 'n0', mode: 'reference' }]);
  });

  it('numbers list children, inline and referenced, in order', () => {
    const args = {
      driver: 'quorum',
      'node-name': 'q',
      'vote-threshold': 1,
      children: [{ driver: 'null-co', 'node-name': 'c0' }, 'n0', 'c0'],
    };
    expect(added(withNull, args).links).toEqual([
      { parent: 'q', role: 'children.0', child: 'c0', mode: 'inline' },
      { parent: 'q', role: 'children.1', child: 'n0', mode: 'reference' },
      { parent: 'q', role: 'children.2', child: 'c0', mode: 'reference' },
    ]);
  });
});

describe('addBlockdev: options, ids and what QEMU accepts', () => {
  it('keeps backing: null as an option', () => {
    const g = added(emptyGraph(), {
      driver: 'qcow2',
      'node-name': 'q',
      file: { driver: 'file', filename: 'q.qcow2' },
      backing: null,
    });
    expect(g.nodes['q']?.options).toEqual({ backing: null });
  });

  it('gives a node another document id when its node-name is taken as an id', () => {
    const g = added(withGroup, { driver: 'null-co', 'node-name': 'tg' });
    expect(g.nodes['tg-1']).toEqual({ id: 'tg-1', driver: 'null-co', name: 'tg', options: {} });
  });

  it('accepts detect-zeroes=unmap in a child: children are opened with discard=unmap', () => {
    expect(
      added(emptyGraph(), { driver: 'raw', 'node-name': 'r', file: { driver: 'null-co', 'detect-zeroes': 'unmap' } }),
    ).toBeDefined();
  });

  it('accepts force-share on a read-only node and on what inherits read-only', () => {
    const args = {
      driver: 'raw',
      'node-name': 'r',
      'read-only': true,
      file: { driver: 'null-co', 'force-share': true },
    };
    expect(added(emptyGraph(), args)).toBeDefined();
  });

  it('leaves the document untouched when QEMU refuses', () => {
    const before = graph().node('n0', 'null-co').build();
    refusal(before, { driver: 'raw', 'node-name': '1r', file: { driver: 'null-co', 'node-name': 'child' } });
    expect(before).toEqual(graph().node('n0', 'null-co').build());
  });
});

describe('addBlockdev: QAPI errors, in schema order', () => {
  it.each([
    [
      { driver: 'null-co', 'node-name': 'a', 'read-only': 1 },
      "Invalid parameter type for 'read-only', expected: boolean",
    ],
    [{ driver: 'null-co', 'node-name': 'a', size: 'big' }, "Invalid parameter type for 'size', expected: integer"],
    [
      { driver: 'null-co', 'node-name': 'a', cache: { direct: 'x' } },
      "Invalid parameter type for 'cache.direct', expected: boolean",
    ],
    [
      { driver: 'null-co', 'node-name': 'a', 'detect-zeroes': 'x' },
      "Parameter 'detect-zeroes' does not accept value 'x'",
    ],
    [{ driver: 'nul', 'node-name': 'a' }, "Parameter 'driver' does not accept value 'nul'"],
    [{ driver: 'raw', 'node-name': 'a', file: { driver: 'nul' } }, "Parameter 'driver' does not accept value 'nul'"],
    [{ 'node-name': 'a' }, "Parameter 'driver' is missing"],
    [{ driver: 'raw', 'node-name': 'a' }, "Parameter 'file' is missing"],
    [{ driver: 'raw', 'node-name': 'a', file: {} }, "Parameter 'file.driver' is missing"],
    [{ driver: 'null-co', 'node-name': 'a', bogus: 1 }, "Parameter 'bogus' is unexpected"],
    [{ driver: 'null-co', 'node-name': 'a', xx: 1, yy: 2 }, "Parameter 'yy' is unexpected"],
    [{ driver: 'null-co', 'node-name': 'a', cache: { x: 1 }, 'read-only': 5 }, "Parameter 'cache.x' is unexpected"],
    [{ driver: 'raw', 'node-name': 'a', file: 5 }, "Invalid parameter type for 'file', expected: BlockdevRef"],
    [
      { driver: 'quorum', 'node-name': 'a', 'vote-threshold': 1, children: [5] },
      "Invalid parameter type for 'null', expected: BlockdevRef",
    ],
    [
      { driver: 'quorum', 'node-name': 'a', 'vote-threshold': 1, children: [{}] },
      "Parameter 'children[0].driver' is missing",
    ],
  ])('%j → %s', (args, error) => {
    expect(refusal(emptyGraph(), args)).toBe(error);
  });
});

/** Refusals while opening, with a null-co node n0 in the document. */
const OPEN_ERRORS: [JsonObject, string][] = [
  [
    { driver: 'quorum', 'node-name': 'q', 'vote-threshold': 1, children: [{ driver: 'null-co', size: 512 }, 'n0'] },
    'Could not refresh total sector count: Input/output error',
  ],
  [
    { driver: 'qcow2', 'node-name': 'q', file: 'n0', backing: { driver: 'null-co', 'node-name': '1b' } },
    "Could not open backing file: Invalid node-name: '1b'",
  ],
  [
    { driver: 'qcow2', 'node-name': 'q', file: 'n0', backing: 'q' },
    "Making 'q' a backing child of 'q' would create a cycle",
  ],
  [{ driver: 'null-co' }, "'node-name' must be specified for the root node"],
  [{ driver: 'null-co', 'node-name': '1a' }, "Invalid node-name: '1a'"],
  [{ driver: 'null-co', 'node-name': '' }, "Invalid node-name: ''"],
  [{ driver: 'null-co', 'node-name': 'a'.repeat(32) }, 'Node name too long'],
  [{ driver: 'null-co', 'node-name': 'n0' }, "Duplicate nodes with node-name='n0'"],
  [
    { driver: 'raw', 'node-name': 'a', file: { driver: 'null-co', 'node-name': 'a' } },
    "Duplicate nodes with node-name='a'",
  ],
  [{ driver: 'raw', 'node-name': '1a', file: { driver: 'null-co', 'node-name': '2b' } }, "Invalid node-name: '2b'"],
  [{ driver: 'raw', 'node-name': '1a', file: 'zz' }, "Cannot find device='zz' nor node-name='zz'"],
  [
    { driver: 'null-co', 'node-name': 'a', 'force-share': true },
    'force-share=on can only be used with read-only images',
  ],
  [
    { driver: 'null-co', 'node-name': '1a', 'detect-zeroes': 'unmap' },
    'setting detect-zeroes to unmap is not allowed without setting discard operation to unmap',
  ],
  [
    { driver: 'quorum', 'node-name': 'q', 'vote-threshold': 1, children: [] },
    'Number of provided children must be 1 or more',
  ],
  [
    { driver: 'quorum', 'node-name': 'q', 'vote-threshold': 0, children: ['n0'] },
    "Parameter 'vote-threshold' expects a value >= 1",
  ],
  [
    { driver: 'quorum', 'node-name': 'q', 'vote-threshold': 2, children: ['n0'] },
    'threshold may not exceed children count',
  ],
  [
    { driver: 'quorum', 'node-name': 'q', 'vote-threshold': 1, children: ['zz'] },
    "Cannot find device='zz' nor node-name='zz'",
  ],
  [
    {
      driver: 'quorum',
      'node-name': 'q',
      'vote-threshold': 1,
      children: ['c', { driver: 'null-co', 'node-name': 'c' }],
    },
    "Cannot find device='c' nor node-name='c'",
  ],
  [{ driver: 'throttle', 'node-name': 't', 'throttle-group': 'tg', file: 'n0' }, "Throttle group 'tg' does not exist"],
  [
    { driver: 'quorum', 'node-name': 'q', 'vote-threshold': 1, children: ['q'] },
    "Making 'q' a children.0 child of 'q' would create a cycle",
  ],
  [{ driver: 'raw', 'node-name': 'r', file: 'r' }, "Cannot find device='r' nor node-name='r'"],
  [
    {
      driver: 'blkverify',
      'node-name': 'v',
      test: { driver: 'null-co', 'node-name': '1t' },
      raw: { driver: 'null-co', 'node-name': '1r' },
    },
    "Invalid node-name: '1r'",
  ],
];

describe('addBlockdev: open errors, in QEMU order', () => {
  it.each(OPEN_ERRORS)('%j → %s', (args, error) => {
    expect(refusal(withNull, args)).toBe(error);
  });

  it('finds a throttle group among the objects, and only a throttle-group', () => {
    expect(
      added(withGroup, { driver: 'throttle', 'node-name': 't', 'throttle-group': 'tg', file: { driver: 'null-co' } }),
    ).toBeDefined();
    const withSecret = graph().object('s', 'secret', { data: 'x' }).build();
    expect(
      refusal(withSecret, { driver: 'throttle', 'node-name': 't', 'throttle-group': 's', file: { driver: 'null-co' } }),
    ).toBe("Throttle group 's' does not exist");
  });
});

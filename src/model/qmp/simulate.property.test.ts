import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyGraph, type BlockGraph } from '../document.ts';
import { qcow2Header } from '../fixtures/images.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { imagesFrom, type ImageSource } from '../open/imageSource.ts';
import { computePermissions } from '../perms/index.ts';
import { simulateQmp, type Simulated } from './simulate.ts';
import type { QmpCommand } from './types.ts';

/**
 * The incremental simulation (a LiveDocument: lookups kept between commands, permissions over the
 * components a blockdev-add joins) against the reference that rebuilds everything and checks the
 * whole document per command (`incremental: false`), on random scripts full of refusals: parents
 * writing over a shared read-only child, two formats writing one file, two file nodes locking one
 * image, references between disks, blockdev-del, reopen, snapshot, x-blockdev-change and objects
 * (some taking a node's id), from an empty document, from one built by an earlier script, and
 * from one that already has a permission error.
 */

/**
 * The i-th command's top-level node is `d<i>`; inline children may be named `c0`…`c5` (so
 * duplicates happen); a reference names an earlier top-level node, a `c` name, or nothing known.
 */
type Named = (at: At) => string;
const nameArb: fc.Arbitrary<Named> = fc.nat(17).map((k) => (at) => {
  if (k % 4 < 2 && at.i > 0) return `${at.top}${String(k % at.i)}`;
  return k % 4 === 2 ? `c${String(k % 6)}` : `s${String(k % 5)}`;
});
const GROUPS = ['tg0', 'tg1'] as const;
/** Image files: two name one host file in two spellings; with images, some exist. */
const FILES = ['a.qcow2', 'b.qcow2', './b.qcow2', 'c.raw', 'gone.img'] as const;
const IMAGES: ImageSource = imagesFrom({
  'a.qcow2': qcow2Header(),
  'b.qcow2': qcow2Header('a.qcow2', 'qcow2'),
  'c.raw': new Uint8Array(4096),
});

/** A command's arguments once its index is known. */
type Late<T> = (at: At) => T;

/** Where a command is: its index, and the prefix of its script's top-level node-names (`s` for a setup script). */
interface At {
  i: number;
  top: string;
}

const maybe = <T>(arb: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> =>
  fc.option(arb, { nil: undefined, freq });

/** Drops undefined members. */
function compact(entries: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out[key] = value;
  return out;
}

/** Generic options: read-only often (read-only children under writers), force-share sometimes (refused unless read-only). */
const genericArb = fc.record({
  named: maybe(fc.nat(5)),
  'read-only': maybe(fc.boolean()),
  'force-share': fc.oneof(
    { weight: 24, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(true as const) },
  ),
});
type Generic = { named: number | undefined; 'read-only': boolean | undefined; 'force-share': true | undefined };

/** A node's arguments at depth > 0 (the top-level one is renamed `d<i>`). */
function node(
  driver: string,
  g: Generic,
  members: Record<string, Late<JsonValue> | JsonValue | undefined>,
): Late<JsonObject> {
  return (at) => {
    const own: Record<string, JsonValue | undefined> = {
      driver,
      'node-name': g.named === undefined ? undefined : `c${String(g.named)}`,
      'read-only': g['read-only'],
      'force-share': g['force-share'],
    };
    for (const [key, value] of Object.entries(members)) own[key] = typeof value === 'function' ? value(at) : value;
    return compact(own);
  };
}

const treeArb = fc.letrec<{ node: Late<JsonObject>; child: Late<JsonValue> }>((tie) => ({
  child: fc.oneof({ weight: 1, arbitrary: nameArb }, { weight: 2, arbitrary: tie('node') }),
  node: fc.oneof(
    { maxDepth: 2, depthIdentifier: 'tree', withCrossShrink: true },
    { weight: 3, arbitrary: genericArb.map((g) => node('null-co', g, {})) },
    fc
      .record({ g: genericArb, filename: fc.constantFrom(...FILES), locking: maybe(fc.constantFrom('off', 'on')) })
      .map(({ g, filename, locking }) => node('file', g, { filename, locking })),
    fc.record({ g: genericArb, file: tie('child') }).map(({ g, file }) => node('raw', g, { file })),
    fc
      .record({
        g: genericArb,
        file: tie('child'),
        backing: maybe(
          fc.oneof(
            fc.constant(() => null),
            tie('child'),
          ),
        ),
      })
      .map(({ g, file, backing }) => node('qcow2', g, { file, backing })),
    {
      weight: 3,
      arbitrary: fc
        .record({
          g: genericArb,
          filename: fc.constantFrom(...FILES),
          backing: fc.oneof(
            fc.constant(() => null),
            nameArb,
            tie('node'),
          ),
        })
        .map(({ g, filename, backing }) => node('qcow2', g, { file: { driver: 'file', filename }, backing })),
    },
    fc.record({ g: genericArb, file: tie('child') }).map(({ g, file }) => node('copy-on-read', g, { file })),
    fc
      .record({ g: genericArb, file: tie('child'), group: fc.constantFrom(...GROUPS) })
      .map(({ g, file, group }) => node('throttle', g, { file, 'throttle-group': group })),
    fc
      .record({ g: genericArb, children: fc.array(tie('child'), { minLength: 1, maxLength: 3 }) })
      .map(({ g, children }) =>
        node('quorum', g, { 'vote-threshold': 1, children: (at: At) => children.map((c) => c(at)) }),
      ),
    fc
      .record({
        g: genericArb,
        image: tie('child'),
        take: maybe(fc.constant<JsonValue>(['write'])),
        unshare: maybe(fc.constant<JsonValue>(['write', 'resize'])),
      })
      .map(({ g, image, take, unshare }) =>
        node('blkdebug', g, { image, 'take-child-perms': take, 'unshare-child-perms': unshare }),
      ),
  ),
})).node;

const command = (execute: string, args: JsonObject): QmpCommand => ({ execute, arguments: args });

const addArb: fc.Arbitrary<Late<QmpCommand>> = treeArb.map(
  (tree) => (at) => command('blockdev-add', { ...tree(at), 'node-name': `${at.top}${String(at.i)}` }),
);

/** A reopen of one node with the members its driver requires (a reopen resets what it does not give). */
const reopenArb: fc.Arbitrary<Late<QmpCommand>> = fc
  .record({
    name: nameArb,
    driver: fc.constantFrom('null-co', 'null-co', 'null-co', 'raw', 'qcow2', 'file'),
    readOnly: maybe(fc.boolean()),
    file: nameArb,
    backing: fc.oneof(fc.constant(undefined), nameArb),
    filename: fc.constantFrom(...FILES),
  })
  .map(({ name, driver, readOnly, file, backing, filename }) => (at) => {
    const members: Record<string, Record<string, JsonValue | undefined>> = {
      'null-co': {},
      raw: { file: file(at) },
      qcow2: { file: file(at), backing: backing?.(at) ?? null },
      file: { filename },
    };
    const options = compact({ driver, 'node-name': name(at), 'read-only': readOnly, ...members[driver] });
    return command('blockdev-reopen', { options: [options] });
  });

/** The top-level node-name of the command at `at`, with a suffix for a second one in a compound step. */
const own = (at: At, suffix = ''): string => `${at.top}${String(at.i)}${suffix}`;

/** An overlay made for the purpose, then blockdev-snapshot of some node under it. */
const snapshotArb: fc.Arbitrary<Late<QmpCommand[]>> = fc
  .record({ node: nameArb, filename: fc.constantFrom(...FILES), fresh: fc.boolean() })
  .map(({ node: n, filename, fresh }) => (at) => [
    command('blockdev-add', {
      driver: 'qcow2',
      'node-name': own(at, 'o'),
      file: { driver: 'file', filename },
      backing: null,
    }),
    ...(fresh ? [command('blockdev-add', { driver: 'null-co', 'node-name': own(at, 'b') })] : []),
    command('blockdev-snapshot', { node: fresh ? own(at, 'b') : n(at), overlay: own(at, 'o') }),
  ]);

/**
 * A quorum (or some node) gaining a new node as a child, and maybe losing one. With a writer on
 * top of the quorum, a read-only or locked new child is a permission error that x-blockdev-change
 * does not check: the document has it from then on, and later blockdev-adds meet it.
 */
const changeArb: fc.Arbitrary<Late<QmpCommand[]>> = fc
  .record({
    own: fc.boolean(),
    writer: fc.boolean(),
    parent: nameArb,
    child: quorumChildArb(),
    added: fc.oneof(
      maybe(fc.boolean()).map((readOnly) => compact({ driver: 'null-co', 'read-only': readOnly })),
      fc.constantFrom(...FILES).map((filename) => ({ driver: 'file', filename })),
    ),
    remove: maybe(fc.constantFrom('children.0', 'children.1', 'children.2')),
  })
  .map(({ own: quorum, writer, parent, child, added, remove }) => (at) => {
    const target = quorum ? own(at, 'q') : parent(at);
    return [
      ...(quorum
        ? [
            command('blockdev-add', {
              driver: 'quorum',
              'node-name': target,
              'vote-threshold': 1,
              children: [child(at)],
            }),
          ]
        : []),
      ...(writer
        ? [command('blockdev-add', { driver: 'qcow2', 'node-name': own(at, 'w'), file: target, backing: null })]
        : []),
      command('blockdev-add', { ...added, 'node-name': own(at, 'n') }),
      command('x-blockdev-change', { parent: target, node: own(at, 'n') }),
      ...(remove === undefined ? [] : [command('x-blockdev-change', { parent: target, child: remove })]),
    ];
  });

/** A quorum child: a new null-co, or a reference. */
function quorumChildArb(): fc.Arbitrary<Late<JsonValue>> {
  return fc.oneof(
    nameArb,
    fc.constant(() => ({ driver: 'null-co' })),
  );
}

/** A raw node over some node, reopened read-only or writable, over the same child or another. */
const reopenRawArb: fc.Arbitrary<Late<QmpCommand[]>> = fc
  .record({ file: nameArb, other: maybe(nameArb), readOnly: fc.boolean() })
  .map(({ file, other, readOnly }) => (at) => [
    command('blockdev-add', { driver: 'raw', 'node-name': own(at, 'r'), file: file(at) }),
    command('blockdev-reopen', {
      options: [{ driver: 'raw', 'node-name': own(at, 'r'), file: (other ?? file)(at), 'read-only': readOnly }],
    }),
  ]);

const one = (arb: fc.Arbitrary<Late<QmpCommand>>): fc.Arbitrary<Late<QmpCommand[]>> =>
  arb.map((late) => (at) => [late(at)]);

/** One step of a script: a command, or a few that make the later ones likely to succeed. */
const commandArb: fc.Arbitrary<Late<QmpCommand[]>> = fc.oneof(
  { weight: 12, arbitrary: one(addArb) },
  { weight: 2, arbitrary: one(nameArb.map((name) => (at) => command('blockdev-del', { 'node-name': name(at) }))) },
  { weight: 2, arbitrary: one(reopenArb) },
  { weight: 2, arbitrary: reopenRawArb },
  {
    weight: 1,
    arbitrary: one(
      fc.record({ node: nameArb, overlay: nameArb }).map(
        ({ node: n, overlay }) =>
          (at) =>
            command('blockdev-snapshot', { node: n(at), overlay: overlay(at) }),
      ),
    ),
  },
  { weight: 2, arbitrary: snapshotArb },
  { weight: 2, arbitrary: changeArb },
  {
    weight: 2,
    arbitrary: one(
      fc
        .constantFrom(...GROUPS, 'd1', 'raw-1', 'null-co-1')
        .map((id) => () => command('object-add', { 'qom-type': 'throttle-group', id })),
    ),
  },
  {
    weight: 1,
    arbitrary: one(fc.constantFrom(...GROUPS, 'null-co-1').map((id) => () => command('object-del', { id }))),
  },
);

/** A script: a throttle-group first most of the time, then the commands, each told its index. */
const scriptArb = (maxLength: number, top: string): fc.Arbitrary<QmpCommand[]> =>
  fc
    .record({ group: fc.boolean(), commands: fc.array(commandArb, { minLength: 1, maxLength }) })
    .map(({ group, commands }) => [
      ...(group ? GROUPS.map((id) => command('object-add', { 'qom-type': 'throttle-group', id })) : []),
      ...commands.flatMap((late, i) => late({ i, top })),
    ]);

/** Two qcow2 nodes writing one file node: a document that has a permission error before any command. */
function conflicted(): BlockGraph {
  return {
    ...emptyGraph(),
    nodes: {
      dq1: { id: 'dq1', driver: 'qcow2', name: 'dq1', options: {} },
      df: { id: 'df', driver: 'file', name: 'df', options: { filename: 'd.img' } },
      dq2: { id: 'dq2', driver: 'qcow2', name: 'dq2', options: {} },
    },
    links: [
      { parent: 'dq1', role: 'file', child: 'df', mode: 'inline' },
      { parent: 'dq2', role: 'file', child: 'df', mode: 'reference' },
    ],
  };
}

const caseArb = fc.record({
  start: fc.constantFrom('empty', 'scripted', 'scripted', 'conflicted'),
  setup: scriptArb(8, 's'),
  commands: scriptArb(16, 'd'),
  images: fc.boolean(),
});

/** Everything simulateQmp returns, as text: the document (key order included), the replies, and what `given` gives each node. */
function fingerprint(result: Simulated): string {
  const given = Object.values(result.graph.nodes).map((node) => result.given(node));
  return JSON.stringify({ graph: result.graph, replies: result.replies, given });
}

/** What the random scripts exercised, to show that the property met the cases it is about. */
const seen = new Map<string, number>();
function count(result: Simulated, commands: readonly QmpCommand[]): void {
  result.replies.forEach((reply, i) => {
    const name = commands[i]?.execute ?? '';
    const key =
      'error' in reply
        ? /^Permission conflict|^Block node is read-only|lock$/.test(reply.error.desc)
          ? `refused: ${reply.error.desc.replace(/'.*$|".*$/, '')}`
          : `${name} refused`
        : `${name} ok`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  });
}

describe('simulateQmp: incremental and reference agree', () => {
  it('on random scripts with refusals, deletions, reopens, snapshots and quorum changes', () => {
    fc.assert(
      fc.property(caseArb, ({ start, setup, commands, images }) => {
        const source = images ? IMAGES : undefined;
        const base =
          start === 'conflicted'
            ? conflicted()
            : start === 'scripted'
              ? simulateQmp(emptyGraph(), setup, source, { incremental: false }).graph
              : emptyGraph();
        const before = JSON.stringify(base);
        const fast = simulateQmp(base, commands, source);
        const reference = simulateQmp(base, commands, source, { incremental: false });
        expect(fingerprint(fast)).toBe(fingerprint(reference));
        expect(JSON.stringify(base)).toBe(before);
        count(reference, commands);
      }),
      { seed: 20_261_126, numRuns: 500 },
    );
    expect(computePermissions(conflicted()).errors).not.toEqual([]);
    const tally = (prefix: string) =>
      [...seen].filter(([key]) => key.startsWith(prefix)).reduce((n, [, c]) => n + c, 0);
    expect(tally('refused: Permission conflict')).toBeGreaterThan(10);
    expect(tally('refused: Block node is read-only')).toBeGreaterThan(10);
    expect(tally('refused: Failed to get')).toBeGreaterThan(5);
    for (const name of ['blockdev-del', 'blockdev-reopen', 'blockdev-snapshot', 'x-blockdev-change', 'object-add'])
      expect(seen.get(`${name} ok`) ?? 0, name).toBeGreaterThan(3);
  });
});

import fc from 'fast-check';
import type { JsonObject, JsonValue, QmpCommand } from '../../model/index.ts';
import { add, reopen } from './qmpCommands.ts';
import { expectScriptAgrees, qcow2Images } from './scriptCases.ts';

/**
 * Random QMP scripts about what blockdev-reopen does to chains of inline children: a chain of
 * throttle/raw filters `l0 → l1 → …` over a qcow2 (inline file `img`, maybe an inline backing
 * qcow2 `bk` over `bkf`), all defined in one blockdev-add, then reopens of the top or of a node
 * inside the chain whose levels are given as dicts or as references to the current child, and
 * blockdev-snapshots (an internal keep_old_opts read-only reopen), each with random generic options.
 */
export interface ReopenScript {
  commands: QmpCommand[];
  /** The qcow2 images the script opens (to be made empty in its directory). */
  images: string[];
}

/**
 * The generic options, each left out most of the time; `cache` holds direct and no-flush.
 * `zeroes`: the detect-zeroes values to pick from.
 */
const genericArb = (zeroes: readonly string[]): fc.Arbitrary<JsonObject> =>
  fc
    .record(
      {
        'read-only': fc.boolean(),
        'auto-read-only': fc.boolean(),
        direct: fc.boolean(),
        'no-flush': fc.boolean(),
        discard: fc.constantFrom('ignore', 'unmap'),
        'detect-zeroes': fc.constantFrom(...zeroes),
        'force-share': fc.boolean(),
      },
      { requiredKeys: [] },
    )
    .map(({ direct, 'no-flush': noFlush, 'force-share': share, ...rest }) => {
      const cache: JsonObject = {};
      if (direct !== undefined) cache.direct = direct;
      if (noFlush !== undefined) cache['no-flush'] = noFlush;
      // force-share only now and then: a node holding it cannot be reopened at all
      const shared = share === true && rest['read-only'] === true ? { 'force-share': true } : {};
      return { ...rest, ...shared, ...(Object.keys(cache).length > 0 ? { cache } : {}) };
    });

/** Options of a level in a reopen: most get no generic option. */
const sparseArb = fc.oneof(
  { arbitrary: fc.constant({}), weight: 2 },
  { arbitrary: genericArb(['on', 'off', 'unmap']), weight: 1 },
);

/**
 * Options of a level at blockdev-add: no detect-zeroes=unmap, whose open error QEMU reports after
 * a permission error of a child opened earlier, which blockgraph's blockdev-add does not (yet).
 */
const addedArb = fc.oneof(
  { arbitrary: fc.constant({}), weight: 2 },
  { arbitrary: genericArb(['on', 'off']), weight: 1 },
);

/** How a reopen gives a child: a dict (reopened with it), its own name (keep_old_opts), or null (backing only). */
type Form = 'dict' | 'ref' | 'null';

/** One level's part of a reopen: its generic options and how its child is given. */
interface Level {
  options: JsonObject;
  form: Form;
}

const levelArb: fc.Arbitrary<Level> = fc.record({
  options: sparseArb,
  form: fc.oneof(
    { arbitrary: fc.constant<Form>('dict'), weight: 4 },
    { arbitrary: fc.constant<Form>('ref'), weight: 4 },
    { arbitrary: fc.constant<Form>('null'), weight: 1 },
  ),
});

/** A step after the blockdev-add; `from` picks the level it starts at (modulo the chain's length). */
type Step = { kind: 'reopen'; from: number; levels: Level[] } | { kind: 'snapshot'; from: number; options: JsonObject };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('reopen' as const), from: fc.constant(0), levels: levelsArb() }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('reopen' as const), from: fc.nat(5), levels: levelsArb() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('snapshot' as const), from: fc.nat(5), options: addedArb }), weight: 1 },
);

function levelsArb(): fc.Arbitrary<Level[]> {
  return fc.array(levelArb, { minLength: 8, maxLength: 8 });
}

/** The chain: filter drivers from the top, whether the qcow2 has an inline backing, options at add. */
interface Chain {
  filters: ('throttle' | 'raw')[];
  backing: boolean;
  options: JsonObject[];
}

const chainArb: fc.Arbitrary<Chain> = fc.record({
  filters: fc.array(fc.constantFrom<'throttle' | 'raw'>('throttle', 'raw'), { minLength: 1, maxLength: 4 }),
  backing: fc.boolean(),
  options: fc.array(addedArb, { minLength: 8, maxLength: 8 }),
});

/** The nodes of the chain from the top, each with its driver and its own (non-generic) options. */
function chainNodes(chain: Chain): { name: string; driver: string; own: JsonObject }[] {
  const filters = chain.filters.map((driver, i) => ({
    name: `l${String(i)}`,
    driver,
    own: driver === 'throttle' ? { 'throttle-group': 'tg' } : {},
  }));
  return [...filters, { name: 'q', driver: 'qcow2', own: {} }];
}

/** The inline file of the qcow2 `q` and of its backing `bk`. */
const IMG: JsonObject = { driver: 'file', 'node-name': 'img', filename: 'i.qcow2' };
const BKF: JsonObject = { driver: 'file', 'node-name': 'bkf', filename: 'b.qcow2' };
const backingNode = (options: JsonObject, file: JsonValue): JsonObject => ({
  driver: 'qcow2',
  'node-name': 'bk',
  ...options,
  file,
});

/**
 * The blockdev-add of the whole chain, every level inline in the one above; `chain.options` by
 * position as in reopenEntry (filters, q, img, bk).
 */
function addChain(chain: Chain): QmpCommand {
  const nodes = chainNodes(chain);
  const option = (i: number): JsonObject => chain.options[i] ?? {};
  let below: JsonObject = {
    driver: 'qcow2',
    'node-name': 'q',
    ...option(nodes.length - 1),
    file: { ...IMG, ...option(nodes.length) },
    ...(chain.backing ? { backing: backingNode(option(nodes.length + 1), BKF) } : {}),
  };
  for (let i = nodes.length - 2; i >= 0; i--) {
    const node = nodes[i];
    if (node !== undefined)
      below = { driver: node.driver, 'node-name': node.name, ...node.own, ...option(i), file: below };
  }
  return add(below);
}

/**
 * A reopen entry for the chain from position `start` down (0…q-1 the filters, q the qcow2, q+1
 * its file `img`). `levels[k]` is about position start+k: a filter's or q's options and how its
 * `file` is given; at q+1 img's options (used when q's file is a dict) and how q's `backing` is
 * given (`null` detaches it; elsewhere `null` means a reference); at q+2 bk's options and how its
 * file is given.
 */
function reopenEntry(chain: Chain, start: number, levels: readonly Level[]): JsonObject {
  const nodes = chainNodes(chain);
  const level = (i: number): Level => levels[i - start] ?? { options: {}, form: 'ref' };
  const q = nodes.length - 1;
  const file = (i: number, dict: JsonObject, name: string): JsonValue =>
    level(i).form === 'dict' ? { ...dict, ...level(i + 1).options } : name;
  const qcow2 = (): JsonObject => {
    const backing = level(q + 1).form;
    return {
      driver: 'qcow2',
      'node-name': 'q',
      ...level(q).options,
      file: file(q, IMG, 'img'),
      ...(chain.backing
        ? {
            backing:
              backing === 'null'
                ? null
                : backing === 'ref'
                  ? 'bk'
                  : backingNode(level(q + 2).options, level(q + 2).form === 'dict' ? BKF : 'bkf'),
          }
        : {}),
    };
  };
  let entry = qcow2();
  for (let i = q - 1; i >= start; i--) {
    const node = nodes[i];
    if (node === undefined) continue;
    const child = level(i).form === 'dict' ? entry : (nodes[i + 1]?.name ?? 'q');
    entry = { driver: node.driver, 'node-name': node.name, ...node.own, ...level(i).options, file: child };
  }
  return start <= q ? entry : { ...IMG, ...level(start).options };
}

/**
 * The chain without force-share, for scripts with snapshots: bdrv_append leaves the parents' edges
 * with the permissions they took on the old node (it refreshes the overlay's subtree only), so
 * their shared permissions still follow the old node's force-share, which blockgraph does not model.
 */
function withoutForceShare(chain: Chain): Chain {
  return { ...chain, options: chain.options.map(({ 'force-share': _share, ...rest }) => rest) };
}

/** The script of a chain and its steps. */
function buildScript(chain: Chain, steps: readonly Step[]): ReopenScript {
  const commands: QmpCommand[] = [
    { execute: 'object-add', arguments: { 'qom-type': 'throttle-group', id: 'tg' } },
    addChain(steps.some((s) => s.kind === 'snapshot') ? withoutForceShare(chain) : chain),
  ];
  const images = ['i.qcow2', ...(chain.backing ? ['b.qcow2'] : [])];
  const count = chainNodes(chain).length + 1;
  for (const [i, step] of steps.entries()) {
    const start = step.from % count;
    if (step.kind === 'reopen') {
      commands.push(reopen(reopenEntry(chain, start, step.levels)));
      continue;
    }
    const overlay = `o${String(i)}`;
    images.push(`${overlay}.qcow2`);
    // no force-share, as in withoutForceShare
    const { 'force-share': _share, ...options } = step.options;
    commands.push(
      add({
        driver: 'qcow2',
        'node-name': overlay,
        ...options,
        file: { driver: 'file', 'node-name': `${overlay}f`, filename: `${overlay}.qcow2` },
        backing: null,
      }),
    );
    const node = start < count - 1 ? (chainNodes(chain)[start]?.name ?? 'q') : 'img';
    commands.push({ execute: 'blockdev-snapshot', arguments: { node, overlay } });
  }
  return { commands, images };
}

/** Random chains with one to four reopens or snapshots. */
export const reopenScriptArb: fc.Arbitrary<ReopenScript> = fc
  .tuple(chainArb, fc.array(stepArb, { minLength: 1, maxLength: 4 }))
  .map(([chain, steps]) => buildScript(chain, steps));

/** Runs a script in simulateQmp and in qemu-storage-daemon and expects the same replies and graph. */
export async function expectSameAsQemu({ commands, images }: ReopenScript): Promise<void> {
  await expectScriptAgrees(commands, qcow2Images(images), 'blockgraph-reopen-prop-');
}

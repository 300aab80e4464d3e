import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cachedChain, sharedInlineChild, VARIANT_CASES, writableBelowReadOnly } from '../cli/qemu/qmpVariantCases.ts';
import { documentSpecArb, toDocument } from '../cli/qemu/randomDocuments.ts';
import {
  EXAMPLES,
  copyOnReadOverChain,
  graph,
  quorumOfThree,
  seedSimpleTree,
  throttleWithGroup,
} from '../model/fixtures/index.ts';
import {
  INHERITED_OPTIONS,
  childrenFirst,
  computePermissions,
  edgeKey,
  emptyGraph,
  explicitOptions,
  formatDiagnostic,
  resolveOptions,
  simulateQmp,
  type BlockGraph,
  type GivenOptions,
  type JsonObject,
  type Result,
} from '../model/index.ts';
import { formatQmpScript, toQmpScript, toRollbackScript, type QmpCommand, type QmpScriptOptions } from './qmpScript.ts';
import { flatNodeNames } from './qmpVariants.ts';

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('; '));
  return result.value;
}

function script(doc: BlockGraph, choice: QmpScriptOptions = {}): QmpCommand[] {
  return unwrap(toQmpScript(doc, choice));
}

/** The four scripts the issue asks for. */
const VARIANTS: readonly QmpScriptOptions[] = [
  { layout: 'nested', options: 'minimal' },
  { layout: 'nested', options: 'explicit' },
  { layout: 'flat', options: 'minimal' },
  { layout: 'flat', options: 'explicit' },
];

/** Every choice: the four variants, and each layout with the document's options as written. */
const CHOICES: readonly QmpScriptOptions[] = [...VARIANTS, { layout: 'nested' }, { layout: 'flat' }];

const label = (choice: QmpScriptOptions) => `${choice.layout ?? 'nested'}/${choice.options ?? 'as-written'}`;

/** The blockdev-add arguments that define the node named `name`, wherever they are nested. */
function argumentsOf(commands: readonly QmpCommand[], name: string): JsonObject | undefined {
  const visit = (value: unknown): JsonObject | undefined => {
    if (typeof value !== 'object' || value === null) return undefined;
    if (!Array.isArray(value) && (value as JsonObject)['node-name'] === name) return value as JsonObject;
    for (const inner of Object.values(value)) {
      const found = visit(inner);
      if (found) return found;
    }
    return undefined;
  };
  return visit(commands.map((c) => c.arguments));
}

/** One node as the engine sees it, keyed by document id: driver, effective values, child edges with perms. */
interface NodeView {
  driver: string;
  options: Record<string, boolean | string | null>;
  children: Record<string, { child: string; perm?: string[]; shared?: string[] }>;
}

/**
 * The engine's view of a graph (resolveOptions, computePermissions), with nodes named by `docId`:
 * comparing two views compares nodes by identity, whatever node-names a script generated.
 */
function engineView(
  g: BlockGraph,
  docId: (id: string) => string | undefined,
  given: GivenOptions = explicitOptions,
): { nodes: Record<string, NodeView>; errors: string[] } {
  const effective = resolveOptions(g, given);
  const perms = computePermissions(g, { effective });
  const nodes: Record<string, NodeView> = {};
  for (const node of Object.values(g.nodes)) {
    const values = effective.get(node.id);
    const options = Object.fromEntries(INHERITED_OPTIONS.map((option) => [option, values?.[option].value ?? null]));
    nodes[docId(node.id) ?? `?${node.id}`] = { driver: node.driver, options, children: {} };
  }
  for (const link of g.links) {
    const taken = perms.edges.get(edgeKey(link.parent, link.role));
    const parent = nodes[docId(link.parent) ?? `?${link.parent}`];
    if (parent === undefined) continue;
    parent.children[link.role] = {
      child: docId(link.child) ?? `?${link.child}`,
      ...(taken ? { perm: taken.perm, shared: taken.shared } : {}),
    };
  }
  return { nodes, errors: perms.errors.map((e) => e.message) };
}

/**
 * Which document node each node of `built` (what a script built) is: by node-name where the script
 * names it (the document's names, or flatNodeNames), else through its parent and role.
 */
function identify(doc: BlockGraph, built: BlockGraph, names: ReadonlyMap<string, string>): Map<string, string> {
  const byName = new Map([...names].map(([id, name]) => [name, id]));
  const ids = new Map<string, string>();
  for (const node of Object.values(built.nodes)) {
    const id = node.name === undefined ? undefined : byName.get(node.name);
    if (id !== undefined) ids.set(node.id, id);
  }
  for (const parent of childrenFirst(built).order.reverse()) {
    const docParent = ids.get(parent);
    for (const link of built.links) {
      if (link.parent !== parent || docParent === undefined || ids.has(link.child)) continue;
      const same = doc.links.find((l) => l.parent === docParent && l.role === link.role);
      if (same) ids.set(link.child, same.child);
    }
  }
  return ids;
}

function namesIn(doc: BlockGraph, choice: QmpScriptOptions): Map<string, string> {
  if (choice.layout === 'flat') return flatNodeNames(doc);
  return new Map(Object.values(doc.nodes).flatMap((n) => (n.name === undefined ? [] : [[n.id, n.name] as const])));
}

/**
 * Runs a variant's script through the simulated qemu-storage-daemon and checks it against the
 * document: every command accepted, the same nodes with the same effective options, the same edges
 * with the same permissions; then the rollback leaves no node and no object.
 */
function expectSameAsDocument(doc: BlockGraph, choice: QmpScriptOptions): void {
  const commands = script(doc, choice);
  const sim = simulateQmp(emptyGraph(), commands);
  expect(sim.replies.filter((r) => 'error' in r)).toEqual([]);
  const ids = identify(doc, sim.graph, namesIn(doc, choice));
  expect(engineView(sim.graph, (id) => ids.get(id), sim.given)).toEqual(engineView(doc, (id) => id));
  const undo = unwrap(toRollbackScript(doc, choice));
  const after = simulateQmp(emptyGraph(), [...commands, ...undo]);
  expect(after.replies.filter((r) => 'error' in r)).toEqual([]);
  expect([Object.keys(after.graph.nodes), Object.keys(after.graph.objects)]).toEqual([[], []]);
}

const DOCUMENTS: readonly (readonly [string, () => BlockGraph])[] = [
  ...EXAMPLES.map((e) => [e.id, e.build] as const),
  ...VARIANT_CASES,
];

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

  it('adds a node that references an inline child after the parent that defines it', () => {
    const commands = script(sharedInlineChild());
    expect(commands.map((c) => c.arguments?.['node-name'])).toEqual(['a', 'b']);
    expect(simulateQmp(emptyGraph(), commands).replies.filter((r) => 'error' in r)).toEqual([]);
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
    expect(toQmpScript(cyclic, { layout: 'flat' })).toMatchObject({ ok: false, diagnostics: [{ code: 'E203' }] });
    const unnamed: BlockGraph = {
      ...doc,
      nodes: { ...doc.nodes, 'disk-file': { id: 'disk-file', driver: 'file', options: { filename: 'd' } } },
      links: doc.links.map((l) => (l.child === 'disk-file' ? { ...l, mode: 'reference' as const } : l)),
    };
    expect(toQmpScript(unnamed)).toMatchObject({ ok: false, diagnostics: [{ code: 'E205', node: 'disk' }] });
    expect(toRollbackScript(unnamed)).toMatchObject({ ok: false, diagnostics: [{ code: 'E205', node: 'disk' }] });
  });

  it('formats JSON lines too', () => {
    expect(formatQmpScript([{ execute: 'quit' }], 'lines')).toBe('{"execute":"quit"}\n');
  });

  it('writes the document as it is by default and with { layout: nested, options: as-written }', () => {
    for (const { build } of EXAMPLES) {
      expect(script(build(), { layout: 'nested', options: 'as-written' })).toEqual(script(build()));
    }
  });
});

describe('toQmpScript, flat layout', () => {
  it('adds every node on its own, children first, and names children in their parents', () => {
    const commands = script(seedSimpleTree(), { layout: 'flat' });
    expect(commands.map((c) => c.arguments?.['node-name'])).toEqual(['disk-file', 'backing-file', 'backing', 'disk']);
    expect(commands.at(-1)?.arguments).toMatchObject({ file: 'disk-file', backing: 'backing' });
    expect(commands[2]?.arguments).toMatchObject({ file: 'backing-file' });
  });

  it('writes what a referenced child no longer inherits, and what its role no longer forces', () => {
    const flat = script(cachedChain(), { layout: 'flat' });
    const names = flatNodeNames(cachedChain());
    // top's file inherited cache.direct (its own no-flush stays) and was opened with discard=unmap.
    expect(argumentsOf(flat, names.get('top-file') ?? '')).toMatchObject({
      cache: { 'no-flush': true, direct: true },
      discard: 'unmap',
    });
    // mid was top's inline backing: read-only is forced on it, cache.* copied from top.
    expect(argumentsOf(flat, names.get('mid') ?? '')).toMatchObject({
      'read-only': true,
      cache: { direct: false, 'no-flush': true },
      discard: 'unmap',
    });
    // base-file copied force-share from base; detect-zeroes is never passed down.
    const baseFile = argumentsOf(flat, names.get('base-file') ?? '');
    expect(baseFile).toMatchObject({ 'read-only': true, 'force-share': true, 'auto-read-only': true });
    expect(baseFile?.['detect-zeroes']).toBeUndefined();
  });
});

describe('toQmpScript, option styles', () => {
  it('minimal leaves out what inheritance and defaults give anyway, explicit writes every option everywhere', () => {
    const doc = writableBelowReadOnly();
    const minimal = script(doc, { options: 'minimal' });
    // n's cache.direct=false is inherited from r anyway; its read-only=false and force-share=false are not.
    expect(argumentsOf(minimal, 'raw-child')).toEqual({
      driver: 'null-co',
      'node-name': 'raw-child',
      'read-only': false,
      'force-share': false,
    });
    const explicit = script(doc, { options: 'explicit' });
    for (const name of ['r', 'q', 'raw-child']) {
      const args = argumentsOf(explicit, name) ?? {};
      expect(Object.keys(args)).toEqual(
        expect.arrayContaining(['cache', 'read-only', 'auto-read-only', 'force-share']),
      );
      expect(Object.keys(args)).toEqual(expect.arrayContaining(['discard', 'detect-zeroes']));
      expect(Object.keys(args.cache ?? {}).sort()).toEqual(['direct', 'no-flush']);
    }
  });

  it('minimal drops an empty cache object it emptied, and keeps a value a child needs to differ', () => {
    const doc = graph()
      .node('r', 'raw', { cache: { direct: false, 'no-flush': false } })
      .node('n', 'null-co', { discard: 'ignore' }, { name: null })
      .child('r', 'file', 'n')
      .build();
    expect(script(doc, { options: 'minimal' })).toEqual([
      {
        execute: 'blockdev-add',
        arguments: { driver: 'raw', 'node-name': 'r', file: { driver: 'null-co', discard: 'ignore' } },
      },
    ]);
  });
});

describe('every layout and option style builds what the document describes', () => {
  describe.each(DOCUMENTS)('%s', (_name, build) => {
    it.each(CHOICES.map((c) => [label(c), c] as const))('%s', (_label, choice) => {
      expectSameAsDocument(build(), choice);
    });
  });

  it('holds for random documents, in every variant', () => {
    fc.assert(
      fc.property(documentSpecArb, (spec) => {
        const doc = toDocument(spec);
        for (const choice of CHOICES) expectSameAsDocument(doc, choice);
      }),
      { seed: 20261127, numRuns: 300 },
    );
  });
});

describe('toRollbackScript', () => {
  it('deletes top-level nodes, last added first, then objects', () => {
    expect(unwrap(toRollbackScript(throttleWithGroup()))).toEqual([
      { execute: 'blockdev-del', arguments: { 'node-name': 'throttle0' } },
      { execute: 'blockdev-del', arguments: { 'node-name': 'disk0' } },
      { execute: 'object-del', arguments: { id: 'tg0' } },
    ]);
  });

  it('deletes no inline child in the nested layout, every node in the flat one', () => {
    const doc = copyOnReadOverChain();
    const nested = unwrap(toRollbackScript(doc)).map((c) => c.arguments?.['node-name']);
    expect(nested).toEqual(['cor0', 'base']);
    const flat = unwrap(toRollbackScript(doc, { layout: 'flat' })).map((c) => c.arguments?.['node-name']);
    const added = script(doc, { layout: 'flat' }).map((c) => c.arguments?.['node-name']);
    expect(flat).toEqual(added.reverse());
  });
});

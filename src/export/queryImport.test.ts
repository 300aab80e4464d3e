import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGraph, isJsonObject, type Diagnostic, type JsonObject, type JsonValue } from '../model/index.ts';
import { QUERY_REPLIES, type QueryReplyFixture } from './fixtures/queryReplies.ts';
import { fromQueryReplies, fromQueryText, isQueryReply, type QueryImport } from './queryImport.ts';
import { toQmpScript } from './qmpScript.ts';

/** The fixture cases by their first word and topic (see fixtures/queryReplies.ts). */
function fixture(index: number): QueryReplyFixture {
  const c = QUERY_REPLIES[index];
  if (c === undefined) throw new Error(`no fixture ${String(index)}`);
  return c;
}
const CHAIN = fixture(0);
const QUORUM = fixture(1);
const MIRROR = fixture(2);
const DRIVE = fixture(3);

const pair = (c: QueryReplyFixture): JsonValue => [{ return: c.named }, { return: c.graph }];

function imported(value: JsonValue): QueryImport {
  const result = fromQueryReplies(value);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
}

function refused(result: ReturnType<typeof fromQueryReplies>): Diagnostic[] {
  if (result.ok) throw new Error('expected the import to fail');
  return result.diagnostics;
}

/** A deep copy of a JSON value, to mutate in a test. */
function copy<T extends JsonValue>(value: T): T {
  return structuredClone(value);
}

function graphOf(c: QueryReplyFixture): JsonObject {
  if (!isJsonObject(c.graph)) throw new Error('fixture graph is not an object');
  return copy(c.graph);
}

function namedOf(c: QueryReplyFixture): JsonObject[] {
  if (!Array.isArray(c.named)) throw new Error('fixture named nodes are not an array');
  return copy(c.named).filter(isJsonObject);
}

describe('fromQueryReplies: what QEMU built', () => {
  it('a header backing chain under a throttle group, a named inline file, detect-zeroes unmap', () => {
    const { graph, notes } = imported(pair(CHAIN));
    expect(graph.nodes).toMatchObject({
      top: { driver: 'qcow2', name: 'top', options: { cache: { direct: true } } },
      // Generated names: inline, unnamed, inheriting cache.direct (so no option of their own).
      'top-file': { driver: 'file', options: { filename: 'top.qcow2' } },
      'top-backing': { driver: 'qcow2', options: {} },
      'top-backing-file': { driver: 'file', options: { filename: 'base.qcow2' } },
      th: { driver: 'throttle', name: 'th', options: { 'throttle-group': 'tg0' } },
      rr: { driver: 'raw', options: { 'read-only': true, 'detect-zeroes': 'on' } },
      // A referenced child inherits nothing: read-only is set on it.
      rf: { driver: 'file', options: { filename: 'r.raw', 'read-only': true } },
      nn: { options: { size: 1048576, 'read-zeroes': true, 'detect-zeroes': 'unmap', discard: 'unmap' } },
    });
    expect(graph.nodes['top-file']?.name).toBeUndefined();
    expect(graph.nodes['top-backing']?.options).toEqual({});
    expect(graph.links).toEqual(
      expect.arrayContaining([
        { parent: 'top', role: 'file', child: 'top-file', mode: 'inline' },
        { parent: 'top', role: 'backing', child: 'top-backing', mode: 'inline' },
        { parent: 'top-backing', role: 'file', child: 'top-backing-file', mode: 'inline' },
        { parent: 'th', role: 'file', child: 'top', mode: 'reference' },
        { parent: 'rr', role: 'file', child: 'rf', mode: 'reference' },
      ]),
    );
    expect(graph.links).toHaveLength(5);
    expect(graph.objects).toEqual({ tg0: { id: 'tg0', qomType: 'throttle-group', props: {} } });
    expect(graph.frontends).toEqual({});
    expect(Object.keys(graph.layout.positions).sort()).toEqual([...Object.keys(graph.nodes), 'tg0'].sort());
    expect(checkGraph(graph)).toEqual([]);
    expect(notes).toEqual([
      expect.stringMatching(/^BlockBackends are not imported as frontends: .*\(an anonymous one on 'nn'\)\.$/),
      expect.stringMatching(
        /^Named children are linked by reference \('rf' below 'rr', 'top' below 'th'\).*a guess\.$/,
      ),
      expect.stringMatching(/^Throttle groups are created without limits.*: 'tg0'\.$/),
      expect.stringMatching(/^Image details \(.*virtual-size.*\) describe the image files/),
    ]);
    expect(toQmpScript(graph).ok).toBe(true);
  });

  it('quorum, blkdebug, copy-on-read over raw with an offset, and backing: null', () => {
    const { graph, notes } = imported(pair(QUORUM));
    expect(graph.nodes).toMatchObject({
      qu: { driver: 'quorum', options: { 'vote-threshold': 1 } },
      'qu-children.0': { driver: 'null-co', options: { size: 1048576 } },
      n1: { driver: 'null-co', options: { size: 1048576 } },
      bd: { driver: 'blkdebug', options: {} },
      'bd-image': { driver: 'null-co', options: { cache: { 'no-flush': true } } },
      'cor-file': { driver: 'raw', options: { offset: 512, size: 4096 } },
      nb: { driver: 'qcow2', options: { backing: null } },
    });
    expect(graph.links).toEqual(
      expect.arrayContaining([
        { parent: 'qu', role: 'children.0', child: 'qu-children.0', mode: 'inline' },
        { parent: 'qu', role: 'children.1', child: 'n1', mode: 'reference' },
        { parent: 'bd', role: 'image', child: 'bd-image', mode: 'inline' },
      ]),
    );
    expect(checkGraph(graph)).toEqual([]);
    expect(notes.some((n) => n.startsWith('BlockBackends'))).toBe(false);
  });

  it('a mirror job: its filter, BlockBackends and the job are notes, one per kind', () => {
    const { graph, notes } = imported(pair(MIRROR));
    // mirror_top is QEMU's implicit filter: no parent among nodes, so unnamed and top-level.
    expect(graph.nodes['mirror_top-1']).toMatchObject({ driver: 'mirror_top', options: {} });
    expect(graph.links).toContainEqual({ parent: 'mirror_top-1', role: 'backing', child: 'src', mode: 'reference' });
    expect(notes.map((n) => n.split(' ').slice(0, 2).join(' '))).toEqual([
      'BlockBackends are',
      'Block jobs',
      'Named children',
      'Nodes QEMU',
      'Drivers that',
      'Edges whose',
      'Image details',
      'Dirty bitmaps',
      'Permissions on',
    ]);
    // The BlockBackend of the NBD export and the job's write through dst-file make QEMU's perms differ.
    expect(notes[8]).toMatch(/^Permissions on 'dst' file differ from what the document implies/);
    expect(notes[1]).toMatch(
      /^Block jobs are not imported: 'job0' on 'mirror_top-1' \(#block[0-9]+\), 'src', 'dst'\.$/,
    );
  });

  it('-drive roots stay unnamed and top-level; -drive option strings become typed values', () => {
    const { graph, notes } = imported(pair(DRIVE));
    expect(graph.nodes).toMatchObject({
      'qcow2-1': { driver: 'qcow2', options: { cache: { direct: true } } },
      'null-co-1': { driver: 'null-co', options: { 'read-zeroes': true, size: 1048576 } },
      b0: { driver: 'null-co', name: 'b0', options: { size: 1048576 } },
    });
    expect(graph.nodes['qcow2-1']?.name).toBeUndefined();
    expect(notes[0]).toMatch(
      /\('empty0' without a medium, 'drive1' on 'null-co-1' \(#block4\d\d\), 'drive0' on 'qcow2-1' \(#block1\d\d\)\)\.$/,
    );
    expect(notes[1]).toMatch(/^Nodes QEMU named itself that are no other node's child/);
  });
});

describe('fromQueryReplies: the input shapes', () => {
  const expected = imported(pair(CHAIN)).graph;
  const shapes: [string, JsonValue][] = [
    ['both whole replies, in order', pair(CHAIN)],
    [
      'both whole replies, graph first, with ids',
      [
        { return: CHAIN.graph, id: 2 },
        { id: 'a', return: CHAIN.named },
      ],
    ],
    ['both bare', [CHAIN.named, CHAIN.graph]],
    ['bare and whole', [CHAIN.graph, { return: CHAIN.named }]],
    [
      'keyed by command',
      { 'x-debug-query-block-graph': CHAIN.graph, 'query-named-block-nodes': { return: CHAIN.named } },
    ],
  ];
  it.each(shapes)('%s', (_what, value) => {
    expect(imported(value).graph).toEqual(expected);
  });

  it('query-named-block-nodes alone: options, and the edges its file names make certain', () => {
    for (const value of [CHAIN.named, { return: CHAIN.named }, [{ return: CHAIN.named }]]) {
      const { graph, notes } = imported(value);
      expect(graph.nodes).toEqual(expected.nodes);
      // The throttle node's file name is json: (it has a strong option), so its child is not certain.
      expect(graph.links).toEqual(expected.links.filter((l) => l.parent !== 'th'));
      expect(notes[0]).toMatch(/^Only query-named-block-nodes was given: .*4 found; not found: 'th' file\)/);
    }
  });

  it('x-debug-query-block-graph alone: nodes and edges, no drivers', () => {
    const { graph, notes } = imported({ return: CHAIN.graph });
    expect(graph.links).toEqual(expected.links);
    expect(Object.keys(graph.nodes)).toEqual(Object.keys(expected.nodes));
    expect(Object.values(graph.nodes).map((n) => [n.driver, n.options])).toEqual(
      Object.values(graph.nodes).map(() => ['', {}]),
    );
    expect(notes[0]).toMatch(/^Only x-debug-query-block-graph was given: it shows no drivers/);
  });

  it('an empty query-named-block-nodes reply is an empty document', () => {
    expect(imported([]).graph.nodes).toEqual({});
    expect(imported({ return: [] }).notes).toHaveLength(1);
  });
});

describe('fromQueryText', () => {
  const lines = `${JSON.stringify({ return: CHAIN.named })}\n${JSON.stringify({ return: CHAIN.graph })}\n`;
  const expected = imported(pair(CHAIN)).graph;

  it.each([
    ['JSON lines', lines],
    ['concatenated', lines.replace('\n', '')],
    [
      'pretty-printed, graph first',
      `${JSON.stringify({ return: CHAIN.graph }, null, 2)}\n\n${JSON.stringify(CHAIN.named, null, 2)}`,
    ],
    ['one array of both', JSON.stringify(pair(CHAIN), null, 1)],
  ])('reads %s', (_what, text) => {
    const result = fromQueryText(text);
    expect(result.ok && result.value.graph).toEqual(expected);
  });

  it('reports a syntax error at its line and column', () => {
    expect(fromQueryText('{"return": [\n  {"node-name": }\n]}')).toMatchObject({
      ok: false,
      diagnostics: [{ code: 'E001', message: "Not valid JSON: unexpected '}'", line: 2, column: 17 }],
    });
  });

  it('wants one or two values', () => {
    expect(fromQueryText(' \n')).toMatchObject({ ok: false, diagnostics: [{ code: 'E002', line: 1, column: 1 }] });
    expect(fromQueryText('[]\n[]\n  []')).toMatchObject({
      ok: false,
      diagnostics: [
        { code: 'E002', message: 'Expected at most two JSON values, one reply of each command', line: 3, column: 3 },
      ],
    });
  });

  it('gives a shape error the key path and the line and column of its reply', () => {
    const graph = graphOf(CHAIN);
    (graph.edges as JsonObject[])[2] = { ...(graph.edges as JsonObject[])[2], child: 99 };
    const text = `${JSON.stringify({ return: CHAIN.named })}\n\n  ${JSON.stringify({ return: graph })}`;
    expect(fromQueryText(text)).toMatchObject({
      ok: false,
      diagnostics: [
        {
          code: 'E603',
          message: 'No node with id 99 in the nodes of x-debug-query-block-graph',
          path: '[1].return.edges[2].child',
          line: 3,
          column: 3,
        },
      ],
    });
  });

  it('locates elements of one array too', () => {
    const text = `[\n${JSON.stringify({ return: CHAIN.named })},\n"nope"\n]`;
    expect(fromQueryText(text)).toMatchObject({
      ok: false,
      diagnostics: [{ code: 'E601', path: '[1]', line: 3, column: 1 }],
    });
  });

  it('refuses nesting deeper than the call stack, without throwing', () => {
    expect(fromQueryText('['.repeat(200_000))).toMatchObject({
      ok: false,
      diagnostics: [{ code: 'E001', message: 'Not valid JSON: nested too deeply' }],
    });
  });
});

describe('fromQueryReplies: errors name what and where', () => {
  const either = 'query-named-block-nodes or x-debug-query-block-graph';
  it.each([
    [
      'the reply of query-block',
      [{ device: 'ide0-hd0', locked: false, removable: false }],
      '',
      `the reply of query-block`,
    ],
    [
      'an error reply',
      [{ error: { class: 'GenericError', desc: 'boom' } }, CHAIN.graph],
      '[0]',
      'an error reply: boom',
    ],
    ["QMP's greeting", { QMP: { version: {}, capabilities: [] } }, '', "QMP's greeting"],
    ['a QMP script', [{ execute: 'query-named-block-nodes' }], '', 'a QMP script'],
    ['a blockgraph document', { blockgraph: 1, nodes: {}, links: [] }, '', 'a blockgraph document'],
    ['an empty return', { return: {} }, 'return', 'an empty reply, as qmp_capabilities or blockdev-add give'],
    ['a string', 'json:{}', '', 'a string'],
    ['a reply inside a reply', { return: { return: [] } }, 'return', 'a reply inside a reply'],
  ])('%s', (_what, value, path, found) => {
    expect(refused(fromQueryReplies(value as JsonValue))).toEqual([
      expect.objectContaining({ code: 'E601', path, message: `Expected the reply of ${either}, found ${found}` }),
    ]);
  });

  it('a reply under the other command’s key', () => {
    expect(refused(fromQueryReplies({ 'query-named-block-nodes': CHAIN.graph }))).toEqual([
      expect.objectContaining({
        code: 'E601',
        path: 'query-named-block-nodes',
        message: 'Expected the reply of query-named-block-nodes, found the reply of x-debug-query-block-graph',
      }),
    ]);
    expect(refused(fromQueryReplies({ 'query-named-block-nodes': [], other: 1 }))).toMatchObject([
      { code: 'E002', path: 'other' },
    ]);
  });

  it('a reply given twice, and more than two replies', () => {
    expect(refused(fromQueryReplies([CHAIN.named, { return: CHAIN.named }]))).toMatchObject([
      { code: 'E602', path: '[1].return', message: 'The reply of query-named-block-nodes is given twice' },
    ]);
    expect(refused(fromQueryReplies([[], [], []]))).toMatchObject([{ code: 'E002', path: '[2]' }]);
    expect(refused(fromQueryReplies({ return: [], extra: 1 }))).toMatchObject([{ code: 'E002', path: '' }]);
  });

  it('wrong shapes, at their key paths', () => {
    const named = namedOf(CHAIN);
    delete named[2]?.drv;
    (named[3] as JsonObject).cache = { direct: 'yes', 'no-flush': false, writeback: true };
    (named[4] as JsonObject).detect_zeroes = 'sometimes';
    const graph = graphOf(CHAIN);
    const nodes = graph.nodes as JsonObject[];
    nodes[0] = { ...nodes[0], type: 'block-device' };
    graph.nodes = [...nodes, { id: 1.5, type: 'block-driver', name: 'odd' }];
    (graph.edges as JsonValue[])[1] = 'file';
    const edges = [...(graph.edges as JsonValue[]), { parent: 1, child: 3, name: 'x', perm: [3], 'shared-perm': [] }];
    graph.edges = edges;
    expect(refused(fromQueryReplies([named, { return: graph }])).map((d) => [d.code, d.path, d.message])).toEqual([
      ['E002', '[0][2].drv', 'Expected a string'],
      ['E002', '[0][3].cache.direct', 'Expected true or false'],
      ['E002', '[0][4].detect_zeroes', 'Expected one of off, on, unmap'],
      ['E002', '[1].return.nodes[0].type', 'Expected one of block-backend, block-job, block-driver'],
      ['E002', `[1].return.nodes[${String(nodes.length)}].id`, 'Expected an integer'],
      ['E002', '[1].return.edges[1]', 'Expected an object'],
      ['E002', `[1].return.edges[${String(edges.length - 1)}].perm`, 'Expected an array of strings'],
      // The node whose type is wrong is not read, so an edge to it names an unknown id.
      ['E603', '[1].return.edges[5].child', 'No node with id 2 in the nodes of x-debug-query-block-graph'],
    ]);
    expect(refused(fromQueryReplies([namedOf(CHAIN)[0] ?? {}, 7]))).toMatchObject([
      { code: 'E002', path: '[1]', message: 'Expected a node of query-named-block-nodes (an object)' },
    ]);
    expect(refused(fromQueryReplies({ nodes: {}, edges: [] }))).toMatchObject([{ code: 'E002', path: 'nodes' }]);
  });

  it('edges to nodes the graph does not list', () => {
    const graph = graphOf(CHAIN);
    const edges = graph.edges as JsonObject[];
    edges[2] = { ...edges[2], parent: 41 };
    edges[4] = { ...edges[4], child: -1 };
    expect(refused(fromQueryReplies({ return: graph })).map((d) => [d.code, d.path, d.message])).toEqual([
      ['E603', 'return.edges[2].parent', 'No node with id 41 in the nodes of x-debug-query-block-graph'],
      ['E603', 'return.edges[4].child', 'No node with id -1 in the nodes of x-debug-query-block-graph'],
    ]);
  });

  it('duplicate names and ids', () => {
    const named = namedOf(CHAIN);
    (named[1] as JsonObject)['node-name'] = 'nn';
    expect(refused(fromQueryReplies(named))).toMatchObject([
      { code: 'E105', path: '[1].node-name', message: "Duplicate nodes with node-name='nn'" },
    ]);
    const graph = graphOf(CHAIN);
    const nodes = graph.nodes as JsonObject[];
    nodes[1] = { ...nodes[1], name: 'nn' };
    nodes[2] = { ...nodes[2], id: nodes[3]?.id ?? 0 };
    // Node 2 gave up its id, so the edge to it names an id no node has.
    expect(refused(fromQueryReplies(graph)).map((d) => [d.code, d.path])).toEqual([
      ['E105', 'nodes[1].name'],
      ['E604', 'nodes[3].id'],
      ['E603', 'edges[0].child'],
    ]);
  });

  it('names QEMU could not have given', () => {
    const named = namedOf(CHAIN);
    (named[0] as JsonObject)['node-name'] = '__proto__';
    (named[1] as JsonObject)['node-name'] = `n${'x'.repeat(31)}`;
    expect(refused(fromQueryReplies(named))).toMatchObject([
      { code: 'E104', path: '[0].node-name', message: "Invalid node-name: '__proto__'" },
      { code: 'E106', path: '[1].node-name', message: 'Node name too long' },
    ]);
  });

  it('replies of different moments', () => {
    const named = namedOf(CHAIN).filter((n) => n['node-name'] !== 'nn');
    expect(refused(fromQueryReplies([named, CHAIN.graph]))).toMatchObject([
      {
        code: 'E605',
        path: '[1].nodes[0].name',
        message:
          "Node 'nn' is in the reply of x-debug-query-block-graph but not in that of query-named-block-nodes: the replies describe different moments",
      },
    ]);
  });

  it('a cycle and a role given twice, which no QEMU graph has', () => {
    const graph = {
      nodes: [1, 2].map((id) => ({ id, type: 'block-driver', name: `#block${String(id)}00` })),
      edges: [],
    };
    const edge = (parent: number, child: number, name: string) => ({
      parent,
      child,
      name,
      perm: [],
      'shared-perm': [],
    });
    expect(refused(fromQueryReplies({ ...graph, edges: [edge(1, 2, 'file'), edge(2, 1, 'file')] }))).toMatchObject([
      { code: 'E203', path: 'edges[0]' },
    ]);
    expect(refused(fromQueryReplies({ ...graph, edges: [edge(1, 2, 'file'), edge(1, 1, 'file')] }))).toMatchObject([
      { code: 'E202', path: 'edges[1]', message: "Node '#block100' already has a 'file' child" },
    ]);
  });
});

describe('isQueryReply', () => {
  it.each([
    ['query-named-block-nodes, bare', CHAIN.named, true],
    ['x-debug-query-block-graph, whole', { return: CHAIN.graph }, true],
    ['both', pair(CHAIN), true],
    ['keyed by command', { 'x-debug-query-block-graph': CHAIN.graph }, true],
    ['an empty list (an empty QMP script as much)', [], false],
    ['a QMP script', [{ execute: 'blockdev-add', arguments: { driver: 'null-co', 'node-name': 'n' } }], false],
    ['a document', { blockgraph: 1, nodes: {}, links: [] }, false],
    ['a json: filename', 'json:{"driver":"null-co"}', false],
    ['null', null, false],
  ] as [string, JsonValue, boolean][])('%s → %s', (_what, value, expected) => {
    expect(isQueryReply(value)).toBe(expected);
  });
});

/** Every diagnostic says where: a key path (possibly '' for the whole input) or a line and column. */
function located(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.length > 0 && diagnostics.every((d) => d.path !== undefined || d.line !== undefined);
}

/** Replaces the value at the `pick`-th position of a DFS over `value` (the root is 0). */
function mutate(value: JsonValue, pick: number, action: 'replace' | 'delete', replacement: JsonValue): JsonValue {
  let index = 0;
  const walk = (node: JsonValue): JsonValue | undefined => {
    if (index++ === pick) return action === 'delete' ? undefined : replacement;
    if (Array.isArray(node)) return node.flatMap((item) => (walk(item) ?? []) as JsonValue[] | JsonValue);
    if (!isJsonObject(node)) return node;
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(node)) {
      const next = walk(item);
      if (next !== undefined) Object.defineProperty(out, key, { value: next, enumerable: true, writable: true });
    }
    return out;
  };
  return walk(value) ?? null;
}

/** The document invariants an import keeps even for odd input (drivers and roles are checked by validation). */
function consistent(result: QueryImport): boolean {
  return checkGraph(result.graph).every((d) => d.code === 'E101' || d.code === 'E201');
}

describe('no exception escapes', () => {
  const real = fc.constantFrom(...QUERY_REPLIES.flatMap((c) => [pair(c), c.named, c.graph]));
  const mutation = fc.record({
    pick: fc.nat({ max: 400 }),
    action: fc.constantFrom('replace' as const, 'delete' as const),
    replacement: fc.oneof(
      fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>,
      fc.constantFrom<JsonValue>(0, -1, 1, 7, 'file', '#block100', 'nn', []),
    ),
  });

  it('random JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = fromQueryReplies(value as JsonValue);
        isQueryReply(value as JsonValue);
        return result.ok ? consistent(result.value) : located(result.diagnostics);
      }),
      { seed: 20261130, numRuns: 2000 },
    );
  });

  it('mutated real replies', () => {
    fc.assert(
      fc.property(real, fc.array(mutation, { minLength: 1, maxLength: 4 }), (value, mutations) => {
        const mutated = mutations.reduce<JsonValue>((v, m) => mutate(v, m.pick, m.action, m.replacement), value);
        const result = fromQueryReplies(mutated);
        return result.ok ? consistent(result.value) : located(result.diagnostics);
      }),
      { seed: 20261131, numRuns: 2000 },
    );
  });

  it('random and damaged text', () => {
    const text = fc.oneof(
      fc.string(),
      fc.tuple(real, fc.nat(), fc.nat({ max: 20 }), fc.string({ maxLength: 3 })).map(([value, at, cut, insert]) => {
        const whole = JSON.stringify(value);
        const start = at % (whole.length + 1);
        return whole.slice(0, start) + insert + whole.slice(start + cut);
      }),
    );
    fc.assert(
      fc.property(text, (input) => {
        const result = fromQueryText(input);
        return result.ok ? consistent(result.value) : located(result.diagnostics);
      }),
      { seed: 20261132, numRuns: 2000 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyGraph, type BlockGraph, type ChildLink } from '../document.ts';
import { qcow2Header } from '../fixtures/images.ts';
import { resolveOptions } from '../inherit/resolveOptions.ts';
import type { JsonObject } from '../json.ts';
import { imagesFrom } from '../open/imageSource.ts';
import { resolveDocument } from '../resolve/resolveDocument.ts';
import { Overlay, scanLookups } from './docIndex.ts';
import { checkImage, newImageWork } from './imageWork.ts';
import { openImplicitBacking, type DocumentAccess } from './implicitBacking.ts';
import { simulateQmp } from './simulate.ts';
import type { QmpCommand } from './types.ts';

const json = 'json:{"driver":"qcow2","cache":{"direct":false},"file":{"driver":"file","filename":"jb.qcow2"}}';
const images = imagesFrom({
  'r.raw': new Uint8Array(4096),
  'base.qcow2': qcow2Header(),
  'top.qcow2': qcow2Header('base.qcow2', 'qcow2'),
  'sub/base.qcow2': qcow2Header(),
  'sub/mid.qcow2': qcow2Header('base.qcow2', 'qcow2'),
  'top3.qcow2': qcow2Header('sub/mid.qcow2'),
  'broken.qcow2': qcow2Header('gone.qcow2', 'qcow2'),
  'jb.qcow2': qcow2Header(),
  'top2.qcow2': qcow2Header(json, 'qcow2'),
});

const add = (args: JsonObject): QmpCommand => ({ execute: 'blockdev-add', arguments: args });
const qcow2 = (name: string, image: string, extra: JsonObject = {}) =>
  add({ driver: 'qcow2', 'node-name': name, file: { driver: 'file', filename: image }, ...extra });

/** Each node as `name drv ro direct`, and each edge, as resolve prints them. */
function summary(graph: BlockGraph, given?: Parameters<typeof resolveDocument>[1]): string[] {
  const resolved = resolveDocument(graph, given);
  return [
    ...resolved.nodes.map((n) => `${n['node-name']} ${n.drv} ro=${String(n.ro)} direct=${String(n.cache.direct)}`),
    ...resolved.edges.map((e) => `${e.parent} -${e.name}-> ${e.child}`),
  ];
}

describe('simulateQmp with images: backing files named in image headers', () => {
  it('opens none without images, as before', () => {
    const sim = simulateQmp(emptyGraph(), [qcow2('top', 'top.qcow2')]);
    expect(summary(sim.graph)).toEqual([
      'top qcow2 ro=false direct=false',
      '#top/file file ro=false direct=false',
      'top -file-> #top/file',
    ]);
  });

  it('opens the chain, each name relative to the image that holds it, probing where no format is recorded', () => {
    const sim = simulateQmp(emptyGraph(), [qcow2('top', 'top3.qcow2', { cache: { direct: true } })], images);
    expect(sim.replies).toEqual([{ return: {} }]);
    expect(summary(sim.graph, sim.given)).toEqual([
      'top qcow2 ro=false direct=true',
      '#top/file file ro=false direct=true',
      '#top/backing qcow2 ro=true direct=true',
      '#top/backing/file file ro=true direct=true',
      '#top/backing/backing qcow2 ro=true direct=true',
      '#top/backing/backing/file file ro=true direct=true',
      'top -file-> #top/file',
      'top -backing-> #top/backing',
      '#top/backing -file-> #top/backing/file',
      '#top/backing -backing-> #top/backing/backing',
      '#top/backing/backing -file-> #top/backing/backing/file',
    ]);
    const files = Object.values(sim.graph.nodes)
      .filter((n) => n.driver === 'file')
      .map((n) => n.options.filename);
    expect(files).toEqual(['top3.qcow2', 'sub/mid.qcow2', 'sub/base.qcow2']);
  });

  it('gives values from a json: backing name the provenance json-filename', () => {
    const sim = simulateQmp(emptyGraph(), [qcow2('top', 'top2.qcow2', { cache: { direct: true } })], images);
    const effective = resolveOptions(sim.graph, sim.given);
    const backing = sim.graph.links.find((l) => l.parent === 'top' && l.role === 'backing')?.child ?? '';
    const backingFile = sim.graph.links.find((l) => l.parent === backing && l.role === 'file')?.child ?? '';
    expect(effective.get(backing)?.['cache.direct']).toEqual({ value: false, origin: { kind: 'json-filename' } });
    expect(effective.get(backingFile)?.['cache.direct']).toEqual({
      value: false,
      origin: { kind: 'inherited', from: backing, role: 'file' },
    });
    expect(effective.get(backing)?.['read-only'].origin.kind).toBe('forced');
  });

  it('opens none for backing: null or a referenced backing', () => {
    const script = [
      qcow2('b', 'base.qcow2'),
      qcow2('t', 'top.qcow2', { backing: 'b' }),
      // Another image: a second writable node on top.qcow2 would not get its "write" lock.
      qcow2('n', 'sub/mid.qcow2', { backing: null }),
    ];
    const sim = simulateQmp(emptyGraph(), script, images);
    expect(sim.replies).toEqual([{ return: {} }, { return: {} }, { return: {} }]);
    expect(sim.graph.links.filter((l) => l.role === 'backing')).toEqual([
      { parent: 't', role: 'backing', child: 'b', mode: 'reference' },
    ]);
  });

  it.each([
    [qcow2('t', 'broken.qcow2'), "Could not open backing file: Could not open 'gone.qcow2': No such file or directory"],
    [qcow2('t', 'r.raw'), 'Image is not in qcow2 format'],
    [qcow2('t', 'nope.qcow2'), "Could not open 'nope.qcow2': No such file or directory"],
    [add({ driver: 'qcow2', 'node-name': 't', file: { driver: 'null-co' } }), 'Image is not in qcow2 format'],
  ])('refuses %j as QEMU does, and adds nothing', (command, error) => {
    const sim = simulateQmp(emptyGraph(), [command], images);
    expect(sim.replies).toEqual([{ error: { class: 'GenericError', desc: error } }]);
    expect(sim.graph).toEqual(emptyGraph());
  });

  it('reads no header through a network protocol, whose bytes blockgraph cannot know', () => {
    const nbd = { driver: 'nbd', server: { type: 'inet', host: 'localhost', port: '10809' }, export: 'x' };
    const sim = simulateQmp(emptyGraph(), [add({ driver: 'qcow2', 'node-name': 't', file: nbd })], images);
    expect(sim.replies).toEqual([{ return: {} }]);
  });

  it('keeps what a header-opened node was given when object-add takes its document id', () => {
    const first = simulateQmp(emptyGraph(), [qcow2('top', 'top2.qcow2')], images);
    const backing = first.graph.links.find((l) => l.role === 'backing')?.child ?? '';
    const takeId: QmpCommand = { execute: 'object-add', arguments: { 'qom-type': 'throttle-group', id: backing } };
    const sim = simulateQmp(emptyGraph(), [qcow2('top', 'top2.qcow2'), takeId], images);
    const moved = sim.graph.links.find((l) => l.role === 'backing')?.child ?? '';
    expect(moved).not.toBe(backing);
    expect(resolveOptions(sim.graph, sim.given).get(moved)?.['cache.direct'].origin).toEqual({ kind: 'json-filename' });
  });

  it('takes the chain with its node on blockdev-del, and forgets what it was given', () => {
    const del: QmpCommand = { execute: 'blockdev-del', arguments: { 'node-name': 'top' } };
    const sim = simulateQmp(
      emptyGraph(),
      [qcow2('top', 'top2.qcow2'), del, add({ driver: 'null-co', 'node-name': 'n' })],
      images,
    );
    expect(Object.keys(sim.graph.nodes)).toEqual(['n']);
    expect(sim.given({ id: 'qcow2-1', driver: 'qcow2', options: { cache: { direct: true } } })).toEqual({
      'cache.direct': { value: true, origin: { kind: 'explicit' } },
    });
  });
});

/** Node-names (and references) json: backing names and the document draw from: some taken, some not. */
const NAME_POOL = ['x', 'y', 'f', 'p1', 'p2', 'nope'] as const;
/** Images a header may name; image k names only images after it, so that chains end. */
const CHAIN_IMAGES = ['i0.qcow2', 'i1.qcow2', 'sub/i2.qcow2', 'sub/i3.qcow2'] as const;

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Mostly one of `likely`, sometimes one of `rarely`. */
const mostly = (likely: readonly string[], rarely: readonly string[]) =>
  likely.length === 0
    ? fc.constantFrom(...rarely)
    : fc.oneof(
        { arbitrary: fc.constantFrom(...likely), weight: 4 },
        { arbitrary: fc.constantFrom(...rarely), weight: 1 },
      );

/** A json: backing name over images after the k-th: named nodes, file children given inline or by reference. */
function jsonName(k: number): fc.Arbitrary<string> {
  const inline = fc
    .record({
      filename: mostly(CHAIN_IMAGES.slice(k + 1), ['r.raw', 'gone.qcow2']),
      name: maybe(fc.constantFrom(...NAME_POOL)),
    })
    .map((f) => ({ driver: 'file', filename: f.filename, ...(f.name === undefined ? {} : { 'node-name': f.name }) }));
  const file = fc.oneof({ arbitrary: inline, weight: 4 }, { arbitrary: fc.constantFrom(...NAME_POOL), weight: 1 });
  return fc
    .record({
      name: maybe(fc.constantFrom(...NAME_POOL)),
      file,
      backing: fc.option(fc.oneof(fc.constant(null), fc.constantFrom(...NAME_POOL)), { nil: undefined, freq: 2 }),
      probed: fc.boolean(),
    })
    .map((j) => {
      const options: JsonObject = { file: j.file };
      if (!j.probed) options.driver = 'qcow2';
      if (j.name !== undefined) options['node-name'] = j.name;
      if (j.backing !== undefined) options.backing = j.backing;
      return `json:${JSON.stringify(options)}`;
    });
}

/** The header of the k-th image: no backing file, a name relative to the image's directory, or a json: name. */
function chainHeader(k: number): fc.Arbitrary<Uint8Array> {
  const image = CHAIN_IMAGES[k] ?? '';
  const relative = (name: string) => (image.startsWith('sub/') ? name.replace(/^sub\//, '') : name);
  const later = CHAIN_IMAGES.slice(k + 1).map(relative);
  return fc
    .record({
      backing: fc.oneof(fc.constant(undefined), mostly(later, ['r.raw', 'gone.qcow2']), jsonName(k)),
      format: fc.constantFrom('qcow2', undefined),
    })
    .map(({ backing, format }) => qcow2Header(backing, backing === undefined ? undefined : format));
}

/** A document node beside the two overlays: a file node on one of the images, or a null-co node. */
const extraNode = fc.record({
  id: fc.constantFrom('f', 'x', 'y', 'node-1', '#p1/backing', '#p2/backing/file'),
  name: maybe(fc.constantFrom(...NAME_POOL)),
  filename: maybe(fc.constantFrom(...CHAIN_IMAGES, 'r.raw')),
});

/** Two qcow2 overlays p1, p2 over images of the chain, other nodes, and which node-names QEMU has assigned so far. */
const scenario = fc.record({
  images: fc.tuple(...CHAIN_IMAGES.map((_, k) => chainHeader(k))),
  tops: fc.tuple(fc.constantFrom(...CHAIN_IMAGES), fc.constantFrom(...CHAIN_IMAGES)),
  names: fc.tuple(maybe(fc.constantFrom(...NAME_POOL)), maybe(fc.constantFrom(...NAME_POOL))),
  extra: fc.array(extraNode, { maxLength: 4 }),
  unassigned: fc.subarray<string>([...NAME_POOL]),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** The scenario's document: node-names kept unique, ids unique, every node keyed by its id. */
function scenarioGraph(s: Scenario): BlockGraph {
  const nodes: Record<string, BlockGraph['nodes'][string]> = {};
  const links: ChildLink[] = [];
  const taken = new Set<string>();
  const named = (name: string | undefined) => {
    if (name === undefined || taken.has(name)) return {};
    taken.add(name);
    return { name };
  };
  s.tops.forEach((image, i) => {
    const id = `p${String(i + 1)}`;
    nodes[id] = { id, driver: 'qcow2', options: {}, ...named(s.names[i]) };
    nodes[`${id}-file`] = { id: `${id}-file`, driver: 'file', options: { filename: image } };
    links.push({ parent: id, role: 'file', child: `${id}-file`, mode: 'inline' });
  });
  for (const extra of s.extra) {
    if (Object.hasOwn(nodes, extra.id)) continue;
    nodes[extra.id] =
      extra.filename === undefined
        ? { id: extra.id, driver: 'null-co', options: {}, ...named(extra.name) }
        : { id: extra.id, driver: 'file', options: { filename: extra.filename }, ...named(extra.name) };
  }
  return { ...emptyGraph(), nodes, links };
}

/** Opens p1's then p2's header chain with one access mode; returns everything the two calls decide. */
function openBoth(s: Scenario, access: DocumentAccess) {
  const graph = scenarioGraph(s);
  const files = Object.fromEntries(CHAIN_IMAGES.map((name, k) => [name, s.images[k] as Uint8Array]));
  const work = newImageWork(imagesFrom({ ...files, 'r.raw': new Uint8Array(4096) }));
  const lookups = scanLookups(graph);
  const ctx = {
    graph,
    link: lookups.link,
    effective: resolveOptions(graph),
    names: new Overlay<string>((name) => (s.unassigned.includes(name) ? undefined : lookups.names.get(name))),
    attached: new Overlay<readonly string[]>((id) => lookups.childIds(id)),
  };
  const replies = ['p1', 'p2'].map(
    (p) => checkImage(graph, work, p, lookups.link) ?? openImplicitBacking(p, ctx, work, access),
  );
  const ids = [...Object.keys(graph.nodes), ...Object.keys(work.added.nodes)];
  return {
    replies,
    added: { nodes: work.added.nodes, links: work.added.links, given: [...work.added.given] },
    names: NAME_POOL.map((name) => ctx.names.get(name)),
    attached: ids.map((id) => ctx.attached.get(id)),
  };
}

describe('openImplicitBacking reads the document through lookups', () => {
  it('decides, opens, names and numbers exactly what it does over a copy of every node', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(openBoth(s, 'read')).toEqual(openBoth(s, 'copy'));
      }),
      { seed: 20261126, numRuns: 400 },
    );
  });

  it('refuses a header-opened node-name the document holds, or one the chain took further up', () => {
    const named = (name: string, file: string) =>
      `json:${JSON.stringify({ driver: 'qcow2', 'node-name': name, file: { driver: 'file', filename: file } })}`;
    const s: Scenario = {
      images: [
        qcow2Header(named('y', 'i1.qcow2'), 'qcow2'),
        qcow2Header(named('y', 'sub/i2.qcow2'), 'qcow2'),
        qcow2Header(),
        qcow2Header(named('x', 'i1.qcow2'), 'qcow2'),
      ],
      tops: ['i0.qcow2', 'sub/i3.qcow2'],
      names: ['p1', 'x'],
      extra: [],
      unassigned: [],
    };
    const duplicate = (name: string) => `Duplicate nodes with node-name='${name}'`;
    const backing = 'Could not open backing file: ';
    const read = openBoth(s, 'read');
    // p1's backing node takes y; its own backing node, one level further down, may not.
    expect(read.replies).toEqual([backing + backing + duplicate('y'), backing + duplicate('x')]);
    expect(read.added.nodes).toEqual({});
    expect(read).toEqual(openBoth(s, 'copy'));
  });

  it('opens over a copy when a provisional id is a document id, with the same result', () => {
    const s: Scenario = {
      images: [qcow2Header('i1.qcow2', 'qcow2'), qcow2Header(), qcow2Header(), qcow2Header()],
      tops: ['i0.qcow2', 'sub/i3.qcow2'],
      names: ['p1', 'p2'],
      extra: [{ id: '#p1/backing', name: undefined, filename: undefined }],
      unassigned: [],
    };
    const read = openBoth(s, 'read');
    expect(read.replies).toEqual([undefined, undefined]);
    expect(read).toEqual(openBoth(s, 'copy'));
  });
});

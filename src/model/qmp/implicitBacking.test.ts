import { describe, expect, it } from 'vitest';
import { emptyGraph, type BlockGraph } from '../document.ts';
import { qcow2Header } from '../fixtures/images.ts';
import { resolveOptions } from '../inherit/resolveOptions.ts';
import type { JsonObject } from '../json.ts';
import { imagesFrom } from '../open/imageSource.ts';
import { resolveDocument } from '../resolve/resolveDocument.ts';
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

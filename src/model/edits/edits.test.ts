import { describe, expect, it } from 'vitest';
import { emptyGraph, type BlockGraph } from '../document.ts';
import type { Result } from '../result.ts';
import { graph, seedSimpleTree } from '../fixtures/index.ts';
import { addNode } from './addNode.ts';
import { connectChild } from './connectChild.ts';
import { disconnectChild, setLinkMode } from './disconnectChild.ts';
import { addFrontend, addObject, moveTo, setFrontendRoot } from './frontendsAndObjects.ts';
import { removeNode } from './removeNode.ts';
import { setOption } from './setOption.ts';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return result.value;
}

function codes(result: Result<unknown>): string[] {
  return result.ok ? [] : result.diagnostics.map((d) => d.code);
}

const twoNodes = (): BlockGraph =>
  graph().node('disk0', 'qcow2').node('proto0', 'file', { filename: 'a.qcow2' }).build();

describe('addNode', () => {
  it('adds a node named after its id, and generates ids', () => {
    const first = value(addNode(emptyGraph(), { driver: 'qcow2' }));
    expect(first.id).toBe('qcow2-1');
    expect(first.graph.nodes['qcow2-1']).toEqual({ id: 'qcow2-1', driver: 'qcow2', name: 'qcow2-1', options: {} });
    expect(value(addNode(first.graph, { driver: 'qcow2' })).id).toBe('qcow2-2');
  });

  it('adds an unnamed node when asked, and records its position', () => {
    const { graph: g } = value(
      addNode(emptyGraph(), { driver: 'file', id: 'f', name: null, position: { x: 1, y: 2 } }),
    );
    expect(g.nodes.f?.name).toBeUndefined();
    expect(g.layout.positions.f).toEqual({ x: 1, y: 2 });
  });

  it('refuses an unknown driver, a taken id and bad node-names with QEMU-worded messages', () => {
    const g = twoNodes();
    expect(codes(addNode(g, { driver: 'qcow3' }))).toEqual(['E101']);
    expect(codes(addNode(g, { driver: 'raw', id: 'disk0' }))).toEqual(['E102']);
    const invalid = addNode(g, { driver: 'raw', id: 'r', name: '1abc' });
    expect(invalid.ok ? '' : invalid.diagnostics[0]?.message).toBe("Invalid node-name: '1abc'");
    expect(codes(addNode(g, { driver: 'raw', id: 'r', name: 'a'.repeat(32) }))).toEqual(['E106']);
    expect(codes(addNode(g, { driver: 'raw', id: 'r', name: 'a'.repeat(31) }))).toEqual([]);
    expect(codes(addNode(g, { driver: 'raw', id: 'r', name: 'disk0' }))).toEqual(['E105']);
    expect(codes(addNode(g, { driver: 'raw', id: '#x' }))).toEqual(['E107']);
  });
});

describe('connectChild', () => {
  it('connects inline by default and keeps the input untouched', () => {
    const g = twoNodes();
    const next = value(connectChild(g, { parent: 'disk0', role: 'file', child: 'proto0' }));
    expect(next.links).toEqual([{ parent: 'disk0', role: 'file', child: 'proto0', mode: 'inline' }]);
    expect(g.links).toEqual([]);
    expect(next.nodes).toBe(g.nodes);
  });

  it('defaults to reference when another parent already defines the child inline', () => {
    const g = graph().node('a', 'raw').node('b', 'raw').node('n', 'null-co').child('a', 'file', 'n').build();
    const next = value(connectChild(g, { parent: 'b', role: 'file', child: 'n' }));
    expect(next.links[1]?.mode).toBe('reference');
    expect(codes(connectChild(g, { parent: 'b', role: 'file', child: 'n', mode: 'inline' }))).toEqual(['E204']);
  });

  it('appends to list roles with the next free index', () => {
    let g = graph().node('q', 'quorum', { 'vote-threshold': 1 }).node('a', 'null-co').node('b', 'null-co').build();
    g = value(connectChild(g, { parent: 'q', role: 'children', child: 'a' }));
    g = value(connectChild(g, { parent: 'q', role: 'children', child: 'b' }));
    expect(g.links.map((l) => l.role)).toEqual(['children.0', 'children.1']);
  });

  it('refuses roles the driver lacks, taken roles, cycles and references to unnamed nodes', () => {
    const g = value(connectChild(twoNodes(), { parent: 'disk0', role: 'file', child: 'proto0' }));
    expect(codes(connectChild(g, { parent: 'proto0', role: 'backing', child: 'disk0' }))).toEqual(['E201']);
    expect(codes(connectChild(g, { parent: 'disk0', role: 'file', child: 'proto0' }))).toEqual(['E202']);
    expect(codes(connectChild(g, { parent: 'disk0', role: 'children.0', child: 'proto0' }))).toEqual(['E201']);
    expect(codes(connectChild(g, { parent: 'disk0', role: 'backing', child: 'disk0' }))).toEqual(['E203']);
    const chain = graph().node('top', 'qcow2').node('mid', 'qcow2').child('top', 'backing', 'mid').build();
    expect(codes(connectChild(chain, { parent: 'mid', role: 'backing', child: 'top' }))).toEqual(['E203']);
    const unnamed = graph().node('a', 'raw').node('n', 'null-co', {}, { name: null }).build();
    expect(codes(connectChild(unnamed, { parent: 'a', role: 'file', child: 'n', mode: 'reference' }))).toEqual([
      'E205',
    ]);
    expect(codes(connectChild(g, { parent: 'nope', role: 'file', child: 'proto0' }))).toEqual(['E103']);
  });
});

describe('setOption', () => {
  it('sets nested options and returns the same document when nothing changes', () => {
    const g = twoNodes();
    const next = value(setOption(g, { node: 'disk0', path: ['cache', 'direct'], value: true }));
    expect(next.nodes.disk0?.options).toEqual({ cache: { direct: true } });
    expect(next.nodes.proto0).toBe(g.nodes.proto0);
    expect(value(setOption(next, { node: 'disk0', path: ['cache', 'direct'], value: true }))).toBe(next);
  });

  it('removes an option, and an emptied struct with it', () => {
    const g = value(setOption(twoNodes(), { node: 'disk0', path: ['cache', 'direct'], value: true }));
    const cleared = value(setOption(g, { node: 'disk0', path: ['cache', 'direct'], value: undefined }));
    expect(cleared.nodes.disk0?.options).toEqual({});
  });

  it('checks values against the QAPI schema', () => {
    const g = twoNodes();
    const wrong = setOption(g, { node: 'disk0', path: ['cache', 'direct'], value: 'yes' });
    expect(wrong.ok ? '' : wrong.diagnostics[0]?.message).toBe(
      "Invalid parameter type for 'cache.direct', expected: boolean",
    );
    const badEnum = setOption(g, { node: 'proto0', path: ['aio'], value: 'posix' });
    expect(badEnum.ok ? '' : badEnum.diagnostics[0]?.message).toBe("Parameter 'aio' does not accept value 'posix'");
    expect(codes(setOption(g, { node: 'proto0', path: ['aio'], value: 'native' }))).toEqual([]);
    expect(codes(setOption(g, { node: 'disk0', path: ['cache-size'], value: 1.5 }))).toEqual(['E302']);
    const unknown = setOption(g, { node: 'proto0', path: ['size'], value: 1 });
    expect(unknown.ok ? '' : unknown.diagnostics[0]?.message).toBe("Parameter 'size' is unexpected");
  });

  it('accepts only null for a child link member', () => {
    const g = twoNodes();
    expect(value(setOption(g, { node: 'disk0', path: ['backing'], value: null })).nodes.disk0?.options).toEqual({
      backing: null,
    });
    expect(codes(setOption(g, { node: 'disk0', path: ['file'], value: 'proto0' }))).toEqual(['E303']);
    expect(codes(setOption(g, { node: 'disk0', path: ['file'], value: null }))).toEqual(['E303']);
  });

  it('follows the union case that a tag selects (qcow2 encrypt)', () => {
    let g = twoNodes();
    expect(codes(setOption(g, { node: 'disk0', path: ['encrypt', 'key-secret'], value: 's0' }))).toEqual(['E301']);
    g = value(setOption(g, { node: 'disk0', path: ['encrypt', 'format'], value: 'luks' }));
    expect(codes(setOption(g, { node: 'disk0', path: ['encrypt', 'key-secret'], value: 's0' }))).toEqual([]);
  });
});

describe('removeNode, disconnectChild, setLinkMode', () => {
  it('removes a node with its links and position, and detaches frontends', () => {
    const g = seedSimpleTree();
    const next = value(removeNode(g, 'disk'));
    expect(Object.keys(next.nodes)).toEqual(['disk-file', 'backing', 'backing-file']);
    expect(next.links).toEqual([{ parent: 'backing', role: 'file', child: 'backing-file', mode: 'inline' }]);
    expect(next.frontends.vda?.root).toBeNull();
    expect(next.layout.positions.disk).toBeUndefined();
    expect(codes(removeNode(g, 'nope'))).toEqual(['E103']);
  });

  it('removes objects and frontends', () => {
    const g = graph().object('tg0', 'throttle-group').frontend('vda', 'virtio-blk-pci', null).build();
    expect(value(removeNode(g, 'tg0')).objects).toEqual({});
    expect(value(removeNode(g, 'vda')).frontends).toEqual({});
  });

  it('disconnects a child and switches link modes with the inline rules', () => {
    const g = seedSimpleTree();
    expect(value(disconnectChild(g, { parent: 'disk', role: 'backing' })).links).toHaveLength(2);
    expect(codes(disconnectChild(g, { parent: 'disk', role: 'data-file' }))).toEqual(['E206']);
    const ref = value(setLinkMode(g, { parent: 'disk', role: 'file', mode: 'reference' }));
    expect(ref.links[0]?.mode).toBe('reference');
    expect(value(setLinkMode(ref, { parent: 'disk', role: 'file', mode: 'reference' }))).toBe(ref);
  });
});

describe('objects, frontends and layout', () => {
  it('adds objects and frontends and refuses duplicates and unknown kinds', () => {
    const g = value(addObject(emptyGraph(), { qomType: 'throttle-group' })).graph;
    expect(Object.keys(g.objects)).toEqual(['throttle-group-1']);
    expect(codes(addObject(g, { qomType: 'secret', id: 'throttle-group-1' }))).toEqual(['E102']);
    expect(codes(addFrontend(g, { kind: 'floppy' }))).toEqual(['E108']);
    expect(codes(addFrontend(g, { kind: 'scsi-hd', root: 'nope' }))).toEqual(['E103']);
  });

  it('points frontends at nodes and moves things', () => {
    const g = seedSimpleTree();
    expect(value(setFrontendRoot(g, { frontend: 'vda', root: 'backing' })).frontends.vda?.root).toBe('backing');
    expect(value(setFrontendRoot(g, { frontend: 'vda', root: 'disk' }))).toBe(g);
    const at = g.layout.positions.disk ?? { x: 0, y: 0 };
    expect(moveTo(g, 'disk', at)).toBe(g);
    expect(moveTo(g, 'disk', { x: 5, y: 5 }).layout.positions.disk).toEqual({ x: 5, y: 5 });
  });
});

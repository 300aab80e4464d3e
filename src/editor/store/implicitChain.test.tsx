import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { generateNodes, qcow2Header, seedSimpleTree } from '../../model/fixtures/index.ts';
import { disconnectChild, removeNode, type BlockGraph } from '../../model/index.ts';
import { ghostFlow, ghostLabel } from '../canvas/ghostFlow.ts';
import { createEditorState } from './editorStore.ts';
import { MAX_SIMULATED_NODES, deriveImplicitChain, implicitChainOf } from './implicitChain.ts';
import { selectAllDiagnostics, selectImplicitChain } from './useEngine.ts';

/**
 * The seed without its explicit backing: disk's backing comes from disk.qcow2's header. The old
 * backing node goes too: left as a writable node on backing.qcow2, it would hold the "write" lock
 * the header's read-only backing cannot share (file-posix locks, see perms/permState.ts).
 */
function seedWithoutBacking(): BlockGraph {
  const unlinked = disconnectChild(seedSimpleTree(), { parent: 'disk', role: 'backing' });
  const removed = unlinked.ok ? removeNode(unlinked.value, 'backing') : unlinked;
  if (!removed.ok) throw new Error('cannot remove the explicit backing');
  return removed.value;
}

/** A qcow2 v3 header written by hand: magic, version, backing offset and size, header length, name. */
function handMadeHeader(backing: string): Uint8Array {
  const bytes = new Uint8Array(256);
  const view = new DataView(bytes.buffer);
  bytes.set([0x51, 0x46, 0x49, 0xfb]);
  view.setUint32(4, 3);
  view.setBigUint64(8, 128n);
  view.setUint32(16, backing.length);
  view.setUint32(100, 104);
  bytes.set(
    Array.from(backing, (c) => c.charCodeAt(0)),
    128,
  );
  return bytes;
}

const BOTH = { 'disk.qcow2': qcow2Header('backing.qcow2', 'qcow2'), 'backing.qcow2': qcow2Header() };

describe('implicit chain', () => {
  it('is off without images', () => {
    expect(deriveImplicitChain(seedWithoutBacking(), {}).status).toBe('off');
  });

  it('opens the backing file named in a header, read-only, with its file', () => {
    const chain = deriveImplicitChain(seedWithoutBacking(), BOTH);
    expect(chain.status).toBe('ok');
    expect(chain.errors).toEqual([]);
    expect(chain.nodes.map((n) => [n.name, n.driver, n.parent, n.role, n.resolved.ro])).toEqual([
      ['#disk/backing', 'qcow2', 'disk', 'backing', true],
      ['#disk/backing/file', 'file', '#disk/backing', 'file', true],
    ]);
    expect(chain.edges.map((e) => `${e.parent}>${e.child}:${e.name}`)).toEqual([
      'disk>#disk/backing:backing',
      '#disk/backing>#disk/backing/file:file',
    ]);
  });

  it('probes the backing format when the header does not record it (hand-made header)', () => {
    const chain = deriveImplicitChain(seedWithoutBacking(), {
      'disk.qcow2': handMadeHeader('backing.qcow2'),
      'backing.qcow2': qcow2Header(),
    });
    expect(chain.nodes.map((n) => n.driver)).toEqual(['qcow2', 'file']);
  });

  it('pins a missing backing file to the node whose open fails', () => {
    const chain = deriveImplicitChain(seedWithoutBacking(), { 'disk.qcow2': BOTH['disk.qcow2'] });
    expect(chain.nodes).toEqual([]);
    expect(chain.errors.map((d) => [d.node, d.code, d.message])).toEqual([
      ['disk', 'E500', "Could not open backing file: Could not open 'backing.qcow2': No such file or directory"],
    ]);
  });

  it('adds nothing when the document defines the backing itself', () => {
    expect(deriveImplicitChain(seedSimpleTree(), BOTH).nodes).toEqual([]);
  });

  it('is memoised on (document, images)', () => {
    const graph = seedWithoutBacking();
    expect(implicitChainOf(graph, BOTH)).toBe(implicitChainOf(graph, BOTH));
    expect(implicitChainOf(graph, { ...BOTH })).not.toBe(implicitChainOf(graph, BOTH));
  });

  it('places ghosts below their parents, with undeletable edges', () => {
    const graph = seedWithoutBacking();
    const { nodes, edges } = ghostFlow(deriveImplicitChain(graph, BOTH), graph.layout);
    const disk = graph.layout.positions.disk ?? { x: 0, y: 0 };
    expect(nodes[0]).toMatchObject({ id: '#disk/backing', draggable: false, deletable: false });
    expect(nodes[0]?.ariaLabel).toBe(ghostLabel('#disk/backing', 'qcow2'));
    expect(nodes[0]?.ariaLabel).toBe('#disk/backing (qcow2, from image header)');
    expect(nodes[0]?.position.y).toBeGreaterThan(disk.y);
    expect(nodes[1]?.position.y).toBeGreaterThan(nodes[0]?.position.y ?? Infinity);
    expect(edges.map((e) => [e.source, e.target, e.data?.role, e.deletable])).toEqual([
      ['disk', '#disk/backing', 'backing', false],
      ['#disk/backing', '#disk/backing/file', 'file', false],
    ]);
  });
});

describe('editor store images', () => {
  it('adds, replaces and removes images outside the document', () => {
    const store = createStore(createEditorState(seedWithoutBacking()));
    const document = store.getState().document;
    store.getState().addImages({ 'disk.qcow2': qcow2Header('old.qcow2') });
    store.getState().addImages(BOTH);
    expect(Object.keys(store.getState().images).sort()).toEqual(['backing.qcow2', 'disk.qcow2']);
    expect(store.getState().images['disk.qcow2']).toBe(BOTH['disk.qcow2']);
    expect(store.getState().document).toBe(document);
    expect(selectImplicitChain(store.getState()).nodes).toHaveLength(2);

    store.getState().removeImage('backing.qcow2');
    expect(Object.keys(store.getState().images)).toEqual(['disk.qcow2']);
    const diagnostics = selectAllDiagnostics(store.getState());
    expect(diagnostics.map((d) => d.node)).toEqual(['disk']);
    expect(selectAllDiagnostics(store.getState())).toBe(diagnostics);

    const before = store.getState().images;
    store.getState().removeImage('nothing.qcow2');
    store.getState().addImages({});
    expect(store.getState().images).toBe(before);
    store.getState().removeImage('disk.qcow2');
    expect(store.getState().images).toEqual({});
    expect(selectImplicitChain(store.getState()).status).toBe('off');
  });
});

describe('ghost placement', () => {
  it('moves a ghost clear of document nodes', () => {
    const graph = seedWithoutBacking();
    const { nodes } = ghostFlow(deriveImplicitChain(graph, BOTH), graph.layout);
    const taken = Object.values(graph.layout.positions);
    for (const ghost of nodes) {
      const near = taken.filter((p) => Math.abs(p.x - ghost.position.x) < 190 && Math.abs(p.y - ghost.position.y) < 80);
      expect(near).toEqual([]);
    }
  });

  it('does not simulate documents above the node limit', () => {
    const big = generateNodes(MAX_SIMULATED_NODES + 1);
    expect(deriveImplicitChain(big, BOTH).status).toBe('too-large');
  });
});

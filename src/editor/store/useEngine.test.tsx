import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { GraphBuilder, generateNodes, graph, seedSimpleTree } from '../../model/fixtures/index.ts';
import * as model from '../../model/index.ts';
import { createEditorState } from './editorStore.ts';
import { MAX_SIMULATED_NODES } from './implicitChain.ts';
import {
  diagnosticsOf,
  effectiveOptionsOf,
  memoByDocument,
  selectDiagnostics,
  selectEffectiveOptions,
  selectNodeProblems,
} from './useEngine.ts';

// Counts engine runs while keeping the real engine.
vi.mock('../../model/index.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof model>();
  return { ...actual, resolveOptions: vi.fn(actual.resolveOptions), validateDocument: vi.fn(actual.validateDocument) };
});

const seeded = () => createStore(createEditorState(seedSimpleTree()));

describe('engine selectors', () => {
  beforeEach(() => {
    vi.mocked(model.resolveOptions).mockClear();
    vi.mocked(model.validateDocument).mockClear();
  });

  it('runs the engine once per document, whatever else changes in the store', () => {
    const store = seeded();
    const first = selectEffectiveOptions(store.getState(), 'disk-file');
    store.getState().select('disk');
    store.getState().selectEdge('link:disk:file');
    expect(selectEffectiveOptions(store.getState(), 'disk-file')).toBe(first);
    expect(selectDiagnostics(store.getState())).toBe(selectDiagnostics(store.getState()));
    expect(model.resolveOptions).toHaveBeenCalledTimes(1);
    expect(model.validateDocument).toHaveBeenCalledTimes(1);

    store.getState().setOption({ node: 'disk', path: ['cache', 'direct'], value: true });
    expect(selectEffectiveOptions(store.getState(), 'disk-file')?.['cache.direct']).toEqual({
      value: true,
      origin: { kind: 'inherited', from: 'disk', role: 'file' },
    });
    expect(model.resolveOptions).toHaveBeenCalledTimes(2);
  });

  it('follows a link switched to reference: the child inherits nothing', () => {
    const store = seeded();
    store.getState().setOption({ node: 'disk', path: ['cache', 'direct'], value: true });
    expect(store.getState().setLinkMode({ parent: 'disk', role: 'file', mode: 'reference' })).toEqual([]);
    expect(selectEffectiveOptions(store.getState(), 'disk-file')?.['cache.direct']).toEqual({
      value: false,
      origin: { kind: 'default' },
    });
    expect(selectEffectiveOptions(store.getState(), 'vda')).toBeUndefined();
  });

  it('groups diagnostics by node and lists a node without problems as empty', () => {
    const store = seeded();
    expect(selectDiagnostics(store.getState())).toEqual([]);
    const id = store.getState().addNode({ driver: 'file' }) ?? '';
    expect(selectNodeProblems(store.getState(), id)).toEqual(["Parameter 'filename' is missing"]);
    expect(selectNodeProblems(store.getState(), 'disk')).toEqual([]);
    expect(selectDiagnostics(store.getState()).map((d) => [d.node, d.code])).toEqual([[id, 'E304']]);
  });

  it('caches by document reference, so equal but distinct documents are computed apart', () => {
    const compute = vi.fn((g: model.BlockGraph) => Object.keys(g.nodes).length);
    const memo = memoByDocument(compute);
    const a = graph().node('n', 'null-co').build();
    const b = graph().node('n', 'null-co').build();
    expect([memo(a), memo(a), memo(b)]).toEqual([1, 1, 1]);
    expect(compute).toHaveBeenCalledTimes(2);
    expect(diagnosticsOf(a).byNode.size).toBe(0);
    expect(effectiveOptionsOf(a)).toBe(effectiveOptionsOf(a));
  });
});

describe('QEMU refusals in the diagnostics', () => {
  it('lists what QEMU refuses in the document, at its node, in its words', () => {
    const doc = graph()
      .node('t', 'throttle', { 'throttle-group': 'tg9' })
      .node('n', 'null-co')
      .child('t', 'file', 'n')
      .build();
    expect(diagnosticsOf(doc).all.map((d) => [d.code, d.node, d.message])).toEqual([
      ['E500', 't', "Throttle group 'tg9' does not exist"],
    ]);
  });
});

describe('QEMU refusals in a document too large to simulate', () => {
  it('still lists the permission refusals QEMU meets while building it, at their node', () => {
    const doc = new GraphBuilder(generateNodes(MAX_SIMULATED_NODES + 100))
      .node('q1', 'qcow2')
      .node('f1', 'file', { filename: 'shared.qcow2' }, { name: null })
      .node('q2', 'qcow2')
      .node('f2', 'file', { filename: 'shared.qcow2' }, { name: null })
      .child('q1', 'file', 'f1')
      .child('q2', 'file', 'f2')
      .build();
    expect(diagnosticsOf(doc).all.map((d) => [d.code, d.node, d.message])).toEqual([
      ['E500', 'f2', 'Failed to get "write" lock'],
    ]);
  });
});

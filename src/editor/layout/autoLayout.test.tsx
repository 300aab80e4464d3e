import type { InternalNode } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { seedSimpleTree } from '../../model/fixtures/index.ts';
import type { FlowNode } from '../canvas/flowTypes.ts';
import { createEditorState } from '../store/editorStore.ts';
import { createViewState } from '../view/viewStore.ts';
import { autoLayout, type AutoLayoutDeps } from './autoLayout.ts';
import { canvasGeometry } from './canvasGeometry.ts';
import { workerLayoutRunner, type LayoutResult, type LayoutRunner, type WorkerLike } from './layoutClient.ts';
import type { LayoutReply, LayoutRequest } from './layoutProtocol.ts';

/** A worker that answers only when the test says so. */
function fakeWorker() {
  const requests: LayoutRequest[] = [];
  let reply: (r: LayoutReply) => void = () => undefined;
  let fail: (m: string) => void = () => undefined;
  let terminated = 0;
  const worker: WorkerLike = {
    postMessage: (request) => requests.push(request),
    onReply: (listener) => {
      reply = listener;
    },
    onFailure: (listener) => {
      fail = listener;
    },
    terminate: () => {
      terminated++;
    },
  };
  return {
    worker,
    requests,
    reply: (r: LayoutReply) => {
      reply(r);
    },
    fail: (m: string) => {
      fail(m);
    },
    terminated: () => terminated,
  };
}

describe('workerLayoutRunner', () => {
  it('resolves a run with the worker’s positions, and drops answers to older requests', async () => {
    const fake = fakeWorker();
    let started = 0;
    const runner = workerLayoutRunner(() => {
      started++;
      return fake.worker;
    });
    const first = runner.run({ id: 'root' });
    const second = runner.run({ id: 'root' });
    // The first was cancelled by the second: the worker was stopped and a new one started.
    expect(await first).toEqual({ ok: false, reason: 'cancelled' });
    expect(fake.terminated()).toBe(1);
    expect(started).toBe(2);
    fake.reply({ id: fake.requests[0]?.id ?? 0, ok: true, positions: { a: { x: 1, y: 1 } } });
    fake.reply({ id: fake.requests[1]?.id ?? 0, ok: true, positions: { a: { x: 2, y: 2 } } });
    expect(await second).toEqual({ ok: true, positions: { a: { x: 2, y: 2 } } });
  });

  it('reports ELK’s failure and a worker that cannot start, as values', async () => {
    const fake = fakeWorker();
    const runner = workerLayoutRunner(() => fake.worker);
    const failed = runner.run({ id: 'root' });
    fake.reply({ id: fake.requests[0]?.id ?? 0, ok: false, error: 'bad graph' });
    expect(await failed).toEqual({ ok: false, reason: 'failed', error: 'bad graph' });
    const crashed = runner.run({ id: 'root' });
    fake.fail('the layout worker could not start');
    expect(await crashed).toEqual({ ok: false, reason: 'failed', error: 'the layout worker could not start' });
  });
});

/** A runner that hands each graph to the test, which settles it. */
function manualRunner() {
  const runs: { nodes: string[]; settle: (r: LayoutResult) => void }[] = [];
  const runner: LayoutRunner = {
    run: (graph) =>
      new Promise((resolve) => {
        runs.push({ nodes: (graph.children ?? []).map((c) => c.id), settle: resolve });
      }),
    cancel: () => runs.at(-1)?.settle({ ok: false, reason: 'cancelled' }),
  };
  return { runner, runs };
}

function setup() {
  const editor = createStore(createEditorState(seedSimpleTree()));
  const view = createStore(createViewState);
  const { runner, runs } = manualRunner();
  let fits = 0;
  const deps: AutoLayoutDeps = {
    editor,
    view,
    runner,
    geometry: () => new Map(),
    fitView: () => {
      fits++;
    },
    now: () => 1000,
  };
  return { editor, view, runs, deps, fits: () => fits };
}

/** Positions for every canvas node of the seed, one row apart, parents first. */
function rows(nodes: readonly string[]): Record<string, { x: number; y: number }> {
  return Object.fromEntries(nodes.map((id, i) => [id, { x: 0, y: i * 100 }]));
}

describe('autoLayout', () => {
  it('shows progress while it runs, then writes every position as one undo entry and fits the view', async () => {
    const { editor, view, runs, deps, fits } = setup();
    const before = editor.getState().document;
    const done = autoLayout(deps);
    expect(view.getState().layout).toEqual({ state: 'running', nodes: 5, since: 1000 });
    runs[0]?.settle({ ok: true, positions: rows(runs[0].nodes) });
    expect(await done).toBe('applied');
    expect(view.getState().layout.state).toBe('idle');
    expect(fits()).toBe(1);
    const after = editor.getState().document;
    expect(after.layout.positions).not.toEqual(before.layout.positions);
    expect(editor.getState().history.past).toHaveLength(1);
    editor.getState().undo();
    expect(editor.getState().document).toBe(before);
  });

  it('drops a result for a document that changed meanwhile, and says so', async () => {
    const { editor, runs, deps } = setup();
    const done = autoLayout(deps);
    editor.getState().addNode({ driver: 'null-co' });
    const changed = editor.getState().document;
    runs[0]?.settle({ ok: true, positions: rows(runs[0].nodes) });
    expect(await done).toBe('stale');
    expect(editor.getState().document).toBe(changed);
    expect(editor.getState().notice?.text).toMatch(/document changed while the layout ran/);
  });

  it('changes nothing when cancelled, and reports a failure', async () => {
    const { editor, view, runs, deps } = setup();
    const before = editor.getState().document;
    const cancelled = autoLayout(deps);
    deps.runner.cancel();
    expect(await cancelled).toBe('cancelled');
    expect(view.getState().layout.state).toBe('idle');
    const failed = autoLayout(deps);
    runs[1]?.settle({ ok: false, reason: 'failed', error: 'ELK said no' });
    expect(await failed).toBe('failed');
    expect(editor.getState().notice).toEqual({
      tone: 'error',
      text: 'The automatic layout failed.',
      details: ['ELK said no'],
    });
    expect(editor.getState().document).toBe(before);
  });
});

describe('canvasGeometry', () => {
  it('takes measured sizes and handle places, skipping nodes not measured yet', () => {
    const measured = {
      id: 'disk',
      measured: { width: 180, height: 70 },
      internals: {
        handleBounds: {
          source: [
            { id: 'role:file', nodeId: 'disk', x: 40, y: 66, width: 8, height: 8, position: 'bottom', type: 'source' },
          ],
          target: [
            { id: 'parent', nodeId: 'disk', x: 86, y: -4, width: 8, height: 8, position: 'top', type: 'target' },
          ],
        },
      },
    } as unknown as InternalNode<FlowNode>;
    const unmeasured = { id: 'x', measured: {}, internals: {} } as unknown as InternalNode<FlowNode>;
    expect(canvasGeometry([measured, unmeasured])).toEqual(
      new Map([
        [
          'disk',
          {
            width: 180,
            height: 70,
            handles: [
              { id: 'parent', side: 'NORTH', x: 86, y: -4, width: 8, height: 8 },
              { id: 'role:file', side: 'SOUTH', x: 40, y: 66, width: 8, height: 8 },
            ],
          },
        ],
      ]),
    );
  });
});

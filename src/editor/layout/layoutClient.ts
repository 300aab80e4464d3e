import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Position } from '../../model/index.ts';
import type { LayoutReply, LayoutRequest } from './layoutProtocol.ts';

/** How a layout run ended: positions, cancelled by the user (or a newer run), or ELK's failure. */
export type LayoutResult =
  | { ok: true; positions: Record<string, Position> }
  | { ok: false; reason: 'cancelled' }
  | { ok: false; reason: 'failed'; error: string };

/** Runs layouts somewhere else than the page's thread; one at a time. */
export interface LayoutRunner {
  /** Lays a graph out; a run still going is cancelled first. */
  run: (graph: ElkNode) => Promise<LayoutResult>;
  /** Cancels the run still going, if any (its promise resolves as cancelled). */
  cancel: () => void;
}

/** A worker as the runner uses it: requests in; replies, or a failure (it did not load, it crashed), out. */
export interface WorkerLike {
  postMessage: (request: LayoutRequest) => void;
  onReply: (listener: (reply: LayoutReply) => void) => void;
  onFailure: (listener: (message: string) => void) => void;
  terminate: () => void;
}

/** The browser's module worker running `layout.worker.ts` (Vite bundles it as a worker of its own). */
export function startLayoutWorker(): WorkerLike {
  const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'layout' });
  return {
    postMessage: (request) => {
      worker.postMessage(request);
    },
    onReply: (listener) => {
      worker.addEventListener('message', (event: MessageEvent<LayoutReply>) => {
        listener(event.data);
      });
    },
    onFailure: (listener) => {
      worker.addEventListener('error', (event) => {
        listener(event.message === '' ? 'the layout worker could not start' : event.message);
      });
    },
    terminate: () => {
      worker.terminate();
    },
  };
}

/**
 * A layout runner over a worker that `makeWorker` starts when first needed. Cancelling stops the
 * worker outright (ELK cannot be interrupted), and the next run starts a fresh one; an answer to any
 * request but the last is dropped.
 */
export function workerLayoutRunner(makeWorker: () => WorkerLike): LayoutRunner {
  let worker: WorkerLike | undefined;
  let lastId = 0;
  let pending: { id: number; resolve: (result: LayoutResult) => void } | undefined;

  const settle = (id: number, result: LayoutResult) => {
    if (pending?.id !== id) return;
    const { resolve } = pending;
    pending = undefined;
    resolve(result);
  };

  const start = (): WorkerLike => {
    const started = makeWorker();
    started.onReply((reply) => {
      settle(
        reply.id,
        reply.ok ? { ok: true, positions: reply.positions } : { ok: false, reason: 'failed', error: reply.error },
      );
    });
    started.onFailure((message) => {
      if (pending !== undefined) settle(pending.id, { ok: false, reason: 'failed', error: message });
      // A worker that failed to load or crashed is not used again.
      started.terminate();
      if (worker === started) worker = undefined;
    });
    return started;
  };

  const cancel = () => {
    if (pending === undefined) return;
    worker?.terminate();
    worker = undefined;
    settle(pending.id, { ok: false, reason: 'cancelled' });
  };

  return {
    run: (graph) => {
      cancel();
      const id = ++lastId;
      worker ??= start();
      const running = worker;
      return new Promise<LayoutResult>((resolve) => {
        pending = { id, resolve };
        running.postMessage({ id, graph });
      });
    },
    cancel,
  };
}
